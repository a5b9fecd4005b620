package dev.xsight.jpegxs;

/**
 * Incremental inverse wavelet transform of one component (ISO/IEC 21122-1 Annex E), whole-picture and bit-exact:
 * as more precinct rows become available (a prefix of the picture), it advances the horizontal-only levels row by
 * row, then each vertical level with its own row counters, and reports how many output rows are final. The lifting
 * runs across slice boundaries with symmetric extension only at the picture edges, so the last rows of a slice
 * become final once the first precinct rows of the next slice are in. The caller advances one precinct row at a
 * time; the intermediate rows (the low chain, inner levels) and the output rows then live in rings of a few rows.
 * {@link #reset(int)} may start the synthesis at a later precinct row (a decoding {@link Lane}'s context).
 *
 * <p>Output rows are split: {@link #even(int)} holds the even samples of a row, {@link #odd(int)} the odd ones (the
 * final horizontal step leaves them apart so its loops vectorise; the output stage interleaves). Buffers are
 * allocated once per layout. Not thread-safe: one thread advances a component at a time.
 */
final class ComponentTransform {
    private static final int[] EMPTY = new int[0];

    private final Layout.Comp k;
    private final int[][][] coef;
    private final int ny;
    /** Band indices: H-only bands from the deepest level, and HL per vertical level (LH, HH follow it). */
    private final int[] hOnlyBand;
    private final int[] hlBand;
    /** Low band of the deepest vertical level (natural rows), when NL,y > 0. */
    private final int[][] chain;
    private final int chainW;
    private final int[] tmpA;
    private final int[] tmpB;
    /** Natural-order outputs of vertical levels 2..ny, index d - 1. */
    private final int[][][] level;
    private final int[] levelW;
    private final int[] levelH;
    /**
     * Final output rows, split into even and odd samples, in a ring of {@link #RING} rows: the caller advances
     * one precinct row at a time and writes final rows out at once, so only a few rows are ever in flight and the
     * ring stays in cache.
     */
    static final int RING = 16;
    private static final int MASK = RING - 1;
    /**
     * Rows of the low chain and of each inner level (2..NL,y), a ring like the output's: each row is read a few rows
     * after it is written (the caller advances one precinct row at a time), so the rows stay in the cache instead
     * of filling a quarter-picture array per frame; a write that would replace a row still to be read fails by name.
     */
    static final int INNER_RING = 16;
    private static final int INNER_MASK = INNER_RING - 1;
    private final int[][] outEven;
    private final int[][] outOdd;
    private int released;
    private final int outLow;
    private final int outHigh;
    private int chainRows;
    /** First even row of each vertical level in this frame: the top edge the lifting mirrors at. */
    private final int[] evenStart;
    private final int[] evenFilled;
    private final int[] oddFilled;
    private final int[] evenDone;
    private final int[] oddDone;
    /** Precinct rows whose coefficients the synthesis has read and will not read again; see {@link #consumed()}. */
    private volatile int consumed;
    /** Whether the natural-order horizontal synthesis uses the Vector API kernel. */
    private final boolean simd;

    ComponentTransform(Layout.Comp k, int[][][] coef, boolean simd) {
        this.k = k;
        this.simd = simd;
        this.coef = coef;
        this.ny = k.ny;
        int nh = k.nx - ny;
        hOnlyBand = new int[nh];
        for (int j = 0; j < nh; j++) {
            hOnlyBand[j] = 1 + j;
        }
        hlBand = new int[ny + 1];
        for (int d = ny; d >= 1; d--) {
            hlBand[d] = 1 + nh + 3 * (ny - d);
        }
        int cw = k.bandW[0];
        for (int b : hOnlyBand) {
            cw += k.bandW[b];
        }
        chainW = cw;
        int chainH = k.bandH[0];
        chain = ny > 0 ? new int[Math.min(INNER_RING, chainH)][chainW] : null;
        tmpA = new int[chainW];
        tmpB = new int[chainW];
        level = new int[ny + 1][][];
        levelW = new int[ny + 1];
        levelH = new int[ny + 1];
        for (int d = 1; d <= ny; d++) {
            int hl = hlBand[d];
            levelW[d] = k.bandW[hl] + k.bandW[hl + 1];
            levelH[d] = k.bandH[hl] + k.bandH[hl + 1];
            if (d > 1) {
                level[d] = new int[Math.min(INNER_RING, levelH[d])][levelW[d]];
            }
        }
        if (ny > 0) {
            outHigh = k.bandW[hlBand[1]];
            outLow = levelW[1] - outHigh;
        } else {
            outHigh = nh == 0 ? 0 : k.bandW[hOnlyBand[nh - 1]];
            outLow = chainW - outHigh;
        }
        outEven = new int[RING][outLow + 1];
        outOdd = new int[RING][];
        for (int y = 0; y < RING; y++) {
            outOdd[y] = outHigh == 0 ? EMPTY : new int[outHigh];
        }
        evenStart = new int[ny + 1];
        evenFilled = new int[ny + 1];
        oddFilled = new int[ny + 1];
        evenDone = new int[ny + 1];
        oddDone = new int[ny + 1];
    }

    void reset() {
        reset(0);
    }

    /**
     * Starts a frame whose synthesis begins at precinct row {@code startRow}, as if the picture began there: the
     * lifting mirrors at that row instead of using the rows above it, so the first precinct row of output is wrong
     * (a decoding lane computes it as context and does not write it; see {@link Lane}) and every later row is
     * exact. Row numbers stay those of the whole picture. {@code startRow} 0 is the whole picture.
     */
    void reset(int startRow) {
        chainRows = startRow * k.lines[0];
        released = startRow * rowsPerPrecinct(k);
        for (int d = 1; d <= ny; d++) {
            int first = startRow * k.lines[hlBand[d]];
            evenStart[d] = first;
            evenFilled[d] = first;
            oddFilled[d] = first;
            evenDone[d] = first;
            oddDone[d] = first;
        }
        consumed = startRow;
    }

    /** Bytes a transform of component {@code k} holds: the low chain, the inner levels and the output ring. */
    static long bytesFor(Layout.Comp k) {
        int nh = k.nx - k.ny;
        long chainW = k.bandW[0];
        for (int j = 0; j < nh; j++) {
            chainW += k.bandW[1 + j];
        }
        int ring = INNER_RING;
        long n = k.ny > 0 ? (4 * chainW + 16) * Math.min(ring, k.bandH[0]) : 0;
        for (int d = 2; d <= k.ny; d++) {
            int hl = 1 + nh + 3 * (k.ny - d);
            n += (4L * (k.bandW[hl] + k.bandW[hl + 1]) + 16) * Math.min(ring, k.bandH[hl] + k.bandH[hl + 1]);
        }
        return n + RING * (4L * k.width + 40) + 12L * chainW;
    }

    /** Output rows of component {@code k} per precinct row (fewer in the last precinct row). */
    static int rowsPerPrecinct(Layout.Comp k) {
        return k.ny > 0 ? 1 << k.ny : k.lines[0];
    }

    /**
     * Precinct rows (a prefix) whose coefficient rows the synthesis has read for the last time, so a coefficient
     * ring may reuse their arrays. Safe to read from any thread; it only grows during a frame.
     */
    int consumed() {
        return consumed;
    }

    /** Even samples of final output row {@code y} ({@link #lowCount()} of them), until it is released. */
    int[] even(int y) {
        return outEven[y & MASK];
    }

    /** Odd samples of final output row {@code y} ({@link #highCount()} of them), until it is released. */
    int[] odd(int y) {
        return outOdd[y & MASK];
    }

    /** The caller has written out every row below {@code rows}: their ring slots may be reused. */
    void release(int rows) {
        released = Math.max(released, rows);
    }

    /** Ring slot for output row {@code y}, which must not overwrite a row not yet written out. */
    private int slot(int y) {
        if (y - released >= RING) {
            throw new IllegalStateException("synthesis ran " + (y - released) + " rows ahead of the output");
        }
        return y & MASK;
    }

    int lowCount() {
        return outLow;
    }

    int highCount() {
        return outHigh;
    }

    /** Rows of a band available after {@code precinctRows} precinct rows. */
    private int bandRows(int b, int precinctRows) {
        return (int) Math.min(k.bandH[b], (long) precinctRows * k.lines[b]);
    }

    /**
     * Advances with the first {@code precinctRows} precinct rows decoded.
     *
     * @return number of final output rows of the component (a prefix)
     */
    int advance(int precinctRows) {
        advanceChain(precinctRows);
        int lowRows = chainRows;
        for (int d = ny; d >= 1; d--) {
            lowRows = advanceLevel(d, lowRows, precinctRows);
        }
        consumed = consumedPrecinctRows(precinctRows);
        return lowRows;
    }

    /** Coefficient rows are read once, by the horizontal step that fills a chain or level row. */
    private int consumedPrecinctRows(int precinctRows) {
        int p = precinctRows;
        p = Math.min(p, precinctsOf(0, chainRows, precinctRows));
        for (int b : hOnlyBand) {
            p = Math.min(p, precinctsOf(b, chainRows, precinctRows));
        }
        for (int d = 1; d <= ny; d++) {
            int hl = hlBand[d];
            p = Math.min(p, precinctsOf(hl, evenFilled[d], precinctRows));
            p = Math.min(p, precinctsOf(hl + 1, oddFilled[d], precinctRows));
            p = Math.min(p, precinctsOf(hl + 2, oddFilled[d], precinctRows));
        }
        return p;
    }

    private int precinctsOf(int b, int rows, int precinctRows) {
        return rows >= k.bandH[b] ? precinctRows : rows / k.lines[b];
    }

    private void advanceChain(int precinctRows) {
        int avail = bandRows(0, precinctRows);
        for (int b : hOnlyBand) {
            avail = Math.min(avail, bandRows(b, precinctRows));
        }
        int n = hOnlyBand.length;
        for (int y = chainRows; y < avail; y++) {
            int[] src = coef[0][y];
            int w = k.bandW[0];
            if (n == 0) {
                System.arraycopy(src, 0, ny > 0 ? chainRow(y) : outEven[slot(y)], 0, w);
                continue;
            }
            for (int j = 0; j < n; j++) {
                int b = hOnlyBand[j];
                int wh = k.bandW[b];
                int[] hi = coef[b][y];
                if (j < n - 1) {
                    int[] dst = (j & 1) == 0 ? tmpA : tmpB;
                    Lifting.horizontal(src, w, hi, wh, dst, simd);
                    src = dst;
                } else if (ny > 0) {
                    Lifting.horizontal(src, w, hi, wh, chainRow(y), simd);
                } else {
                    int r = slot(y);
                    Lifting.horizontalSplit(src, w, hi, wh, outEven[r], outOdd[r], simd);
                }
                w += wh;
            }
        }
        chainRows = Math.max(chainRows, avail);
    }

    /** Chain row {@code y} to write; the deepest vertical level must have read the row it replaces. */
    private int[] chainRow(int y) {
        if (y - INNER_RING >= evenFilled[ny]) {
            throw new IllegalStateException("chain row " + y + " would overwrite a row level " + ny + " has not read");
        }
        return chain[y & INNER_MASK];
    }

    /**
     * Row {@code y} of inner level {@code d} (2..NL,y) to write; the row it replaces must have been read: by the
     * level's own lifting (even rows from 2 evenDone - 1, odd from 2 oddDone) and by the next finer level.
     */
    private int[] levelRow(int d, int y) {
        int oldest = Math.min(evenFilled[d - 1], Math.min(2 * evenDone[d] - 1, 2 * oddDone[d]));
        if (y - INNER_RING >= oldest) {
            throw new IllegalStateException("level " + d + " row " + y + " would overwrite a row still to be read");
        }
        return level[d][y & INNER_MASK];
    }

    /** One vertical level: fills rows by horizontal lifting, then lifts vertically in place, as far as possible. */
    private int advanceLevel(int d, int lowRows, int precinctRows) {
        int hl = hlBand[d];
        int lh = hl + 1;
        int hh = hl + 2;
        int[][] low = d == ny ? chain : level[d + 1];
        int lowW = d == ny ? chainW : levelW[d + 1];
        int h = levelH[d];
        int nEven = k.bandH[hl];
        int nOdd = k.bandH[lh];
        int whl = k.bandW[hl];
        int wlh = k.bandW[lh];
        int whh = k.bandW[hh];
        boolean last = d == 1;
        int[][] out = level[d];
        int[][][] hlRows = coef;
        int evenAvail = Math.min(lowRows, bandRows(hl, precinctRows));
        for (int i = evenFilled[d]; i < evenAvail; i++) {
            if (last) {
                int r = slot(2 * i);
                Lifting.horizontalSplit(low[i & INNER_MASK], lowW, hlRows[hl][i], whl, outEven[r], outOdd[r], simd);
            } else {
                Lifting.horizontal(low[i & INNER_MASK], lowW, hlRows[hl][i], whl, levelRow(d, 2 * i), simd);
            }
        }
        evenFilled[d] = Math.max(evenFilled[d], evenAvail);
        int oddAvail = Math.min(bandRows(lh, precinctRows), bandRows(hh, precinctRows));
        for (int i = oddFilled[d]; i < oddAvail; i++) {
            if (last) {
                int r = slot(2 * i + 1);
                Lifting.horizontalSplit(coef[lh][i], wlh, coef[hh][i], whh, outEven[r], outOdd[r], simd);
            } else {
                Lifting.horizontal(coef[lh][i], wlh, coef[hh][i], whh, levelRow(d, 2 * i + 1), simd);
            }
        }
        oddFilled[d] = Math.max(oddFilled[d], oddAvail);
        if (h == 1) {
            evenDone[d] = evenFilled[d];
            return evenDone[d];
        }
        int w = levelW[d];
        // Even rows: X[2i] -= (X[2i-1] + X[2i+1] + 2) >> 2 with mirrored odd rows at the edges.
        int i = evenDone[d];
        while (i < evenFilled[d]) {
            int a = i == evenStart[d] ? i : i - 1;
            int b = Math.min(i, nOdd - 1);
            if (Math.max(a, b) >= oddFilled[d]) {
                break;
            }
            if (last) {
                int re = (2 * i) & MASK;
                int ra = (2 * a + 1) & MASK;
                int rb = (2 * b + 1) & MASK;
                Lifting.updateEven(outEven[re], outEven[ra], outEven[rb], outLow);
                Lifting.updateEven(outOdd[re], outOdd[ra], outOdd[rb], outHigh);
            } else {
                int m = INNER_MASK;
                Lifting.updateEven(out[2 * i & m], out[2 * a + 1 & m], out[2 * b + 1 & m], w);
            }
            i++;
        }
        evenDone[d] = i;
        // Odd rows: X[2i+1] += (X[2i] + X[2i+2]) >> 1 with X[h] mirrored to X[h-2].
        int j = oddDone[d];
        while (j < oddFilled[d]) {
            int e2 = j + 1 < nEven ? j + 1 : j;
            if (e2 >= evenDone[d]) {
                break;
            }
            if (last) {
                int ro = (2 * j + 1) & MASK;
                int ra = (2 * j) & MASK;
                int rb = (2 * e2) & MASK;
                Lifting.predictOdd(outEven[ro], outEven[ra], outEven[rb], outLow);
                Lifting.predictOdd(outOdd[ro], outOdd[ra], outOdd[rb], outHigh);
            } else {
                int m = INNER_MASK;
                Lifting.predictOdd(out[2 * j + 1 & m], out[2 * j & m], out[2 * e2 & m], w);
            }
            j++;
        }
        oddDone[d] = j;
        return Math.min(h, Math.min(2 * evenDone[d], 2 * oddDone[d] + 1));
    }
}
