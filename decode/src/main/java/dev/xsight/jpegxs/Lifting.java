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
        int n = nl + nh;
        if (nh == 0) {
            out[o0] = lo[lo0];
            return;
        }
        // Even samples: X[2i] = L[i] - ((H[i-1] + H[i] + 2) >> 2), H[-1] = H[0], H[nh] = H[nh-1].
        out[o0] = lo[lo0] - ((hi[hi0] + hi[hi0] + 2) >> 2);
        int interior = Math.min(nl, nh);
        for (int i = 1; i < interior; i++) {
            out[o0 + 2 * i] = lo[lo0 + i] - ((hi[hi0 + i - 1] + hi[hi0 + i] + 2) >> 2);
        }
        if (nl > nh) {
            int i = nl - 1;
            out[o0 + 2 * i] = lo[lo0 + i] - ((hi[hi0 + i - 1] + hi[hi0 + i - 1] + 2) >> 2);
        }
        // Odd samples: X[2i+1] = H[i] + ((X[2i] + X[2i+2]) >> 1), X[n] = X[n-2].
        int last = (n & 1) == 0 ? nh - 1 : nh;
        for (int i = 0; i < last; i++) {
            out[o0 + 2 * i + 1] = hi[hi0 + i] + ((out[o0 + 2 * i] + out[o0 + 2 * i + 2]) >> 1);
        }
        if (last < nh) {
            int i = nh - 1;
            out[o0 + 2 * i + 1] = hi[hi0 + i] + ((out[o0 + 2 * i] + out[o0 + 2 * i]) >> 1);
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
