package dev.xsight.hls.playlist;

import java.net.URI;
import java.util.List;

/**
 * One {@code EXT-X-STREAM-INF} variant stream, RFC 8216 section 4.3.4.2.
 *
 * @param uri the media playlist
 * @param bandwidth peak bits per second ({@code BANDWIDTH}, required)
 * @param averageBandwidth {@code AVERAGE-BANDWIDTH}, or -1 when absent
 * @param width {@code RESOLUTION} width, or 0 when absent
 * @param height {@code RESOLUTION} height, or 0 when absent
 * @param codecs {@code CODECS} entries (e.g. {@code hvc1.2.4.L93.B0}, {@code mp4a.40.2}), empty when absent
 * @param frameRate {@code FRAME-RATE}, or 0 when absent
 * @param audioGroup {@code AUDIO} group id, or null
 * @param line the playlist line of the tag
 */
public record Variant(URI uri, long bandwidth, long averageBandwidth, int width, int height, List<String> codecs,
        double frameRate, String audioGroup, int line) {
    public Variant {
        codecs = List.copyOf(codecs);
    }

    /** E.g. {@code 1920x1080 6.0 Mb/s}. */
    public String describe() {
        String res = width > 0 ? width + "x" + height + " " : "";
        return res + String.format(java.util.Locale.ROOT, "%.1f Mb/s", bandwidth / 1e6);
    }
}
