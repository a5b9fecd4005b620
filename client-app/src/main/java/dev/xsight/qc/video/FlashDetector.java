package dev.xsight.qc.video;

import dev.xsight.colour.ColourProgram;
import dev.xsight.colour.DisplayPipeline;
import dev.xsight.colour.Matrix3;
import dev.xsight.colour.YCbCr;
import dev.xsight.media.ChromaSampling;
import dev.xsight.media.Colorimetry;
import dev.xsight.media.ColourModel;
import dev.xsight.media.Frame;
import dev.xsight.media.PixelFormat;
import dev.xsight.media.Timecode;
import dev.xsight.qc.QcEvent;
import dev.xsight.render.DisplayTarget;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Photosensitive flashes per ITU-R BT.1702 (the Ofcom / Harding guidelines): a <i>flash</i> is a pair of opposing
 * changes in luminance of at least {@code minChange} (20 cd/m²) where the darker state is below {@code darkLimit}
 * (160 cd/m²); a sequence fails when more than {@code maxFlashes} (3) flashes fall in any one second and the flashes
 * occurring together cover more than {@code area} (a quarter) of the screen. Saturated red: a transition to or from
 * a saturated red counts whatever the luminance; the definition is WCAG 2.2's "red flash threshold" (its note on
 * the Ofcom / Harding rule): a state is saturated red when R / (R + G + B) ≥ {@code redSaturation} (0.8), and a
 * transition is a change of (R − G − B) · 320 above {@code redChange} (20), negative values set to 0, with R, G, B
 * the linear display light relative to reference white (0–1).
 *
 * <p>How it counts: every pixel of a quarter-resolution grid (every second sample in each direction; never a
 * frame skipped) keeps its luminance extreme since its last transition; a change of {@code minChange} away from the
 * extreme (with the darker end below {@code darkLimit}) is a transition of that pixel, and the next one must go the
 * other way. A frame is a transition of the picture when more than {@code area} of the grid made a transition in it
 * (the concurrent flash area); more than 2·{@code maxFlashes} transitions among the frames of any one second (the
 * frame and the frame-rate's worth before it) is more than {@code maxFlashes} flashes, and such frames make a
 * {@code flash} event carrying the most flashes in a second, where that second starts and the largest area. Red
 * flashes are counted the same way on the red measure ({@code red_flash}).
 *
 * <p>Luminance comes from the display pipeline's model of the target: the source's Y'CbCr becomes R'G'B' with
 * the source's matrix ({@link YCbCr#toRgb}), each component goes through the pipeline's transfer steps compiled for
 * a neutral signal and the target's EOTF ({@link DisplayTarget#nits}), and the luminance weights are the target
 * primaries' (the Y row of their RGB → XYZ matrix). Light is counted in integers of 1/16 cd/m² (and the red
 * measure in 1/16 of its unit), so the per-pixel trackers run without floating point or branches. A per-component table stands for the pipeline, exact for a
 * per-channel pipeline (SDR to SDR, PQ to PQ in the same primaries), an approximation across a gamut conversion or
 * an HLG OOTF.
 *
 * <p>Threading: one feeding thread; the grid, the trackers and the tables are allocated once per picture size and
 * colorimetry; no allocation per frame.
 */
public final class FlashDetector implements VideoCheck {
    private static final int TABLE = 4096;
    private static final int INDEX_FRACTION = 8;
    /** Light is counted in 1/16 cd/m² (integers: the trackers need no floating point). */
    private static final int LIGHT_UNIT = 16;
    private static final int WEIGHT_BITS = 16;

    /**
     * @param minChange smallest luminance change of a transition, cd/m² (BT.1702: 20)
     * @param darkLimit the darker state must be below this, cd/m² (BT.1702: 160)
     * @param maxFlashes most flashes allowed in any one second (BT.1702: 3)
     * @param area fraction of the screen the concurrent flashes must exceed (BT.1702: a quarter)
     * @param redChange smallest change of (R − G − B)·320 of a red transition (WCAG 2.2: 20)
     * @param redSaturation R / (R + G + B) of a saturated red (WCAG 2.2: 0.8)
     * @param pipeline the display pipeline whose target the luminance is measured on
     */
    public record Settings(double minChange, double darkLimit, int maxFlashes, double area, double redChange,
            double redSaturation, DisplayPipeline pipeline) {
        /** ITU-R BT.1702 / Ofcom with WCAG 2.2's red threshold, on the Rec.709 BT.1886 100 cd/m² display. */
        public static final Settings BT1702 = new Settings(20, 160, 3, 0.25, 20, 0.8,
                DisplayPipeline.rec709Bt1886());

        public Settings {
            if (!(minChange > 0) || !(darkLimit > 0) || maxFlashes < 0 || !(area >= 0 && area < 1)
                    || !(redChange > 0) || !(redSaturation > 0 && redSaturation <= 1) || pipeline == null) {
                throw new IllegalArgumentException("flash settings: change " + minChange + " cd/m2, dark limit "
                        + darkLimit + ", flashes " + maxFlashes + ", area " + area + " (0..1), red change "
                        + redChange + ", red saturation " + redSaturation + " (0..1], pipeline " + pipeline);
            }
        }

        /** The same rules on another display pipeline. */
        public Settings withPipeline(DisplayPipeline p) {
            return new Settings(minChange, darkLimit, maxFlashes, area, redChange, redSaturation, p);
        }
    }

    private final Settings settings;
    private final DisplayTarget target;
    private final Counter flash;
    private final Counter red;
    private long frame = -1;
    private long frameNanos;
    private Colorimetry colorimetry;
    private PixelFormat format;
    private int width;
    private int height;
    private final int[] nits = new int[TABLE];
    // The light table's index of R', G', B' (levels 0..1 over TABLE entries), INDEX_FRACTION fractional bits.
    private CodeTables index;
    // Luminance weights and the red measure's factor, WEIGHT_BITS fractional bits.
    private long lr;
    private long lg;
    private long lb;
    private int redMul;
    private int[] lumRow = new int[0];
    private int[] redRow = new int[0];

    public FlashDetector(Settings settings, Consumer<QcEvent> out) {
        this(settings, out, Simd.BY_DEFAULT);
    }

    /** With the Vector API trackers or without them (only with where {@link Simd#BY_DEFAULT} can be). */
    FlashDetector(Settings settings, Consumer<QcEvent> out, boolean simd) {
        this.settings = settings;
        this.target = DisplayTarget.of(settings.pipeline().output());
        this.flash = new Counter(QcEvent.Type.FLASH, out, simd);
        this.red = new Counter(QcEvent.Type.RED_FLASH, out, simd);
    }

    /** BT.1702 defaults on the Rec.709 display ({@link Settings#BT1702}). */
    public static FlashDetector defaults(Consumer<QcEvent> out) {
        return new FlashDetector(Settings.BT1702, out);
    }

    @Override
    public void accept(Frame f) {
        UnreadableFrameException.ycbcrWithMatrix("flash", f);
        frame++;
        frameNanos = f.frameRate() == null ? frameNanos : f.frameRate().frameDurationNanos();
        prepare(f);
        measure(f);
        int window = frameNanos > 0 ? (int) Math.max(1, Math.round(1e9 / frameNanos)) : 1;
        flash.endFrame(f, frame, window, settings.area(), settings.maxFlashes());
        red.endFrame(f, frame, window, settings.area(), settings.maxFlashes());
    }

    @Override
    public void finish() {
        flash.finish();
        red.finish();
    }

    private void prepare(Frame f) {
        Colorimetry source = settings.pipeline().source().orElse(f.colorimetry());
        boolean newSource = !source.equals(colorimetry) || !f.format().equals(format);
        if (newSource) {
            colorimetry = source;
            format = f.format();
            table(source);
            // Rounding to the nearest entry: half an entry folded into the luma term.
            index = CodeTables.of(source, f.format().bitDepth(), (TABLE - 1) * (double) (1 << INDEX_FRACTION),
                    0.5 / (TABLE - 1));
            Matrix3 xyz = target.gamut().toXyz();
            lr = Math.round(xyz.get(1, 0) * (1 << WEIGHT_BITS));
            lg = Math.round(xyz.get(1, 1) * (1 << WEIGHT_BITS));
            lb = Math.round(xyz.get(1, 2) * (1 << WEIGHT_BITS));
            double white = target.hdr() ? DisplayPipeline.HDR_REFERENCE_WHITE_NITS : target.nits(1);
            redMul = (int) Math.round(320 / white * (1 << WEIGHT_BITS));
        }
        if (newSource || f.width() != width || f.height() != height) {
            width = f.width();
            height = f.height();
            int n = ((width + 1) / 2) * ((height + 1) / 2);
            flash.size(n, (height + 1) / 2);
            red.size(n, (height + 1) / 2);
        }
    }

    /** Display light per R'G'B' component level 0..1: the pipeline's transfer steps, then the target's EOTF. */
    private void table(Colorimetry source) {
        PixelFormat rgb = new PixelFormat(ColourModel.RGB, ChromaSampling.S444, 16, 3);
        Colorimetry neutral = new Colorimetry(source.primaries(), source.transfer(), Colorimetry.Matrix.IDENTITY,
                Colorimetry.Range.FULL, source.siting());
        ColourProgram program = new DisplayPipeline(Optional.of(neutral), settings.pipeline().input(),
                settings.pipeline().cdl(), settings.pipeline().luts(), settings.pipeline().output()).compile(rgb, neutral);
        double[] px = new double[TABLE * 3];
        for (int i = 0; i < TABLE; i++) {
            Arrays.fill(px, i * 3, i * 3 + 3, (double) i / (TABLE - 1) * rgb.maxCode());
        }
        program.apply(px, TABLE);
        for (int i = 0; i < TABLE; i++) {
            nits[i] = (int) Math.round(target.nits(px[i * 3 + 1]) * LIGHT_UNIT);
        }
    }

    private static int level(int index) {
        return Math.min(TABLE - 1, Math.max(0, index >> INDEX_FRACTION));
    }

    private void measure(Frame f) {
        int w = f.width();
        int h = f.height();
        int hs = Integer.numberOfTrailingZeros(f.format().sampling().horizontalFactor());
        int vs = Integer.numberOfTrailingZeros(f.format().sampling().verticalFactor());
        int cw = f.planeWidth(1);
        short[] py = f.plane(0);
        short[] pb = f.plane(1);
        short[] pr = f.plane(2);
        int change = (int) Math.round(settings.minChange() * LIGHT_UNIT);
        int dark = (int) Math.min(Integer.MAX_VALUE / 2, Math.round(settings.darkLimit() * LIGHT_UNIT));
        // BT.1702: luminance changes of 20 cd/m² "or more"; WCAG 2.2: a red change "> 20", one unit above.
        int redChange = (int) Math.round(settings.redChange() * LIGHT_UNIT) + 1;
        int sat = (int) Math.round(settings.redSaturation() * 1024);
        int dw = (w + 1) / 2;
        if (lumRow.length != dw) {
            lumRow = new int[dw];
            redRow = new int[dw];
        }
        int[] lum = lumRow;
        int[] redness = redRow;
        CodeTables t = index;
        int[] yi = t.y();
        int[] rr = t.rOfCr();
        int[] gb = t.gOfCb();
        int[] gr = t.gOfCr();
        int[] bb = t.bOfCb();
        int[] light = nits;
        int mask = t.mask();
        int i = 0;
        int gridRow = 0;
        for (int y = 0; y < h; y += 2) {
            int lit = 0;
            int reddish = 0;
            int row = y * w;
            int crow = (y >> vs) * cw;
            for (int k = 0, x = 0; k < dw; k++, x += 2) {
                int v = yi[py[row + x] & mask];
                int ci = crow + (x >> hs);
                int b = pb[ci] & mask;
                int r = pr[ci] & mask;
                int rl = light[level(v + rr[r])];
                int gl = light[level(v + gb[b] + gr[r])];
                int bl = light[level(v + bb[b])];
                int l = (int) ((lr * rl + lg * gl + lb * bl) >> WEIGHT_BITS);
                lum[k] = l;
                lit |= l;
                // WCAG 2.2: only a saturated red state has a red measure; R − G − B below 0 counts as 0. Both in
                // integer arithmetic without a branch: saturated is 1 when R·1024 >= sat·(R + G + B) and R > 0.
                int saturated = ((sat * (rl + gl + bl) - rl * 1024 - 1) >>> 31) & ((-rl) >>> 31);
                int m = (int) ((Math.max(0, rl - gl - bl) * (long) redMul) >> WEIGHT_BITS) * saturated;
                redness[k] = m;
                reddish |= m;
            }
            flash.stepRow(gridRow, i, lum, dw, change, dark, lit == 0);
            red.stepRow(gridRow, i, redness, dw, redChange, Integer.MAX_VALUE / 2, reddish == 0);
            i += dw;
            gridRow++;
        }
    }

    /**
     * Per-pixel transition trackers of one measure and the one-second window of picture transitions. Each pixel
     * keeps the extreme since its last transition (the maximum after a rise, the minimum after a fall, its first
     * value before any) and the direction of that transition.
     */
    private static final class Counter {
        private final QcEvent.Type type;
        private final Consumer<QcEvent> out;
        private final boolean simd;
        private final int[] acc = new int[2];
        private int[] ext = new int[0];
        private byte[] dir = new byte[0];
        // Per grid row: every extreme is 0 (then a row of zero values changes nothing and is skipped).
        private boolean[] zeroRow = new boolean[0];
        private boolean fresh;
        private int transitions;
        private boolean[] ring = new boolean[1];
        private int ringPos;
        private int inWindow;
        private long start = -1;
        private long lastFailing;
        private int worst;
        private long worstStart;
        private double worstArea;
        private Timecode startTc;
        private Timecode lastTc;

        Counter(QcEvent.Type type, Consumer<QcEvent> out, boolean simd) {
            this.type = type;
            this.out = out;
            this.simd = Simd.checked(simd);
        }

        void size(int n, int rows) {
            if (ext.length != n) {
                ext = new int[n];
                dir = new byte[n];
            }
            if (zeroRow.length != rows) {
                zeroRow = new boolean[rows];
            }
            fresh = true;
        }

        /**
         * One grid row of values; {@code zero} when all of them are 0. Values and extremes are never negative, so a
         * row whose values and extremes are all 0 (black, or no saturated red) has no transition and keeps its
         * state: it is skipped.
         */
        void stepRow(int gridRow, int from, int[] values, int n, int change, int dark, boolean zero) {
            if (fresh) {
                System.arraycopy(values, 0, ext, from, n);
                Arrays.fill(dir, from, from + n, (byte) 0);
                zeroRow[gridRow] = zero;
                return;
            }
            if (zero && zeroRow[gridRow] && change > 0) {
                return;
            }
            int count = 0;
            int extremes = 0;
            int start = 0;
            if (simd) {
                acc[0] = 0;
                acc[1] = 0;
                start = VideoKernels.track(values, n, ext, dir, from, change, dark, acc);
                count = acc[0];
                extremes = acc[1];
            }
            for (int k = start; k < n; k++) {
                int i = from + k;
                int v = values[k];
                int e = ext[i];
                int d = dir[i];
                // The extreme so far: the running maximum after a rise (d = 1), the minimum after a fall (d = -1),
                // the first value before any transition (d = 0). In integer arithmetic, sign bits for the tests:
                // no branch, so noise costs no mispredictions.
                e += d * Math.max(0, d * (v - e));
                int up = ((e + change - 1 - v) >>> 31) & ((e - dark) >>> 31); // v - e >= change, e < dark
                int down = ((v + change - 1 - e) >>> 31) & ((v - dark) >>> 31); // e - v >= change, v < dark
                int t = up | down;
                dir[i] = (byte) (d + t * (up - down - d));
                int next = e + t * (v - e);
                ext[i] = next;
                extremes |= next;
                count += t;
            }
            transitions += count;
            zeroRow[gridRow] = extremes == 0;
        }

        void endFrame(Frame f, long frame, int window, double areaLimit, int maxFlashes) {
            int n = ext.length;
            double a = n == 0 ? 0 : (double) transitions / n;
            boolean picture = !fresh && a > areaLimit;
            fresh = false;
            transitions = 0;
            if (ring.length != window) {
                ring = new boolean[window];
                ringPos = 0;
                inWindow = 0;
            }
            inWindow += (picture ? 1 : 0) - (ring[ringPos] ? 1 : 0);
            ring[ringPos] = picture;
            ringPos = (ringPos + 1) % window;
            if (inWindow > 2 * maxFlashes) {
                if (start < 0) {
                    start = frame;
                    startTc = f.timecode();
                    worst = 0;
                    worstArea = 0;
                }
                if (inWindow > worst) {
                    worst = inWindow;
                    worstStart = frame - window + 1;
                }
                worstArea = Math.max(worstArea, picture ? a : 0);
                lastFailing = frame;
                lastTc = f.timecode();
            } else {
                close();
            }
        }

        void finish() {
            close();
        }

        private void close() {
            if (start >= 0) {
                out.accept(new QcEvent(type, start, lastFailing, startTc, lastTc, Map.of("max_flashes_per_second",
                        worst / 2.0, "worst_second_first_frame", (double) Math.max(0, worstStart), "max_area",
                        worstArea)));
            }
            start = -1;
        }
    }
}
