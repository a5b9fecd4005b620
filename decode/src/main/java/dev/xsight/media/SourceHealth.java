package dev.xsight.media;

import java.util.Map;

/**
 * A snapshot of a source's health for the status bar: one line a person can read, whether all is well, and the
 * counters behind it (for JSON statistics).
 *
 * @param ok false when frames are being lost, dropped or concealed right now
 * @param summary e.g. {@code 59.94 fps · 0 lost · jitter 0.1 ms}
 * @param counters named figures (packets, lost, frames_dropped, live_offset_s ...)
 */
public record SourceHealth(boolean ok, String summary, Map<String, Object> counters) {
    public SourceHealth {
        counters = Map.copyOf(counters);
    }

    public static SourceHealth of(String summary) {
        return new SourceHealth(true, summary, Map.of());
    }
}
