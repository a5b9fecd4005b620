package dev.xsight.scope;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * Computes scopes off the playback and GL threads. {@link #submit} is non-blocking and may be called from any
 * thread: when the worker is still busy with the previous picture, the new one is skipped (playback never waits
 * for scopes). The listener runs on the worker thread with the {@link Scopes} it may read until it returns.
 */
public final class ScopeWorker implements AutoCloseable {
    private final ExecutorService executor = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "xsight-scopes");
        t.setDaemon(true);
        return t;
    });
    private final AtomicBoolean busy = new AtomicBoolean();
    private final Scopes scopes;
    private final Consumer<Scopes> listener;
    private volatile long skipped;

    public ScopeWorker(Scopes scopes, Consumer<Scopes> listener) {
        this.scopes = scopes;
        this.listener = listener;
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
                scopes.compute(img);
                listener.accept(scopes);
            } finally {
                busy.set(false);
            }
        });
        return true;
    }

    /** Pictures not analysed because the worker was busy. */
    public long skipped() {
        return skipped;
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
