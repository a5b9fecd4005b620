package dev.xsight.colour;

import dev.xsight.media.Colorimetry;
import dev.xsight.media.Frame;
import dev.xsight.media.PixelFormat;

/**
 * Test-side HDR formulas written from the specifications (independent of {@link TransferOp}) and RGB test frames.
 */
public final class HdrSignals {
    private HdrSignals() {
    }

    /** Full-range 10-bit R'G'B' (gbrp10) carrying a Rec.2100 signal. */
    public static final PixelFormat GBRP10 = PixelFormat.parseFfmpegName("gbrp10le");

    public static Colorimetry rgb(Colorimetry.Transfer t) {
        return new Colorimetry(Colorimetry.Primaries.BT2020, t, Colorimetry.Matrix.IDENTITY, Colorimetry.Range.FULL,
                Colorimetry.ChromaSiting.LEFT);
    }

    /** SMPTE ST 2084 inverse EOTF: cd/m² → PQ signal in [0, 1]. */
    public static double pqSignal(double nits) {
        double m1 = 2610.0 / 16384, m2 = 2523.0 / 4096 * 128;
        double c1 = 3424.0 / 4096, c2 = 2413.0 / 4096 * 32, c3 = 2392.0 / 4096 * 32;
        double y = Math.pow(nits / 10000, m1);
        return Math.pow((c1 + c2 * y) / (1 + c3 * y), m2);
    }

    /** SMPTE ST 2084 EOTF: PQ signal → cd/m². */
    public static double pqNits(double signal) {
        double m1 = 2610.0 / 16384, m2 = 2523.0 / 4096 * 128;
        double c1 = 3424.0 / 4096, c2 = 2413.0 / 4096 * 32, c3 = 2392.0 / 4096 * 32;
        double p = Math.pow(signal, 1 / m2);
        return 10000 * Math.pow(Math.max(p - c1, 0) / (c2 - c3 * p), 1 / m1);
    }

    /** Full-range 10-bit code of a [0, 1] signal. */
    public static int code10(double signal) {
        return (int) Math.round(Math.min(1, Math.max(0, signal)) * 1023);
    }

    /**
     * A gbrp10 frame holding every combination of {@code levels} on the three planes (one pixel each), so that the
     * picture covers greys, primaries, secondaries and mixed colours.
     */
    public static Frame grid(Colorimetry c, int... levels) {
        int n = levels.length;
        Frame f = Frame.allocate(GBRP10, n * n, n).colorimetry(c);
        for (int y = 0; y < n; y++) {
            for (int x = 0; x < n * n; x++) {
                int i = y * n * n + x;
                f.plane(0)[i] = (short) levels[x % n];
                f.plane(1)[i] = (short) levels[x / n];
                f.plane(2)[i] = (short) levels[y];
            }
        }
        return f;
    }

    /** A gbrp10 frame of one colour. */
    public static Frame flat(Colorimetry c, int w, int h, int r, int g, int b) {
        Frame f = Frame.allocate(GBRP10, w, h).colorimetry(c);
        java.util.Arrays.fill(f.plane(0), (short) r);
        java.util.Arrays.fill(f.plane(1), (short) g);
        java.util.Arrays.fill(f.plane(2), (short) b);
        return f;
    }

    /** Levels spread over the 10-bit range, with PQ 58% (203 cd/m²) and HLG 75% among them. */
    public static final int[] LEVELS = {0, 4, 64, 128, 256, 400, 512, 594, 700, 768, 860, 940, 1000, 1023};
}
