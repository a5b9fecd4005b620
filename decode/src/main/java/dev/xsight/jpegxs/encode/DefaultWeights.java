package dev.xsight.jpegxs.encode;

import dev.xsight.media.ChromaSampling;

/**
 * The band gains G[b] and priorities P[b] the encoder writes in its WGT marker (ISO/IEC 21122-1 Annex A). They drive
 * the truncation position {@code T[p,b] = clamp(Q[p] - G[b] - (P[b] < R[p] ? 1 : 0), 0, 15)} (Table C.10).
 *
 * <p>The tables for NL,x = 5 are the example weights of the standard (visually tuned for three-component
 * Y'CbCr, indexed by global band index {@code beta * Nc + c}; -1 marks bands that 4:2:0 chroma lacks). Fewer
 * horizontal levels drop the deepest level: its low-pass triple goes and the next band level becomes the new
 * low-pass, keeping its gain; the remaining priorities are re-ranked to 0..n-1 in their original order.
 */
final class DefaultWeights {
    private static final int NE = -1;

    private static final int[][] G444 = {
        {3, 2, 2, 2, 1, 1, 2, 1, 1, 1, 0, 0, 1, 0, 0, 1, 0, 0},
        {4, 2, 2, 3, 2, 2, 2, 1, 1, 2, 1, 1, 1, 0, 0, 1, 0, 0, 1, 0, 0, 1, 0, 0},
        {4, 3, 3, 3, 2, 2, 3, 2, 2, 2, 1, 1, 2, 1, 1, 2, 1, 1, 1, 0, 0, 1, 0, 0, 1, 0, 0, 1, 0, 0}};
    private static final int[][] P444 = {
        {6, 8, 7, 1, 4, 5, 12, 14, 15, 0, 2, 3, 9, 11, 10, 13, 16, 17},
        {21, 1, 0, 15, 19, 18, 5, 9, 8, 14, 17, 16, 2, 4, 3, 7, 13, 11, 6, 12, 10, 20, 23, 22},
        {12, 15, 14, 3, 11, 10, 24, 26, 27, 0, 4, 5, 18, 21, 20, 19, 23, 22, 13, 16, 17, 2, 9, 6, 1, 7, 8, 25, 28,
            29}};
    private static final int[][] G422 = {
        {2, 2, 2, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0},
        {2, 2, 2, 2, 2, 2, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0},
        {3, 3, 3, 2, 2, 2, 2, 2, 2, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0}};
    private static final int[][] P422 = {
        {8, 7, 6, 5, 3, 4, 13, 12, 14, 1, 0, 2, 9, 11, 10, 16, 15, 17},
        {0, 1, 2, 18, 19, 20, 6, 7, 8, 15, 16, 17, 3, 4, 5, 10, 12, 14, 9, 11, 13, 21, 22, 23},
        {14, 13, 12, 9, 11, 10, 25, 24, 26, 0, 1, 2, 19, 20, 18, 23, 22, 21, 17, 15, 16, 4, 8, 5, 3, 6, 7, 28, 27,
            29}};
    private static final int[][] G420 = {
        null,
        {3, 3, 3, 2, 2, 2, 2, 1, 1, 1, 1, 1, 1, 0, 0, 1, 0, 0, 1, NE, NE, 0, NE, NE},
        {3, 3, 3, 3, 2, 2, 2, 2, 2, 2, 1, 1, 1, 1, 1, 1, NE, NE, 0, NE, NE, 1, 1, 1, 1, 1, 1, 0, 0, 0}};
    private static final int[][] P420 = {
        null,
        {9, 16, 15, 7, 13, 12, 17, 3, 2, 6, 11, 10, 14, 1, 0, 19, 5, 4, 18, NE, NE, 8, NE, NE},
        {0, 13, 12, 25, 7, 6, 8, 17, 16, 18, 5, 4, 3, 15, 14, 2, NE, NE, 1, NE, NE, 24, 22, 20, 23, 21, 19, 11, 10,
            9}};

    private final int[] gain;
    private final int[] priority;

    private DefaultWeights(int[] gain, int[] priority) {
        this.gain = gain;
        this.priority = priority;
    }

    /**
     * Weights for three components in {@code sampling} with the given decomposition, indexed by global band index
     * ({@code beta * 3 + c}); -1 for bands that do not exist.
     */
    static DefaultWeights of(ChromaSampling sampling, int nlx, int nly) {
        int[] g;
        int[] p;
        switch (sampling) {
            case S444 -> {
                g = G444[nly];
                p = P444[nly];
            }
            case S422 -> {
                g = G422[nly];
                p = P422[nly];
            }
            default -> {
                if (nly < 1) {
                    throw new IllegalArgumentException("4:2:0 needs at least one vertical decomposition level");
                }
                g = G420[nly];
                p = P420[nly];
            }
        }
        int drop = 3 * (5 - nlx);
        int n = g.length - drop;
        int[] gain = new int[n];
        int[] prio = new int[n];
        System.arraycopy(g, drop, gain, 0, n);
        System.arraycopy(p, drop, prio, 0, n);
        rerank(prio);
        return new DefaultWeights(gain, prio);
    }

    /** Renumbers the existing priorities to 0..k-1 keeping their order. */
    private static void rerank(int[] prio) {
        int[] ranked = new int[prio.length];
        for (int i = 0; i < prio.length; i++) {
            if (prio[i] == NE) {
                ranked[i] = NE;
                continue;
            }
            int below = 0;
            for (int v : prio) {
                if (v != NE && v < prio[i]) {
                    below++;
                }
            }
            ranked[i] = below;
        }
        System.arraycopy(ranked, 0, prio, 0, prio.length);
    }

    /** Gain of global band {@code b}, or -1 when it does not exist. */
    int gain(int b) {
        return gain[b];
    }

    /** Priority of global band {@code b}, or -1 when it does not exist. */
    int priority(int b) {
        return priority[b];
    }

    int globalBands() {
        return gain.length;
    }
}
