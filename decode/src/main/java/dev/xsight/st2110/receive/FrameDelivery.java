package dev.xsight.st2110.receive;

import dev.xsight.media.Frame;
import dev.xsight.media.FrameSource;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Hands decoded frames to the {@link FrameSource.FrameListener} on its own thread, {@code st2110-deliver}, through a
 * 4-frame queue, so a slow listener never stalls decoding or the network: when the queue is full the frame is refused
 * (the caller drops and counts it), unless delivery is lossless (capture replay), which waits for room instead.
 *
 * <p>Threading: {@link #offer} from the decode thread; the listener is called on {@code st2110-deliver};
 * {@link #awaitDelivered} from any thread; {@link #stop()} and {@link #close()} from the closing thread.
 */
final class FrameDelivery implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(FrameDelivery.class.getName());
    private final ArrayBlockingQueue<Frame> queue = new ArrayBlockingQueue<>(4);
    private final FrameSource.FrameListener listener;
    private final boolean lossless;
    private final Thread thread;
    private volatile boolean closed;
    /** Frames offered and frames the listener has had or that were refused (idle when equal); guarded by this. */
    private long offered;
    private long done;

    FrameDelivery(FrameSource.FrameListener listener, boolean lossless) {
        this.listener = listener;
        this.lossless = lossless;
        this.thread = new Thread(this::deliverLoop, "st2110-deliver");
        thread.setDaemon(true);
        thread.start();
    }

    /**
     * Queues a frame for the listener, which then owns it.
     *
     * @return false when it was refused (queue full and not lossless, or closed): the caller still owns the frame
     */
    boolean offer(Frame f) {
        synchronized (this) {
            offered++;
        }
        boolean queued;
        try {
            queued = !closed && (lossless ? offerOrWait(f) : queue.offer(f));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            queued = false;
        }
        if (!queued) {
            done();
        }
        return queued;
    }

    /** Lossless delivery: waits while the listener is behind (closing ends the wait). */
    private boolean offerOrWait(Frame f) throws InterruptedException {
        while (!closed) {
            if (queue.offer(f, 100, TimeUnit.MILLISECONDS)) {
                return true;
            }
        }
        return false;
    }

    private synchronized void done() {
        done++;
        if (done == offered) {
            notifyAll();
        }
    }

    /**
     * Waits until every frame offered so far has been through the listener or refused.
     *
     * @return false when {@code deadlineNanos} ({@link System#nanoTime()}) passed first
     */
    synchronized boolean awaitDelivered(long deadlineNanos) throws InterruptedException {
        while (done != offered) {
            long left = deadlineNanos - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            TimeUnit.NANOSECONDS.timedWait(this, left);
        }
        return true;
    }

    private void deliverLoop() {
        while (!closed) {
            Frame f;
            try {
                f = queue.poll(100, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                return;
            }
            if (f != null) {
                try {
                    listener.onFrame(f);
                } catch (RuntimeException | Error e) {
                    LOG.log(System.Logger.Level.WARNING, "frame listener failed", e);
                } finally {
                    done();
                }
            }
        }
    }

    /** Refuses further frames and ends the delivery thread's wait; {@link #close()} then releases what is queued. */
    void stop() {
        closed = true;
        thread.interrupt();
    }

    /** Stops, waits for the delivery thread (up to 2 s) and releases the frames still queued. */
    @Override
    public void close() {
        stop();
        try {
            thread.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        Frame f;
        while ((f = queue.poll()) != null) {
            f.release();
        }
    }
}
