package dev.xsight.jpegxs.encode;

import java.util.function.IntConsumer;

/**
 * A fixed gang of worker threads that run one job at a time on every worker, the calling thread being worker 0.
 * Dispatch allocates nothing: a job is an {@link IntConsumer} taking the worker index, created once by the owner.
 *
 * <p>Threading: {@link #runAll} must be called from one thread at a time (the encoder's caller). The monitor's
 * hand-over publishes everything written before {@code runAll} to the workers and everything the workers wrote back
 * to the caller when {@code runAll} returns.
 */
final class EncoderWorkers implements AutoCloseable {
    private final Thread[] threads;
    private IntConsumer job;
    private long generation;
    private int pending;
    private Throwable failure;
    private boolean closed;

    EncoderWorkers(int workers, String name) {
        threads = new Thread[workers - 1];
        for (int i = 0; i < threads.length; i++) {
            int index = i + 1;
            Thread t = new Thread(() -> loop(index), name + "-" + index);
            t.setDaemon(true);
            threads[i] = t;
            t.start();
        }
    }

    int workers() {
        return threads.length + 1;
    }

    /** Runs {@code j} on every worker (index 0 on the calling thread) and returns when all are done. */
    void runAll(IntConsumer j) {
        if (threads.length == 0) {
            j.accept(0);
            return;
        }
        synchronized (this) {
            if (closed) {
                throw new IllegalStateException("encoder closed");
            }
            job = j;
            pending = threads.length;
            failure = null;
            generation++;
            notifyAll();
        }
        Throwable mine = null;
        try {
            j.accept(0);
        } catch (Throwable t) {
            mine = t;
        }
        boolean interrupted = false;
        synchronized (this) {
            while (pending > 0) {
                try {
                    wait();
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
            if (mine == null) {
                mine = failure;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        if (mine instanceof RuntimeException re) {
            throw re;
        }
        if (mine instanceof Error er) {
            throw er;
        }
        if (mine != null) {
            throw new IllegalStateException(mine);
        }
    }

    private void loop(int index) {
        long seen = 0;
        while (true) {
            IntConsumer j;
            synchronized (this) {
                while (generation == seen && !closed) {
                    try {
                        wait();
                    } catch (InterruptedException e) {
                        return;
                    }
                }
                if (closed) {
                    return;
                }
                seen = generation;
                j = job;
            }
            Throwable t = null;
            try {
                j.accept(index);
            } catch (Throwable e) {
                t = e;
            }
            synchronized (this) {
                if (t != null && failure == null) {
                    failure = t;
                }
                pending--;
                notifyAll();
            }
        }
    }

    @Override
    public void close() {
        synchronized (this) {
            closed = true;
            notifyAll();
        }
    }
}
