package dev.xsight.media;

import java.util.List;
import java.util.Locale;

/**
 * A snapshot of a source's health for the status bar: the figures every source has, the legs of an ST 2022-7 stream,
 * the renditions of an HLS presentation, and the error the source last reported. {@link #summary()} is the line a
 * person reads.
 *
 * @param state whether pictures flow cleanly right now
 * @param detail what the source adds to the line: its format and counters, e.g. {@code 59.94 fps · 0 lost · ...}
 * @param frames frames delivered (or completed) so far
 * @param dropped frames dropped so far (late, undecodable, or a listener that fell behind)
 * @param concealed frames shown with concealed parts so far
 * @param latencyMs receive-to-picture latency (99th percentile), NaN where not measured
 * @param liveOffsetS how far behind the live edge the picture plays, NaN when the source is not live
 * @param legs the legs of an ST 2022-7 stream (one for a stream without redundancy), empty for other sources
 * @param renditions the HLS renditions in play (the variant, and an audio rendition), empty for other sources
 * @param error the failure the source last reported and still stands, or null
 */
public record SourceHealth(State state, String detail, long frames, long dropped, long concealed, double latencyMs,
        double liveOffsetS, List<Leg> legs, List<Rendition> renditions, SourceException error) {

    /** Whether pictures flow cleanly. */
    public enum State {
        /** Nothing delivered yet. */
        STARTING,
        /** Pictures flow and nothing is lost. */
        OK,
        /** Pictures flow, but frames are lost, dropped or concealed, a leg is down, or a rendition failed. */
        DEGRADED,
        /** The source stopped with an error. */
        FAILED
    }

    /**
     * One leg of a received stream (ST 2022-7: legs A and B in SDP order).
     *
     * @param name {@code A}, {@code B}
     * @param state {@code waiting}, {@code up}, {@code down} or {@code failed}
     * @param up false when the leg is down or failed, leaving the stream unprotected
     */
    public record Leg(String name, String state, boolean up, long packets, long lost, long duplicates,
            double jitterMs) {
    }

    /**
     * One HLS rendition in play.
     *
     * @param type {@code video} (a variant) or {@code audio} (an alternative rendition)
     * @param name the variant's description or the rendition's NAME
     * @param language the rendition's LANGUAGE, or null
     * @param bandwidth the variant's BANDWIDTH in bit/s, 0 when not known
     * @param error why the rendition failed while the source goes on, or null
     */
    public record Rendition(String type, String name, String language, long bandwidth, SourceException error) {
    }

    public SourceHealth {
        legs = List.copyOf(legs);
        renditions = List.copyOf(renditions);
    }

    /** A source with figures only (no legs, renditions or live offset). */
    public static SourceHealth of(State state, String detail, long frames, long dropped, SourceException error) {
        return new SourceHealth(state, detail, frames, dropped, 0, Double.NaN, Double.NaN, List.of(), List.of(),
                error);
    }

    /** A source that has delivered nothing yet. */
    public static SourceHealth starting(String detail) {
        return of(State.STARTING, detail, 0, 0, null);
    }

    /** False when frames are being lost, dropped or concealed, or the source failed. */
    public boolean ok() {
        return state == State.OK || state == State.STARTING;
    }

    /**
     * The line for the health bar: the detail, then how far behind live, the state of each ST 2022-7 leg, the
     * renditions that failed and the error, e.g. {@code 59.94 fps · 0 lost · ... · 2022-7 A up / B down}.
     */
    public String summary() {
        StringBuilder b = new StringBuilder(detail);
        if (!Double.isNaN(liveOffsetS)) {
            b.append(String.format(Locale.ROOT, " · live -%.1f s", liveOffsetS));
        }
        if (legs.size() > 1) {
            b.append(" · 2022-7");
            for (int i = 0; i < legs.size(); i++) {
                b.append(i == 0 ? " " : " / ").append(legs.get(i).name()).append(' ').append(legs.get(i).state());
            }
        }
        for (Rendition r : renditions) {
            if (r.error() != null) {
                b.append(" · ").append(r.error().getMessage()).append(" (picture only)");
            }
        }
        if (error != null) {
            b.append(" · ").append(error.getMessage());
        }
        return b.toString();
    }
}
