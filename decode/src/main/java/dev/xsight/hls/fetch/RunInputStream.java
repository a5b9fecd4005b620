package dev.xsight.hls.fetch;

import java.io.InputStream;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * The bytes of one run (init section, then its segments in order) as a stream for the demuxer: pulls chunks from the
 * loader's queue as FFmpeg reads, and ends where the next run (or the stream) begins, keeping that chunk for the
 * caller. Owned by the decode thread.
 */
public final class RunInputStream extends InputStream {
    private final BlockingQueue<Chunk> queue;
    private final BooleanSupplier closed;
    private final Consumer<Chunk> onSegment;
    private final long run;
    private byte[] current;
    private int pos;
    private Chunk next;
    private boolean ended;

    public RunInputStream(Chunk first, BlockingQueue<Chunk> queue, BooleanSupplier closed, Consumer<Chunk> onSegment) {
        this.queue = queue;
        this.closed = closed;
        this.onSegment = onSegment;
        this.run = first.run();
        this.current = first.init() == null ? first.data() : concat(first.init(), first.data());
        onSegment.accept(first);
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] c = new byte[a.length + b.length];
        System.arraycopy(a, 0, c, 0, a.length);
        System.arraycopy(b, 0, c, a.length, b.length);
        return c;
    }

    /** The chunk that ended this run (start of the next run or the end marker), or null when closed. */
    public Chunk following() {
        return next;
    }

    private boolean advance() {
        while (!ended) {
            Chunk c;
            try {
                c = queue.poll(100, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                ended = true;
                return false;
            }
            if (c == null) {
                if (closed.getAsBoolean()) {
                    ended = true;
                }
                continue;
            }
            if (c.isEnd() || c.run() != run) {
                next = c;
                ended = true;
                return false;
            }
            onSegment.accept(c);
            current = c.data();
            pos = 0;
            if (current.length > 0) {
                return true;
            }
        }
        return false;
    }

    @Override
    public int read() {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
    }

    @Override
    public int read(byte[] b, int off, int len) {
        if (len == 0) {
            return 0;
        }
        if (pos >= current.length && !advance()) {
            return -1;
        }
        int n = Math.min(len, current.length - pos);
        System.arraycopy(current, pos, b, off, n);
        pos += n;
        return n;
    }

    @Override
    public int available() {
        return current.length - pos;
    }
}
