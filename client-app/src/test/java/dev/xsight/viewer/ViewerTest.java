package dev.xsight.viewer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.xsight.media.Colorimetry;
import dev.xsight.media.Frame;
import dev.xsight.media.FramePool;
import dev.xsight.media.FrameSource;
import dev.xsight.media.PixelFormat;
import dev.xsight.media.SourceHealth;
import dev.xsight.media.SourceProvider;
import dev.xsight.render.PipelinePreset;
import dev.xsight.render.PreviewLoop;
import dev.xsight.render.ProgramCache;
import java.nio.IntBuffer;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;

/** The viewer engine without a UI: frames in from a source the test drives, pictures out, parameters followed. */
class ViewerTest {
    private static final long HANG_NANOS = TimeUnit.SECONDS.toNanos(30);
    private static final Viewer.Threads THREADS = new Viewer.Threads("test-viewer-preview", "test-viewer-control");

    /** A source whose frames the test pushes (on the test thread, as a source's own thread would). */
    private static final class PushedSource implements FrameSource {
        final CompletableFuture<FrameListener> listener = new CompletableFuture<>();
        volatile boolean closed;

        @Override
        public String name() {
            return "pushed";
        }

        @Override
        public void start(FrameListener l) {
            listener.complete(l);
        }

        @Override
        public SourceHealth health() {
            return SourceHealth.starting("pushed");
        }

        @Override
        public void close() {
            closed = true;
        }

        void push(Frame f) throws Exception {
            listener.get(30, TimeUnit.SECONDS).onFrame(f);
        }
    }

    private static SourceProvider providing(PushedSource s) {
        return new SourceProvider() {
            @Override
            public String kind() {
                return "pushed";
            }

            @Override
            public String label() {
                return "Pushed frames";
            }

            @Override
            public Input input() {
                return Input.NONE;
            }

            @Override
            public FrameSource open(String location) {
                return s;
            }
        };
    }

    private static Frame grey(FramePool pool, long seq, Colorimetry c) {
        Frame f = pool.acquire();
        Arrays.fill(f.plane(0), (short) 502);
        Arrays.fill(f.plane(1), (short) 512);
        Arrays.fill(f.plane(2), (short) 512);
        return f.sequence(seq).colorimetry(c);
    }

    /** Waits for {@code done}; only a hang reaches the limit. */
    private static void await(String what, BooleanSupplier done) throws InterruptedException {
        long deadline = System.nanoTime() + HANG_NANOS;
        while (!done.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("never: " + what);
            }
            Thread.sleep(2);
        }
    }

    private static PreviewLoop.Picture<IntBuffer> picture(Viewer<IntBuffer> v, long seq) throws InterruptedException {
        PreviewLoop.Picture<?>[] got = new PreviewLoop.Picture<?>[1];
        await("picture of frame " + seq, () -> {
            PreviewLoop.Picture<IntBuffer> p = v.takeLatest();
            if (p != null && p.sequence() == seq) {
                got[0] = p;
            }
            return got[0] != null;
        });
        @SuppressWarnings("unchecked")
        PreviewLoop.Picture<IntBuffer> p = (PreviewLoop.Picture<IntBuffer>) got[0];
        return p;
    }

    private static boolean threadAlive(String name) {
        return Thread.getAllStackTraces().keySet().stream().anyMatch(t -> t.isAlive() && t.getName().equals(name));
    }

    @Test
    void aViewerNobodySetsFollowsItsSourcesTransferAndAChosenPipelineStays() throws Exception {
        FramePool pool = new FramePool(PixelFormat.YUV422P10, 64, 36, 4);
        PushedSource source = new PushedSource();
        try (Viewer<IntBuffer> v = new Viewer<>(THREADS, new ProgramCache(), (px, w, h) -> px,
                new Viewer.Listener() { })) {
            v.useRenderer(false, new QuietRenderer());
            v.open(providing(source), null, "pushed");
            source.push(grey(pool, 1, Colorimetry.BT2100_PQ));
            // The renderer sees PQ on the first frame; the viewer moves to the PQ display's preset.
            await("PQ preset", () -> v.params().pipeline().equals(PipelinePreset.PQ1000.pipeline()));
            source.push(grey(pool, 2, Colorimetry.BT2100_PQ));
            assertEquals(Colorimetry.Transfer.PQ, picture(v, 2).analysis().displayTransfer());

            v.setPipeline(PipelinePreset.REC709.pipeline());
            source.push(grey(pool, 3, Colorimetry.BT709));
            source.push(grey(pool, 4, Colorimetry.BT2100_HLG));
            PreviewLoop.Picture<IntBuffer> p = picture(v, 4);
            assertEquals(Colorimetry.Transfer.BT1886, p.analysis().displayTransfer(), "a chosen pipeline stays");
            assertEquals(PipelinePreset.REC709.pipeline(), v.params().pipeline());
        }
        assertTrue(source.closed, "closing the viewer closes its source");
    }

    @Test
    void stopClosesTheSourceAndEndsTheConverterThreadAndOpenStartsThemAgain() throws Exception {
        FramePool pool = new FramePool(PixelFormat.YUV422P10, 64, 36, 4);
        try (Viewer<IntBuffer> v = new Viewer<>(THREADS, new ProgramCache(), (px, w, h) -> px,
                new Viewer.Listener() { })) {
            v.useRenderer(false, new QuietRenderer());
            assertFalse(threadAlive(THREADS.preview()), "nothing runs before the first open");
            PushedSource first = new PushedSource();
            v.open(providing(first), null, "first");
            first.push(grey(pool, 1, Colorimetry.BT709));
            picture(v, 1);
            assertTrue(threadAlive(THREADS.preview()));

            v.stop();
            await("stopped", () -> !v.isOpen());
            assertTrue(first.closed);
            assertFalse(threadAlive(THREADS.preview()), "the converter thread has ended");

            PushedSource second = new PushedSource();
            v.open(providing(second), null, "second");
            second.push(grey(pool, 7, Colorimetry.BT709));
            assertEquals(7, picture(v, 7).sequence());
        }
        assertTrue(pool.allocatedFrames() <= 3, "frames went back to their pool: " + pool.allocatedFrames());
    }

    /** A renderer listener that hears nothing worth saying and fails the test on a pipeline failure. */
    private static final class QuietRenderer implements dev.xsight.render.PipelineRenderer.Listener {
        @Override
        public void backendChosen(String backend, boolean gl) {
        }

        @Override
        public void pipelineFailed(dev.xsight.colour.DisplayPipeline pipeline, RuntimeException error) {
            throw error;
        }
    }
}
