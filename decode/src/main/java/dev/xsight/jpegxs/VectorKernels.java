package dev.xsight.jpegxs;

import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * Explicit-SIMD forms of the decoder's inner loops, with the Vector API ({@code jdk.incubator.vector}): output
 * conversion of a split row with its even/odd interleaving, the natural-order horizontal 5/3 synthesis (whose
 * interleaved stores the JIT does not vectorise) and the split form of the finest level. Each computes exactly what
 * its scalar reference in {@link Lifting} or {@link OutputStage} computes; the callers run the scalar
 * code for the lanes a full vector does not cover. This class is loaded only when the module is in the boot layer
 * ({@link JpegXsDecoder#SIMD_BY_DEFAULT}), since its static fields need it; without it the scalar code runs.
 * Stateless and thread-safe.
 */
final class VectorKernels {
    private static final VectorSpecies<Integer> I = IntVector.SPECIES_PREFERRED;
    private static final int L = I.length();
    /** Lane indexes zipping the first halves of two vectors (a0 b0 a1 b1 ...), for two-vector selectFrom. */
    private static final IntVector ZIP_LO = zip(0);
    /** Lane indexes zipping the second halves of two vectors. */
    private static final IntVector ZIP_HI = zip(L / 2);

    private VectorKernels() {
    }

    private static IntVector zip(int from) {
        int[] idx = new int[L];
        for (int i = 0; i < L / 2; i++) {
            idx[2 * i] = from + i;
            idx[2 * i + 1] = L + from + i;
        }
        return IntVector.fromArray(I, idx, 0);
    }

    /**
     * Linear output (G.2) of the first pairs of a split row: for pair i, {@code out[oo + 2i]} from {@code ev[i]} and
     * {@code out[oo + 2i + 1]} from {@code od[i]}, shifted by {@code dz} after adding {@code add} and clipped to
     * [0, max]. Each pair is packed into one int and the ints are stored as shorts (low half first, little-endian
     * lanes), so the interleaving costs no shuffle. Returns the number of pairs done (a multiple of the vector
     * length, at most {@code nh}); the caller does the rest.
     */
    static int linearPairs(int[] ev, int[] od, int nh, short[] out, int oo, int add, int dz, int max) {
        int n = I.loopBound(nh);
        for (int i = 0; i < n; i += L) {
            IntVector e = IntVector.fromArray(I, ev, i).add(add).lanewise(VectorOperators.ASHR, dz).max(0).min(max);
            IntVector o = IntVector.fromArray(I, od, i).add(add).lanewise(VectorOperators.ASHR, dz).max(0).min(max);
            e.or(o.lanewise(VectorOperators.LSHL, 16)).reinterpretAsShorts().intoArray(out, oo + 2 * i);
        }
        return n;
    }

    /**
     * The middle of {@link Lifting#horizontal}: for i in [1, end) with end returned, {@code out[2i + 1]} and
     * {@code out[2i + 2]}, where {@code out[0..2]} are already written. The caller continues the scalar loop at
     * the returned i (with {@code out[2i]} as the running even sample).
     */
    static int horizontalMiddle(int[] lo, int nl, int[] hi, int nh, int[] out) {
        int limit = Math.min(nh, nl) - 1;
        int i = 1;
        for (; i + L <= limit; i += L) {
            IntVector hp = IntVector.fromArray(I, hi, i - 1);
            IntVector h = IntVector.fromArray(I, hi, i);
            IntVector hn = IntVector.fromArray(I, hi, i + 1);
            // X[2i] and X[2i+2] (X[2i] recomputed instead of shifted in from the previous lanes).
            IntVector e = IntVector.fromArray(I, lo, i).sub(hp.add(h).add(2).lanewise(VectorOperators.ASHR, 2));
            IntVector en = IntVector.fromArray(I, lo, i + 1).sub(h.add(hn).add(2).lanewise(VectorOperators.ASHR, 2));
            IntVector od = h.add(e.add(en).lanewise(VectorOperators.ASHR, 1));
            ZIP_LO.selectFrom(od, en).intoArray(out, 2 * i + 1);
            ZIP_HI.selectFrom(od, en).intoArray(out, 2 * i + 1 + L);
        }
        return i;
    }

    /**
     * The even samples of {@link Lifting#horizontalSplit}: {@code ev[i] = lo[i] - ((hi[i - 1] + hi[i] + 2) >> 2)} for
     * i in [1, end), end returned; the caller does the rest. (The JIT leaves this loop scalar: it cannot rule out
     * that {@code ev} overlaps {@code hi} one index apart.)
     */
    static int splitEven(int[] lo, int[] hi, int nh, int[] ev) {
        int i = 1;
        for (; i + L <= nh; i += L) {
            IntVector h = IntVector.fromArray(I, hi, i - 1).add(IntVector.fromArray(I, hi, i)).add(2);
            IntVector.fromArray(I, lo, i).sub(h.lanewise(VectorOperators.ASHR, 2)).intoArray(ev, i);
        }
        return i;
    }

    /**
     * The odd samples of {@link Lifting#horizontalSplit}: {@code od[i] = hi[i] + ((ev[i] + ev[i + 1]) >> 1)} for i in
     * [0, end), end returned; the caller does the rest.
     */
    static int splitOdd(int[] hi, int nh, int[] ev, int[] od) {
        int i = 0;
        for (; i + L <= nh; i += L) {
            IntVector e = IntVector.fromArray(I, ev, i).add(IntVector.fromArray(I, ev, i + 1));
            IntVector.fromArray(I, hi, i).add(e.lanewise(VectorOperators.ASHR, 1)).intoArray(od, i);
        }
        return i;
    }
}
