package dev.xsight.rtp;

/**
 * Puts packets back into extended-sequence order, drops duplicates, and declares gaps lost once the window is
 * exceeded or the oldest waiting packet has waited too long. Packets from both ST 2022-7 legs go into the same
 * buffer: the first copy of each sequence number wins, the second is a duplicate (SMPTE ST 2022-7 section 6:
 * the merged stream is the union of the legs by sequence number).
 *
 * <p>Confined to the stream's event loop. Holds at most {@code capacity} slots.
 */
public final class ReorderBuffer {
    /** Receives packets in order, and the gaps. Implementations take ownership of the slot. */
    public interface Output {
        void onPacket(PacketSlot slot);

        /** {@code count} packets from {@code firstExtSeq} will never come. */
        void onLost(long firstExtSeq, long count);
    }

    /** What {@link #insert} did with a packet. */
    public enum Verdict {
        /** Stored or passed on. */
        ACCEPTED,
        /** Arrived after an earlier-numbered packet: stored and passed on in order. */
        REORDERED,
        /** A copy of a packet already held or passed on; the caller still owns (and releases) the slot. */
        DUPLICATE,
        /** Arrived after its number had been declared lost; the caller still owns (and releases) the slot. */
        LATE
    }

    private final PacketSlot[] ring;
    private final long[] doneSeq;
    private final boolean[] doneLost;
    private final int mask;
    private final int window;
    private final long maxWaitNanos;
    private final Output out;
    private long next = -1;
    private long highest = -1;
    private int held;

    /**
     * @param capacity slots held at most (rounded up to a power of two)
     * @param window a gap is declared lost once a packet this many numbers later has arrived
     * @param maxWaitNanos ... or once a packet after the gap has waited this long
     */
    public ReorderBuffer(int capacity, int window, long maxWaitNanos, Output out) {
        int cap = Integer.highestOneBit(Math.max(2, capacity) - 1) << 1;
        if (window <= 0 || window >= cap) {
            throw new IllegalArgumentException("window " + window + " must be below capacity " + cap);
        }
        ring = new PacketSlot[cap];
        doneSeq = new long[cap];
        doneLost = new boolean[cap];
        java.util.Arrays.fill(doneSeq, -1);
        mask = cap - 1;
        this.window = window;
        this.maxWaitNanos = maxWaitNanos;
        this.out = out;
    }

    /** Offers a slot whose {@link PacketSlot#extSeq} is set. */
    public Verdict insert(PacketSlot s) {
        long seq = s.extSeq;
        if (next < 0) {
            next = seq;
            highest = seq;
        }
        if (seq < next) {
            int i = (int) (seq & mask);
            if (doneSeq[i] == seq && !doneLost[i]) {
                return Verdict.DUPLICATE;
            }
            return Verdict.LATE;
        }
        if (seq - next > mask) {
            // Far ahead of the window: everything before it is given up (declared lost) to make room.
            skipTo(seq - mask);
        }
        int i = (int) (seq & mask);
        if (ring[i] != null) {
            return Verdict.DUPLICATE;
        }
        boolean reordered = seq < highest;
        if (seq > highest) {
            highest = seq;
        }
        ring[i] = s;
        held++;
        drain();
        if (held > 0 && highest - next >= window) {
            skipTo(highest - window + 1);
        }
        return reordered ? Verdict.REORDERED : Verdict.ACCEPTED;
    }

    /** Declares gaps lost whose successors have waited longer than the limit; call on a timer and per packet. */
    public void poll(long nowNanos) {
        while (held > 0) {
            PacketSlot first = firstHeld();
            if (nowNanos - first.arrivalNanos < maxWaitNanos) {
                return;
            }
            skipTo(first.extSeq);
        }
    }

    private PacketSlot firstHeld() {
        for (long s = next; ; s++) {
            PacketSlot p = ring[(int) (s & mask)];
            if (p != null) {
                return p;
            }
        }
    }

    private void skipTo(long target) {
        while (next < target) {
            int i = (int) (next & mask);
            PacketSlot p = ring[i];
            if (p != null) {
                emit(i, p);
                continue;
            }
            long start = next;
            while (next < target && ring[(int) (next & mask)] == null) {
                markDone((int) (next & mask), next, true);
                next++;
            }
            out.onLost(start, next - start);
        }
        drain();
    }

    private void drain() {
        while (true) {
            int i = (int) (next & mask);
            PacketSlot p = ring[i];
            if (p == null) {
                return;
            }
            emit(i, p);
        }
    }

    private void emit(int i, PacketSlot p) {
        ring[i] = null;
        held--;
        markDone(i, next, false);
        next++;
        out.onPacket(p);
    }

    private void markDone(int i, long seq, boolean lost) {
        doneSeq[i] = seq;
        doneLost[i] = lost;
    }

    /** Gives every held packet to {@code sink} (not the output) and forgets the sequence (resync, close). */
    public void clear(java.util.function.Consumer<PacketSlot> sink) {
        for (int i = 0; i < ring.length; i++) {
            if (ring[i] != null) {
                sink.accept(ring[i]);
                ring[i] = null;
            }
        }
        java.util.Arrays.fill(doneSeq, -1);
        held = 0;
        next = -1;
        highest = -1;
    }

    public int held() {
        return held;
    }

    /** Next extended sequence number expected in order (-1 before the first packet). */
    public long next() {
        return next;
    }
}
