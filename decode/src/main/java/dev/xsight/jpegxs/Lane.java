package dev.xsight.jpegxs;

import dev.xsight.media.Frame;

/**
 * One lane of a whole-picture decode on several threads: a contiguous run of slices that one thread entropy-decodes,
 * synthesises and writes out, with its own coefficient ring, precinct decoder, transforms and output stage. Nothing
 * one lane writes is read by another; the lanes share only the codestream (read) and the frame (disjoint rows). Two
 * workers sharing one ring had been slower than one thread per frame of CPU, because the ring rows went from the
 * core that decoded them to the core that synthesised them and back.
 *
 * <p>Boundaries, bit-exact. The vertical 5/3 synthesis of a lane's first and last rows needs coefficients of the
 * neighbouring lanes, so a lane also entropy-decodes the slice before its run and the slice after it (slices are
 * entropy-independent: ISO/IEC 21122-1 C.5.3 vertical prediction of bitplane counts never crosses a slice start) and
 * synthesises one precinct row of each:
 * <ul>
 * <li>Above: the lane starts its synthesis at precinct row {@code P0} (the last row of the slice above) as if the
 * picture began there ({@link ComponentTransform#reset(int)}). At vertical level d (rows counted in that level's
 * output, {@code s = P0 * 2^(NL,y - d)} the level's first band row), output row 2i needs low row i and high rows
 * i-1 and i, output row 2i+1 the same and more below; the false edge mirrors high row s-1 to s, so rows 2s and 2s+1
 * are wrong, and row r is exact when {@code floor(r/2) >= max(F(d+1), s + 1)}, F(d+1) being the first exact low row.
 * The deepest level's low rows (the chain) are exact from P0, so F(NL,y) = 2 (P0 + 1) and by induction
 * F(d) = 2^(NL,y - d + 1) (P0 + 1): at the finest level exactly the rows of precinct row P0 + 1 onward, whatever the
 * number of levels. One precinct row of context suffices, rounded up to the whole slice above.
 * <li>Below: with precinct rows up to P available, output row 2i+1 needs low and high row i+1, so level d is final
 * for 2 m - 1 rows where m is the rows its inputs have; that gives 2^NL,y (P - 1) + 1 final rows at the finest
 * level: a lane ending before precinct row E needs rows up to E, one precinct row of the slice below.
 * </ul>
 * Components without vertical levels need neither. The tests decode streams whose slices are one precinct row high
 * with one and two vertical levels against one thread.
 *
 * <p>Threading: the driving thread {@link #plan plans} a frame, hands the lane to its thread (the decoder's queue
 * lock orders the two), which {@link #run runs} it; the driving thread reads {@link #error} after the hand-back.
 */
final class Lane {
    /** Synthesis and output cost of one sample in codestream bytes' worth of entropy decoding, for the split. */
    private static final int SAMPLES_PER_BYTE_OF_COST = 8;

    private final Layout layout;
    private final CoefficientStore store;
    private final PrecinctDecoder decoder;
    private final ComponentTransform[] transforms;
    private final OutputStage output;
    private final boolean rct;
    private final boolean vertical;
    /** Rows of each component the synthesis has made final this frame (written out or, above the run, skipped). */
    private final int[] done;
    private final int[] ownFirst;
    private final int[] ownEnd;
    private byte[] buf;
    private int origin;
    private int[] starts;
    private int first;
    private int last;
    private int current;
    private Frame out;
    /** The frame's failure in this lane, or null; read by the driving thread after the hand-back. */
    JpegXsFormatException error;

    Lane(Layout layout, boolean simd) {
        this.layout = layout;
        this.store = new CoefficientStore(layout, 1);
        this.decoder = new PrecinctDecoder(layout, store);
        this.transforms = new ComponentTransform[layout.nc];
        boolean v = false;
        for (int c = 0; c < layout.nc; c++) {
            transforms[c] = new ComponentTransform(layout.comps[c], store.coef[c], simd);
            v |= layout.comps[c].ny > 0;
        }
        this.vertical = v;
        this.output = new OutputStage(layout, simd);
        this.rct = layout.info.cpih() == 1;
        this.done = new int[layout.nc];
        this.ownFirst = new int[layout.nc];
        this.ownEnd = new int[layout.nc];
    }

    /**
     * Splits the slices into {@code lanes} contiguous runs, {@code bounds[l]} to {@code bounds[l + 1]} for lane l, so
     * that each run costs about the same: entropy decoding follows the slice's bytes, synthesis and output its rows.
     */
    static void split(Layout layout, int[] starts, int lanes, int[] bounds) {
        int n = layout.info.sliceCount();
        int hsl = layout.info.sliceHeightPrecincts();
        long samplesPerRow = 0;
        for (Layout.Comp k : layout.comps) {
            samplesPerRow += (long) k.width * ComponentTransform.rowsPerPrecinct(k);
        }
        long rowCost = Math.max(1, samplesPerRow / SAMPLES_PER_BYTE_OF_COST);
        long total = (long) (starts[n] - starts[0]) + rowCost * layout.precinctRows;
        bounds[0] = 0;
        long sum = 0;
        int s = 0;
        for (int l = 1; l < lanes; l++) {
            long target = total * l / lanes;
            // At least one slice per lane, and enough left for the lanes after this one.
            while (s < n - (lanes - l) && (s <= bounds[l - 1] || sum + cost(layout, starts, s, hsl, rowCost) / 2 <= target)) {
                sum += cost(layout, starts, s, hsl, rowCost);
                s++;
            }
            bounds[l] = s;
        }
        bounds[lanes] = n;
    }

    private static long cost(Layout layout, int[] starts, int s, int hsl, long rowCost) {
        int rows = Math.min(hsl, layout.precinctRows - s * hsl);
        return (long) (starts[s + 1] - starts[s]) + rowCost * rows;
    }

    /**
     * Sets up the next frame: this lane writes the rows of slices {@code [first, last)} of the codestream whose
     * slices start at {@code b[starts[s]]} (array indices, {@code starts[n]} at EOC) into {@code frame}.
     */
    void plan(byte[] b, int codestreamOrigin, int[] sliceStarts, int firstSlice, int lastSlice, Frame frame) {
        buf = b;
        origin = codestreamOrigin;
        starts = sliceStarts;
        first = firstSlice;
        last = lastSlice;
        out = frame;
        error = null;
    }

    /** Decodes the planned run; a failure becomes {@link #error}, nothing is thrown. */
    void run() {
        try {
            decodeRun();
        } catch (JpegXsFormatException e) {
            error = e;
        } catch (RuntimeException | Error e) {
            error = new JpegXsFormatException("slice " + current, 0, "decoder failure: " + e);
        }
    }

    private void decodeRun() throws JpegXsFormatException {
        int n = layout.info.sliceCount();
        int hsl = layout.info.sliceHeightPrecincts();
        int ownStart = first * hsl;
        int ownStop = Math.min(layout.precinctRows, last * hsl);
        boolean above = vertical && first > 0;
        boolean below = vertical && last < n;
        int fromSlice = above ? first - 1 : first;
        int toSlice = below ? last + 1 : last;
        int startRow = above ? ownStart - 1 : ownStart;
        int stopRow = below ? ownStop + 1 : ownStop;
        for (int c = 0; c < layout.nc; c++) {
            Layout.Comp k = layout.comps[c];
            int rpp = ComponentTransform.rowsPerPrecinct(k);
            transforms[c].reset(startRow);
            done[c] = startRow * rpp;
            ownFirst[c] = Math.min(k.height, ownStart * rpp);
            ownEnd[c] = last == n ? k.height : Math.min(k.height, ownStop * rpp);
        }
        int ring = store.ringSlices;
        int stepped = startRow;
        for (int s = fromSlice; s < toSlice; s++) {
            current = s;
            if (ring > 0 && s - ring >= fromSlice && !ringFree((s - ring + 1) * hsl)) {
                throw new IllegalStateException("coefficient ring of " + ring + " slices too short for slice " + s);
            }
            decoder.decodeSlice(buf, starts[s], starts[s + 1], s, origin);
            int rows = Math.min(stopRow, Math.min(layout.precinctRows, (s + 1) * hsl));
            // One precinct row at a time, writing final rows out after each, as the one-thread decode does.
            for (int p = stepped + 1; p <= rows; p++) {
                step(p);
            }
            stepped = Math.max(stepped, rows);
        }
        for (int c = 0; c < layout.nc; c++) {
            if (done[c] < ownEnd[c]) {
                throw new JpegXsFormatException("EOC", 0, "component " + c + " has " + done[c] + " of "
                        + ownEnd[c] + " rows after slice " + (toSlice - 1));
            }
        }
    }

    private boolean ringFree(int precinctRows) {
        for (ComponentTransform t : transforms) {
            if (t.consumed() < precinctRows) {
                return false;
            }
        }
        return true;
    }

    private void step(int rows) {
        int c0 = 0;
        if (rct) {
            int ready = Integer.MAX_VALUE;
            for (int c = 0; c < 3; c++) {
                ready = Math.min(ready, transforms[c].advance(rows));
            }
            if (ready > done[0]) {
                int from = Math.max(done[0], ownFirst[0]);
                int to = Math.min(ready, ownEnd[0]);
                if (to > from) {
                    output.rct(transforms, from, to, out);
                }
                for (int c = 0; c < 3; c++) {
                    done[c] = ready;
                    transforms[c].release(ready);
                }
            }
            c0 = 3;
        }
        for (int c = c0; c < layout.nc; c++) {
            ComponentTransform t = transforms[c];
            int ready = t.advance(rows);
            if (ready > done[c]) {
                int from = Math.max(done[c], ownFirst[c]);
                int to = Math.min(ready, ownEnd[c]);
                if (to > from) {
                    output.component(c, t, from, to, out);
                }
                done[c] = ready;
                t.release(ready);
            }
        }
    }
}
