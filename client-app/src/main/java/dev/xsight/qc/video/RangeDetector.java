package dev.xsight.qc.video;

import dev.xsight.colour.YCbCr;
import dev.xsight.media.Colorimetry;
import dev.xsight.media.ColourModel;
import dev.xsight.media.Frame;
import dev.xsight.qc.QcEvent;
import java.time.Duration;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Luma/chroma range per EBU R 103: a pixel is out of range when its Y' code, or the Cb or Cr code of its chroma
 * sample (the nearest site, as FFmpeg's {@code signalstats}), lies outside the limits; a frame fails when more than
 * {@code area} of its pixels are; runs of failing frames lasting at least {@code minDuration} become
 * {@code luma_range} events carrying the worst fraction of pixels and the lowest and highest Y' and C codes.
 *
 * <p>The limits are levels of the narrow-range quantisation ({@link YCbCr#narrowLumaCode}, the same definition
 * as the display's range warning): 0 and 1 are the 10-bit codes 64 and 940, chroma ±0.5 the codes 64 and 960.
 * The R 103 defaults: Y' within its tolerance of −1 % … 103 % (codes 56 … 966 at 10 bits), chroma within the
 * preferred 64 … 960 (R 103 sets no tolerance on colour difference; its RGB rule is {@link GamutDetector}), and
 * the 1 % of the picture area R 103 lets pass. R 103 sets no duration: the default reports every failing frame,
 * a profile can ask for longer runs. With levels 0, 1, ±0.5 the per-frame fraction is FFmpeg's {@code BRNG}.
 *
 * <p>Threading: one feeding thread; no allocation per frame.
 */
public final class RangeDetector implements VideoCheck {
    /**
     * @param lumaLow lowest legal Y' level (0 = black code)
     * @param lumaHigh highest legal Y' level (1 = nominal white code)
     * @param chromaLow lowest legal Cb/Cr level (−0.5 = code 64 at 10 bits)
     * @param chromaHigh highest legal Cb/Cr level (0.5 = code 960 at 10 bits)
     * @param area fraction of the pixels that may be out of range before a frame fails
     * @param minDuration shortest run of failing frames reported
     */
    public record Settings(double lumaLow, double lumaHigh, double chromaLow, double chromaHigh, double area,
            Duration minDuration) {
        /** EBU R 103: Y' −1 % … 103 %, chroma 64 … 960 (10-bit), 1 % of the area, every failing frame. */
        public static final Settings R103 = new Settings(-0.01, 1.03, -0.5, 0.5, 0.01, Duration.ZERO);

        public Settings {
            if (!(lumaLow < lumaHigh) || !(chromaLow < chromaHigh) || !(area >= 0 && area < 1)
                    || minDuration == null || minDuration.isNegative()) {
                throw new IllegalArgumentException("luma_range settings: Y' " + lumaLow + ".." + lumaHigh + ", C "
                        + chromaLow + ".." + chromaHigh + ", area " + area + " (0..1), minimum " + minDuration);
            }
        }
    }

    private final Settings settings;
    private final boolean simd;
    private final int[] acc = new int[3];
    private final Runs runs;
    private int bits = -1;
    private int yLo;
    private int yHi;
    private int cLo;
    private int cHi;
    private double fraction;
    private double worst;
    private int minY;
    private int maxY;
    private int minC;
    private int maxC;
    private int frameMinY;
    private int frameMaxY;
    private int frameMinC;
    private int frameMaxC;

    public RangeDetector(Settings settings, Consumer<QcEvent> out) {
        this(settings, out, Simd.BY_DEFAULT);
    }

    /** With the Vector API kernels or without them (only with where {@link Simd#BY_DEFAULT} can be). */
    RangeDetector(Settings settings, Consumer<QcEvent> out, boolean simd) {
        this.simd = Simd.checked(simd);
        this.settings = settings;
        this.runs = new Runs(QcEvent.Type.LUMA_RANGE, settings.minDuration(), out, this::values);
    }

    /** EBU R 103 defaults ({@link Settings#R103}). */
    public static RangeDetector defaults(Consumer<QcEvent> out) {
        return new RangeDetector(Settings.R103, out);
    }

    @Override
    public void accept(Frame f) {
        Colorimetry c = f.colorimetry();
        if (f.format().model() != ColourModel.YCBCR || c == null || c.range() != Colorimetry.Range.NARROW) {
            throw new UnreadableFrameException("luma_range", "narrow-range Y'CbCr", f);
        }
        runs.next(f);
        limits(f.format().bitDepth());
        fraction = measure(f);
        if (fraction > settings.area()) {
            if (runs.fail(f)) {
                worst = 0;
                minY = minC = Integer.MAX_VALUE;
                maxY = maxC = Integer.MIN_VALUE;
            }
            worst = Math.max(worst, fraction);
            minY = Math.min(minY, frameMinY);
            maxY = Math.max(maxY, frameMaxY);
            minC = Math.min(minC, frameMinC);
            maxC = Math.max(maxC, frameMaxC);
        } else {
            runs.pass();
        }
    }

    @Override
    public void finish() {
        runs.finish();
    }

    /** The fraction of out-of-range pixels of the last frame (for the anchor test). */
    double lastFraction() {
        return fraction;
    }

    private Map<String, Double> values() {
        return Map.of("max_fraction", worst, "min_y", (double) minY, "max_y", (double) maxY, "min_c",
                (double) minC, "max_c", (double) maxC);
    }

    private void limits(int depth) {
        if (depth == bits) {
            return;
        }
        bits = depth;
        // Codes are integers: legal means ceil(low) <= code <= floor(high).
        yLo = (int) Math.ceil(YCbCr.narrowLumaCode(depth, settings.lumaLow()) - 1e-9);
        yHi = (int) Math.floor(YCbCr.narrowLumaCode(depth, settings.lumaHigh()) + 1e-9);
        cLo = (int) Math.ceil(YCbCr.narrowChromaCode(depth, settings.chromaLow()) - 1e-9);
        cHi = (int) Math.floor(YCbCr.narrowChromaCode(depth, settings.chromaHigh()) + 1e-9);
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
        long out = 0;
        frameMinY = Integer.MAX_VALUE;
        frameMaxY = Integer.MIN_VALUE;
        frameMinC = Integer.MAX_VALUE;
        frameMaxC = Integer.MIN_VALUE;
        int whole = w >> hs; // sites with all their pixels inside the picture
        for (int y = 0; y < h; y++) {
            int crow = (y >> vs) * cw;
            int row = y * w;
            // A pixel is out when its Y' is or its site's chroma is. Most rows have out-of-range samples in one
            // plane at most: then the row's count is the luma count plus the pixels of the chroma sites out, each
            // counted in a plain pass over one plane. Only a row with both needs the per-pixel joint test.
            int yOut = lumaRow(py, row, w);
            int cOut = chromaRow(pb, pr, crow, 0, whole);
            int cOutLast = whole < cw ? chromaRow(pb, pr, crow, whole, cw) : 0;
            if (yOut == 0 || cOut + cOutLast == 0) {
                out += yOut + cOut * (1 + hs) + cOutLast; // 4:2:2 and 4:2:0: two pixels a site; an odd width's last
            } else {
                int from = 0;
                if (simd && hs == 1) {
                    acc[0] = 0;
                    from = VideoKernels.rangeSites(py, pb, pr, row, crow, 0, whole, yLo, yHi, cLo, cHi, acc);
                    out += acc[0];
                }
                out += sites(py, pb, pr, row, crow, from, whole, hs, hs);
                if (whole < cw) {
                    out += sites(py, pb, pr, row, crow, whole, cw, hs, 0); // an odd width's last site: one pixel
                }
            }
        }
        return (double) out / ((long) w * h);
    }

    /** Out-of-range Y' samples of one row; keeps the luma extremes. */
    private int lumaRow(short[] py, int row, int w) {
        int n = 0;
        int lo = frameMinY;
        int hi = frameMaxY;
        int yl = yLo;
        int yh = yHi;
        int from = row;
        if (simd) {
            acc[0] = 0;
            acc[1] = lo;
            acc[2] = hi;
            from = VideoKernels.rangeCount(py, row, row + w, yl, yh, acc);
            n = acc[0];
            lo = acc[1];
            hi = acc[2];
        }
        for (int i = from; i < row + w; i++) {
            int v = py[i] & 0xFFFF;
            n += ((v - yl) | (yh - v)) >>> 31;
            lo = Math.min(lo, v);
            hi = Math.max(hi, v);
        }
        frameMinY = lo;
        frameMaxY = hi;
        return n;
    }

    /** Chroma sites {@code from..to} of one row with Cb or Cr out of range; keeps the chroma extremes. */
    private int chromaRow(short[] pb, short[] pr, int crow, int from, int to) {
        int n = 0;
        int lo = frameMinC;
        int hi = frameMaxC;
        int cl = cLo;
        int ch = cHi;
        int start = crow + from;
        if (simd) {
            acc[0] = 0;
            acc[1] = lo;
            acc[2] = hi;
            start = VideoKernels.chromaCount(pb, pr, start, crow + to, cl, ch, acc);
            n = acc[0];
            lo = acc[1];
            hi = acc[2];
        }
        for (int i = start; i < crow + to; i++) {
            int b = pb[i] & 0xFFFF;
            int r = pr[i] & 0xFFFF;
            n += ((b - cl) | (ch - b) | (r - cl) | (ch - r)) >>> 31;
            lo = Math.min(lo, Math.min(b, r));
            hi = Math.max(hi, Math.max(b, r));
        }
        frameMinC = lo;
        frameMaxC = hi;
        return n;
    }

    /**
     * Out-of-range pixels of chroma sites {@code from..to} of one row; {@code pair} 1 when each site has a second
     * pixel (4:2:2 and 4:2:0), else 0.
     */
    private int sites(short[] py, short[] pb, short[] pr, int row, int crow, int from, int to, int hs, int pair) {
        int n = 0;
        for (int c = from; c < to; c++) {
            int b = pb[crow + c] & 0xFFFF;
            int r = pr[crow + c] & 0xFFFF;
            int x = row + (c << hs);
            int y0 = py[x] & 0xFFFF;
            int y1 = py[x + pair] & 0xFFFF;
            // The sign bit is set when any sample is below its low limit or above its high one: no branch.
            int co = (b - cLo) | (cHi - b) | (r - cLo) | (cHi - r);
            n += (((y0 - yLo) | (yHi - y0) | co) >>> 31) + ((((y1 - yLo) | (yHi - y1) | co) >>> 31) & pair);
        }
        return n;
    }
}
