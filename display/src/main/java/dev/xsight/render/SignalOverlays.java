package dev.xsight.render;

/**
 * Which signal overlays the preview paints over the displayed picture (computed from the picture's codes and its
 * source samples on the preview converter thread, before the picture is published). Immutable.
 *
 * @param falseColour exposure false colour from the source luma ({@link dev.xsight.overlay.FalseColour})
 * @param zebras stripes over displayed luma at or above {@code zebraPercent} of full scale
 * @param zebraPercent zebra threshold, percent of the displayed code range (0–100)
 * @param warnings out-of-range (magenta) and out-of-gamut (cyan) source pixels
 *     ({@link dev.xsight.overlay.SignalWarnings})
 */
public record SignalOverlays(boolean falseColour, boolean zebras, double zebraPercent, boolean warnings) {
    /** The zebra threshold unless chosen: 95% of full scale. */
    public static final double DEFAULT_ZEBRA_PERCENT = 95;
    /** Nothing painted. */
    public static final SignalOverlays NONE = new SignalOverlays(false, false, DEFAULT_ZEBRA_PERCENT, false);

    public SignalOverlays {
        if (!(zebraPercent >= 0 && zebraPercent <= 100)) {
            throw new IllegalArgumentException("zebra threshold must be 0 to 100 %, got " + zebraPercent);
        }
    }

    /** Whether anything is painted. */
    public boolean any() {
        return falseColour || zebras || warnings;
    }

    public SignalOverlays withFalseColour(boolean on) {
        return new SignalOverlays(on, zebras, zebraPercent, warnings);
    }

    public SignalOverlays withZebras(boolean on, double percent) {
        return new SignalOverlays(falseColour, on, percent, warnings);
    }

    public SignalOverlays withWarnings(boolean on) {
        return new SignalOverlays(falseColour, zebras, zebraPercent, on);
    }
}
