package dev.xsight.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.xsight.media.Frame;
import dev.xsight.media.FramePool;
import dev.xsight.media.FrameRate;
import dev.xsight.media.PixelFormat;
import dev.xsight.media.Timecode;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

class PreviewPipelineTest {

    @BeforeAll
    static void startFx() throws Exception {
        FxToolkit.registerPrimaryStage();
    }

    private static Frame grey(FramePool pool, long seq) {
        Frame f = pool.acquire();
        Arrays.fill(f.plane(0), (short) 502);
        Arrays.fill(f.plane(1), (short) 512);
        Arrays.fill(f.plane(2), (short) 512);
        return f.sequence(seq).frameRate(FrameRate.FPS_59_94)
                .timecode(Timecode.fromFrameCount(seq, FrameRate.FPS_59_94, true));
    }

    @Test
    void aScreenThatFallsBehindGetsTheNewestFrameAndEveryOlderFrameIsReleased() throws Exception {
        FramePool pool = new FramePool(PixelFormat.YUV422P10, 64, 36, 8);
        try (PreviewPipeline pipeline = new PreviewPipeline()) {
            for (long i = 0; i < 200; i++) {
                pipeline.offer(grey(pool, i)); // nobody takes pictures meanwhile
            }
            AtomicReference<PreviewPipeline.Picture> latest = new AtomicReference<>();
            WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> {
                PreviewPipeline.Picture p = WaitForAsyncUtils.asyncFx(pipeline::takeLatest).get();
                if (p != null) {
                    latest.set(p);
                }
                return latest.get() != null && latest.get().sequence() == 199;
            });
            PreviewPipeline.Picture p = latest.get();
            assertNotNull(p);
            assertEquals("00:00:03;19", p.timecode().toString());
            assertEquals("64x36p59.94 4:2:2 10-bit BT.709 narrow", p.format());
            assertEquals(64, (int) p.image().getWidth());
            int argb = p.image().getPixelReader().getArgb(10, 10);
            assertEquals(0xFF808080, argb, "50% grey (502) shows as 128");
        }
        // Frames the screen never took went back to the pool: a handful were ever created, not 200.
        assertTrue(pool.allocatedFrames() <= 3, "pool created " + pool.allocatedFrames() + " frames");
    }
}
