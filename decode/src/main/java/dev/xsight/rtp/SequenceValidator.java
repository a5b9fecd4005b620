package dev.xsight.rtp;

/**
 * RFC 3550 Appendix A.1 sequence validation, producing extended (64-bit, never wrapping) sequence numbers.
 *
 * <p>A packet within {@link #maxDropout} ahead of the highest sequence so far advances it (a 16-bit wrap adds a
 * cycle); one within {@link #maxMisorder} behind is a late or duplicate packet with its extended number; anything
 * else is a jump: it is rejected, and only a second packet that continues from it (two-packet confirmation, the
 * A.1 {@code bad_seq} rule) resynchronises the source. A new source needs {@link #MIN_SEQUENTIAL} sequential packets.
 */
public final class SequenceValidator {
    /** RFC 3550 A.1 MIN_SEQUENTIAL. */
    public static final int MIN_SEQUENTIAL = 2;
    /** Returned for packets that are not (yet) accepted. */
    public static final long REJECTED = Long.MIN_VALUE;

    private final int maxDropout;
    private final int maxMisorder;
    private boolean started;
    private int probation;
    private long maxExt;
    private int badSeq = -1;
    private boolean resynced;

    /** A.1 defaults are 3000 and 100; video at hundreds of thousands of packets per second needs larger values. */
    public SequenceValidator(int maxDropout, int maxMisorder) {
        if (maxDropout <= 0 || maxMisorder <= 0 || maxDropout + maxMisorder >= 65536) {
            throw new IllegalArgumentException("bad dropout/misorder " + maxDropout + "/" + maxMisorder);
        }
        this.maxDropout = maxDropout;
        this.maxMisorder = maxMisorder;
    }

    /** Forgets the source (SSRC change). */
    public void reset() {
        started = false;
        probation = 0;
        badSeq = -1;
    }

    /**
     * Validates {@code seq}; returns its extended sequence number, or {@link #REJECTED}. After a call that returned a
     * number, {@link #resynced()} says whether the source was (re)initialised by it (everything before is void).
     */
    public long accept(int seq) {
        resynced = false;
        seq &= 0xFFFF;
        if (!started) {
            if (probation == 0 || seq != (((int) maxExt + 1) & 0xFFFF)) {
                probation = MIN_SEQUENTIAL - 1;
                maxExt = seq;
                return MIN_SEQUENTIAL > 1 ? REJECTED : init(seq);
            }
            if (--probation > 0) {
                maxExt = seq;
                return REJECTED;
            }
            return init(seq);
        }
        int delta = (short) (seq - (int) (maxExt & 0xFFFF));
        if (delta > 0 && delta < maxDropout) {
            maxExt += delta;
            badSeq = -1;
            return maxExt;
        }
        if (delta <= 0 && -delta <= maxMisorder) {
            return maxExt + delta;
        }
        // A very large jump: A.1 waits for a second packet continuing from this one before resynchronising.
        if (seq == badSeq) {
            return init(seq);
        }
        badSeq = (seq + 1) & 0xFFFF;
        return REJECTED;
    }

    private long init(int seq) {
        started = true;
        probation = 0;
        badSeq = -1;
        // Start high enough that late packets never go negative.
        maxExt = (1L << 32) + seq;
        resynced = true;
        return maxExt;
    }

    /** True when the last accepted packet (re)started the sequence. */
    public boolean resynced() {
        return resynced;
    }

    /** Highest extended sequence number accepted. */
    public long highest() {
        return maxExt;
    }

    public boolean started() {
        return started;
    }
}
