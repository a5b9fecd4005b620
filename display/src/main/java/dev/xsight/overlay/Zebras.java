package dev.xsight.overlay;

import dev.xsight.image.DisplayImage;

/**
 * Zebra stripes over pixels whose displayed luma is at or above a threshold (percent of full scale): diagonal
 * bands 4 pixels wide that move with {@code phase} so they read as an overlay, not as picture content.
 */
public final class Zebras {
    private Zebras() {
    }

    /** Returns how many pixels were striped. */
    public static int apply(DisplayImage img, double thresholdPercent, int phase, boolean bt2020) {
        double kr = bt2020 ? 0.2627 : 0.2126, kb = bt2020 ? 0.0593 : 0.0722, kg = 1 - kr - kb;
        double limit = thresholdPercent / 100 * 1023;
        int n = 0;
        for (int y = 0; y < img.height(); y++) {
            for (int x = 0; x < img.width(); x++) {
                double l = kr * img.get(x, y, 0) + kg * img.get(x, y, 1) + kb * img.get(x, y, 2);
                if (l >= limit) {
                    n++;
                    if (((x + y + phase) / 4 & 1) == 0) {
                        img.set(x, y, 0, 0, 0);
                    }
                }
            }
        }
        return n;
    }
}
