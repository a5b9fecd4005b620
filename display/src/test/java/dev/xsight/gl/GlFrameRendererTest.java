package dev.xsight.gl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.xsight.colour.AcesOutput;
import dev.xsight.colour.ColourProgram;
import dev.xsight.colour.DisplayPipeline;
import dev.xsight.colour.FrameColour;
import dev.xsight.colour.HdrSignals;
import dev.xsight.colour.TestFrames;
import dev.xsight.media.Colorimetry;
import dev.xsight.media.Frame;
import dev.xsight.media.PixelFormat;
import org.junit.jupiter.api.Test;

/** The 10-bit frame path on the GPU agrees with the CPU reference to ±1 code. */
class GlFrameRendererTest {

    private static void assertGpuMatchesCpu(Frame f, DisplayPipeline pipeline) {
        TestGl.requireGl();
        ColourProgram program = pipeline.compile(f.format(), f.colorimetry());
        double[] cpu = FrameColour.render(f, program);
        try (GlContext ctx = GlContext.offscreen(); GlFrameRenderer r = new GlFrameRenderer(program)) {
            r.upload(f);
            r.render();
            int[] gpu = r.readCodes(null);
            assertEquals(cpu.length, gpu.length);
            int worst = 0;
            for (int i = 0; i < cpu.length; i++) {
                int c = (int) Math.round(Math.min(1, Math.max(0, cpu[i])) * 1023);
                worst = Math.max(worst, Math.abs(c - gpu[i]));
                int px = i / 3;
                int d = Math.abs(c - gpu[i]);
                assertTrue(d <= 1, "pixel (" + px % f.width() + ", " + px / f.width() + ") ch " + i % 3 + " cpu " + c
                        + " gpu " + gpu[i] + " on " + ctx.renderer());
            }
        }
    }

    @Test
    void yuv422TenBitThroughRec709MatchesCpuWithinOneCode() {
        Frame f = TestFrames.rampsAndBars(PixelFormat.YUV422P10, 64, 32, Colorimetry.BT709);
        assertGpuMatchesCpu(f, DisplayPipeline.rec709Bt1886());
    }

    @Test
    void yuv420TenBitThroughAces13MatchesCpuWithinOneCode() {
        Frame f = TestFrames.rampsAndBars(PixelFormat.YUV420P10, 48, 32, Colorimetry.BT709);
        assertGpuMatchesCpu(f, DisplayPipeline.aces(AcesOutput.Version.V1_3, AcesOutput.Target.REC709_100,
                DisplayPipeline.Input.VIDEO));
    }

    @Test
    void eightBitFrameToPqMatchesCpuWithinOneCode() {
        Frame f = TestFrames.rampsAndBars(PixelFormat.YUV420P8, 40, 20, Colorimetry.BT709);
        assertGpuMatchesCpu(f, DisplayPipeline.rec2100Pq1000());
    }

    /** The frame on the GPU gives back its own 10-bit codes (±1): an HDR signal shown on its own display. */
    private static void assertGpuPassesCodesThrough(Frame f, DisplayPipeline pipeline) {
        TestGl.requireGl();
        double[] in = FrameColour.codes(f);
        try (GlContext ctx = GlContext.offscreen();
                GlFrameRenderer r = new GlFrameRenderer(pipeline.compile(f.format(), f.colorimetry()))) {
            r.upload(f);
            r.render();
            int[] gpu = r.readCodes(null);
            assertEquals(in.length, gpu.length);
            for (int i = 0; i < in.length; i++) {
                assertTrue(Math.abs(gpu[i] - (int) in[i]) <= 1, "pixel " + i / 3 + " ch " + i % 3 + ": in "
                        + (int) in[i] + " out " + gpu[i] + " on " + ctx.renderer());
            }
        }
    }

    @Test
    void pqCodesThroughThePq1000PresetComeBackUnchangedOnTheGpu() {
        Frame f = HdrSignals.grid(HdrSignals.rgb(Colorimetry.Transfer.PQ), HdrSignals.LEVELS);
        assertGpuPassesCodesThrough(f, DisplayPipeline.rec2100Pq1000());
    }

    @Test
    void hlgCodesThroughTheHlg1000PresetComeBackUnchangedOnTheGpu() {
        Frame f = HdrSignals.grid(HdrSignals.rgb(Colorimetry.Transfer.HLG), HdrSignals.LEVELS);
        assertGpuPassesCodesThrough(f, DisplayPipeline.rec2100Hlg1000());
    }

    @Test
    void sdrWhiteThroughPqLandsOnThePqCodeOf203NitsOnTheGpu() {
        TestGl.requireGl();
        Frame f = Frame.allocate(PixelFormat.YUV422P10, 16, 4).colorimetry(Colorimetry.BT709);
        java.util.Arrays.fill(f.plane(0), (short) 940);
        java.util.Arrays.fill(f.plane(1), (short) 512);
        java.util.Arrays.fill(f.plane(2), (short) 512);
        int expected = HdrSignals.code10(HdrSignals.pqSignal(203));
        try (GlContext ctx = GlContext.offscreen(); GlFrameRenderer r = new GlFrameRenderer(
                DisplayPipeline.rec2100Pq1000().compile(f.format(), f.colorimetry()))) {
            r.upload(f);
            r.render();
            for (int c : r.readCodes(null)) {
                assertTrue(Math.abs(c - expected) <= 1, "got " + c + ", PQ(203 cd/m²) = " + expected);
            }
        }
    }

    @Test
    void pqReferenceWhiteThroughRec709IsHundredPercentOnTheGpu() {
        TestGl.requireGl();
        int white = HdrSignals.code10(HdrSignals.pqSignal(203));
        Frame f = HdrSignals.flat(HdrSignals.rgb(Colorimetry.Transfer.PQ), 8, 2, white, white, white);
        try (GlContext ctx = GlContext.offscreen(); GlFrameRenderer r = new GlFrameRenderer(
                DisplayPipeline.rec709Bt1886().compile(f.format(), f.colorimetry()))) {
            r.upload(f);
            r.render();
            for (int c : r.readCodes(null)) {
                assertTrue(c >= 1022, "203 cd/m² PQ should be 100% white, got " + c);
            }
        }
    }

    @Test
    void everyTenBitCodeIsStoredExactlyInTheRenderTarget() {
        TestGl.requireGl();
        // 1024 x 1 frame whose sample x is code x; the program only scales codes to [0, 1].
        Frame f = Frame.allocate(PixelFormat.YUV444P10, 1024, 1).colorimetry(Colorimetry.BT709);
        for (int p = 0; p < 3; p++) {
            for (int x = 0; x < 1024; x++) {
                f.plane(p)[x] = (short) x;
            }
        }
        ColourProgram codes = ColourProgram.of(new dev.xsight.colour.RangeOp(1 / 1023.0, 0,
                Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY));
        try (GlContext ctx = GlContext.offscreen(); GlFrameRenderer r = new GlFrameRenderer(codes)) {
            r.upload(f);
            r.render();
            int[] got = r.readCodes(null);
            for (int x = 0; x < 1024; x++) {
                assertEquals(x, got[x * 3], "code " + x + " on " + ctx.renderer());
            }
        }
    }
}
