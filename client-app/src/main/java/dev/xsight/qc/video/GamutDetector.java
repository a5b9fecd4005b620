package dev.xsight.qc.video;

import dev.xsight.colour.YCbCr;
import dev.xsight.media.Colorimetry;
import dev.xsight.media.Frame;
import dev.xsight.qc.QcEvent;
import java.time.Duration;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Out-of-gamut R'G'B' per EBU R 103: each pixel's Y'CbCr (chroma of the nearest site) is turned into the R'G'B'
 * the source encodes with the source's own matrix and range ({@link YCbCr#toRgb}, the op the display pipeline and
 * its gamut warning use); the pixel is out of gamut when R', G' or B' leaves [{@code low}, {@code high}] (R 103:
 * −5 % … 105 %). A frame fails when more than {@code area} of its pixels are out (R 103: 1 %); runs of failing
 * frames lasting at least {@code minDuration} become {@code gamut} events carrying the worst fraction of pixels and
 * the lowest and highest R'G'B' component seen.
 *
 * <p>Threading: one feeding thread; the matrix is derived once per colorimetry and depth, the row tables once per
 * picture width; no allocation per frame.
 */
public final class GamutDetector implements VideoCheck {
    /**
     * @param low lowest legal R', G', B' (0 = black; R 103: −0.05)
     * @param high highest legal R', G', B' (1 = white; R 103: 1.05)
     * @param area fraction of the pixels that may be out of gamut before a frame fails
     * @param minDuration shortest run of failing frames reported
     */
    public record Settings(double low, double high, double area, Duration minDuration) {
        /** EBU R 103: −5 % … 105 %, 1 % of the area, every failing frame. */
        public static final Settings R103 = new Settings(-0.05, 1.05, 0.01, Duration.ZERO);

        public Settings {
            if (!(low < high) || !(area >= 0 && area < 1) || minDuration == null || minDuration.isNegative()) {
                throw new IllegalArgumentException("gamut settings: " + low + ".." + high + ", area " + area
                        + " (0..1), minimum " + minDuration);
            }
        }
    }

    private static final int FRACTION = 8;

    private final boolean simd;
    private final int[] acc = new int[3];

    private final Settings settings;
    private final Runs runs;
    private Colorimetry colorimetry;
    private int bits = -1;
    // R', G', B' = ky·(Y' + offset), in luma codes with FRACTION fractional bits (so a Y' code is 1 << FRACTION);
    // lowFix, highFix: the limits in the same units.
    private CodeTables tables;
    private double ky;
    private int lowFix;
    private int highFix;
    private double fraction;
    private double worst;
    private double lowest;
    private double highest;
    private float frameLowest;
    private float frameHighest;
    private int lowFixed;
    private int highFixed;

    public GamutDetector(Settings settings, Consumer<QcEvent> out) {
        this(settings, out, Simd.BY_DEFAULT);
    }

    /** With the Vector API kernel or without it (only with where {@link Simd#BY_DEFAULT} can be). */
    GamutDetector(Settings settings, Consumer<QcEvent> out, boolean simd) {
        this.simd = Simd.checked(simd);
        this.settings = settings;
        this.runs = new Runs(QcEvent.Type.GAMUT, settings.minDuration(), out, this::values);
    }

    /** EBU R 103 defaults ({@link Settings#R103}). */
    public static GamutDetector defaults(Consumer<QcEvent> out) {
        return new GamutDetector(Settings.R103, out);
    }

    @Override
    public void accept(Frame f) {
        Colorimetry c = UnreadableFrameException.ycbcrWithMatrix("gamut", f);
        runs.next(f);
        matrix(c, f.format().bitDepth());
        fraction = measure(f);
        if (fraction > settings.area()) {
            if (runs.fail(f)) {
                worst = 0;
                lowest = Double.POSITIVE_INFINITY;
                highest = Double.NEGATIVE_INFINITY;
            }
            worst = Math.max(worst, fraction);
            lowest = Math.min(lowest, frameLowest);
            highest = Math.max(highest, frameHighest);
        } else {
            runs.pass();
        }
    }

    @Override
    public void finish() {
        runs.finish();
    }

    /** The fraction of out-of-gamut pixels of the last frame (for tests). */
    double lastFraction() {
        return fraction;
    }

    private Map<String, Double> values() {
        return Map.of("max_fraction", worst, "min_rgb", lowest, "max_rgb", highest);
    }

    private void matrix(Colorimetry c, int depth) {
        if (c.equals(colorimetry) && depth == bits) {
            return;
        }
        colorimetry = c;
        bits = depth;
        tables = CodeTables.linearInLumaCodes(c, depth, FRACTION);
        ky = tables.ky();
        double unit = (1 << FRACTION) / ky;
        lowFix = (int) Math.round(settings.low() * unit);
        highFix = (int) Math.round(settings.high() * unit);
    }

    private double measure(Frame f) {
        int w = f.width();
        int h = f.height();
        int hs = Integer.numberOfTrailingZeros(f.format().sampling().horizontalFactor());
        int vs = Integer.numberOfTrailingZeros(f.format().sampling().verticalFactor());
        int cw = f.planeWidth(1);
        short[] py = f.plane(0);
        short[] pb = f.plane(1);
        short[] pr = f.plane(2);
        int one = 1 << FRACTION;
        long out = 0;
        int whole = w >> hs; // sites with all their pixels inside the picture
        lowFixed = Integer.MAX_VALUE;
        highFixed = Integer.MIN_VALUE;
        for (int y = 0; y < h; y++) {
            int crow = (y >> vs) * cw;
            int row = y * w;
            int from = 0;
            if (simd && hs == 1) {
                acc[0] = 0;
                acc[1] = lowFixed;
                acc[2] = highFixed;
                from = VideoKernels.gamutSites(py, pb, pr, row, crow, 0, whole, tables, FRACTION, lowFix, highFix, acc);
                out += acc[0];
                lowFixed = acc[1];
                highFixed = acc[2];
            }
            out += sites(py, pb, pr, row, crow, from, whole, hs, hs);
            if (whole < cw) {
                out += sites(py, pb, pr, row, crow, whole, cw, hs, 0); // an odd width's last site: one pixel
            }
        }
        int low = lowFixed;
        int high = highFixed;
        frameLowest = (float) (low * ky / one);
        frameHighest = (float) (high * ky / one);
        return (double) out / ((long) w * h);
    }

    /**
     * Out-of-gamut pixels of chroma sites {@code from..to} of one row; {@code pair} 1 when each site has a second
     * pixel (4:2:2 and 4:2:0), else 0. Keeps the lowest and highest component (fixed point).
     */
    private int sites(short[] py, short[] pb, short[] pr, int row, int crow, int from, int to, int hs, int pair) {
        // R', G', B' are ky·(Y' + o) with o the component's chroma offset in luma codes: a pixel is in gamut when
        // low/ky − min(o) <= Y' <= high/ky − max(o). Per chroma site (integer tables, no conversion), the legal Y'
        // codes, tested branch-free on the one or two pixels sharing the site.
        CodeTables t = tables;
        int[] rr = t.rOfCr();
        int[] gb = t.gOfCb();
        int[] gr = t.gOfCr();
        int[] bb = t.bOfCb();
        int mask = t.mask();
        int n = 0;
        int low = lowFixed;
        int high = highFixed;
        for (int c = from; c < to; c++) {
            int b = pb[crow + c] & mask;
            int r = pr[crow + c] & mask;
            int ro = rr[r];
            int go = gb[b] + gr[r];
            int bo = bb[b];
            int cmin = Math.min(ro, Math.min(go, bo));
            int cmax = Math.max(ro, Math.max(go, bo));
            // Arithmetic shifts floor, also below zero, and ceil(a) = -floor(-a).
            int legalLow = -((cmin - lowFix) >> FRACTION);
            int legalHigh = (highFix - cmax) >> FRACTION;
            int x = row + (c << hs);
            int y0 = py[x] & 0xFFFF;
            int y1 = py[x + pair] & 0xFFFF;
            n += (((y0 - legalLow) | (legalHigh - y0)) >>> 31) + ((((y1 - legalLow) | (legalHigh - y1)) >>> 31) & pair);
            low = Math.min(low, (Math.min(y0, y1) << FRACTION) + cmin);
            high = Math.max(high, (Math.max(y0, y1) << FRACTION) + cmax);
        }
        lowFixed = low;
        highFixed = high;
        return n;
    }
}
