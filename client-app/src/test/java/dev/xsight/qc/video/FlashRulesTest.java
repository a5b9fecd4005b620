package dev.xsight.qc.video;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.xsight.TestRequirements;
import dev.xsight.media.Colorimetry;
import dev.xsight.qc.QcEvent;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The flash checks on clips FFmpeg makes at exact rates, with the expected result worked out from the rule (ITU-R
 * BT.1702: pairs of opposing changes of 20 cd/m² or more, the darker state below 160 cd/m², more than 3 in a second,
 * more than a quarter of the screen; WCAG 2.2's red threshold) on the Rec.709 display, whose light is worked out
 * here from ITU-R BT.1886 (L = 100 cd/m² · V^2.4, black 0) and BT.709's luma coefficients.
 */
class FlashRulesTest {
    private static final int W = 320;
    private static final int H = 180;
    private static final int FPS = 30;
    private static final int FRAMES = 90;

    @TempDir
    static Path dir;

    @BeforeAll
    static void ffmpeg() {
        TestRequirements.requireFfmpeg();
    }

    /** The 10-bit narrow-range Y' code of a grey showing {@code nits} on a BT.1886 100 cd/m² display. */
    private static long greyCode(double nits) {
        return Math.round(64 + 876 * Math.pow(nits / 100, 1 / 2.4));
    }

    /** BT.1886 at 100 cd/m² for a 10-bit narrow-range Y' code of a grey. */
    private static double nits(long code) {
        return 100 * Math.pow((code - 64) / 876.0, 2.4);
    }

    /**
     * Alternates {@code period}-frame halves between two Y'CbCr colours (the first {@code period/2} frames of each
     * period {@code a}, the rest {@code b}) over the left {@code share} of the picture; the rest stays {@code b}.
     */
    private static Path alternate(String name, int period, double share, long[] a, long[] b) throws Exception {
        String on = "lt(mod(N," + period + ")," + period / 2 + ")*lt(X,W*" + share + ")";
        return Clips.make(dir, name, "color=c=black:s=" + W + "x" + H + ":r=" + FPS, "format=yuv422p10le,geq="
                + "lum='if(" + on + "," + a[0] + "," + b[0] + ")':cb='if(" + on + "," + a[1] + "," + b[1]
                + ")':cr='if(" + on + "," + a[2] + "," + b[2] + ")'", FRAMES);
    }

    private static final long[] BLACK = {64, 512, 512};
    private static final long[] WHITE = {940, 512, 512};

    private static List<QcEvent> flashes(Path raw) throws Exception {
        return Clips.events(raw, W, H, FPS, Colorimetry.BT709, FlashDetector::defaults);
    }

    private static List<QcEvent> of(List<QcEvent> events, QcEvent.Type type) {
        return events.stream().filter(e -> e.type() == type).toList();
    }

    @Test
    void fiveHertzFullScreenBlackWhiteFlashes() throws Exception {
        // Period 6 frames at 30 fps: 10 transitions (5 flashes) of 100 cd/m² a second, over the whole screen.
        List<QcEvent> found = flashes(alternate("5hz", 6, 1.0, WHITE, BLACK));
        List<QcEvent> flash = of(found, QcEvent.Type.FLASH);
        assertEquals(1, flash.size(), found.toString());
        assertEquals(List.of(), of(found, QcEvent.Type.RED_FLASH));
        assertEquals(5.0, flash.get(0).values().get("max_flashes_per_second"), 0.5);
        // The seventh transition (frame 3·6 = 18, counting the one at frame 0 that the first frame cannot show:
        // transitions at 3, 6, ..., 21) makes the first second with more than three flashes.
        assertTrue(flash.get(0).firstFrame() >= 18 && flash.get(0).firstFrame() <= 21, flash.toString());
        assertEquals(FRAMES - 1, flash.get(0).lastFrame());
    }

    @Test
    void threeFlashesASecondPass() throws Exception {
        // Period 10 frames at 30 fps: 6 transitions in any 30 frames, 3 flashes: not more than 3.
        assertEquals(List.of(), flashes(alternate("3hz", 10, 1.0, WHITE, BLACK)));
    }

    @Test
    void theAreaMustExceedAQuarterOfTheScreen() throws Exception {
        assertEquals(List.of(), flashes(alternate("20pc", 6, 0.2, WHITE, BLACK)));
        List<QcEvent> found = flashes(alternate("30pc", 6, 0.3, WHITE, BLACK));
        assertEquals(1, of(found, QcEvent.Type.FLASH).size(), found.toString());
        assertEquals(0.3, of(found, QcEvent.Type.FLASH).get(0).values().get("max_area"), 0.02);
    }

    @Test
    void changesBelowTwentyCandelasAreNotFlashes() throws Exception {
        long dim = greyCode(30);
        long ten = greyCode(40);
        long twentyFive = greyCode(55);
        assertTrue(Math.abs(nits(ten) - nits(dim) - 10) < 0.5, "10 cd/m² apart");
        assertTrue(nits(twentyFive) - nits(dim) > 24, "25 cd/m² apart");
        assertEquals(List.of(), flashes(alternate("10cd", 6, 1.0, new long[] {ten, 512, 512},
                new long[] {dim, 512, 512})));
        assertEquals(1, of(flashes(alternate("25cd", 6, 1.0, new long[] {twentyFive, 512, 512},
                new long[] {dim, 512, 512})), QcEvent.Type.FLASH).size());
    }

    @Test
    void redBlackAlternationIsARedFlashEvenBelowTheLuminanceChange() throws Exception {
        // Linear R 0.5, G = B = 0: 0.2126 · 0.5 · 100 = 10.6 cd/m² (no luminance flash), R / (R+G+B) = 1 and
        // (R - G - B) · 320 = 160 (a saturated red transition). Y'CbCr from BT.709: E'R = 0.5^(1/2.4),
        // Y' = 0.2126·E'R, Cb = -Y' / 1.8556, Cr = (E'R - Y') / 1.5748.
        double er = Math.pow(0.5, 1 / 2.4);
        double y = 0.2126 * er;
        long[] red = {Math.round((16 + 219 * y) * 4), Math.round((128 + 224 * (-y / 1.8556)) * 4),
                Math.round((128 + 224 * ((er - y) / 1.5748)) * 4)};
        List<QcEvent> found = flashes(alternate("red", 6, 1.0, red, BLACK));
        assertEquals(List.of(), of(found, QcEvent.Type.FLASH), found.toString());
        assertEquals(1, of(found, QcEvent.Type.RED_FLASH).size(), found.toString());
        assertEquals(5.0, of(found, QcEvent.Type.RED_FLASH).get(0).values().get("max_flashes_per_second"), 0.5);
    }

    /** The 10-bit narrow-range code of a grey showing {@code nits} through the ST 2084 (PQ) EOTF. */
    private static long pqCode(double nits) {
        double m1 = 2610.0 / 16384;
        double m2 = 2523.0 / 4096 * 128;
        double c1 = 3424.0 / 4096;
        double c2 = 2413.0 / 4096 * 32;
        double c3 = 2392.0 / 4096 * 32;
        double y = Math.pow(nits / 10000, m1);
        return Math.round(64 + 876 * Math.pow((c1 + c2 * y) / (1 + c3 * y), m2));
    }

    /** 5 Hz alternation of two PQ greys on the Rec.2100 PQ display: made in memory, 30 fps, 3 frames each. */
    private static List<QcEvent> pqAlternation(double a, double b) {
        List<QcEvent> found = new java.util.ArrayList<>();
        FlashDetector check = new FlashDetector(
                FlashDetector.Settings.BT1702.withPipeline(dev.xsight.colour.DisplayPipeline.rec2100Pq1000()),
                found::add);
        dev.xsight.media.Frame f = dev.xsight.media.Frame.allocate(dev.xsight.media.PixelFormat.YUV422P10, 64, 36)
                .colorimetry(Colorimetry.BT2100_PQ).frameRate(new dev.xsight.media.FrameRate(FPS, 1));
        java.util.Arrays.fill(f.plane(1), (short) 512);
        java.util.Arrays.fill(f.plane(2), (short) 512);
        for (int n = 0; n < FRAMES; n++) {
            java.util.Arrays.fill(f.plane(0), (short) pqCode(n % 6 < 3 ? a : b));
            check.accept(f);
        }
        check.finish();
        return found;
    }

    @Test
    void onAPqDisplayTheChangeIsInAbsoluteCandelas() {
        // PQ on the PQ display is absolute: 100 <-> 125 cd/m² is a 25 cd/m² change with the darker state below
        // 160 (flash); 170 <-> 300 is a large change but the darker state is above 160 (no flash); 100 <-> 110 is
        // only 10 cd/m² (no flash).
        assertEquals(1, of(pqAlternation(125, 100), QcEvent.Type.FLASH).size());
        assertEquals(List.of(), pqAlternation(300, 170));
        assertEquals(List.of(), pqAlternation(110, 100));
    }

    @Test
    void aCleanTestPatternGivesNoEventInAnyCheck() throws Exception {
        // testsrc2 made in R'G'B' and matrixed by FFmpeg with BT.709 into narrow range: legal, moving, no flashes.
        Path raw = Clips.make(dir, "clean", "testsrc2=s=" + W + "x" + H + ":r=" + FPS, "format=gbrp,"
                + "scale=out_color_matrix=bt709:out_range=tv", 150);
        assertEquals(List.of(), flashes(raw));
        assertEquals(List.of(), Clips.events(raw, W, H, FPS, Colorimetry.BT709, RangeDetector::defaults));
        assertEquals(List.of(), Clips.events(raw, W, H, FPS, Colorimetry.BT709, GamutDetector::defaults));
        assertEquals(List.of(), Clips.events(raw, W, H, FPS, Colorimetry.BT709, BlackDetector::defaults));
        assertEquals(List.of(), Clips.events(raw, W, H, FPS, Colorimetry.BT709, FreezeDetector::defaults));
    }
}
