package dev.xsight.jpegxs.encode;

/**
 * The reversible 5/3 analysis filter by lifting with whole-sample symmetric extension, the forward counterpart of
 * the inverse transform in ISO/IEC 21122-1 Annex E:
 * {@code H[i] = x[2i+1] - ((x[2i] + x[2i+2]) >> 1)}, {@code L[i] = x[2i] + ((H[i-1] + H[i] + 2) >> 2)}.
 * Stateless; the caller owns every buffer.
 */
final class ForwardWavelet {
    private ForwardWavelet() {
    }

    /**
     * One horizontal level on {@code n} samples at {@code in[inOff..]}: {@code (n+1)/2} low-pass samples to
     * {@code lo[loOff..]}, {@code n/2} high-pass samples to {@code hi[hiOff..]}. {@code in} must not overlap the
     * outputs.
     */
    static void horizontal(int[] in, int inOff, int n, int[] lo, int loOff, int[] hi, int hiOff) {
        if (n == 1) {
            lo[loOff] = in[inOff];
            return;
        }
        int nh = n >> 1;
        int nl = (n + 1) >> 1;
        int inner = (n - 1) >> 1; // high-pass samples with a right neighbour inside the line
        for (int i = 0; i < inner; i++) {
            int e = inOff + 2 * i;
            hi[hiOff + i] = in[e + 1] - ((in[e] + in[e + 2]) >> 1);
        }
        if (nh > inner) { // even length: the last odd sample mirrors onto its left neighbour
            int e = inOff + 2 * inner;
            hi[hiOff + inner] = in[e + 1] - in[e];
        }
        lo[loOff] = in[inOff] + ((2 * hi[hiOff] + 2) >> 2);
        for (int i = 1; i < nh; i++) {
            lo[loOff + i] = in[inOff + 2 * i] + ((hi[hiOff + i - 1] + hi[hiOff + i] + 2) >> 2);
        }
        if (nl > nh) { // odd length: the last even sample sees its left high-pass twice
            lo[loOff + nh] = in[inOff + 2 * nh] + ((2 * hi[hiOff + nh - 1] + 2) >> 2);
        }
    }

    /**
     * One vertical level on {@code h} rows of {@code w} samples (stride {@code w}) in {@code src}: {@code (h+1)/2}
     * low-pass rows to {@code lo} and {@code h/2} high-pass rows to {@code hi}, both with stride {@code w}.
     */
    static void vertical(int[] src, int w, int h, int[] lo, int[] hi) {
        if (h == 1) {
            System.arraycopy(src, 0, lo, 0, w);
            return;
        }
        int nh = h >> 1;
        int nl = (h + 1) >> 1;
        for (int i = 0; i < nh; i++) {
            int a = 2 * i * w;
            int m = a + w;
            int b = 2 * i + 2 < h ? m + w : a;
            int o = i * w;
            for (int x = 0; x < w; x++) {
                hi[o + x] = src[m + x] - ((src[a + x] + src[b + x]) >> 1);
            }
        }
        for (int i = 0; i < nl; i++) {
            int p = (i > 0 ? i - 1 : 0) * w;
            int c = (i < nh ? i : nh - 1) * w;
            int s = 2 * i * w;
            int o = i * w;
            for (int x = 0; x < w; x++) {
                lo[o + x] = src[s + x] + ((hi[p + x] + hi[c + x] + 2) >> 2);
            }
        }
    }
}
