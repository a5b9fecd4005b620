package dev.xsight.jpegxs;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Bitplane counts read many codes per load by {@link PrecinctDecoder#unaryLine} (and, with vertical prediction,
 * C.5.4, mapped by {@link PrecinctDecoder#predictFromAbove}) give what the definition gives when each code is read
 * bit by bit. Without prediction (C.5.3): a count is the
 * truncation position plus the number of 1 bits before the next 0; a group of eight flagged insignificant is not
 * coded and takes the truncation position; bits at and past the sub-packet's end read as 0; a count above 20 is an
 * error (-1, the caller then fails with the offset).
 */
class UnaryLineTest {
    /** The definition, one bit at a time: counts into {@code g}, and the end position, or -1 for a count over 20. */
    private static long byDefinition(byte[] b, int limit, long pos, byte[] g, int gw, long[] f, int gtli) {
        for (int i = 0; i < gw; i++) {
            if (f != null && (f[i >> 9] >>> (i >> 3) & 1) != 0) {
                g[i] = (byte) gtli;
                continue;
            }
            int ones = 0;
            while (bit(b, limit, pos++) == 1) {
                ones++;
            }
            if (gtli + ones > PrecinctDecoder.MAX_GCLI) {
                return -1;
            }
            g[i] = (byte) (gtli + ones);
        }
        return pos;
    }

    /**
     * C.5.4 read bit by bit: the prediction is the line above's count, at least {@code t}; a code x maps to a delta
     * (x - thr above 2 thr, else alternately negative and positive: 1 -> -1, 2 -> +1, 3 -> -2 ...), thr being the
     * prediction less the truncation position; an insignificant group takes the truncation position in run mode,
     * else the prediction. -1 for a code of 32 ones or more or a count over 20.
     */
    private static long predictedByDefinition(byte[] b, int limit, long pos, byte[] above, byte[] g, int gw, long[] f,
            int t, int gtli, boolean runMode) {
        for (int i = 0; i < gw; i++) {
            int prediction = Math.max(above[i], t);
            if (f != null && (f[i >> 9] >>> (i >> 3) & 1) != 0) {
                g[i] = (byte) (runMode ? gtli : prediction);
                continue;
            }
            int x = 0;
            while (bit(b, limit, pos++) == 1) {
                if (++x >= 32) {
                    return -1;
                }
            }
            int thr = prediction - gtli;
            int delta = x > 2 * thr ? x - thr : x % 2 == 1 ? -(x + 1) / 2 : x / 2;
            if (prediction + delta > PrecinctDecoder.MAX_GCLI) {
                return -1;
            }
            g[i] = (byte) (prediction + delta);
        }
        return pos;
    }

    private static int bit(byte[] b, int limit, long pos) {
        int i = (int) (pos >>> 3);
        return i < limit ? (b[i] >> (7 - (int) (pos & 7))) & 1 : 0;
    }

    /**
     * Significance flags for a line of {@code gw} groups, a third of the groups of eight insignificant; bits past the
     * last group are not flags, so some are set: they must be ignored.
     */
    private static long[] flags(Random rnd, int gw) {
        int groups = (gw + 7) >> 3;
        long[] f = new long[(groups + 63) >> 6];
        for (int q = 0; q < groups; q++) {
            if (rnd.nextInt(3) == 0) {
                f[q >> 6] |= 1L << q;
            }
        }
        if ((groups & 63) != 0 && rnd.nextBoolean()) {
            f[f.length - 1] |= -1L << (groups & 63);
        }
        return f;
    }

    /** A stream of unary codes with lengths like those of noise at low rates, some long runs, random padding. */
    private static byte[] codes(Random rnd, int bytes, double longRuns) {
        byte[] b = new byte[bytes];
        long pos = rnd.nextInt(8);
        while (pos < bytes * 8L) {
            int len = rnd.nextDouble() < longRuns ? rnd.nextInt(70) : Math.min(30, (int) (-Math.log(rnd.nextDouble()) * 2));
            for (int k = 0; k < len && pos < bytes * 8L; k++, pos++) {
                b[(int) (pos >>> 3)] |= (byte) (0x80 >>> (pos & 7));
            }
            pos++;
        }
        return b;
    }

    @Test
    void countsMatchTheDefinitionAcrossWindowsFlagsLimitsAndTheEndOfTheSubPacket() {
        Random rnd = new Random(21122);
        int errors = 0;
        for (int trial = 0; trial < 4000; trial++) {
            int gw = 1 + rnd.nextInt(trial % 5 == 0 ? 1200 : 300);
            byte[] b = codes(rnd, 16 + rnd.nextInt(400), trial % 3 == 0 ? 0.01 : 0);
            int limit = rnd.nextInt(4) == 0 ? rnd.nextInt(b.length + 1) : b.length;
            int gtli = rnd.nextInt(16);
            long[] f = rnd.nextBoolean() ? flags(rnd, gw) : null;
            long pos = rnd.nextInt(24);
            byte[] want = new byte[gw];
            long wantEnd = byDefinition(b, limit, pos, want, gw, f, gtli);
            BitReader r = new BitReader();
            r.reset(b, 0, limit);
            byte[] got = new byte[gw + 8];
            long end = PrecinctDecoder.unaryLine(r, pos, got, 0, gw, f, gtli, PrecinctDecoder.MAX_GCLI - gtli);
            String what = "trial " + trial + " gw " + gw + " gtli " + gtli + " limit " + limit;
            assertEquals(wantEnd, end, what);
            if (wantEnd >= 0) {
                assertArrayEquals(want, java.util.Arrays.copyOf(got, gw), what);
            } else {
                errors++;
            }
        }
        // The trials with long runs must have produced out-of-range counts, or the error path went untested.
        assertEquals(true, errors > 100, "out-of-range trials: " + errors);
    }

    /** Vertical prediction: the codes by position (unaryLine, up to 31 ones), then predictFromAbove. */
    @Test
    void verticallyPredictedCountsMatchTheDefinition() {
        Random rnd = new Random(9134);
        int errors = 0;
        int ok = 0;
        for (int trial = 0; trial < 4000; trial++) {
            int gw = 1 + rnd.nextInt(trial % 5 == 0 ? 1200 : 300);
            byte[] b = codes(rnd, 16 + rnd.nextInt(400), trial % 3 == 0 ? 0.01 : 0);
            int limit = rnd.nextInt(4) == 0 ? rnd.nextInt(b.length + 1) : b.length;
            int gtli = rnd.nextInt(12);
            int t = gtli + rnd.nextInt(3);
            boolean runMode = rnd.nextBoolean();
            byte[] above = new byte[gw];
            for (int i = 0; i < gw; i++) {
                above[i] = (byte) Math.min(PrecinctDecoder.MAX_GCLI, gtli + rnd.nextInt(6));
            }
            long[] f = rnd.nextBoolean() ? flags(rnd, gw) : null;
            long pos = rnd.nextInt(24);
            byte[] want = new byte[gw];
            long wantEnd = predictedByDefinition(b, limit, pos, above, want, gw, f, t, gtli, runMode);
            BitReader r = new BitReader();
            r.reset(b, 0, limit);
            // The line above and this line in one array, as the store keeps them.
            byte[] g = new byte[2 * gw + 8];
            System.arraycopy(above, 0, g, 0, gw);
            long end = PrecinctDecoder.unaryLine(r, pos, g, gw, gw, f, 0, 31);
            boolean inRange = end >= 0 && PrecinctDecoder.predictFromAbove(g, gw, 0, gw, f, t, gtli, runMode);
            String what = "trial " + trial + " gw " + gw + " gtli " + gtli + " t " + t + " run " + runMode;
            assertEquals(wantEnd >= 0, inRange, what);
            if (wantEnd >= 0) {
                assertEquals(wantEnd, end, what);
                assertArrayEquals(want, java.util.Arrays.copyOfRange(g, gw, 2 * gw), what);
                ok++;
            } else {
                errors++;
            }
        }
        assertEquals(true, errors > 100 && ok > 1000, "trials in range " + ok + ", out of range " + errors);
    }
}
