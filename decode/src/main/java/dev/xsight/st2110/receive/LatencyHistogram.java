package dev.xsight.st2110.receive;

import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Durations from 1 us to ~17 s in logarithmic buckets (8 per octave, under 9% error), allocation-free to record,
 * percentiles on demand. Recording is thread-safe.
 */
final class LatencyHistogram {
    private static final int SUB = 8;
    private static final int BUCKETS = 25 * SUB;
    private final AtomicLongArray counts = new AtomicLongArray(BUCKETS);

    void add(long nanos) {
        long us = Math.max(1, nanos / 1000);
        int octave = 63 - Long.numberOfLeadingZeros(us);
        int frac = octave >= 3 ? (int) ((us >> (octave - 3)) & 7) : (int) ((us << (3 - octave)) & 7);
        int i = Math.min(BUCKETS - 1, octave * SUB + frac);
        counts.incrementAndGet(i);
    }

    /** A copy of the counts so far (for measuring from a point on: {@link #since}). */
    LatencyHistogram copy() {
        LatencyHistogram h = new LatencyHistogram();
        for (int i = 0; i < BUCKETS; i++) {
            h.counts.set(i, counts.get(i));
        }
        return h;
    }

    /** What was recorded after {@code earlier} (a {@link #copy} of this histogram) was taken. */
    LatencyHistogram since(LatencyHistogram earlier) {
        LatencyHistogram h = new LatencyHistogram();
        for (int i = 0; i < BUCKETS; i++) {
            h.counts.set(i, counts.get(i) - earlier.counts.get(i));
        }
        return h;
    }

    /** Upper edge of the highest non-empty bucket in milliseconds (the maximum, within 9 %), 0 when empty. */
    double maxMs() {
        for (int i = BUCKETS - 1; i >= 0; i--) {
            if (counts.get(i) > 0) {
                int octave = i / SUB;
                return (1L << octave) * (1 + (i % SUB + 1) / 8.0) / 1000.0;
            }
        }
        return 0;
    }

    /** The p-th percentile in milliseconds (bucket midpoint), 0 when empty. */
    double percentileMs(double p) {
        long total = 0;
        for (int i = 0; i < BUCKETS; i++) {
            total += counts.get(i);
        }
        if (total == 0) {
            return 0;
        }
        long rank = (long) Math.ceil(p / 100.0 * total);
        long seen = 0;
        for (int i = 0; i < BUCKETS; i++) {
            seen += counts.get(i);
            if (seen >= rank) {
                int octave = i / SUB;
                int frac = i % SUB;
                double lo = (1L << octave) * (1 + frac / 8.0);
                double hi = (1L << octave) * (1 + (frac + 1) / 8.0);
                return (lo + hi) / 2 / 1000.0;
            }
        }
        return 0;
    }
}
