package dev.xsight.qc.audio;

import java.util.concurrent.atomic.AtomicLongArray;

/**
 * The current readings of a {@link LoudnessMeter}, for a meter or the QC panel to poll: written by the meter every
 * 100 ms of audio, read by anyone.
 *
 * <p>Threading: one writer (the thread feeding the meter), any number of readers. A read is consistent (all values
 * from the same 100 ms step): the writer publishes under a sequence number that readers check before and after
 * copying (a sequence lock, here over volatile slots so that it is race-free in the Java memory model). Writing
 * allocates nothing; {@link #read()} allocates the reader's copy.
 */
public final class LoudnessReadings {
    /** The first this many channels have their true peak in a reading. */
    static final int MAX_CHANNELS = 16;
    /** Channel pairs with a phase correlation: L/R, and Ls/Rs of 5.1. */
    static final int MAX_PAIRS = 2;
    private static final int SECONDS = 0;
    private static final int MOMENTARY = 1;
    private static final int SHORT_TERM = 2;
    private static final int INTEGRATED = 3;
    private static final int RANGE = 4;
    private static final int CHANNELS = 5;
    private static final int PAIRS = 6;
    private static final int PEAKS = 7;
    private static final int CORRELATIONS = PEAKS + MAX_CHANNELS;
    private static final int SLOTS = CORRELATIONS + MAX_PAIRS;
    private final AtomicLongArray slots = new AtomicLongArray(SLOTS);
    private volatile long sequence;

    /**
     * One consistent reading. Loudness values are {@code -Infinity} until there is enough audio (400 ms for
     * momentary, 3 s for short-term, one gated block for integrated); LRA is 0 until there are short-term values.
     *
     * @param seconds audio measured so far
     * @param momentaryLufs the last 400 ms
     * @param shortTermLufs the last 3 s
     * @param integratedLufs since the start (gated per BS.1770-4)
     * @param rangeLu loudness range since the start (EBU Tech 3342)
     * @param truePeakDbtp the highest true peak per channel since the start, dBTP
     * @param correlation phase correlation of L/R (and Ls/Rs of 5.1) over the last 400 ms, -1..1, 0 when silent
     */
    public record Reading(double seconds, double momentaryLufs, double shortTermLufs, double integratedLufs,
            double rangeLu, double[] truePeakDbtp, double[] correlation) {
    }

    LoudnessReadings() {
        slots.set(MOMENTARY, Double.doubleToRawLongBits(Double.NEGATIVE_INFINITY));
        slots.set(SHORT_TERM, Double.doubleToRawLongBits(Double.NEGATIVE_INFINITY));
        slots.set(INTEGRATED, Double.doubleToRawLongBits(Double.NEGATIVE_INFINITY));
    }

    /** The latest consistent values. */
    public Reading read() {
        for (;;) {
            long before = sequence;
            if ((before & 1) != 0) {
                Thread.onSpinWait();
                continue;
            }
            int channels = (int) slots.get(CHANNELS);
            int pairs = (int) slots.get(PAIRS);
            double[] peaks = new double[Math.min(channels, MAX_CHANNELS)];
            double[] corr = new double[Math.min(pairs, MAX_PAIRS)];
            for (int i = 0; i < peaks.length; i++) {
                peaks[i] = get(PEAKS + i);
            }
            for (int i = 0; i < corr.length; i++) {
                corr[i] = get(CORRELATIONS + i);
            }
            Reading r = new Reading(get(SECONDS), get(MOMENTARY), get(SHORT_TERM), get(INTEGRATED), get(RANGE), peaks,
                    corr);
            if (sequence == before) {
                return r;
            }
        }
    }

    private double get(int slot) {
        return Double.longBitsToDouble(slots.get(slot));
    }

    private void put(int slot, double v) {
        slots.set(slot, Double.doubleToRawLongBits(v));
    }

    /** Publishes one step (the writer only; the arrays are the writer's and are copied). */
    void publish(double seconds, double momentary, double shortTerm, double integrated, double range,
            double[] truePeakDbtp, int channels, double[] correlation, int pairs) {
        sequence++; // odd: a write is under way
        put(SECONDS, seconds);
        put(MOMENTARY, momentary);
        put(SHORT_TERM, shortTerm);
        put(INTEGRATED, integrated);
        put(RANGE, range);
        slots.set(CHANNELS, channels);
        slots.set(PAIRS, pairs);
        for (int i = 0; i < Math.min(channels, MAX_CHANNELS); i++) {
            put(PEAKS + i, truePeakDbtp[i]);
        }
        for (int i = 0; i < Math.min(pairs, MAX_PAIRS); i++) {
            put(CORRELATIONS + i, correlation[i]);
        }
        sequence++;
    }
}
