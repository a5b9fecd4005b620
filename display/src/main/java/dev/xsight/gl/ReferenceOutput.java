package dev.xsight.gl;

import dev.xsight.colour.ColourProgram;
import dev.xsight.colour.DisplayPipeline;
import dev.xsight.media.Colorimetry;
import dev.xsight.media.Frame;
import dev.xsight.media.PixelFormat;
import java.util.ArrayDeque;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The reference output: full-size frames through the display pipeline into the 10-bit {@link ReferenceWindow},
 * presented at the source's frame rate on a thread of its own ({@code xsight-reference-output}) with its own GL
 * context and renderer, independent of the (reduced, 8-bit) preview in the shell.
 *
 * <p>Frames wait in a short queue ({@value #QUEUE} frames); a {@link PresentationClock} says when each is due
 * (source timestamps anchored to the local clock with one frame of latency). When several are due at once the
 * newest goes out and the others count as dropped; a full queue drops its oldest. Nothing upstream ever waits for
 * this output.
 *
 * <p>Threading: {@link #open} from any thread (it returns once the window is up or has failed); {@link #offer},
 * {@link #setPipeline}, {@link #stats}, {@link #capture} and {@link #close} from any thread. The listener is
 * called on the output thread.
 */
public final class ReferenceOutput implements AutoCloseable {
    static final int QUEUE = 4;
    private static final long IDLE_WAIT_NANOS = 20_000_000L;

    /** Hears what happens to the output. Called on the output thread. */
    public interface Listener {
        /** The user closed the window, or it failed ({@code error} not null); the output has stopped. */
        void closed(Exception error);

        /** {@code pipeline} cannot be compiled for this source's format; the previous program stays. */
        default void pipelineFailed(DisplayPipeline pipeline, RuntimeException error) {
        }
    }

    /**
     * Where the window goes: {@code monitor} ≥ 0 for full screen on that monitor (or
     * {@link ReferenceWindow#LAST_MONITOR}), -1 for a window of the given size.
     */
    public record Placement(int monitor, int width, int height) {
        public Placement {
            if (monitor < 0 && (width < 16 || height < 16 || width > 16384 || height > 16384)) {
                throw new IllegalArgumentException("window size " + width + "x" + height + " (16..16384)");
            }
        }
    }

    /** What the output has done, and what it got from the driver. */
    public record Stats(long offered, long presented, long late, long repeated, long dropped, long reanchors,
            int bitsPerChannel, double refreshHz, String renderer, String format) {
    }

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final ArrayDeque<Frame> queue = new ArrayDeque<>(QUEUE);
    private final PresentationClock clock = new PresentationClock(1);
    private final Listener listener;
    private final ProgramSource programs;
    private final Thread thread;
    private final CompletableFuture<ReferenceWindow> started = new CompletableFuture<>();
    private volatile DisplayPipeline requested;
    private volatile boolean running = true;
    private volatile long presented, late, repeated, dropped, reanchors;
    private volatile int bits, windowWidth, windowHeight;
    private volatile double refreshHz;
    private volatile String renderer = "", format = "";
    private long nextDue;
    private long offered;
    private long queueDrops;
    private CompletableFuture<int[]> captureRequest;
    private boolean resetClock;

    private ReferenceOutput(DisplayPipeline pipeline, ProgramSource programs, Placement placement,
            Listener listener) {
        this.requested = Objects.requireNonNull(pipeline);
        this.programs = Objects.requireNonNull(programs);
        this.listener = Objects.requireNonNull(listener);
        thread = Thread.ofPlatform().name("xsight-reference-output").daemon(true)
                .start(() -> run(placement));
    }

    /**
     * Opens the window and starts presenting. Throws {@link GlUnavailableException} (saying why) when no 10-bit
     * capable window can be made here, e.g. without a display.
     */
    public static ReferenceOutput open(DisplayPipeline pipeline, Placement placement, Listener listener) {
        return open(pipeline, ProgramSource.compiling(), placement, listener);
    }

    /**
     * As {@link #open(DisplayPipeline, Placement, Listener)}, taking compiled programs from {@code programs} (the
     * viewer's cache, shared with its preview) instead of compiling them here.
     */
    public static ReferenceOutput open(DisplayPipeline pipeline, ProgramSource programs, Placement placement,
            Listener listener) {
        ReferenceOutput out = new ReferenceOutput(pipeline, programs, placement, listener);
        try {
            out.started.get(30, TimeUnit.SECONDS);
            return out;
        } catch (java.util.concurrent.ExecutionException e) {
            out.close();
            if (e.getCause() instanceof GlUnavailableException g) {
                throw g;
            }
            throw new GlUnavailableException("reference window failed: " + e.getCause());
        } catch (java.util.concurrent.TimeoutException | InterruptedException e) {
            out.close();
            throw new GlUnavailableException("reference window did not open within 30 s");
        }
    }

    /** Hands over a frame (ownership passes to the output; it is released once shown or dropped). */
    public void offer(Frame f) {
        lock.lock();
        try {
            if (!running) {
                f.release();
                return;
            }
            offered++;
            if (queue.size() == QUEUE) {
                queue.pollFirst().release();
                queueDrops++;
            }
            queue.addLast(f);
            changed.signal();
        } finally {
            lock.unlock();
        }
    }

    /** Drops queued frames and re-anchors the clock (a new source). */
    public void restart() {
        lock.lock();
        try {
            Frame f;
            while ((f = queue.pollFirst()) != null) {
                f.release();
                queueDrops++; // offered, never shown
            }
            resetClock = true;
            changed.signal();
        } finally {
            lock.unlock();
        }
    }

    /** The pipeline for the next frame (compiled on the output thread for the frames' format). */
    public void setPipeline(DisplayPipeline p) {
        requested = Objects.requireNonNull(p);
        lock.lock();
        try {
            changed.signal();
        } finally {
            lock.unlock();
        }
    }

    /** Counters and what the driver gave; refreshed after every present. */
    public Stats stats() {
        long off;
        long lost;
        lock.lock();
        try {
            off = offered;
            // Frames pushed out of the queue that the output thread has not counted yet (it moves them into the
            // clock, and publishes, under this lock).
            lost = dropped + queueDrops;
        } finally {
            lock.unlock();
        }
        return new Stats(off, presented, late, repeated, lost, reanchors, bits, refreshHz, renderer, format);
    }

    /**
     * The window's 10-bit codes (3 per pixel, top line first, window size) at the next present; completes
     * exceptionally if the output closes first.
     */
    public CompletableFuture<int[]> capture() {
        lock.lock();
        try {
            if (captureRequest == null || captureRequest.isDone()) {
                captureRequest = new CompletableFuture<>();
            }
            if (!running) {
                captureRequest.completeExceptionally(new IllegalStateException("reference output closed"));
            }
            changed.signal();
            return captureRequest;
        } finally {
            lock.unlock();
        }
    }

    /** The window's size in pixels {width, height} at the last present (captures have this size). */
    public int[] windowSize() {
        return new int[] {windowWidth, windowHeight};
    }

    // ---- output thread ----

    private void run(Placement placement) {
        ReferenceWindow window;
        DisplayPipeline compiled = null;
        PixelFormat compiledFormat = null;
        Colorimetry compiledColorimetry = null;
        // The signal the window's current colour program was compiled for (null: none fits the frames).
        PixelFormat fittedFormat = null;
        Colorimetry fittedColorimetry = null;
        try {
            window = new ReferenceWindow(placement.monitor(), placement.width(), placement.height());
        } catch (RuntimeException | LinkageError e) {
            running = false;
            started.completeExceptionally(e instanceof GlUnavailableException ? e
                    : new GlUnavailableException("cannot open the reference window: " + e.getMessage()));
            return;
        }
        bits = window.obtainedBitsPerChannel();
        refreshHz = window.refreshHz();
        renderer = window.glRenderer();
        windowWidth = window.width();
        windowHeight = window.height();
        started.complete(window);
        Exception failure = null;
        try {
            window.present(null);
            while (running) {
                Glfw.pollEvents();
                if (window.closeRequested()) {
                    break;
                }
                Frame next = nextDueFrame();
                CompletableFuture<int[]> capture = takeCapture();
                if (next == null && capture == null) {
                    continue;
                }
                long due = nextDue;
                boolean shown = false;
                if (next != null) {
                    try {
                        if (requested != compiled || !next.format().equals(compiledFormat)
                                || !next.colorimetry().equals(compiledColorimetry)) {
                            boolean sameSignal = next.format().equals(fittedFormat)
                                    && next.colorimetry().equals(fittedColorimetry);
                            compiled = requested;
                            compiledFormat = next.format();
                            compiledColorimetry = next.colorimetry();
                            format = next.width() + "x" + next.height() + " " + next.format().ffmpegName();
                            try {
                                window.setProgram(programs.program(compiled, next.format(), next.colorimetry()));
                                fittedFormat = next.format();
                                fittedColorimetry = next.colorimetry();
                            } catch (RuntimeException e) {
                                listener.pipelineFailed(compiled, e);
                                if (!sameSignal) {
                                    // No program fits these frames: black, never a picture decoded the wrong way.
                                    fittedFormat = null;
                                    fittedColorimetry = null;
                                    window.clear();
                                }
                            }
                        }
                        if (fittedFormat != null) {
                            window.draw(next);
                            shown = true;
                        }
                    } finally {
                        next.release();
                    }
                }
                int ww = window.width(), wh = window.height();
                windowWidth = ww;
                windowHeight = wh;
                int[] codes = capture == null ? null : new int[ww * wh * 3];
                window.present(codes);
                if (shown) {
                    clock.presented(due, System.nanoTime());
                } else if (next != null) {
                    clock.dropped();
                }
                if (capture != null) {
                    capture.complete(codes);
                }
                publish();
            }
        } catch (RuntimeException e) {
            failure = e;
        } finally {
            running = false;
            lock.lock();
            try {
                Frame f;
                while ((f = queue.pollFirst()) != null) {
                    f.release();
                }
                if (captureRequest != null) {
                    captureRequest.completeExceptionally(new IllegalStateException("reference output closed"));
                }
            } finally {
                lock.unlock();
            }
            window.close();
            listener.closed(failure);
        }
    }

    /**
     * Waits (up to {@value #IDLE_WAIT_NANOS} ns) for a frame whose time has come and returns it, dropping any older
     * frames that are also due; null when none is due yet (the caller polls events and comes back).
     */
    private Frame nextDueFrame() {
        lock.lock();
        try {
            if (resetClock) {
                clock.reset();
                resetClock = false;
            }
            if (queueDrops > 0) {
                for (; queueDrops > 0; queueDrops--) {
                    clock.dropped();
                }
                publish();
            }
            Frame head = queue.peekFirst();
            if (head == null) {
                if (captureRequest == null || captureRequest.isDone()) {
                    changed.awaitNanos(IDLE_WAIT_NANOS);
                }
                return null;
            }
            if (head.frameRate() != null) {
                clock.period(head.frameRate().frameDurationNanos());
            }
            long now = System.nanoTime();
            long due = clock.due(head.ptsNanos(), now);
            if (due - now > 1_000_000L) {
                changed.awaitNanos(Math.min(due - now, IDLE_WAIT_NANOS));
                return null;
            }
            queue.pollFirst();
            // A later frame that is due as well overtakes this one.
            Frame after;
            while ((after = queue.peekFirst()) != null && clock.due(after.ptsNanos(), now) <= now) {
                head.release();
                clock.dropped();
                head = queue.pollFirst();
                due = clock.due(head.ptsNanos(), now);
            }
            nextDue = due;
            publish(); // overtaken frames count as dropped now, not only at the next present
            return head;
        } catch (InterruptedException e) {
            running = false;
            return null;
        } finally {
            lock.unlock();
        }
    }

    private CompletableFuture<int[]> takeCapture() {
        lock.lock();
        try {
            CompletableFuture<int[]> c = captureRequest;
            if (c == null || c.isDone()) {
                return null;
            }
            captureRequest = null;
            return c;
        } finally {
            lock.unlock();
        }
    }

    private void publish() {
        presented = clock.presentedCount();
        late = clock.lateCount();
        repeated = clock.repeatedCount();
        dropped = clock.droppedCount();
        reanchors = clock.reanchorCount();
    }

    /**
     * True once the output thread has ended (after {@link #close()}, or after the window closed or failed): nothing
     * more is presented. What tests and callers wait on rather than a pause.
     */
    public boolean isStopped() {
        return !thread.isAlive();
    }

    /** Stops the output thread and closes the window (idempotent). */
    @Override
    public void close() {
        running = false;
        lock.lock();
        try {
            changed.signal();
        } finally {
            lock.unlock();
        }
        if (Thread.currentThread() != thread) {
            try {
                thread.join(5000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
