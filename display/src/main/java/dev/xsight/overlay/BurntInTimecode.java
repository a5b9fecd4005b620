package dev.xsight.overlay;

import dev.xsight.media.Timecode;
import dev.xsight.image.DisplayImage;

/** Burns the frame's timecode into the picture, bottom centre, white on a black box. */
public final class BurntInTimecode {
    private static final int[] WHITE = {940, 940, 940};
    private static final int[] BLACK = {64, 64, 64};

    private BurntInTimecode() {
    }

    /** Draws {@code tc} with a glyph scale proportional to the picture height. Returns the box {x, y, w, h}. */
    public static int[] draw(DisplayImage img, Timecode tc) {
        String s = tc.toString();
        int scale = Math.max(1, img.height() / 120);
        int w = s.length() * 6 * scale + 2 * scale, h = 9 * scale;
        int x = (img.width() - w) / 2, y = img.height() - h - img.height() / 20;
        Painter.fill(img, x, y, w, h, BLACK);
        Painter.text(img, x + 2 * scale, y + scale, s, scale, WHITE);
        return new int[] {x, y, w, h};
    }
}
