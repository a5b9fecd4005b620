package dev.xsight.hls.fetch;

import dev.xsight.hls.playlist.Variant;
import java.util.List;

/**
 * Chooses a variant stream from a throughput estimate, or honours a pinned choice. Automatic choice takes the highest
 * variant whose BANDWIDTH fits within {@link #BANDWIDTH_FRACTION} of the estimate (the safety margin ExoPlayer's
 * adaptive selection uses); switching down is immediate, switching up waits for the estimate to clear the margin.
 *
 * <p>Pure and thread-safe.
 */
public final class RenditionSelector {
    /** Share of the measured throughput a variant's peak bandwidth may use. */
    public static final double BANDWIDTH_FRACTION = 0.7;

    private final RenditionChoice choice;

    public RenditionSelector(RenditionChoice choice) {
        this.choice = choice;
    }

    /**
     * The variant to play next.
     *
     * @param byBandwidth variants by ascending bandwidth (not empty)
     * @param estimateBps measured throughput in bits/s, or 0 when nothing is measured yet
     */
    public Variant select(List<Variant> byBandwidth, long estimateBps) {
        return switch (choice.mode()) {
            case HIGHEST -> byBandwidth.getLast();
            case LOWEST -> byBandwidth.getFirst();
            case BANDWIDTH -> {
                Variant best = byBandwidth.getFirst();
                for (Variant v : byBandwidth) {
                    if (Math.abs(v.bandwidth() - choice.bandwidth()) < Math.abs(best.bandwidth() - choice.bandwidth())) {
                        best = v;
                    }
                }
                yield best;
            }
            case AUTO -> {
                Variant best = byBandwidth.getFirst();
                for (Variant v : byBandwidth) {
                    if (v.bandwidth() <= estimateBps * BANDWIDTH_FRACTION) {
                        best = v;
                    }
                }
                yield best;
            }
        };
    }
}
