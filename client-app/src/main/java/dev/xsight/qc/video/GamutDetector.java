package dev.xsight.qc.video;

import dev.xsight.colour.Matrix3;
import dev.xsight.colour.MatrixOp;
import dev.xsight.colour.YCbCr;
import dev.xsight.media.Colorimetry;
import dev.xsight.media.ColourModel;
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

    private final Settings settings;
    private final Runs runs;
    private Colorimetry colorimetry;
    private int bits = -1;
    // R' = y·Y + rcr·Cr + ro; G' = y·Y + gcb·Cb + gcr·Cr + go; B' = y·Y + bcb·Cb + bo (codes in, levels out).
    private float ky;
    private float rcr;
    private float gcb;
    private float gcr;
    private float bcb;
    private float ro;
    private float go;
    private float bo;
    private double fraction;
    private double worst;
    private double lowest;
    private double highest;
    private float frameLowest;
    private float frameHighest;
    private int[] lowestLegal = new int[0];
    private int[] highestLegal = new int[0];
    private int[] lowOffset = new int[0];
    private int[] highOffset = new int[0];

    public GamutDetector(Settings settings, Consumer<QcEvent> out) {
        this.settings = settings;
        this.runs = new Runs(QcEvent.Type.GAMUT, settings.minDuration(), out);
    }

    /** EBU R 103 defaults ({@link Settings#R103}). */
    public static GamutDetector defaults(Consumer<QcEvent> out) {
        return new GamutDetector(Settings.R103, out);
    }

    @Override
    public void accept(Frame f) {
        Colorimetry c = f.colorimetry();
        if (f.format().model() != ColourModel.YCBCR || c == null || c.matrix() == Colorimetry.Matrix.IDENTITY) {
            throw new UnreadableFrameException("gamut", "Y'CbCr with a colorimetry", f);
        }
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
        } else if (runs.open()) {
            runs.close(runs.reportable() ? values() : null);
        }
    }

    @Override
    public void finish() {
        if (runs.open()) {
            runs.closeAtEnd(runs.reportableAtEnd() ? values() : null);
        }
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
        MatrixOp op = YCbCr.toRgb(YCbCr.Coefficients.of(c.matrix()), c.range(), depth);
        Matrix3 m = op.matrix();
        ky = (float) m.get(0, 0);
        rcr = (float) m.get(0, 2);
        gcb = (float) m.get(1, 1);
        gcr = (float) m.get(1, 2);
        bcb = (float) m.get(2, 1);
        ro = (float) op.offset()[0];
        go = (float) op.offset()[1];
        bo = (float) op.offset()[2];
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
        if (lowestLegal.length != w) {
            lowestLegal = new int[w];
            highestLegal = new int[w];
            lowOffset = new int[w];
            highOffset = new int[w];
        }
        // R', G', B' are ky·(Y' + o) with o the component's chroma offset in luma codes: a pixel is in gamut when
        // low/ky − min(o) <= Y' <= high/ky − max(o). Per chroma row, the legal Y' codes and the offsets of each
        // pixel; then one contiguous, branch-free pass over the luma row.
        float inv = 1 / ky;
        float lo = (float) settings.low() * inv;
        float hi = (float) settings.high() * inv;
        int[] tlo = lowestLegal;
        int[] thi = highestLegal;
        int[] olo = lowOffset;
        int[] ohi = highOffset;
        long out = 0;
        int low = Integer.MAX_VALUE;
        int high = Integer.MIN_VALUE;
        int lastCrow = -1;
        for (int y = 0; y < h; y++) {
            int crow = (y >> vs) * cw;
            if (crow != lastCrow) {
                for (int c = 0; c < cw; c++) {
                    float b = pb[crow + c] & 0xFFFF;
                    float r = pr[crow + c] & 0xFFFF;
                    float rc = (rcr * r + ro) * inv;
                    float gc = (gcb * b + gcr * r + go) * inv;
                    float bc = (bcb * b + bo) * inv;
                    float cmin = Math.min(rc, Math.min(gc, bc));
                    float cmax = Math.max(rc, Math.max(gc, bc));
                    int x = c << hs;
                    int n = Math.min(w, x + (1 << hs));
                    int legalLow = (int) Math.ceil(lo - cmin);
                    int legalHigh = (int) Math.floor(hi - cmax);
                    int offLow = Math.round(cmin);
                    int offHigh = Math.round(cmax);
                    for (; x < n; x++) {
                        tlo[x] = legalLow;
                        thi[x] = legalHigh;
                        olo[x] = offLow;
                        ohi[x] = offHigh;
                    }
                }
                lastCrow = crow;
            }
            int row = y * w;
            for (int x = 0; x < w; x++) {
                int v = py[row + x] & 0xFFFF;
                out += ((v - tlo[x]) | (thi[x] - v)) >>> 31;
                low = Math.min(low, v + olo[x]);
                high = Math.max(high, v + ohi[x]);
            }
        }
        frameLowest = low * ky;
        frameHighest = high * ky;
        return (double) out / ((long) w * h);
    }
}
