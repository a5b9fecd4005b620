package dev.xsight.qc.audio;

/**
 * Gated loudness statistics over many blocks without keeping the blocks: a histogram of block loudness in 0.01 LU
 * bins from the absolute gate (−70 LUFS) up, each bin holding its count and the sum of its blocks' powers, so that
 * gated means are exact sums and only the placement of a relative gate is rounded to the bin width.
 *
 * <p>Used for the integrated loudness (400 ms blocks, relative gate −10 LU: ITU-R BS.1770-4 §2.8) and for the
 * loudness range (3 s short-term values, relative gate −20 LU, 10th to 95th percentile: EBU Tech 3342).
 *
 * <p>Threading: one thread; no allocation after construction.
 */
final class GatingHistogram {
    static final double ABSOLUTE_GATE = -70;
    private static final double TOP = 30;
    private static final int PER_LU = 100;
    private static final int BINS = (int) ((TOP - ABSOLUTE_GATE) * PER_LU) + 1;
    private final long[] counts = new long[BINS];
    private final double[] powers = new double[BINS];
    private long total;

    /** BS.1770-4 eq. 2 (and 4): loudness of a mean weighted power. */
    static double loudness(double power) {
        return -0.691 + 10 * Math.log10(power);
    }

    /** Adds a block of the given mean weighted power; blocks at or below the absolute gate are left out. */
    void add(double power) {
        double l = loudness(power);
        if (!(l > ABSOLUTE_GATE)) {
            return;
        }
        int bin = Math.min(BINS - 1, (int) ((l - ABSOLUTE_GATE) * PER_LU));
        counts[bin]++;
        powers[bin] += power;
        total++;
    }

    void clear() {
        java.util.Arrays.fill(counts, 0);
        java.util.Arrays.fill(powers, 0);
        total = 0;
    }

    /** Blocks above the absolute gate. */
    long count() {
        return total;
    }

    /** The first bin at or above the gate {@code relativeLu} below the mean loudness of all blocks. */
    private int relativeGateBin(double relativeLu) {
        double sum = 0;
        for (int i = 0; i < BINS; i++) {
            sum += powers[i];
        }
        double gate = loudness(sum / total) + relativeLu;
        return Math.max(0, (int) Math.ceil((gate - ABSOLUTE_GATE) * PER_LU - 1e-9));
    }

    /** Integrated loudness with a relative gate of {@code relativeLu} (−10), or −Infinity without blocks. */
    double integrated(double relativeLu) {
        if (total == 0) {
            return Double.NEGATIVE_INFINITY;
        }
        double sum = 0;
        long n = 0;
        for (int i = relativeGateBin(relativeLu); i < BINS; i++) {
            sum += powers[i];
            n += counts[i];
        }
        return n == 0 ? Double.NEGATIVE_INFINITY : loudness(sum / n);
    }

    /**
     * Loudness range (EBU Tech 3342): the spread between the {@code low} and {@code high} percentiles (0.10, 0.95)
     * of the values above the relative gate {@code relativeLu} (−20); 0 without values.
     */
    double range(double relativeLu, double low, double high) {
        if (total == 0) {
            return 0;
        }
        int from = relativeGateBin(relativeLu);
        long n = 0;
        for (int i = from; i < BINS; i++) {
            n += counts[i];
        }
        if (n == 0) {
            return 0;
        }
        return Math.max(0, percentile(from, n, high) - percentile(from, n, low));
    }

    /** The loudness of the value at rank round(p·(n−1)) (0-based) among the gated values, from its bin's mean. */
    private double percentile(int from, long n, double p) {
        long rank = Math.round(p * (n - 1));
        long seen = 0;
        for (int i = from; i < BINS; i++) {
            seen += counts[i];
            if (seen > rank) {
                return loudness(powers[i] / counts[i]);
            }
        }
        return Double.NEGATIVE_INFINITY;
    }
}
