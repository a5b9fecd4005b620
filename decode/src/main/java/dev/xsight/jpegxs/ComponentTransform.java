package dev.xsight.jpegxs;

/**
 * Incremental inverse wavelet transform of one component (ISO/IEC 21122-1 Annex E), whole-picture and bit-exact:
 * as more precinct rows become available (a prefix of the picture), it advances the horizontal-only levels row by
 * row, then each vertical level with its own row counters, and reports how many output rows are final. The lifting
 * runs across slice boundaries with symmetric extension only at the picture edges, so the last rows of a slice
 * become final once the first precinct rows of the next slice are in. Buffers are allocated once per layout.
 * Not thread-safe: one thread advances a component at a time.
 */
final class ComponentTransform {
    private final Layout.Comp k;
    private final int[][] coef;
    /** Output of the horizontal-only levels: the low band of the deepest vertical level (or the component). */
    private final int[] chain;
    private final int chainW;
    private final int chainH;
    private final int[] tmpA;
    private final int[] tmpB;
    private final Lifting.Scratch even;
    /** Vertical level outputs, index d - 1 for level d (d = 1 is the finest, the component itself). */
    private final int[][] level;
    private final int[] levelW;
    private final int[] levelH;
    /** Band indices of HL, LH, HH per vertical level, and the H band per horizontal-only level. */
    private final int[] hlBand;
    private final int[] hOnlyBand;
    private int chainRows;
    private final int[] evenFilled;
    private final int[] oddFilled;
    private final int[] evenDone;
    private final int[] oddDone;

    ComponentTransform(Layout.Comp k, int[][] coef) {
        this.k = k;
        this.coef = coef;
        int ny = k.ny;
        int nh = k.nx - ny;
        hOnlyBand = new int[nh];
        // Band list: 0 = LL, 1..nh = H-only from the deepest level, then HL/LH/HH from level ny down to 1.
        for (int j = 0; j < nh; j++) {
            hOnlyBand[j] = 1 + j;
        }
        hlBand = new int[ny + 1];
        for (int d = ny; d >= 1; d--) {
            hlBand[d] = 1 + nh + 3 * (ny - d);
        }
        chainW = ny == 0 ? k.width : k.bandW[0] + sumHOnlyWidth();
        chainH = k.bandH[0];
        chain = new int[chainW * chainH];
        tmpA = new int[chainW];
        tmpB = new int[chainW];
        even = new Lifting.Scratch(Math.max(k.width, chainW));
        level = new int[ny][];
        levelW = new int[ny];
        levelH = new int[ny];
        for (int d = 1; d <= ny; d++) {
            int hl = hlBand[d];
            levelW[d - 1] = k.bandW[hl] + k.bandW[hl + 1];
            levelH[d - 1] = k.bandH[hl] + k.bandH[hl + 1];
            level[d - 1] = new int[levelW[d - 1] * levelH[d - 1]];
        }
        evenFilled = new int[ny + 1];
        oddFilled = new int[ny + 1];
        evenDone = new int[ny + 1];
        oddDone = new int[ny + 1];
    }

    private int sumHOnlyWidth() {
        int w = 0;
        for (int b : hOnlyBand) {
            w += k.bandW[b];
        }
        return w;
    }

    void reset() {
        chainRows = 0;
        java.util.Arrays.fill(evenFilled, 0);
        java.util.Arrays.fill(oddFilled, 0);
        java.util.Arrays.fill(evenDone, 0);
        java.util.Arrays.fill(oddDone, 0);
    }

    /** Output picture of this component: {@link #outputWidth()} samples per row. */
    int[] output() {
        return k.ny == 0 ? chain : level[0];
    }

    int outputWidth() {
        return k.ny == 0 ? chainW : levelW[0];
    }

    /**
     * Output rows are split: the first {@code splitLow()} samples of a row are its even samples, the rest its odd
     * samples (see {@link Lifting#horizontalSplit}); 0 when rows are in natural order.
     */
    int splitLow() {
        if (k.ny > 0) {
            int hl = hlBand[1];
            return outputWidth() - k.bandW[hl];
        }
        return hOnlyBand.length == 0 ? 0 : chainW - k.bandW[hOnlyBand[hOnlyBand.length - 1]];
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
        for (int d = k.ny; d >= 1; d--) {
            lowRows = advanceLevel(d, lowRows, precinctRows);
        }
        return lowRows;
    }

    private void advanceChain(int precinctRows) {
        int avail = bandRows(0, precinctRows);
        for (int b : hOnlyBand) {
            avail = Math.min(avail, bandRows(b, precinctRows));
        }
        int[] ll = coef[0];
        int w0 = k.bandW[0];
        for (int y = chainRows; y < avail; y++) {
            int[] src = ll;
            int srcOff = y * w0;
            int w = w0;
            for (int j = 0; j < hOnlyBand.length; j++) {
                int b = hOnlyBand[j];
                int wh = k.bandW[b];
                boolean lastStep = j == hOnlyBand.length - 1;
                int[] dst = lastStep ? chain : ((j & 1) == 0 ? tmpA : tmpB);
                int dstOff = lastStep ? y * chainW : 0;
                if (lastStep && k.ny == 0) {
                    Lifting.horizontalSplit(src, srcOff, w, coef[b], y * wh, wh, dst, dstOff, even);
                } else {
                    Lifting.horizontal(src, srcOff, w, coef[b], y * wh, wh, dst, dstOff);
                }
                src = dst;
                srcOff = dstOff;
                w += wh;
            }
            if (hOnlyBand.length == 0) {
                System.arraycopy(ll, srcOff, chain, y * chainW, w0);
            }
        }
        chainRows = Math.max(chainRows, avail);
    }

    /** One vertical level: fills interleaved rows by horizontal lifting, then lifts vertically in place. */
    private int advanceLevel(int d, int lowRows, int precinctRows) {
        int hl = hlBand[d];
        int lh = hl + 1;
        int hh = hl + 2;
        int[] low = d == k.ny ? chain : level[d];
        int lowW = d == k.ny ? chainW : levelW[d];
        int[] out = level[d - 1];
        int w = levelW[d - 1];
        int h = levelH[d - 1];
        int nEven = k.bandH[hl];
        int nOdd = k.bandH[lh];
        int whl = k.bandW[hl];
        int wlh = k.bandW[lh];
        int whh = k.bandW[hh];
        int evenAvail = Math.min(lowRows, bandRows(hl, precinctRows));
        for (int i = evenFilled[d]; i < evenAvail; i++) {
            if (d == 1) {
                Lifting.horizontalSplit(low, i * lowW, lowW, coef[hl], i * whl, whl, out, 2 * i * w, even);
            } else {
                Lifting.horizontal(low, i * lowW, lowW, coef[hl], i * whl, whl, out, 2 * i * w);
            }
        }
        evenFilled[d] = Math.max(evenFilled[d], evenAvail);
        int oddAvail = Math.min(bandRows(lh, precinctRows), bandRows(hh, precinctRows));
        for (int i = oddFilled[d]; i < oddAvail; i++) {
            if (d == 1) {
                Lifting.horizontalSplit(coef[lh], i * wlh, wlh, coef[hh], i * whh, whh, out, (2 * i + 1) * w, even);
            } else {
                Lifting.horizontal(coef[lh], i * wlh, wlh, coef[hh], i * whh, whh, out, (2 * i + 1) * w);
            }
        }
        oddFilled[d] = Math.max(oddFilled[d], oddAvail);
        if (h == 1) {
            evenDone[d] = evenFilled[d];
            return evenDone[d];
        }
        // Even rows: X[2i] -= (X[2i-1] + X[2i+1] + 2) >> 2 with mirrored odd rows at the edges.
        int i = evenDone[d];
        while (i < evenFilled[d]) {
            int a = i == 0 ? 0 : i - 1;
            int b = Math.min(i, nOdd - 1);
            if (Math.max(a, b) >= oddFilled[d]) {
                break;
            }
            Lifting.updateEven(out, 2 * i * w, (2 * a + 1) * w, (2 * b + 1) * w, w);
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
            Lifting.predictOdd(out, (2 * j + 1) * w, 2 * j * w, 2 * e2 * w, w);
            j++;
        }
        oddDone[d] = j;
        return Math.min(h, Math.min(2 * evenDone[d], 2 * oddDone[d] + 1));
    }
}
