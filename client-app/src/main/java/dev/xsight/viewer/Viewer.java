package dev.xsight.viewer;

import dev.xsight.colour.DisplayPipeline;
import dev.xsight.gl.ReferenceOutput;
import dev.xsight.media.Colorimetry;
import dev.xsight.media.Frame;
import dev.xsight.media.FrameSource;
import dev.xsight.media.SourceException;
import dev.xsight.media.SourceHealth;
import dev.xsight.media.SourceProvider;
import dev.xsight.render.PictureAnalysis;
import dev.xsight.render.PipelinePreset;
import dev.xsight.render.PipelineRenderer;
import dev.xsight.render.PreviewLoop;
import dev.xsight.render.ProgramCache;
import dev.xsight.render.RenderParams;
import dev.xsight.render.SignalOverlays;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * One viewer: owns one source's lifecycle (open, listen, close) and fans its frames out to the preview, the
 * reference output and the scopes, all with the viewer's current {@link RenderParams}. Every viewer is
 * colour-managed: its preview renders through a {@link PipelineRenderer} whose programs come from the shared
 * {@link ProgramCache}. Until a pipeline is chosen ({@link #setPipeline}), the viewer follows its source: the
 * pipeline is the preset for the display the frames' transfer is made for ({@link PipelinePreset#defaultFor}).
 *
 * <p>Threads: sources are opened and closed on the viewer's control thread; frames arrive on the source's own
 * thread, which hands each one (retained) to the attached {@link ReferenceOutput} and then to the {@link PreviewLoop}, whose converter
 * thread renders it and passes the picture's analysis to the analysis sink (the scopes). The preview loop and its
 * converter thread exist from the first {@link #open} until {@link #stop} or {@link #close}, so a stopped viewer
 * runs nothing. {@link #takeLatest} and {@link #shown} belong to one UI thread; every other method may be called
 * from any thread. The listener is called on the control thread or a source thread: a UI posts to its own thread.
 *
 * @param <V> the UI's image of a preview picture
 */
public final class Viewer<V> implements AutoCloseable {

    /** What happens to the viewer's source. Called on the control thread or a source thread. */
    public interface Listener {
        /** {@code source} is open and delivering. */
        default void opened(FrameSource source) {
        }

        /** {@code what} (the location, or the entry's label) could not be opened. */
        default void openFailed(String what, Exception error) {
        }

        /** The playing source reported a problem (it may go on: {@link SourceException#recoverable()}). */
        default void sourceError(FrameSource source, SourceException error) {
        }
    }

    /** The names of a viewer's threads. */
    public record Threads(String preview, String control) {
        /** The main viewer's: {@code xsight-preview} and {@code xsight-source-control}. */
        public static final Threads MAIN = new Threads("xsight-preview", "xsight-source-control");
    }

    private final Threads threads;
    private final ProgramCache programs;
    private final PreviewLoop.Views<V> views;
    private final Listener listener;
    private final ExecutorService control;
    private final Object paramsLock = new Object();
    private volatile RenderParams params;
    private volatile boolean followSignal = true;
    private volatile boolean tryGl = true;
    private volatile PipelineRenderer.Listener renderListener = QUIET;
    private volatile Consumer<PictureAnalysis> analysisSink;
    private volatile ReferenceOutput reference;
    private volatile FrameTap tap;
    private volatile boolean frozen;
    private volatile FrameSource current;
    private volatile PreviewLoop<V> preview;

    private static final PipelineRenderer.Listener QUIET = new PipelineRenderer.Listener() {
        @Override
        public void backendChosen(String backend, boolean gl) {
        }

        @Override
        public void pipelineFailed(DisplayPipeline pipeline, RuntimeException error) {
        }
    };

    /**
     * @param programs the compiled programs shared by this viewer's outputs (and the shell's other viewers)
     * @param views makes the UI's image of each preview picture
     */
    public Viewer(Threads threads, ProgramCache programs, PreviewLoop.Views<V> views, Listener listener) {
        this.threads = Objects.requireNonNull(threads);
        this.programs = Objects.requireNonNull(programs);
        this.views = Objects.requireNonNull(views);
        this.listener = Objects.requireNonNull(listener);
        this.params = RenderParams.preview(PipelinePreset.REC709.pipeline());
        this.control = Executors.newSingleThreadExecutor(
                r -> Thread.ofPlatform().name(threads.control()).daemon(true).unstarted(r));
    }

    // ---- the source ----

    /**
     * Opens {@code provider} at {@code location} (null when it needs none) on the control thread, closing the source
     * playing before; {@code label} names it in a failure.
     */
    public void open(SourceProvider provider, String location, String label) {
        control.execute(() -> {
            closeSource();
            ReferenceOutput ref = reference;
            if (ref != null) {
                ref.restart(); // a new source: nothing queued from the old one, a fresh clock
            }
            PreviewLoop<V> p = previewLoop();
            try {
                FrameSource s = provider.open(location);
                s.start(new FrameSource.FrameListener() {
                    @Override
                    public void onFrame(Frame frame) {
                        deliver(s, frame, p);
                    }

                    @Override
                    public void onError(SourceException error) {
                        listener.sourceError(s, error);
                    }
                });
                current = s;
                listener.opened(s);
            } catch (Exception e) {
                listener.openFailed(location == null ? label : location, e);
            }
        });
    }

    /** Source thread: the reference output gets its own reference first, then the preview takes the frame. */
    private void deliver(FrameSource source, Frame frame, PreviewLoop<V> p) {
        if (frozen) {
            frame.release(); // a frozen live source keeps showing the last picture
            return;
        }
        ReferenceOutput ref = reference;
        if (ref != null) {
            ref.offer(frame.retain()); // the full-size frame for the reference output
        }
        FrameTap t = tap;
        if (t != null) {
            t.onFrame(source, frame); // live QC: retains what it keeps, skips (and counts) when behind, never waits
        }
        p.offer(frame); // the loop keeps the newest frame and releases any it replaces
    }

    /** Control thread: the preview loop, started with the current parameters when there is none. */
    private PreviewLoop<V> previewLoop() {
        PreviewLoop<V> p = preview;
        if (p == null) {
            p = new PreviewLoop<>(threads.preview(), newRenderer(), params, views);
            p.setAnalysisSink(analysisSink);
            preview = p;
        }
        return p;
    }

    private PipelineRenderer newRenderer() {
        return new PipelineRenderer(programs, tryGl, new PipelineRenderer.Listener() {
            @Override
            public void backendChosen(String backend, boolean gl) {
                renderListener.backendChosen(backend, gl);
            }

            @Override
            public void pipelineFailed(DisplayPipeline pipeline, RuntimeException error) {
                renderListener.pipelineFailed(pipeline, error);
            }

            @Override
            public void colorimetrySeen(Colorimetry c) {
                if (followSignal) {
                    follow(c);
                }
                renderListener.colorimetrySeen(c);
            }
        });
    }

    /** The pipeline of a viewer that follows its source: the preset for the display the transfer is made for. */
    private void follow(Colorimetry c) {
        DisplayPipeline p = PipelinePreset.defaultFor(c.transfer()).pipeline();
        synchronized (paramsLock) {
            if (followSignal && !p.equals(params.pipeline())) {
                publish(params.withPipeline(p));
            }
        }
    }

    /** Closes the source and the preview loop (its converter thread ends); the viewer can be opened again. */
    public void stop() {
        if (!control.isShutdown()) {
            control.execute(this::stopAll);
        }
    }

    /** Control thread: the source first (no more frames), then the loop (releases what it holds). */
    private void stopAll() {
        closeSource();
        PreviewLoop<V> p = preview;
        preview = null;
        if (p != null) {
            p.close();
        }
    }

    private void closeSource() {
        FrameSource s = current;
        current = null;
        if (s != null) {
            s.close();
        }
        PreviewLoop<V> p = preview;
        if (p != null) {
            p.clear();
        }
    }

    /** A frozen viewer drops its source's frames (the last picture stays). */
    public void setFrozen(boolean on) {
        frozen = on;
    }

    /** The source playing now, or null. */
    public FrameSource source() {
        return current;
    }

    /** The playing source's health, or null when none plays. */
    public SourceHealth health() {
        FrameSource s = current;
        return s == null ? null : s.health();
    }

    /** Whether a source or a preview loop is open (false once {@link #stop} has run). */
    public boolean isOpen() {
        return current != null || preview != null;
    }

    // ---- render parameters ----

    /** The render parameters in force. */
    public RenderParams params() {
        return params;
    }

    /** Renders through {@code p} from the next frame on; the viewer stops following its source's signal. */
    public void setPipeline(DisplayPipeline p) {
        synchronized (paramsLock) {
            followSignal = false;
            publish(params.withPipeline(p));
        }
    }

    /** The signal overlays painted on the preview from the next frame on. */
    public void setOverlays(SignalOverlays o) {
        synchronized (paramsLock) {
            publish(params.withOverlays(o));
        }
    }

    private void publish(RenderParams p) {
        boolean newPipeline = !p.pipeline().equals(params.pipeline());
        params = p;
        PreviewLoop<V> loop = preview;
        if (loop != null) {
            loop.setParams(p);
        }
        ReferenceOutput ref = reference;
        if (ref != null && newPipeline) {
            ref.setPipeline(p.pipeline());
        }
    }

    /**
     * How the preview renders: {@code tryGl} false keeps it on the CPU reference; {@code l} hears the back end
     * chosen, failed pipelines and the frames' colorimetry (on the converter thread). Takes effect now (the old
     * renderer is closed on the converter thread) or at the next open.
     */
    public void useRenderer(boolean tryGl, PipelineRenderer.Listener l) {
        this.tryGl = tryGl;
        this.renderListener = Objects.requireNonNull(l);
        PreviewLoop<V> loop = preview;
        if (loop != null) {
            loop.setRenderer(newRenderer());
        }
    }

    // ---- outputs ----

    /** Where each preview picture's analysis goes (the scopes), or null for nowhere. */
    public void setAnalysisSink(Consumer<PictureAnalysis> sink) {
        analysisSink = sink;
        PreviewLoop<V> loop = preview;
        if (loop != null) {
            loop.setAnalysisSink(sink);
        }
    }

    /**
     * Sends the frames, full size, to {@code out} as well as they arrive (each frame retained for it), through this
     * viewer's pipeline, which the output follows from now on; {@code null} detaches the output (it is not closed).
     */
    public void attachReference(ReferenceOutput out) {
        synchronized (paramsLock) {
            reference = out;
            if (out != null) {
                out.setPipeline(params.pipeline());
            }
        }
    }

    /**
     * Sees every frame, full size, with the source that delivered it (live QC).
     *
     * <p>Threading: called on the source's thread before the preview takes the frame; it does not own the frame:
     * it {@code retain()}s what it keeps and must return at once.
     */
    @FunctionalInterface
    public interface FrameTap {
        void onFrame(FrameSource source, Frame frame);
    }

    /** Shows every frame to {@code frameTap} (see {@link FrameTap}). Null: none. */
    public void setFrameTap(FrameTap frameTap) {
        tap = frameTap;
    }

    /** The programs this viewer's outputs share. */
    public ProgramCache programs() {
        return programs;
    }

    /** UI thread: the newest preview picture since the last call, or null. */
    public PreviewLoop.Picture<V> takeLatest() {
        PreviewLoop<V> p = preview;
        return p == null ? null : p.takeLatest();
    }

    /** UI thread: the picture on screen (null before the first or once stopped). */
    public PreviewLoop.Picture<V> shown() {
        PreviewLoop<V> p = preview;
        return p == null ? null : p.shown();
    }

    /** Closes the source and the preview and ends the control thread. Idempotent. */
    @Override
    public void close() {
        if (control.isShutdown()) {
            return;
        }
        control.execute(this::stopAll);
        control.shutdown();
        try {
            control.awaitTermination(3, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
