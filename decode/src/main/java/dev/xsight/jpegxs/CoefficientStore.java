package dev.xsight.jpegxs;

/**
 * Whole-picture storage of decoded wavelet coefficients, bitplane counts and truncation positions, reused across
 * frames with the same layout. Slices write disjoint rows, so workers share one store without locking.
 */
final class CoefficientStore {
    final Layout layout;
    /** Coefficients per component and band, row-major, dequantised, signed and scaled by 2^Fq. */
    final int[][][] coef;
    /** Bitplane counts per component and band, {@link Layout.Comp#gcliStride} bytes per band row. */
    final byte[][][] gcli;
    /** Truncation position (GTLI) per precinct (row * columns + column) and band slot. */
    final byte[] gtli;

    CoefficientStore(Layout layout) {
        this.layout = layout;
        coef = new int[layout.nc][][];
        gcli = new byte[layout.nc][][];
        for (int c = 0; c < layout.nc; c++) {
            Layout.Comp k = layout.comps[c];
            coef[c] = new int[k.nb][];
            gcli[c] = new byte[k.nb][];
            for (int b = 0; b < k.nb; b++) {
                coef[c][b] = new int[k.bandW[b] * k.bandH[b]];
                gcli[c][b] = new byte[k.gcliStride[b] * k.bandH[b]];
            }
        }
        gtli = new byte[layout.precinctRows * layout.columns * layout.slots];
    }

    /** Bytes this store holds, for the size check before allocation. */
    static long bytesFor(Layout layout) {
        long n = 0;
        for (Layout.Comp k : layout.comps) {
            for (int b = 0; b < k.nb; b++) {
                n += 4L * k.bandW[b] * k.bandH[b] + (long) k.gcliStride[b] * k.bandH[b];
            }
        }
        return n + (long) layout.precinctRows * layout.columns * layout.slots;
    }
}
