package dev.xsight.st2110.receive;

/**
 * One picture segment being assembled or decoded: a byte array sized once from {@code b=AS} (or the raw picture
 * size), reused for every picture. The depacketizer fills it on the event loop; the decode side owns it from
 * delivery until {@link #release()}.
 */
public final class PictureBuffer {
    final byte[] data;
    int length;
    long rtpTimestamp;
    long lastArrivalNanos;
    long lastReceivedNanos;
    int frameCounter;
    int field;
    private volatile boolean inUse;
    private final Object gate;

    PictureBuffer(int capacity) {
        this(capacity, null);
    }

    /** @param gate notified whenever the buffer is released (a producer waiting for a free buffer), or null */
    PictureBuffer(int capacity, Object gate) {
        data = new byte[capacity];
        this.gate = gate;
    }

    public byte[] data() {
        return data;
    }

    /** Bytes of the picture segment in {@link #data()} from 0. */
    public int length() {
        return length;
    }

    public long rtpTimestamp() {
        return rtpTimestamp;
    }

    /** Receive-clock arrival ({@link dev.xsight.rtp.PacketSlot#arrivalNanos}) of the last packet of the picture. */
    public long lastArrivalNanos() {
        return lastArrivalNanos;
    }

    /** {@link System#nanoTime()} when the last packet of the picture was handed to the receive path. */
    public long lastReceivedNanos() {
        return lastReceivedNanos;
    }

    boolean tryAcquire() {
        if (inUse) {
            return false;
        }
        inUse = true;
        length = 0;
        return true;
    }

    /** RFC 9134 I field: 0 progressive, 2 first field, 3 second field. */
    public int field() {
        return field;
    }

    /** F counter of the picture (both fields of a frame share it). */
    public int frameCounter() {
        return frameCounter;
    }

    /** Hands the buffer back to the depacketizer; any thread. */
    public void release() {
        if (gate == null) {
            inUse = false;
            return;
        }
        synchronized (gate) {
            inUse = false;
            gate.notifyAll();
        }
    }

    public boolean inUse() {
        return inUse;
    }
}
