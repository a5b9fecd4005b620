package dev.xsight.jpegxs;

/**
 * Inverse reversible 5/3 wavelet lifting with whole-sample symmetric extension (ISO/IEC 21122-1 Annex E): one
 * dimension at a time, on rows (interleaving a low and a high band) or on the rows of a picture (vertical step).
 */
final class Lifting {
    private Lifting() {
    }

    /**
     * Horizontal inverse: {@code nl} low-pass and {@code nh} high-pass samples into {@code nl + nh} samples.
     * {@code nl} is {@code nh} or {@code nh + 1}.
     */
    static void horizontal(int[] lo, int lo0, int nl, int[] hi, int hi0, int nh, int[] out, int o0) {
        if (nh == 0) {
            out[o0] = lo[lo0];
            return;
        }
        // Even samples X[2i] = L[i] - ((H[i-1] + H[i] + 2) >> 2) and odd samples X[2i+1] = H[i] + ((X[2i] +
        // X[2i+2]) >> 1), in one pass; symmetric extension: H[-1] = H[0], H[nh] = H[nh-1], X[n] = X[n-2].
        int e = lo[lo0] - ((hi[hi0] + hi[hi0] + 2) >> 2);
        out[o0] = e;
        int full = nl - 1;
        int h = hi[hi0];
        for (int i = 0; i < full; i++) {
            int hn = i + 1 < nh ? hi[hi0 + i + 1] : h;
            int en = lo[lo0 + i + 1] - ((h + hn + 2) >> 2);
            out[o0 + 2 * i + 1] = h + ((e + en) >> 1);
            out[o0 + 2 * i + 2] = en;
            e = en;
            h = hn;
        }
        if (nl == nh) {
            out[o0 + 2 * nh - 1] = hi[hi0 + nh - 1] + e;
        }
    }

    /**
     * Horizontal inverse into a split row: the {@code nl} even samples first, then the {@code nh} odd samples
     * ({@code out[o0 + i]} is X[2i], {@code out[o0 + nl + i]} is X[2i+1]). Same arithmetic as {@link #horizontal};
     * the loops have no interleaved stores, so they vectorise. {@code even} is scratch of at least {@code nl + 1}.
     */
    static void horizontalSplit(int[] lo, int lo0, int nl, int[] hi, int hi0, int nh, int[] out, int o0,
            Scratch t) {
        if (nh == 0) {
            out[o0] = lo[lo0];
            return;
        }
        // Zero-based scratch rows with the symmetric extension in place keep the loops free of special cases and
        // offsets, which lets the JIT vectorise them.
        int[] h = t.high;
        int[] l = t.low;
        int[] e = t.even;
        int[] o = t.odd;
        System.arraycopy(hi, hi0, h, 1, nh);
        h[0] = h[1];
        h[nh + 1] = h[nh];
        System.arraycopy(lo, lo0, l, 0, nl);
        for (int i = 0; i < nl; i++) {
            e[i] = l[i] - ((h[i] + h[i + 1] + 2) >> 2);
        }
        e[nl] = e[nl - 1];
        for (int i = 0; i < nh; i++) {
            o[i] = h[i + 1] + ((e[i] + e[i + 1]) >> 1);
        }
        System.arraycopy(e, 0, out, o0, nl);
        System.arraycopy(o, 0, out, o0 + nl, nh);
    }

    /** Scratch rows for {@link #horizontalSplit}, for rows up to {@code width} samples. One per thread. */
    static final class Scratch {
        final int[] high;
        final int[] low;
        final int[] even;
        final int[] odd;

        Scratch(int width) {
            int half = width / 2 + 2;
            high = new int[half + 1];
            low = new int[half];
            even = new int[half + 1];
            odd = new int[half];
        }
    }

    /** Vertical even-row update: {@code row[e] -= (row[a] + row[b] + 2) >> 2} over {@code w} samples. */
    static void updateEven(int[] p, int e, int a, int b, int w) {
        for (int x = 0; x < w; x++) {
            p[e + x] -= (p[a + x] + p[b + x] + 2) >> 2;
        }
    }

    /** Vertical odd-row prediction: {@code row[o] += (row[a] + row[b]) >> 1} over {@code w} samples. */
    static void predictOdd(int[] p, int o, int a, int b, int w) {
        for (int x = 0; x < w; x++) {
            p[o + x] += (p[a + x] + p[b + x]) >> 1;
        }
    }
}
