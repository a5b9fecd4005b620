package dev.xsight.jpegxs;

/**
 * Inverse reversible 5/3 wavelet lifting with whole-sample symmetric extension (ISO/IEC 21122-1 Annex E), on
 * zero-based row arrays: horizontal synthesis of a low and a high band row, in natural order or split into even and
 * odd samples, and the two vertical lifting steps between rows. Loops over zero-based arrays without interleaved
 * stores vectorise in the JIT.
 */
final class Lifting {
    /** Rows shorter than this (in samples per band) take the scalar horizontal synthesis only. */
    private static final int SIMD_MIN_ROW = 32;

    private Lifting() {
    }

    /**
     * Horizontal inverse: {@code nl} low-pass and {@code nh} high-pass samples into {@code nl + nh} samples in
     * natural order. {@code nl} is {@code nh} or {@code nh + 1}. With {@code simd} (the Vector API module must then
     * be present) {@link VectorKernels#horizontalMiddle} does the middle of long rows.
     */
    static void horizontal(int[] lo, int nl, int[] hi, int nh, int[] out, boolean simd) {
        if (nh == 0) {
            out[0] = lo[0];
            return;
        }
        // X[2i] = L[i] - ((H[i-1] + H[i] + 2) >> 2), X[2i+1] = H[i] + ((X[2i] + X[2i+2]) >> 1), in one pass;
        // symmetric extension: H[-1] = H[0], H[nh] = H[nh-1], X[n] = X[n-2].
        int e = lo[0] - ((hi[0] + hi[0] + 2) >> 2);
        out[0] = e;
        int full = nl - 1;
        int i = 0;
        if (simd && Math.min(nl, nh) > SIMD_MIN_ROW) {
            steps(lo, hi, nh, out, 0, 1, e);
            i = VectorKernels.horizontalMiddle(lo, nl, hi, nh, out);
            e = out[2 * i];
        }
        e = steps(lo, hi, nh, out, i, full, e);
        if (nl == nh) {
            out[2 * nh - 1] = hi[nh - 1] + e;
        }
    }

    /** Steps i in [from, to) of the natural-order synthesis, X[2i] being {@code e}; returns X[2 to]. */
    private static int steps(int[] lo, int[] hi, int nh, int[] out, int from, int to, int e) {
        int h = hi[from];
        for (int i = from; i < to; i++) {
            int hn = i + 1 < nh ? hi[i + 1] : h;
            int en = lo[i + 1] - ((h + hn + 2) >> 2);
            out[2 * i + 1] = h + ((e + en) >> 1);
            out[2 * i + 2] = en;
            e = en;
            h = hn;
        }
        return e;
    }

    /**
     * Horizontal inverse into a split row: even samples X[2i] into {@code ev[0..nl)}, odd samples X[2i+1] into
     * {@code od[0..nh)}. Same arithmetic as {@link #horizontal}. {@code ev} has room for {@code nl + 1} samples.
     * With {@code simd} (the Vector API module must then be present) {@link VectorKernels} does most of both loops.
     */
    static void horizontalSplit(int[] lo, int nl, int[] hi, int nh, int[] ev, int[] od, boolean simd) {
        if (nh == 0) {
            ev[0] = lo[0];
            return;
        }
        ev[0] = lo[0] - ((hi[0] + hi[0] + 2) >> 2);
        for (int i = simd ? VectorKernels.splitEven(lo, hi, nh, ev) : 1; i < nh; i++) {
            ev[i] = lo[i] - ((hi[i - 1] + hi[i] + 2) >> 2);
        }
        if (nl > nh) {
            ev[nh] = lo[nh] - ((hi[nh - 1] + hi[nh - 1] + 2) >> 2);
        } else {
            ev[nh] = ev[nh - 1];
        }
        for (int i = simd ? VectorKernels.splitOdd(hi, nh, ev, od) : 0; i < nh; i++) {
            od[i] = hi[i] + ((ev[i] + ev[i + 1]) >> 1);
        }
    }

    /** Vertical even-row update: {@code e[x] -= (a[x] + b[x] + 2) >> 2} over {@code n} samples. */
    static void updateEven(int[] e, int[] a, int[] b, int n) {
        for (int x = 0; x < n; x++) {
            e[x] -= (a[x] + b[x] + 2) >> 2;
        }
    }

    /** Vertical odd-row prediction: {@code o[x] += (a[x] + b[x]) >> 1} over {@code n} samples. */
    static void predictOdd(int[] o, int[] a, int[] b, int n) {
        for (int x = 0; x < n; x++) {
            o[x] += (a[x] + b[x]) >> 1;
        }
    }
}
