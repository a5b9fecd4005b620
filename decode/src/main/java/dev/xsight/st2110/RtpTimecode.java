package dev.xsight.st2110;

import dev.xsight.media.FrameRate;
import dev.xsight.media.Timecode;

/**
 * SMPTE timecode of day from an ST 2110 RTP timestamp. ST 2110-10 section 7: the RTP timestamp of a video frame is
 * its PTP time (ST 2059-1: TAI seconds since 1970-01-01) x 90 kHz, modulo 2^32; it wraps about every 13.25 hours.
 * The full value is recovered from the local clock (the sender's and ours must agree within an hour; the unwrap
 * window is +-6.6 hours), converted to UTC by the TAI-UTC offset (37 s since 2017), shifted by the user's time zone,
 * and counted in frames of the stream's exact rate (drop-frame for 30000/1001 and 60000/1001).
 *
 * <p>Immutable; thread-safe.
 */
public final class RtpTimecode {
    /** TAI - UTC since 2017-01-01 (IERS Bulletin C; no leap second announced since). */
    public static final long TAI_UTC_SECONDS = 37;
    private static final long DAY_NANOS = 86_400_000_000_000L;

    private final FrameRate rate;
    private final boolean dropFrame;
    private final long zoneOffsetNanos;

    /**
     * @param zoneOffsetSeconds added to UTC, e.g. 3600 for CET
     */
    public RtpTimecode(FrameRate rate, boolean dropFrame, int zoneOffsetSeconds) {
        if (dropFrame && !rate.supportsDropFrame()) {
            throw new IllegalArgumentException("drop-frame timecode needs 30000/1001 or 60000/1001, not " + rate);
        }
        this.rate = rate;
        this.dropFrame = dropFrame;
        this.zoneOffsetNanos = zoneOffsetSeconds * 1_000_000_000L;
    }

    /** Drop-frame where the rate has it (the broadcast convention). */
    public static RtpTimecode forRate(FrameRate rate, int zoneOffsetSeconds) {
        return new RtpTimecode(rate, rate.supportsDropFrame(), zoneOffsetSeconds);
    }

    /** The 90 kHz PTP tick count (rounded down) for a UTC time in nanoseconds since the Unix epoch. */
    public static long ptpTicks(long utcNanos) {
        long taiNanos = utcNanos + TAI_UTC_SECONDS * 1_000_000_000L;
        // 90 kHz: 9 ticks per 100 us.
        return Math.floorDiv(taiNanos, 100_000L) * 9 + Math.floorMod(taiNanos, 100_000L) * 9 / 100_000L;
    }

    /** The RTP timestamp (mod 2^32) of the PTP instant for a UTC time in nanoseconds since the Unix epoch. */
    public static long rtpTimestamp(long utcNanos) {
        return ptpTicks(utcNanos) & 0xFFFF_FFFFL;
    }

    /** Full 90 kHz PTP tick count for {@code rtpTimestamp}, unwrapped against {@code localUtcNanos}. */
    public static long unwrap(long rtpTimestamp, long localUtcNanos) {
        long now = ptpTicks(localUtcNanos);
        int delta = (int) (rtpTimestamp - (now & 0xFFFF_FFFFL));
        return now + delta;
    }

    /** UTC nanoseconds since the Unix epoch of the unwrapped RTP timestamp. */
    public static long utcNanos(long rtpTimestamp, long localUtcNanos) {
        long ticks = unwrap(rtpTimestamp, localUtcNanos);
        long taiNanos = Math.multiplyExact(ticks / 9, 100_000L) + ticks % 9 * 100_000L / 9;
        return taiNanos - TAI_UTC_SECONDS * 1_000_000_000L;
    }

    /** Timecode of day of the frame with {@code rtpTimestamp}, given the local UTC clock now. */
    public Timecode timecode(long rtpTimestamp, long localUtcNanos) {
        long utc = utcNanos(rtpTimestamp, localUtcNanos);
        long ofDay = Math.floorMod(utc + zoneOffsetNanos, DAY_NANOS);
        // The RTP timestamp is the frame time rounded down to a 90 kHz tick (up to 11.1 us early): add just under a
        // tick so the count lands in the frame itself.
        return Timecode.ofNanosOfDay(ofDay + 11_110, rate, dropFrame);
    }

    public FrameRate rate() {
        return rate;
    }
}
