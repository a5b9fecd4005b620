package dev.xsight.jpegxs;

/**
 * Storage of decoded wavelet coefficients, bitplane counts and truncation positions, reused across frames with the
 * same layout. Slices write disjoint rows, so workers share one store without locking.
 *
 * <p>Coefficient rows are reached through per-band tables of row references ({@link #coef}): a ring of
 * {@link #ringSlices} slices in which band row {@code y} shares its array with the rows one ring length above and
 * below (the whole picture when a ring would not be smaller). The synthesis reads each coefficient row once, a few
 * precinct rows after it was decoded, and slices are decoded in picture order (streamed slices that arrive early
 * wait for the earlier ones), so the ring holds everything still needed while its rows stay in the cache (a whole
 * 2160p picture's coefficients are 66 MB, and writing them to fresh memory every frame was the largest cost of UHD
 * decoding, of slice streaming too until it decoded in order). With several workers the ring has one more slice
 * per worker, and a worker whose ring rows are still unread synthesises before it waits (see
 * {@code JpegXsDecoder}).
 */
final class CoefficientStore {
    final Layout layout;
    /** Coefficients per component, band and row, dequantised, signed and scaled by 2^Fq. */
    final int[][][][] coef;
    /** Bitplane counts per component and band, {@link Layout.Comp#gcliStride} bytes per band row. */
    final byte[][][] gcli;
    /** Truncation position (GTLI) per precinct (row * columns + column) and band slot. */
    final byte[] gtli;
    /** Slices the ring view holds; 0 when a ring would not be smaller than the picture. */
    final int ringSlices;
    /**
     * The arrays the rows own, per component, band and row. A band line without any code group that
     * carries data points its row at {@link #zero} instead of clearing its own array (flat areas stay empty frame
     * after frame); a line with data points it back here. Only for layouts of one precinct column, where a line is
     * one band row.
     */
    final int[][][][] own;
    /** A row of zeros per component and band, never written. */
    final int[][][] zero;

    /**
     * @param workers threads that decode slices at once; each one in flight holds a slice of the ring, so the ring
     *     has one slice more per worker beyond the first
     */
    CoefficientStore(Layout layout, int workers) {
        this.layout = layout;
        int hsl = layout.info.sliceHeightPrecincts();
        int ring = ringSlices(hsl, layout) + workers - 1;
        this.ringSlices = (long) ring * hsl < layout.precinctRows ? ring : 0;
        coef = new int[layout.nc][][][];
        gcli = new byte[layout.nc][][];
        own = new int[layout.nc][][][];
        zero = new int[layout.nc][][];
        for (int c = 0; c < layout.nc; c++) {
            Layout.Comp k = layout.comps[c];
            coef[c] = new int[k.nb][][];
            gcli[c] = new byte[k.nb][];
            own[c] = new int[k.nb][][];
            zero[c] = new int[k.nb][];
            for (int b = 0; b < k.nb; b++) {
                int h = k.bandH[b];
                int ringRows = ringSlices == 0 ? h : Math.min(h, ringSlices * hsl * k.lines[b]);
                int[][] rows = new int[h][];
                for (int y = 0; y < h; y++) {
                    rows[y] = y < ringRows ? new int[k.bandW[b]] : rows[y % ringRows];
                }
                coef[c][b] = rows;
                own[c][b] = rows.clone();
                zero[c][b] = new int[k.bandW[b]];
                gcli[c][b] = new byte[k.gcliStride[b] * h];
            }
        }
        gtli = new byte[layout.precinctRows * layout.columns * layout.slots];
    }

    /**
     * Ring length in slices: the slice being decoded, plus enough slices behind it to cover the rows the synthesis
     * has not consumed yet. Each vertical level holds back about one precinct row (its last even row waits for the
     * next odd one), so NL,y + 2 precinct rows of lag are allowed for, rounded up to whole slices.
     */
    private static int ringSlices(int hsl, Layout layout) {
        int ny = 0;
        for (Layout.Comp k : layout.comps) {
            ny = Math.max(ny, k.ny);
        }
        return 1 + Math.max(2, (ny + 2 + hsl - 1) / hsl);
    }

    /**
     * Bytes a store for {@code workers} holds (the ring, or the whole picture's rows when there is no ring), with the
     * row tables, the zero rows, the bitplane counts and truncation positions: for the size check before allocation.
     */
    static long bytesFor(Layout layout, int workers) {
        int hsl = layout.info.sliceHeightPrecincts();
        int ring = ringSlices(hsl, layout) + workers - 1;
        long ringRows = Math.min((long) ring * hsl, layout.precinctRows);
        long n = 0;
        for (Layout.Comp k : layout.comps) {
            for (int b = 0; b < k.nb; b++) {
                long rows = Math.min(k.bandH[b], ringRows * k.lines[b]);
                n += (4L * k.bandW[b] + 16) * rows + 16L * k.bandH[b] + 4L * k.bandW[b]
                        + (long) k.gcliStride[b] * k.bandH[b];
            }
        }
        return n + (long) layout.precinctRows * layout.columns * layout.slots;
    }
}
