package dev.xsight.hls.playlist;

import java.net.URI;
import java.time.OffsetDateTime;

/**
 * One media segment of a media playlist, RFC 8216 section 3 and 4.3.2.
 *
 * @param uri where the segment is
 * @param durationNanos {@code EXTINF} duration
 * @param sequence media sequence number (section 6.2.1: EXT-X-MEDIA-SEQUENCE plus position)
 * @param discontinuitySequence discontinuity sequence number (section 6.2.2)
 * @param discontinuity whether {@code EXT-X-DISCONTINUITY} precedes it
 * @param programDateTime the wall-clock time of its first sample: from {@code EXT-X-PROGRAM-DATE-TIME}, or carried
 *        forward from an earlier one plus the durations in between; null when the playlist gives none
 * @param programDateTimeExplicit whether the tag was on this very segment
 * @param range {@code EXT-X-BYTERANGE}, or null
 * @param key the key in force, or null when clear
 * @param init the {@code EXT-X-MAP} in force, or null (MPEG-TS needs none)
 * @param line the playlist line of the segment's URI
 */
public record MediaSegment(URI uri, long durationNanos, long sequence, long discontinuitySequence,
        boolean discontinuity, OffsetDateTime programDateTime, boolean programDateTimeExplicit, ByteRange range,
        SegmentKey key, InitSection init, int line) {

    /** Duration in seconds. */
    public double durationSeconds() {
        return durationNanos / 1e9;
    }
}
