package dev.xsight.overlay;

import dev.xsight.image.DisplayImage;

/**
 * Safe action (93%) and safe title (90%) rectangles of SMPTE ST 2046-1:2009 §5 (for 16:9 HD/UHD), centred.
 */
public final class SafeAreas {
    public static final double ACTION = 0.93;
    public static final double TITLE = 0.90;

    private SafeAreas() {
    }

    /** The centred rectangle {x, y, w, h} covering {@code fraction} of each dimension. */
    public static int[] rect(int width, int height, double fraction) {
        int w = (int) Math.round(width * fraction), h = (int) Math.round(height * fraction);
        return new int[] {(width - w) / 2, (height - h) / 2, w, h};
    }

    public static void draw(DisplayImage img, int[] rgb) {
        for (double f : new double[] {ACTION, TITLE}) {
            int[] r = rect(img.width(), img.height(), f);
            Painter.outline(img, r[0], r[1], r[2], r[3], rgb);
        }
    }
}
