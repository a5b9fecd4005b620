package dev.xsight.hls.playlist;

import java.net.URI;
import java.util.List;

/**
 * A media playlist, RFC 8216 section 4.3.3: the segments of one rendition, live (sliding window or EVENT) or VOD.
 *
 * @param uri where it was loaded from
 * @param version {@code EXT-X-VERSION} (1 when absent)
 * @param targetDurationNanos {@code EXT-X-TARGETDURATION} in nanoseconds (required)
 * @param mediaSequence {@code EXT-X-MEDIA-SEQUENCE}: sequence number of the first segment
 * @param discontinuitySequence {@code EXT-X-DISCONTINUITY-SEQUENCE}
 * @param type {@code EXT-X-PLAYLIST-TYPE}
 * @param endList {@code EXT-X-ENDLIST}: no more segments will be added
 * @param segments the segments in order
 * @param startOffsetNanos {@code EXT-X-START:TIME-OFFSET} in nanoseconds, or {@link Long#MIN_VALUE} when absent
 */
public record MediaPlaylist(URI uri, int version, long targetDurationNanos, long mediaSequence,
        long discontinuitySequence, PlaylistType type, boolean endList, List<MediaSegment> segments,
        long startOffsetNanos) implements Playlist {
    public MediaPlaylist {
        segments = List.copyOf(segments);
    }

    /** Live: more segments may come (no {@code EXT-X-ENDLIST}). */
    public boolean isLive() {
        return !endList;
    }

    /** Sum of the segment durations. */
    public long durationNanos() {
        long d = 0;
        for (MediaSegment s : segments) {
            d += s.durationNanos();
        }
        return d;
    }

    /** Sequence number one past the last segment. */
    public long nextSequence() {
        return mediaSequence + segments.size();
    }
}
