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
 * <p>Threading: one feeding thread; the matrix is derived once per colorimetry and depth; no allocation per frame.
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
        float lo = (float) settings.low();
        float hi = (float) settings.high();
        float low = Float.POSITIVE_INFINITY;
        float high = Float.NEGATIVE_INFINITY;
        long out = 0;
        int step = 1 << hs;
        for (int y = 0; y < h; y++) {
            int row = y * w;
            int crow = (y >> vs) * cw;
            for (int x = 0, c = crow; x < w; x += step, c++) {
                // Luma adds the same ky·Y' to R', G' and B': the chroma of a site fixes the lowest and highest
                // component offsets once for the pixels sharing it.
                float b = pb[c] & 0xFFFF;
                float r = pr[c] & 0xFFFF;
                float rc = rcr * r + ro;
                float gc = gcb * b + gcr * r + go;
                float bc = bcb * b + bo;
                float cmin = Math.min(rc, Math.min(gc, bc));
                float cmax = Math.max(rc, Math.max(gc, bc));
                float y0 = ky * (py[row + x] & 0xFFFF);
                float y1 = step == 2 && x + 1 < w ? ky * (py[row + x + 1] & 0xFFFF) : y0;
                out += (y0 + cmin < lo | y0 + cmax > hi ? 1 : 0)
                        + (step == 2 && x + 1 < w && (y1 + cmin < lo | y1 + cmax > hi) ? 1 : 0);
                low = Math.min(low, Math.min(y0, y1) + cmin);
                high = Math.max(high, Math.max(y0, y1) + cmax);
            }
        }
        frameLowest = low;
        frameHighest = high;
        return (double) out / ((long) w * h);
    }
}
