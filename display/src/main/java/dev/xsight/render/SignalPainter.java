package dev.xsight.render;

import dev.xsight.media.Frame;
import dev.xsight.overlay.FalseColour;
import dev.xsight.overlay.SignalWarnings;
import dev.xsight.image.DisplayImage;

/**
 * Paints the {@link SignalOverlays} over a copy of a displayed picture: false colour from the source luma, then
 * the out-of-range / out-of-gamut highlight, then zebras judged on the clean displayed luma (so they mark the same
 * pixels whatever else is on). Keeps its buffers between frames. Confined to the preview converter thread.
 */
final class SignalPainter {
    /** Gamut excursion tolerated before a pixel counts as out of gamut (as {@code colour render --overlay}). */
    static final double GAMUT_TOLERANCE = 0.005;
    private DisplayImage painted;
    private double[] luma;
    private byte[] flags;
    private int phase;

    /**
     * Returns {@code clean} itself when nothing is on, else a reused image holding the painted picture.
     *
     * @param source the source samples at the picture's size
     * @param bt2020 the display's luma coefficients are BT.2020's (else BT.709's)
     */
    DisplayImage paint(DisplayImage clean, Frame source, SignalOverlays o, boolean bt2020) {
        if (!o.any()) {
            return clean;
        }
        int w = clean.width(), h = clean.height(), n = w * h;
        if (painted == null || painted.width() != w || painted.height() != h) {
            painted = new DisplayImage(w, h);
            luma = new double[n];
            flags = new byte[n];
        }
        System.arraycopy(clean.codes(), 0, painted.codes(), 0, n * 3);
        boolean sourceMatches = source != null && source.width() == w && source.height() == h;
        if (o.falseColour() && sourceMatches) {
            // The bands are defined on the narrow-range 10-bit source luma (FalseColour's contract).
            double s = Math.pow(2, 10 - source.format().bitDepth());
            short[] y = source.plane(0);
            for (int i = 0; i < n; i++) {
                luma[i] = (y[i] & 0xFFFF) * s;
            }
            FalseColour.apply(painted, luma);
        }
        if (o.warnings() && sourceMatches) {
            SignalWarnings.highlight(painted, SignalWarnings.classify(source, GAMUT_TOLERANCE, flags));
        }
        if (o.zebras()) {
            zebras(clean, o.zebraPercent(), bt2020);
        }
        return painted;
    }

    /** Diagonal stripes 4 pixels wide, moving one pixel per picture, over clean displayed luma ≥ the threshold. */
    private void zebras(DisplayImage clean, double percent, boolean bt2020) {
        int one = 1 << 16;
        int kr = (int) Math.round((bt2020 ? 0.2627 : 0.2126) * one), kb = (int) Math.round((bt2020 ? 0.0593 : 0.0722)
                * one), kg = one - kr - kb;
        long limit = Math.round(percent / 100 * 1023 * one);
        int[] c = clean.codes(), p = painted.codes();
        int w = clean.width(), h = clean.height();
        phase = (phase + 1) & 7;
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int i = (y * w + x) * 3;
                long l = (long) kr * c[i] + (long) kg * c[i + 1] + (long) kb * c[i + 2];
                if (l >= limit && ((x + y + phase) >> 2 & 1) == 0) {
                    p[i] = 0;
                    p[i + 1] = 0;
                    p[i + 2] = 0;
                }
            }
        }
    }
}
