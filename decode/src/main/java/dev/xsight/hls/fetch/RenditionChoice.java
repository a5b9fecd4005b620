package dev.xsight.hls.fetch;

/**
 * Which variant stream to play: chosen automatically by measured throughput, or pinned (a reviewer often wants the
 * top rendition and never a switch).
 *
 * @param mode AUTO, HIGHEST, LOWEST or BANDWIDTH
 * @param bandwidth for BANDWIDTH: the variant whose BANDWIDTH is closest to this is pinned
 */
public record RenditionChoice(Mode mode, long bandwidth) {
    public static final RenditionChoice AUTO = new RenditionChoice(Mode.AUTO, 0);
    public static final RenditionChoice HIGHEST = new RenditionChoice(Mode.HIGHEST, 0);
    public static final RenditionChoice LOWEST = new RenditionChoice(Mode.LOWEST, 0);

    /** Modes of choice. */
    public enum Mode {
        AUTO, HIGHEST, LOWEST, BANDWIDTH
    }

    /** Parses {@code auto}, {@code highest}, {@code lowest} or a bandwidth in bits/s (pinned to the nearest). */
    public static RenditionChoice parse(String text) {
        String t = text.trim().toLowerCase(java.util.Locale.ROOT);
        return switch (t) {
            case "auto" -> AUTO;
            case "highest", "top" -> HIGHEST;
            case "lowest" -> LOWEST;
            default -> {
                try {
                    long b = Long.parseLong(t);
                    if (b <= 0) {
                        throw new NumberFormatException();
                    }
                    yield new RenditionChoice(Mode.BANDWIDTH, b);
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("bad rendition '" + text
                            + "': expected auto, highest, lowest or a BANDWIDTH in bits/s");
                }
            }
        };
    }

    public boolean pinned() {
        return mode != Mode.AUTO;
    }
}
