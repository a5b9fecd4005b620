package dev.xsight.overlay;

import dev.xsight.image.DisplayImage;

/**
 * Exposure false colour: replaces each pixel by the colour of the band its luma falls in (percent of the
 * narrow-range 10-bit signal, 64 = 0%, 940 = 100%): purple below 2.5% (crushed), blue to 10%, grey elsewhere,
 * green 38–42% (18% grey on a BT.709 camera), pink 52–56% (one stop over, skin), yellow 97–100%, red above 100%
 * (clipped).
 */
public final class FalseColour {
    private FalseColour() {
    }

    /** Band colours as 10-bit R'G'B'. */
    public static final int[] PURPLE = {512, 64, 768}, BLUE = {64, 256, 900}, GREEN = {150, 800, 150},
            PINK = {940, 600, 700}, YELLOW = {900, 900, 64}, RED = {940, 64, 64};

    /** The false colour for a luma code (narrow-range 10-bit scale), or null to show the luma as grey. */
    public static int[] band(double lumaCode) {
        double pct = (lumaCode - 64) / 876 * 100;
        if (pct < 2.5) {
            return PURPLE;
        }
        if (pct < 10) {
            return BLUE;
        }
        if (pct >= 38 && pct <= 42) {
            return GREEN;
        }
        if (pct >= 52 && pct <= 56) {
            return PINK;
        }
        if (pct > 100) {
            return RED;
        }
        if (pct >= 97) {
            return YELLOW;
        }
        return null;
    }

    /**
     * Paints false colour over {@code img} from the source luma codes {@code luma} (one per pixel, scaled to 10
     * bits narrow range).
     */
    public static void apply(DisplayImage img, double[] luma) {
        for (int y = 0; y < img.height(); y++) {
            for (int x = 0; x < img.width(); x++) {
                double l = luma[y * img.width() + x];
                int[] c = band(l);
                if (c != null) {
                    img.set(x, y, c[0], c[1], c[2]);
                } else {
                    int g = (int) Math.round(Math.max(0, Math.min(1023, (l - 64) / 876 * 1023)));
                    img.set(x, y, g, g, g);
                }
            }
        }
    }
}
