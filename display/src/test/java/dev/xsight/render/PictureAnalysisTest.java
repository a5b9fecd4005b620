package dev.xsight.render;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.xsight.colour.DisplayPipeline;
import dev.xsight.gl.ProgramSource;
import dev.xsight.media.Frame;
import dev.xsight.overlay.FalseColour;
import dev.xsight.image.DisplayImage;
import dev.xsight.signal.DemoSource;
import java.nio.IntBuffer;
import org.junit.jupiter.api.Test;

/**
 * The per-picture analysis the preview renderer leaves for the scopes and the probe, and the signal overlays it
 * paints (CPU path: 480x270 from the 1920x1080 still bars, every 4th sample).
 */
class PictureAnalysisTest {
    private static final PipelineRenderer.Listener QUIET = new PipelineRenderer.Listener() {
        @Override
        public void backendChosen(String backend, boolean gl) {
        }

        @Override
        public void pipelineFailed(DisplayPipeline pipeline, RuntimeException error) {
            throw error;
        }
    };
    private static final RenderParams REC709 = RenderParams.preview(DisplayPipeline.rec709Bt1886());
    // Picture (480x270) positions: the 40% grey left side panel, 100% white under bar 1 (x 240–445, lines 630–719).
    private static final int GREY_X = 30, GREY_Y = 75, WHITE_X = 343 / 4, WHITE_Y = 675 / 4;

    private static Frame bars() {
        return new DemoSource(DemoSource.Settings.defaults().withMotion(false)).produce(0);
    }

    @Test
    void keepsTheDisplayedCodesAndSourceSamplesInReusedBuffers() {
        Frame f = bars();
        PictureAnalysis a = new PictureAnalysis();
        try (PipelineRenderer r = new PipelineRenderer(ProgramSource.compiling(), false, QUIET)) {
            IntBuffer out = IntBuffer.allocate(480 * 270);
            r.render(f, out, 480, 270, 1, a, REC709.withOverlays(SignalOverlays.NONE));
            DisplayImage codes = a.codes();
            Frame source = a.source();
            int[] array = codes.codes();
            r.render(f, out, 480, 270, 1, a, REC709.withOverlays(SignalOverlays.NONE));
            assertSame(codes, a.codes());
            assertSame(array, a.codes().codes());
            assertSame(source, a.source());
            assertTrue(a.valid());
            assertEquals(4, a.factor());
            // RP 219 100% white is Y'CbCr 940/512/512; through BT.1886 it is full scale on the display.
            assertEquals(940, a.source().plane(0)[WHITE_Y * 480 + WHITE_X]);
            assertArrayEquals(new int[] {1023, 1023, 1023}, new int[] {codes.get(WHITE_X, WHITE_Y, 0),
                codes.get(WHITE_X, WHITE_Y, 1), codes.get(WHITE_X, WHITE_Y, 2)});
        } finally {
            f.release();
        }
    }

    @Test
    void steadyStateRenderingAllocatesNothingOnTheConverterThread() {
        var threads = (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
        Frame f = bars();
        PictureAnalysis a = new PictureAnalysis();
        SignalOverlays all = new SignalOverlays(true, true, 90, true);
        try (PipelineRenderer r = new PipelineRenderer(ProgramSource.compiling(), false, QUIET)) {
            IntBuffer out = IntBuffer.allocate(480 * 270);
            for (int i = 0; i < 5; i++) {
                r.render(f, out, 480, 270, 1, a, REC709.withOverlays(all));
            }
            long id = Thread.currentThread().threadId();
            // Steady state comes once the JIT has compiled the render path, after more calls on a busy machine than
            // the 5 warm-up pictures: rounds of 10 run until one is under the limit (a real per-picture allocation
            // never is; 60 s of rounds is a hang).
            long deadline = System.nanoTime() + 60_000_000_000L;
            long perPicture;
            do {
                long before = threads.getThreadAllocatedBytes(id);
                for (int i = 0; i < 10; i++) {
                    r.render(f, out, 480, 270, 1, a, REC709.withOverlays(all));
                }
                perPicture = (threads.getThreadAllocatedBytes(id) - before) / 10;
            } while (perPicture >= 32 * 1024 && System.nanoTime() - deadline < 0);
            // One picture's buffers are ~1.5 MB (codes) + 1 MB (painted) + 0.5 MB (luma): a per-frame allocation
            // of any of them would show. What remains is the CPU reference's fork/join bookkeeping.
            assertTrue(perPicture < 32 * 1024, "allocated " + perPicture + " bytes per picture");
        } finally {
            f.release();
        }
    }

    @Test
    void falseColourAndZebrasChangeThePictureButNotTheAnalysedCodes() {
        Frame f = bars();
        PictureAnalysis a = new PictureAnalysis();
        try (PipelineRenderer r = new PipelineRenderer(ProgramSource.compiling(), false, QUIET)) {
            IntBuffer out = IntBuffer.allocate(480 * 270);
            r.render(f, out, 480, 270, 1, a, REC709.withOverlays(new SignalOverlays(true, false, 95, false)));
            // 40% grey: Y' = 64 + 0.40 × 876 = 414 is inside the 38–42% band, 100% white (940) in the 97–100% one.
            assertEquals(rgb8(FalseColour.GREEN), out.get(GREY_Y * 480 + GREY_X) & 0xFCFCFC, "40% grey → green");
            assertEquals(rgb8(FalseColour.YELLOW), out.get(WHITE_Y * 480 + WHITE_X) & 0xFCFCFC, "white → yellow");
            assertEquals(1023, a.codes().get(WHITE_X, WHITE_Y, 0), "the scopes still see the clean picture");

            r.render(f, out, 480, 270, 1, a, REC709.withOverlays(new SignalOverlays(false, true, 95, false)));
            int black = 0, greyBlack = 0;
            for (int x = 240 / 4; x < 445 / 4; x++) {
                black += (out.get(WHITE_Y * 480 + x) & 0xFFFFFF) == 0 ? 1 : 0;
                greyBlack += (out.get(GREY_Y * 480 + x % 60) & 0xFFFFFF) == 0 ? 1 : 0;
            }
            assertTrue(black > 15 && black < 35, "half of white is striped: " + black + " of 51");
            assertEquals(0, greyBlack, "40% grey is below the 95% threshold");
        } finally {
            f.release();
        }
    }

    private static int rgb8(int[] c10) {
        // The 10 → 8-bit dither adds at most one code: compare the top 6 bits of each channel.
        return ((c10[0] >> 2) << 16 | (c10[1] >> 2) << 8 | c10[2] >> 2) & 0xFCFCFC;
    }
}
