package dev.xsight.jpegxs;

/**
 * Storage of decoded wavelet coefficients, bitplane counts and truncation positions, reused across frames with the
 * same layout. Slices write disjoint rows, so workers share one store without locking.
 *
 * <p>Coefficient rows are reached through per-band tables of row references ({@link #coef}) with two views: the
 * whole picture, and a ring of {@link #ringSlices} slices in which band row {@code y} shares its array with the
 * rows one ring length above and below. The synthesis reads each coefficient row once, a few precinct rows after
 * it was decoded, so with slices decoded in order the ring holds everything still needed while its rows stay in
 * the cache (a whole 2160p picture's coefficients are 66 MB, and writing them to fresh memory every frame was the
 * largest cost of UHD decoding). With several workers the ring has one more slice per worker, and a worker whose
 * ring rows are still unread synthesises before it waits (see {@code JpegXsDecoder}). The view is switched only
 * between frames.
 */
final class CoefficientStore {
    final Layout layout;
    /** Coefficients per component, band and row, dequantised, signed and scaled by 2^Fq: the current view. */
    final int[][][][] coef;
    /** Bitplane counts per component and band, {@link Layout.Comp#gcliStride} bytes per band row. */
    final byte[][][] gcli;
    /** Truncation position (GTLI) per precinct (row * columns + column) and band slot. */
    final byte[] gtli;
    /** Slices the ring view holds; 0 when a ring would not be smaller than the picture. */
    final int ringSlices;
    private final int[][][][] ringView;
    private int[][][][] fullView;
    /**
     * The arrays the current view's rows own, per component, band and row. A band line without any code group that
     * carries data points its row at {@link #zero} instead of clearing its own array (flat areas stay empty frame
     * after frame); a line with data points it back here. Only for layouts of one precinct column, where a line is
     * one band row.
     */
    final int[][][][] own;
    private final int[][][][] ringOwn;
    private int[][][][] fullOwn;
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
        ringView = new int[layout.nc][][][];
        gcli = new byte[layout.nc][][];
        own = new int[layout.nc][][][];
        ringOwn = new int[layout.nc][][][];
        zero = new int[layout.nc][][];
        for (int c = 0; c < layout.nc; c++) {
            Layout.Comp k = layout.comps[c];
            coef[c] = new int[k.nb][][];
            ringView[c] = new int[k.nb][][];
            gcli[c] = new byte[k.nb][];
            own[c] = new int[k.nb][][];
            ringOwn[c] = new int[k.nb][][];
            zero[c] = new int[k.nb][];
            for (int b = 0; b < k.nb; b++) {
                int h = k.bandH[b];
                int ringRows = ringSlices == 0 ? h : Math.min(h, ringSlices * hsl * k.lines[b]);
                int[][] rows = new int[h][];
                for (int y = 0; y < h; y++) {
                    rows[y] = y < ringRows ? new int[k.bandW[b]] : rows[y % ringRows];
                }
                ringView[c][b] = rows;
                coef[c][b] = rows;
                ringOwn[c][b] = rows.clone();
                own[c][b] = ringOwn[c][b];
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
     * Selects the ring view (slices decoded in order, each only after the synthesis consumed the slice
     * {@link #ringSlices} before it) or the whole-picture view (slices in any order). Call only between frames.
     */
    void useRing(boolean ring) {
        for (int c = 0; c < layout.nc; c++) {
            Layout.Comp k = layout.comps[c];
            for (int b = 0; b < k.nb; b++) {
                coef[c][b] = ring ? ringView[c][b] : full(c, b);
                own[c][b] = ring ? ringOwn[c][b] : fullOwn(c, b);
            }
        }
    }

    private int[][] full(int c, int b) {
        if (ringSlices == 0) {
            return ringView[c][b];
        }
        if (fullView == null) {
            fullView = new int[layout.nc][][][];
            for (int i = 0; i < layout.nc; i++) {
                fullView[i] = new int[layout.comps[i].nb][][];
            }
        }
        if (fullView[c][b] == null) {
            // The ring's own arrays serve the first rows; the others are allocated once, on first use.
            Layout.Comp k = layout.comps[c];
            int[][] ring = ringView[c][b];
            int ringRows = Math.min(k.bandH[b], ringSlices * layout.info.sliceHeightPrecincts() * k.lines[b]);
            int[][] rows = new int[k.bandH[b]][];
            for (int y = 0; y < rows.length; y++) {
                rows[y] = y < ringRows ? ring[y] : new int[k.bandW[b]];
            }
            fullView[c][b] = rows;
        }
        return fullView[c][b];
    }

    private int[][] fullOwn(int c, int b) {
        if (ringSlices == 0) {
            return ringOwn[c][b];
        }
        if (fullOwn == null) {
            fullOwn = new int[layout.nc][][][];
            for (int i = 0; i < layout.nc; i++) {
                fullOwn[i] = new int[layout.comps[i].nb][][];
            }
        }
        if (fullOwn[c][b] == null) {
            fullOwn[c][b] = full(c, b).clone();
        }
        return fullOwn[c][b];
    }

    /**
     * Bytes the ring view holds (the whole picture's when there is no ring), with the bitplane counts and
     * truncation positions: what a store that never shows the whole picture costs.
     */
    static long ringBytes(Layout layout, int workers) {
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

    /** Bytes this store holds at most (both views), for the size check before allocation. */
    static long bytesFor(Layout layout) {
        long n = 0;
        for (Layout.Comp k : layout.comps) {
            for (int b = 0; b < k.nb; b++) {
                n += (4L * k.bandW[b] + 32) * k.bandH[b] + (long) k.gcliStride[b] * k.bandH[b];
            }
        }
        return n + (long) layout.precinctRows * layout.columns * layout.slots;
    }
}
