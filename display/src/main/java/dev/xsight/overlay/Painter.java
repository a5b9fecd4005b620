package dev.xsight.overlay;

import dev.xsight.image.DisplayImage;

/**
 * Draws into a {@link DisplayImage} (10-bit codes): rectangles, lines and a 5×7 bitmap font for timecode and
 * probe read-outs. Stateless; the image's owner thread calls it.
 */
public final class Painter {
    private Painter() {
    }

    // 5x7 glyphs, one int per row, bit 4 = leftmost column.
    private static final String CHARS = "0123456789:;.-% ";
    private static final int[][] GLYPHS = {
        {0x0E, 0x11, 0x13, 0x15, 0x19, 0x11, 0x0E}, {0x04, 0x0C, 0x04, 0x04, 0x04, 0x04, 0x0E},
        {0x0E, 0x11, 0x01, 0x02, 0x04, 0x08, 0x1F}, {0x1F, 0x02, 0x04, 0x02, 0x01, 0x11, 0x0E},
        {0x02, 0x06, 0x0A, 0x12, 0x1F, 0x02, 0x02}, {0x1F, 0x10, 0x1E, 0x01, 0x01, 0x11, 0x0E},
        {0x06, 0x08, 0x10, 0x1E, 0x11, 0x11, 0x0E}, {0x1F, 0x01, 0x02, 0x04, 0x08, 0x08, 0x08},
        {0x0E, 0x11, 0x11, 0x0E, 0x11, 0x11, 0x0E}, {0x0E, 0x11, 0x11, 0x0F, 0x01, 0x02, 0x0C},
        {0x00, 0x0C, 0x0C, 0x00, 0x0C, 0x0C, 0x00}, {0x00, 0x0C, 0x0C, 0x00, 0x0C, 0x04, 0x08},
        {0x00, 0x00, 0x00, 0x00, 0x00, 0x0C, 0x0C}, {0x00, 0x00, 0x00, 0x1F, 0x00, 0x00, 0x00},
        {0x18, 0x19, 0x02, 0x04, 0x08, 0x13, 0x03}, {0, 0, 0, 0, 0, 0, 0}};

    /** Fills a rectangle, clipped to the image. */
    public static void fill(DisplayImage img, int x0, int y0, int w, int h, int[] rgb) {
        int xa = Math.max(0, x0), ya = Math.max(0, y0);
        int xb = Math.min(img.width(), x0 + w), yb = Math.min(img.height(), y0 + h);
        for (int y = ya; y < yb; y++) {
            for (int x = xa; x < xb; x++) {
                img.set(x, y, rgb[0], rgb[1], rgb[2]);
            }
        }
    }

    /** A one-pixel rectangle outline. */
    public static void outline(DisplayImage img, int x0, int y0, int w, int h, int[] rgb) {
        fill(img, x0, y0, w, 1, rgb);
        fill(img, x0, y0 + h - 1, w, 1, rgb);
        fill(img, x0, y0, 1, h, rgb);
        fill(img, x0 + w - 1, y0, 1, h, rgb);
    }

    /** Text at (x, y) top-left with integer {@code scale}; unknown characters draw as blanks. Returns the width. */
    public static int text(DisplayImage img, int x, int y, String s, int scale, int[] rgb) {
        int cx = x;
        for (int i = 0; i < s.length(); i++) {
            int g = CHARS.indexOf(s.charAt(i));
            int[] rows = GLYPHS[g < 0 ? GLYPHS.length - 1 : g];
            for (int r = 0; r < 7; r++) {
                for (int c = 0; c < 5; c++) {
                    if ((rows[r] >> (4 - c) & 1) != 0) {
                        fill(img, cx + c * scale, y + r * scale, scale, scale, rgb);
                    }
                }
            }
            cx += 6 * scale;
        }
        return cx - x;
    }
}
