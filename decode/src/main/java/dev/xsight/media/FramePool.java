package dev.xsight.media;

import java.util.concurrent.ArrayBlockingQueue;

/**
 * A pool of same-sized frames so steady-state decode allocates nothing. {@link #acquire()} hands out an idle frame
 * (or a new one when none is idle); {@link Frame#release()} brings it back. At most {@code capacity} idle frames are
 * kept. Thread-safe: any thread may acquire, any owner may release.
 */
public final class FramePool {
    private final PixelFormat format;
    private final int width;
    private final int height;
    private final ArrayBlockingQueue<Frame> idle;
    private final java.util.concurrent.atomic.AtomicLong allocated = new java.util.concurrent.atomic.AtomicLong();

    public FramePool(PixelFormat format, int width, int height, int capacity) {
        Frame.checkSize(format, width, height);
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1");
        }
        this.format = format;
        this.width = width;
        this.height = height;
        this.idle = new ArrayBlockingQueue<>(capacity);
    }

    /** A frame with reference count 1 and no timecode; its samples hold whatever the last user left. */
    public Frame acquire() {
        Frame f = idle.poll();
        if (f == null) {
            allocated.incrementAndGet();
            return new Frame(this, format, width, height);
        }
        f.resetForReuse();
        return f;
    }

    void recycle(Frame f) {
        idle.offer(f); // beyond capacity the frame is left to the garbage collector
    }

    /** Whether frames of this pool have the given shape. */
    public boolean matches(PixelFormat f, int w, int h) {
        return format.equals(f) && width == w && height == h;
    }

    /** How many frames this pool has created (a steady state stops growing). */
    public long allocatedFrames() {
        return allocated.get();
    }

    public PixelFormat format() {
        return format;
    }

    public int width() {
        return width;
    }

    public int height() {
        return height;
    }
}
