package dev.xsight.st2110;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.xsight.media.FrameRate;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class RtpTimecodeTest {
    /** ST 2110-10: RTP time = PTP (TAI) seconds x 90000 mod 2^32; TAI = UTC + 37 s. Computed here by hand. */
    static long rtpFor(Instant utc) {
        long tai = utc.getEpochSecond() + 37;
        long ticks = tai * 90_000L + utc.getNano() / 100_000L * 9;
        return ticks & 0xFFFF_FFFFL;
    }

    static long nanos(Instant i) {
        return i.getEpochSecond() * 1_000_000_000L + i.getNano();
    }

    @Test
    void timecodeOfDayIsUtcFromTaiRtpTime() {
        Instant t = Instant.parse("2026-11-21T13:42:10.520Z"); // 26th frame of the second at 50 fps
        long rtp = rtpFor(t);
        RtpTimecode tc = RtpTimecode.forRate(FrameRate.FPS_50, 0);
        assertEquals("13:42:10:26", tc.timecode(rtp, nanos(t)).toString());
        // The local clock may differ from the sender's by up to an hour either way.
        assertEquals("13:42:10:26", tc.timecode(rtp, nanos(t.plusSeconds(3500))).toString());
        assertEquals("13:42:10:26", tc.timecode(rtp, nanos(t.minusSeconds(3500))).toString());
    }

    @Test
    void userTimeZoneOffsetShiftsTheTimecode() {
        Instant t = Instant.parse("2026-11-21T23:30:00Z");
        RtpTimecode cet = RtpTimecode.forRate(FrameRate.FPS_25, 3600);
        assertEquals("00:30:00:00", cet.timecode(rtpFor(t), nanos(t)).toString());
    }

    @Test
    void unwrapsAcrossTheThirtyTwoBitWrap() {
        // Find an instant just after the 32-bit RTP clock wraps (every 2^32 / 90000 s = 13.25 h).
        long wrapTai = ((nanos(Instant.parse("2026-11-21T00:00:00Z")) / 1_000_000_000L + 37) * 90_000L
                / (1L << 32) + 1) * (1L << 32);
        long wrapUtcSeconds = wrapTai / 90_000L - 37 + 1; // one second after the wrap
        Instant after = Instant.ofEpochSecond(wrapUtcSeconds);
        long rtp = rtpFor(after);
        long local = nanos(after.minusSeconds(20)); // local clock still before the wrap
        assertEquals(nanos(after) / 1_000_000L, RtpTimecode.utcNanos(rtp, local) / 1_000_000L);
    }

    @Test
    void dropFrameForFiftyNineNinetyFour() {
        Instant t = Instant.parse("2026-11-21T00:10:00Z");
        // 600 s at 60000/1001 is 35964.03 frames: frame 35964, which drop-frame counting (SMPTE ST 12-1: labels 0
        // and 1 skipped each minute except every tenth) names 00:10:00;00.
        assertEquals("00:10:00;00", RtpTimecode.forRate(FrameRate.FPS_59_94, 0).timecode(rtpFor(t), nanos(t))
                .toString());
    }

    @Test
    void senderTimestampsMatchTheReceiverClock() {
        long now = nanos(Instant.parse("2026-11-21T13:42:10.520Z"));
        assertEquals(rtpFor(Instant.parse("2026-11-21T13:42:10.520Z")), RtpTimecode.rtpTimestamp(now));
    }
}
