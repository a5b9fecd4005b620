package dev.xsight.qc.video;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.xsight.TestRequirements;
import dev.xsight.media.ChromaSampling;
import dev.xsight.media.Colorimetry;
import dev.xsight.media.ColourModel;
import dev.xsight.media.Frame;
import dev.xsight.media.FrameRate;
import dev.xsight.media.PixelFormat;
import dev.xsight.qc.QcEvent;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The EBU R 103 range and gamut checks on clips whose out-of-range and out-of-gamut pixels are known by
 * construction: the codes are worked out here from the narrow-range quantisation (BT.709-6 §4.6) and the BT.709 /
 * BT.2020 luma coefficients, written from the standards, not taken from the code under test.
 */
class SignalRulesTest {
    private static final int W = 320;
    private static final int H = 180;
    private static final int FPS = 25;

    @TempDir
    static Path dir;

    @BeforeAll
    static void ffmpeg() {
        TestRequirements.requireFfmpeg();
    }

    /** 10-bit narrow-range luma code of a level (16 + 219·level, times 4). */
    private static long lumaCode(double level) {
        return Math.round((16 + 219 * level) * 4);
    }

    /** 10-bit narrow-range colour-difference code of a level (128 + 224·level, times 4). */
    private static long chromaCode(double level) {
        return Math.round((128 + 224 * level) * 4);
    }

    /** A grey clip with, on frames {@code first..last}, the left {@code share} of the picture set to Y'CbCr codes. */
    private static Path box(String name, int frames, int first, int last, double share, long y, long cb, long cr)
            throws Exception {
        String in = "between(N," + first + "," + last + ")*lt(X,W*" + share + ")";
        return Clips.make(dir, name, "color=c=0x808080:s=" + W + "x" + H + ":r=" + FPS, "format=yuv422p10le,geq="
                + "lum='if(" + in + "," + y + ",lum(X,Y))':cb='if(" + in + "," + cb + ",cb(X,Y))':cr='if(" + in
                + "," + cr + ",cr(X,Y))'", frames);
    }

    @Test
    void lumaBelowTheR103ToleranceIsReportedAndWithinItIsNot() throws Exception {
        // R 103: Y' may go 1 % below black. Level -0.5 % (code 60) on frames 10-39 is within it; level -1.6 %
        // (code 50) over 30 % of the picture on frames 60-89 is not, and covers more than the 1 % area.
        long within = lumaCode(-0.005);
        long below = lumaCode(-0.016);
        assertEquals(60, within);
        assertEquals(50, below);
        Path a = box("within", 100, 10, 39, 0.3, within, 512, 512);
        assertEquals(List.of(), Clips.events(a, W, H, FPS, Colorimetry.BT709, RangeDetector::defaults));
        Path b = box("below", 100, 60, 89, 0.3, below, 512, 512);
        List<QcEvent> found = Clips.events(b, W, H, FPS, Colorimetry.BT709, RangeDetector::defaults);
        assertEquals(1, found.size(), found.toString());
        QcEvent e = found.get(0);
        assertEquals(QcEvent.Type.LUMA_RANGE, e.type());
        assertEquals(60, e.firstFrame());
        assertEquals(89, e.lastFrame());
        assertEquals(0.3, e.values().get("max_fraction"), 0.01);
        assertEquals(50, e.values().get("min_y"));
    }

    @Test
    void chromaOutsideThePreferredRangeIsReported() throws Exception {
        Path raw = box("chroma", 50, 20, 29, 0.1, 502, 512, chromaCode(0.52));
        List<QcEvent> found = Clips.events(raw, W, H, FPS, Colorimetry.BT709, RangeDetector::defaults);
        assertEquals(1, found.size(), found.toString());
        assertEquals(20, found.get(0).firstFrame());
        assertEquals(29, found.get(0).lastFrame());
        assertEquals(chromaCode(0.52), found.get(0).values().get("max_c"));
    }

    @Test
    void gamutFollowsTheSourceMatrix() throws Exception {
        // Y' 0.5, Cb 0, Cr 0.37 (codes 502, 512, 844): with BT.709's R' = Y' + 2(1 - 0.2126)·Cr it is R' 1.082,
        // beyond R 103's 105 %; with BT.2020's R' = Y' + 2(1 - 0.2627)·Cr it is R' 1.045, within it.
        long y = lumaCode(0.5);
        long cr = chromaCode(0.37);
        double cr709 = (cr / 4.0 - 128) / 224;
        assertTrue(0.5 + 2 * (1 - 0.2126) * cr709 > 1.05);
        assertTrue(0.5 + 2 * (1 - 0.2627) * cr709 < 1.05);
        Path raw = box("gamut", 80, 30, 59, 0.3, y, 512, cr);
        List<QcEvent> bt709 = Clips.events(raw, W, H, FPS, Colorimetry.BT709, GamutDetector::defaults);
        assertEquals(1, bt709.size(), bt709.toString());
        assertEquals(QcEvent.Type.GAMUT, bt709.get(0).type());
        assertEquals(30, bt709.get(0).firstFrame());
        assertEquals(59, bt709.get(0).lastFrame());
        assertEquals(0.3, bt709.get(0).values().get("max_fraction"), 0.01);
        assertEquals(0.5 + 2 * (1 - 0.2126) * cr709, bt709.get(0).values().get("max_rgb"), 1e-3);
        assertEquals(List.of(), Clips.events(raw, W, H, FPS, Colorimetry.BT2100_PQ, GamutDetector::defaults));
    }

    @Test
    void gamutBelowTheAreaIsNotReported() throws Exception {
        // The same out-of-gamut colour over 0.5 % of the picture: under R 103's 1 %.
        Path raw = box("small", 40, 10, 29, 0.005, lumaCode(0.5), 512, chromaCode(0.37));
        assertEquals(List.of(), Clips.events(raw, W, H, FPS, Colorimetry.BT709, GamutDetector::defaults));
    }

    @Test
    void cleanColourBarsAreInGamutAndInRange() throws Exception {
        // EBU 75 % bars made in R'G'B' and matrixed by FFmpeg with BT.709 into narrow range.
        Path raw = Clips.make(dir, "bars", "pal75bars=s=" + W + "x" + H + ":r=" + FPS, "format=gbrp,"
                + "scale=out_color_matrix=bt709:out_range=tv", 25);
        assertEquals(List.of(), Clips.events(raw, W, H, FPS, Colorimetry.BT709, GamutDetector::defaults));
        assertEquals(List.of(), Clips.events(raw, W, H, FPS, Colorimetry.BT709, RangeDetector::defaults));
    }

    @Test
    void everyChromaLayoutAndOddWidthsCountEachPixelOnce() {
        // Random codes on 4:4:4, 4:2:2 and 4:2:0 pictures of odd width; the expected fractions come from a direct
        // per-pixel reading here: the chroma of the pixel's site (x >> 1 when subsampled), BT.709's
        // R' = Y' + 1.5748 Cr, G' = Y' - 0.1873 Cb - 0.4681 Cr, B' = Y' + 1.8556 Cb.
        java.util.Random rnd = new java.util.Random(7);
        for (PixelFormat format : List.of(PixelFormat.YUV444P10, PixelFormat.YUV422P10, PixelFormat.YUV420P10)) {
            Frame f = Frame.allocate(format, 37, 9).colorimetry(Colorimetry.BT709).frameRate(new FrameRate(25, 1));
            for (int p = 0; p < 3; p++) {
                short[] a = f.plane(p);
                for (int i = 0; i < a.length; i++) {
                    a[i] = (short) (rnd.nextInt(1000) + 12);
                }
            }
            int hs = format.sampling().horizontalFactor() == 2 ? 1 : 0;
            int vs = format.sampling().verticalFactor() == 2 ? 1 : 0;
            int range = 0;
            int gamut = 0;
            for (int y = 0; y < 9; y++) {
                for (int x = 0; x < 37; x++) {
                    int c = (y >> vs) * f.planeWidth(1) + (x >> hs);
                    int yy = f.plane(0)[y * 37 + x];
                    int cb = f.plane(1)[c];
                    int cr = f.plane(2)[c];
                    range += yy < 56 || yy > 966 || cb < 64 || cb > 960 || cr < 64 || cr > 960 ? 1 : 0;
                    double l = (yy - 64) / 876.0;
                    double b = (cb - 512) / 896.0;
                    double r = (cr - 512) / 896.0;
                    double[] rgb = {l + 1.5748 * r, l - 0.1873 * b - 0.4681 * r, l + 1.8556 * b};
                    boolean out = false;
                    for (double v : rgb) {
                        out |= v < -0.05 || v > 1.05;
                    }
                    gamut += out ? 1 : 0;
                }
            }
            RangeDetector rd = RangeDetector.defaults(e -> { });
            rd.accept(f);
            assertEquals(range / (37.0 * 9), rd.lastFraction(), 1e-12, format.ffmpegName());
            GamutDetector gd = GamutDetector.defaults(e -> { });
            gd.accept(f);
            assertEquals(gamut / (37.0 * 9), gd.lastFraction(), 1e-12, format.ffmpegName());
        }
    }

    @Test
    void rowsWithLumaOrChromaOrBothOutCountEachPixelOnce() {
        // Legal random codes, then per row (by row number mod 4): nothing out, some Y' out, some chroma out, both;
        // odd width, 4:2:2 and 4:2:0 (a chroma row shared by two picture rows). Expected fraction and extremes from
        // a direct per-pixel reading here (R 103 defaults: Y' 56..966, Cb/Cr 64..960).
        java.util.Random rnd = new java.util.Random(11);
        int w = 37;
        int h = 12;
        for (PixelFormat format : List.of(PixelFormat.YUV422P10, PixelFormat.YUV420P10, PixelFormat.YUV444P10)) {
            Frame f = Frame.allocate(format, w, h).colorimetry(Colorimetry.BT709).frameRate(new FrameRate(25, 1));
            int hs = format.sampling().horizontalFactor() == 2 ? 1 : 0;
            int vs = format.sampling().verticalFactor() == 2 ? 1 : 0;
            int cw = f.planeWidth(1);
            for (int p = 0; p < 3; p++) {
                short[] a = f.plane(p);
                for (int i = 0; i < a.length; i++) {
                    a[i] = (short) (100 + rnd.nextInt(800));
                }
            }
            for (int y = 0; y < h; y++) {
                for (int k = 0; k < 3; k++) {
                    int x = rnd.nextInt(w);
                    if ((y & 1) == 1) {
                        f.plane(0)[y * w + x] = (short) (rnd.nextBoolean() ? 30 + k : 990 + k);
                    }
                    if ((y & 2) == 2 && ((y >> vs) << vs) == y) {
                        f.plane(1 + (k & 1))[(y >> vs) * cw + (x >> hs)] = (short) (rnd.nextBoolean() ? 40 + k : 980 + k);
                    }
                }
            }
            int out = 0;
            int minY = Integer.MAX_VALUE;
            int maxY = Integer.MIN_VALUE;
            int minC = Integer.MAX_VALUE;
            int maxC = Integer.MIN_VALUE;
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    int c = (y >> vs) * cw + (x >> hs);
                    int yy = f.plane(0)[y * w + x];
                    int cb = f.plane(1)[c];
                    int cr = f.plane(2)[c];
                    out += yy < 56 || yy > 966 || cb < 64 || cb > 960 || cr < 64 || cr > 960 ? 1 : 0;
                    minY = Math.min(minY, yy);
                    maxY = Math.max(maxY, yy);
                    minC = Math.min(minC, Math.min(cb, cr));
                    maxC = Math.max(maxC, Math.max(cb, cr));
                }
            }
            List<QcEvent> events = new java.util.ArrayList<>();
            RangeDetector rd = RangeDetector.defaults(events::add);
            rd.accept(f);
            rd.finish();
            assertEquals(out / (double) (w * h), rd.lastFraction(), 1e-12, format.ffmpegName());
            assertEquals(1, events.size(), format.ffmpegName());
            var v = events.get(0).values();
            assertEquals(List.of((double) minY, (double) maxY, (double) minC, (double) maxC),
                    List.of(v.get("min_y"), v.get("max_y"), v.get("min_c"), v.get("max_c")), format.ffmpegName());
        }
    }

    @Test
    void framesTheChecksCannotReadAreRefusedNamingTheFormat() {
        Frame rgb = Frame.allocate(new PixelFormat(ColourModel.RGB, ChromaSampling.S444, 10, 3), 16, 16)
                .colorimetry(Colorimetry.BT709).frameRate(new FrameRate(25, 1));
        for (VideoCheck c : List.of(RangeDetector.defaults(e -> { }), GamutDetector.defaults(e -> { }),
                FlashDetector.defaults(e -> { }))) {
            UnreadableFrameException x = assertThrows(UnreadableFrameException.class, () -> c.accept(rgb));
            assertTrue(x.getMessage().contains("gbrp10le"), x.getMessage());
        }
        Frame full = Frame.allocate(PixelFormat.YUV422P10, 16, 16)
                .colorimetry(Colorimetry.BT709.withRange(Colorimetry.Range.FULL));
        UnreadableFrameException x = assertThrows(UnreadableFrameException.class,
                () -> RangeDetector.defaults(e -> { }).accept(full));
        assertTrue(x.getMessage().contains("yuv422p10le") && x.getMessage().contains("full"), x.getMessage());
    }
}
