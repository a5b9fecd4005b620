package dev.xsight.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.xsight.colour.DisplayPipeline;
import dev.xsight.gl.ProgramSource;
import dev.xsight.media.Colorimetry;
import dev.xsight.media.Frame;
import dev.xsight.media.FramePool;
import dev.xsight.media.FrameRate;
import dev.xsight.media.PixelFormat;
import dev.xsight.media.Timecode;
import java.nio.IntBuffer;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The preview loop on its own: newest frame wins, frames go back to their pool, the format line follows. */
class PreviewLoopTest {
    private static final long HANG_NANOS = TimeUnit.SECONDS.toNanos(30);

    private static PipelineRenderer cpu() {
        return new PipelineRenderer(ProgramSource.compiling(), false, new PipelineRenderer.Listener() {
            @Override
            public void backendChosen(String backend, boolean gl) {
            }

            @Override
            public void pipelineFailed(DisplayPipeline pipeline, RuntimeException error) {
                throw error;
            }
        });
    }

    private static PreviewLoop<IntBuffer> loop() {
        return new PreviewLoop<>("test-preview", cpu(), RenderParams.preview(DisplayPipeline.rec709Bt1886()),
                (pixels, w, h) -> pixels);
    }

    private static Frame grey(Frame f, long seq) {
        Arrays.fill(f.plane(0), (short) 502);
        Arrays.fill(f.plane(1), (short) 512);
        Arrays.fill(f.plane(2), (short) 512);
        return f.sequence(seq).frameRate(FrameRate.FPS_59_94)
                .timecode(Timecode.fromFrameCount(seq, FrameRate.FPS_59_94, true));
    }

    /** Takes pictures (as a UI would) until one from frame {@code seq} arrives; only a hang times out. */
    private static PreviewLoop.Picture<IntBuffer> awaitPicture(PreviewLoop<IntBuffer> loop, long seq)
            throws InterruptedException {
        long deadline = System.nanoTime() + HANG_NANOS;
        while (System.nanoTime() < deadline) {
            PreviewLoop.Picture<IntBuffer> p = loop.takeLatest();
            if (p != null && p.sequence() == seq) {
                return p;
            }
            Thread.sleep(2);
        }
        throw new AssertionError("no picture of frame " + seq);
    }

    @Test
    void aScreenThatFallsBehindGetsTheNewestFrameAndEveryOlderFrameIsReleased() throws Exception {
        FramePool pool = new FramePool(PixelFormat.YUV422P10, 64, 36, 8);
        try (PreviewLoop<IntBuffer> loop = loop()) {
            for (long i = 0; i < 200; i++) {
                loop.offer(grey(pool.acquire(), i)); // nobody takes pictures meanwhile
            }
            PreviewLoop.Picture<IntBuffer> p = awaitPicture(loop, 199);
            assertNotNull(p);
            assertEquals("00:00:03;19", p.timecode().toString());
            assertEquals("64x36p59.94 4:2:2 10-bit BT.709 narrow", p.format());
            assertEquals(64, p.width());
            // Y' 502 is (502 - 64) / 876 = 50% of the narrow range; BT.709 in, BT.1886 out leaves the signal as it
            // is, so the display code is 0.5 × 1023 and the 8-bit picture 127 or 128 (the dither's one code).
            int argb = p.view().get(10 * 64 + 10);
            assertEquals(0xFF, argb >>> 24);
            for (int shift = 0; shift <= 16; shift += 8) {
                assertEquals(127.5, (argb >> shift) & 0xFF, 0.5);
            }
        }
        // Frames the screen never took went back to the pool: a handful were ever created, not 200.
        assertTrue(pool.allocatedFrames() <= 3, "pool created " + pool.allocatedFrames() + " frames");
    }

    @Test
    void theFormatLineFollowsAPooledFrameThatComesBackWithAnotherColorimetry() throws Exception {
        // The same frame object, described once, comes back (as a pool hands it out again) signalling PQ.
        Frame f = grey(Frame.allocate(PixelFormat.YUV422P10, 64, 36), 1).colorimetry(Colorimetry.BT709);
        try (PreviewLoop<IntBuffer> loop = loop()) {
            loop.offer(f.retain());
            assertEquals("64x36p59.94 4:2:2 10-bit BT.709 narrow", awaitPicture(loop, 1).format());
            loop.offer(grey(f, 2).colorimetry(Colorimetry.BT2100_PQ).retain());
            assertEquals("64x36p59.94 4:2:2 10-bit BT.2020 PQ narrow", awaitPicture(loop, 2).format());
            loop.offer(grey(f, 3).colorimetry(Colorimetry.BT709).retain());
            assertEquals("64x36p59.94 4:2:2 10-bit BT.709 narrow", awaitPicture(loop, 3).format());
        } finally {
            f.release();
        }
    }

    @Test
    void newParametersReachTheNextPicture() throws Exception {
        Frame f = grey(Frame.allocate(PixelFormat.YUV422P10, 64, 36), 1).colorimetry(Colorimetry.BT709);
        try (PreviewLoop<IntBuffer> loop = loop()) {
            loop.offer(f.retain());
            assertEquals(Colorimetry.Transfer.BT1886, awaitPicture(loop, 1).analysis().displayTransfer());
            loop.setParams(RenderParams.preview(DisplayPipeline.rec2100Pq1000()));
            loop.offer(grey(f, 2).retain());
            PreviewLoop.Picture<IntBuffer> p = awaitPicture(loop, 2);
            assertEquals(Colorimetry.Transfer.PQ, p.analysis().displayTransfer());
            assertTrue(p.analysis().displayBt2020());
        } finally {
            f.release();
        }
    }
}
