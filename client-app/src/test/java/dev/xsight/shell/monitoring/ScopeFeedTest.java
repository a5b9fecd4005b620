package dev.xsight.shell.monitoring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.xsight.colour.DisplayPipeline;
import dev.xsight.media.Frame;
import dev.xsight.image.DisplayImage;
import dev.xsight.render.PictureAnalysis;
import dev.xsight.render.PipelineRenderer;
import dev.xsight.render.RenderParams;
import dev.xsight.signal.DemoSource;
import java.nio.IntBuffer;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;

/** The scope feed's hand-over: never waits, skips while busy, reuses its copy of the codes. */
@ExtendWith(ApplicationExtension.class)
class ScopeFeedTest {

    private static PictureAnalysis stillBars() {
        Frame f = new DemoSource(DemoSource.Settings.defaults().withMotion(false)).produce(0);
        PictureAnalysis a = new PictureAnalysis();
        try (PipelineRenderer r = new PipelineRenderer(dev.xsight.gl.ProgramSource.compiling(), false,
                new PipelineRenderer.Listener() {
                    @Override
                    public void backendChosen(String backend, boolean gl) {
                    }

                    @Override
                    public void pipelineFailed(DisplayPipeline pipeline, RuntimeException error) {
                        throw error;
                    }
                })) {
            r.render(f, IntBuffer.allocate(480 * 270), 480, 270, 1, a,
                    RenderParams.preview(DisplayPipeline.rec709Bt1886()));
        } finally {
            f.release();
        }
        return a;
    }

    @Test
    void pictureOfferedBeforeTheLastScopesReachedTheScreenIsSkippedAndBuffersAreReused(FxRobot robot)
            throws Exception {
        PictureAnalysis a = stillBars();
        LinkedBlockingQueue<Runnable> toFx = new LinkedBlockingQueue<>();
        ScopeFeed feed = new ScopeFeed(toFx::add, ScopeFeed.Compute.AUTO);
        try {
            assertFalse(feed.offer(a), "disabled: nothing is computed");
            feed.setEnabled(true);
            assertTrue(feed.offer(a));
            DisplayImage copy = feed.copyBuffer();
            Runnable publish = toFx.poll(30, TimeUnit.SECONDS);
            assertTrue(publish != null, "the worker drew the scopes");
            // Drawn but not yet on screen: the feed is still busy and the next picture is skipped, not queued.
            assertFalse(feed.offer(a));
            assertEquals(1, feed.skipped());
            robot.interact(publish);
            assertEquals(1, feed.published());
            assertTrue(feed.lumaCount(1023) > 0, "the 100% white patch");
            assertTrue(feed.offer(a));
            assertSame(copy, feed.copyBuffer(), "the copy buffer is reused");
            assertTrue(toFx.poll(30, TimeUnit.SECONDS) != null);
        } finally {
            feed.close();
        }
    }
}
