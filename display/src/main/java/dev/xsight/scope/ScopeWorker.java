package dev.xsight.scope;

import dev.xsight.image.DisplayImage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Computes scopes off the playback and GL threads. {@link #submit} is non-blocking and may be called from any
 * thread: when the worker is still busy with the previous picture, the new one is skipped (playback never waits
 * for scopes). The listener runs on the worker thread with the counts it may read until it returns.
 *
 * <p>The counting is done by an {@link Accumulator} made on the worker thread at the first picture (so one that
 * needs a GL context can make it current there) and closed there when the worker closes.
 */
public final class ScopeWorker implements AutoCloseable {
    /** Counts the scopes of one picture; lives on the worker thread. */
    public interface Accumulator extends AutoCloseable {
        /** Accumulates {@code img}; the returned counts stay valid until the next call. */
        ScopeCounts accumulate(DisplayImage img);

        /** What counts, e.g. {@code CPU} or {@code GL compute (renderer)}. */
        String describe();

        @Override
        default void close() {
        }
    }

    private final ExecutorService executor = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "xsight-scopes");
        t.setDaemon(true);
        return t;
    });
    private final AtomicBoolean busy = new AtomicBoolean();
    private final Supplier<Accumulator> factory;
    private final Consumer<ScopeCounts> listener;
    private Accumulator accumulator;
    private volatile String backend = "not started";
    private volatile long skipped;

    /** @param factory makes the accumulator, on the worker thread, at the first picture */
    public ScopeWorker(Supplier<Accumulator> factory, Consumer<ScopeCounts> listener) {
        this.factory = factory;
        this.listener = listener;
    }

    /** An accumulator that counts with {@code scopes} on the CPU. */
    public static Accumulator cpu(Scopes scopes) {
        return counting(scopes, "CPU", () -> {
        });
    }

    /** An accumulator that counts into {@code scopes}, is described as {@code description} and runs {@code close}. */
    static Accumulator counting(ScopeGrid scopes, String description, Runnable close) {
        return new Accumulator() {
            @Override
            public ScopeCounts accumulate(DisplayImage img) {
                scopes.compute(img);
                return scopes;
            }

            @Override
            public String describe() {
                return description;
            }

            @Override
            public void close() {
                close.run();
            }
        };
    }

    /**
     * Queues {@code img} unless a computation is running; the caller must not modify {@code img} until the listener
     * has run. Returns false when the picture was skipped.
     */
    public boolean submit(DisplayImage img) {
        if (!busy.compareAndSet(false, true)) {
            skipped++;
            return false;
        }
        executor.execute(() -> {
            try {
                if (accumulator == null) {
                    accumulator = factory.get();
                    backend = accumulator.describe();
                }
                listener.accept(accumulator.accumulate(img));
            } finally {
                busy.set(false);
            }
        });
        return true;
    }

    /** What counts the scopes ({@code not started} before the first picture). */
    public String backend() {
        return backend;
    }

    /** Pictures not analysed because the worker was busy. */
    public long skipped() {
        return skipped;
    }

    @Override
    public void close() {
        if (executor.isShutdown()) {
            return;
        }
        executor.execute(() -> {
            if (accumulator != null) {
                accumulator.close();
                accumulator = null;
            }
        });
        executor.shutdown();
    }
}
