package dev.xsight.colour;

import dev.xsight.media.Colorimetry;
import dev.xsight.media.Frame;
import dev.xsight.media.PixelFormat;

/** Synthetic frames for tests: smooth luma/chroma ramps plus a band of 75% colour bars. */
public final class TestFrames {
    private TestFrames() {
    }

    /** BT.709 75% bars (white, yellow, cyan, green, magenta, red, blue) in narrow-range 10-bit R'G'B'. */
    public static final double[][] BARS_75 = {
        {0.75, 0.75, 0.75}, {0.75, 0.75, 0}, {0, 0.75, 0.75}, {0, 0.75, 0}, {0.75, 0, 0.75}, {0.75, 0, 0}, {0, 0, 0.75}};

    /** A Y'CbCr frame: top half ramps, bottom half 75% bars (BT.709 narrow range). */
    public static Frame rampsAndBars(PixelFormat format, int w, int h, Colorimetry c) {
        Frame f = Frame.allocate(format, w, h).colorimetry(c);
        int bits = format.bitDepth();
        double step = Math.pow(2, bits - 8);
        double kr = 0.2126, kb = 0.0722;
        for (int p = 0; p < 3; p++) {
            int pw = f.planeWidth(p), ph = f.planeHeight(p);
            short[] s = f.plane(p);
            for (int y = 0; y < ph; y++) {
                for (int x = 0; x < pw; x++) {
                    double fx = (double) x / pw, fy = (double) y / ph;
                    double v;
                    if (fy < 0.5) {
                        v = p == 0 ? (16 + 219 * fx) * step : (128 + 100 * Math.sin(6.28 * (fx + fy + p))) * step;
                    } else {
                        double[] rgb = BARS_75[Math.min(6, (int) (fx * 7))];
                        double yy = kr * rgb[0] + (1 - kr - kb) * rgb[1] + kb * rgb[2];
                        double cb = (rgb[2] - yy) / (2 * (1 - kb)), cr = (rgb[0] - yy) / (2 * (1 - kr));
                        v = p == 0 ? (16 + 219 * yy) * step : (128 + 224 * (p == 1 ? cb : cr)) * step;
                    }
                    s[y * pw + x] = (short) Math.round(v);
                }
            }
        }
        return f;
    }
}
