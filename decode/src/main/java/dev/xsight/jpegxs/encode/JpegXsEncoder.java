package dev.xsight.jpegxs.encode;

import dev.xsight.media.Frame;
import dev.xsight.media.PixelFormat;

/**
 * Encodes frames into ISO/IEC 21122-1 (JPEG XS) codestreams at a constant bit rate: SOC, CAP, PIH, CDT, WGT, then
 * per slice an SLH and its precincts, then EOC. Every codestream is exactly {@link #maxCodestreamBytes()} bytes
 * (PIH Lcod), never more.
 *
 * <p>Coding: level shift and scaling to Bw = 20 bits, forward 5/3 wavelet with NL,x horizontal and NL,y vertical
 * levels over the whole picture, coefficients rounded to Fq = 8 fractional bits, deadzone quantization (Qpih = 0)
 * at a truncation position per band and precinct (Annex C), bitplane counts coded raw (per packet), from zero with or
 * without significance flags, or predicted from the line above (per band), whichever is smallest. Rate allocation:
 * a frame-wide quantization level that fits the budget gives every precinct row its share; each precinct then takes
 * the finest (Q, R) that fits its share plus what earlier precincts left; what is left at the end becomes filler
 * bytes spread over the precincts.
 *
 * <p>Formats: three components, 4:4:4, 4:2:2 or 4:2:0, 8 to 12 bits (colour data is coded as given; no colour
 * transform, Cpih = 0).
 *
 * <p>Threading: one frame at a time, from one thread at a time. With {@link EncoderSettings#threads()} above 1 the
 * encoder keeps that many worker threads (the caller being one of them) that share each frame: components during the
 * wavelet analysis, precinct rows while measuring and writing; the codestream does not depend on the thread count.
 * Close the encoder to stop its workers. All buffers are allocated by the constructor, so {@link #encode} allocates
 * nothing.
 */
public final class JpegXsEncoder implements AutoCloseable {
    private static final int BW = 20;
    private static final int FQ = 8;

    private final EncoderSettings settings;
    private final PixelFormat format;
    private final EncoderLayout layout;
    private final DefaultWeights weights;
    private final PrecinctCoder coder;
    private final int codestreamBytes;
    private final int fixedBytes;
    private final EncoderWorkers workers;
    private final int threads;

    /** Per worker: wavelet scratch (one per component at most), precinct choices and a bit writer. */
    private final WaveletScratch[] scratch;
    private final PrecinctCoder.Work[] works;
    private final BitPacker[] packers;

    private final int[] levelOf;
    private final int[] bytesOf;
    private final int[] globalCost;
    private final int[] offsetOf;

    // The frame in flight, read by the worker jobs.
    private Frame frame;
    private byte[] target;
    private int leftover;
    private final java.util.function.IntConsumer transformJob = this::transformPart;
    private final java.util.function.IntConsumer statsJob = this::statsPart;
    private final java.util.function.IntConsumer writeJob = this::writePart;

    /** Buffers of one wavelet analysis: the component, its low and high vertical halves, three rows. */
    private static final class WaveletScratch {
        final int[] work;
        final int[] lowRows;
        final int[] highRows;
        final int[] rowIn;
        final int[] rowLow;
        final int[] rowHigh;

        WaveletScratch(int samples, int half, int width) {
            work = new int[samples];
            lowRows = new int[half];
            highRows = new int[half];
            rowIn = new int[width];
            rowLow = new int[width];
            rowHigh = new int[width];
        }
    }

    /**
     * @throws IllegalArgumentException when the format, size or settings cannot be encoded (naming why), or the
     *     rate is below what the headers and the coarsest coding need
     */
    public JpegXsEncoder(EncoderSettings s, PixelFormat f, int width, int height) {
        Frame.checkSize(f, width, height); // before any allocation
        this.settings = s;
        this.format = f;
        this.layout = new EncoderLayout(f, width, height, s);
        this.weights = DefaultWeights.of(f.sampling(), s.nlx(), s.nly());
        this.coder = new PrecinctCoder(layout, weights, s);
        double bytes = Math.floor(s.bitsPerPixel() * width * (double) height / 8.0);
        if (bytes > Integer.MAX_VALUE - 16) {
            throw new IllegalArgumentException("codestream of " + (long) bytes + " bytes is too large");
        }
        this.codestreamBytes = (int) bytes;
        this.fixedBytes = layout.mainHeaderBytes() + 6 * layout.slices + 2;
        if (codestreamBytes / layout.precinctRows > PrecinctCoder.MAX_BODY) {
            throw new IllegalArgumentException("rate " + s.bitsPerPixel() + " bpp is too high for " + width
                    + " samples per line (precincts would exceed 2^19 bytes)");
        }
        int maxW = 0;
        int maxSamples = 0;
        int maxHalf = 0;
        for (int c = 0; c < EncoderLayout.COMPONENTS; c++) {
            maxW = Math.max(maxW, layout.compWidth[c]);
            maxSamples = Math.max(maxSamples, layout.compWidth[c] * layout.compHeight[c]);
            maxHalf = Math.max(maxHalf, layout.compWidth[c] * ((layout.compHeight[c] + 1) / 2));
        }
        threads = s.threads();
        scratch = new WaveletScratch[Math.min(threads, EncoderLayout.COMPONENTS)];
        for (int i = 0; i < scratch.length; i++) {
            scratch[i] = new WaveletScratch(maxSamples, maxHalf, maxW);
        }
        works = new PrecinctCoder.Work[threads];
        packers = new BitPacker[threads];
        for (int i = 0; i < threads; i++) {
            works[i] = new PrecinctCoder.Work(layout);
            packers[i] = new BitPacker();
        }
        levelOf = new int[layout.precinctRows];
        bytesOf = new int[layout.precinctRows];
        globalCost = new int[layout.precinctRows];
        offsetOf = new int[layout.precinctRows];

        // The coarsest level (everything truncated) costs the same for any content: check it fits.
        int floor = fixedBytes;
        for (int p = 0; p < layout.precinctRows; p++) {
            coder.computeStats(p, works[0]);
            floor += coder.evaluate(p, coder.maxLevel(), -1, works[0]);
        }
        if (floor > codestreamBytes) {
            double minBpp = floor * 8.0 / ((double) width * height);
            throw new IllegalArgumentException(String.format(java.util.Locale.ROOT,
                    "rate %.3f bpp is below the minimum %.3f bpp for %dx%d with these settings",
                    s.bitsPerPixel(), minBpp, width, height));
        }
        workers = threads > 1 ? new EncoderWorkers(threads, "jpegxs-encode") : null;
    }

    public EncoderSettings settings() {
        return settings;
    }

    public PixelFormat format() {
        return format;
    }

    /** Size of every codestream this encoder writes (constant bit rate): {@code floor(bpp * width * height / 8)}. */
    public int maxCodestreamBytes() {
        return codestreamBytes;
    }

    /**
     * Encodes {@code in} into {@code out[off..]}. Samples above the format's bit depth are clipped.
     *
     * @return the codestream length, always {@link #maxCodestreamBytes()}
     * @throws IllegalArgumentException when the frame's format or size differ from the encoder's, or {@code out}
     *     has less than {@link #maxCodestreamBytes()} bytes from {@code off}
     */
    public int encode(Frame in, byte[] out, int off) {
        if (!in.format().equals(format) || in.width() != layout.width || in.height() != layout.height) {
            throw new IllegalArgumentException("frame " + in.describe() + " does not match the encoder's "
                    + layout.width + "x" + layout.height + " " + format.describe());
        }
        if (off < 0 || out.length - off < codestreamBytes) {
            throw new IllegalArgumentException("output has " + Math.max(0, out.length - off) + " bytes from offset "
                    + off + ", the codestream needs " + codestreamBytes);
        }
        this.frame = in;
        this.target = out;
        try {
            run(transformJob);
            run(statsJob);
            leftover = allocate();
            int pos = off + layout.mainHeaderBytes();
            int rows = layout.precinctRows;
            for (int p = 0; p < rows; p++) {
                if (p % layout.precinctsPerSlice == 0) {
                    pos += 6;
                }
                offsetOf[p] = pos;
                pos += bytesOf[p] + padding(p);
            }
            BitPacker head = packers[0];
            head.reset(out, off);
            writeMainHeader(head);
            head.align();
            run(writeJob);
            head.reset(out, pos);
            head.u16(0xFF11); // EOC
            head.align();
            int written = pos + 2 - off;
            if (written != codestreamBytes) {
                throw new IllegalStateException("wrote " + written + " bytes, expected " + codestreamBytes);
            }
            return written;
        } finally {
            this.frame = null;
            this.target = null;
        }
    }

    /** Stops the worker threads (if any). The encoder cannot encode afterwards when it had workers. */
    @Override
    public void close() {
        if (workers != null) {
            workers.close();
        }
    }

    private void run(java.util.function.IntConsumer job) {
        if (workers == null) {
            job.accept(0);
        } else {
            workers.runAll(job);
        }
    }

    /** Components go to workers: luma alone on worker 0 when there are helpers, chroma on the others. */
    private void transformPart(int worker) {
        for (int c = 0; c < EncoderLayout.COMPONENTS; c++) {
            int owner = threads == 1 ? 0 : c == 0 ? 0 : 1 + (c - 1) % Math.min(threads - 1, 2);
            if (owner == worker) {
                transform(c, frame.plane(c), scratch[worker]);
            }
        }
    }

    private void statsPart(int worker) {
        for (int p = worker; p < layout.precinctRows; p += threads) {
            coder.computeStats(p, works[worker]);
        }
    }

    /** Writes a contiguous run of precinct rows (and their slice headers) at their precomputed offsets. */
    private void writePart(int worker) {
        int rows = layout.precinctRows;
        int from = (int) ((long) rows * worker / threads);
        int to = (int) ((long) rows * (worker + 1) / threads);
        BitPacker o = packers[worker];
        PrecinctCoder.Work w = works[worker];
        for (int p = from; p < to; p++) {
            boolean sliceStart = p % layout.precinctsPerSlice == 0;
            o.reset(target, offsetOf[p] - (sliceStart ? 6 : 0));
            if (sliceStart) {
                // Slice header (Annex A): SLH, Lslh = 4, Yslh = slice index.
                o.u16(0xFF20);
                o.u16(4);
                o.u16(p / layout.precinctsPerSlice);
            }
            coder.evaluate(p, levelOf[p], p > 0 ? levelOf[p - 1] : -1, w);
            coder.write(p, bytesOf[p], padding(p), o, w);
        }
    }

    /** Filler bytes of precinct row p: the bytes the allocation left over, spread evenly. */
    private int padding(int p) {
        int rows = layout.precinctRows;
        return leftover / rows + (p < leftover % rows ? 1 : 0);
    }

    /**
     * Chooses a quantization level per precinct row (see the class comment).
     *
     * @return bytes left over for filler
     */
    private int allocate() {
        int rows = layout.precinctRows;
        int available = codestreamBytes - fixedBytes;
        int lo = 0;
        int hi = coder.maxLevel();
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (frameCost(mid, available) <= available) {
                hi = mid;
            } else {
                lo = mid + 1;
            }
        }
        int global = lo;
        long base = 0;
        for (int p = 0; p < rows; p++) {
            globalCost[p] = coder.evaluate(p, global, -1, works[0]);
            base += globalCost[p];
        }
        int slack = (int) (available - base);
        int carry = 0;
        for (int p = 0; p < rows; p++) {
            int budget = globalCost[p] + slack / rows + (p < slack % rows ? 1 : 0) + carry;
            int top = p > 0 ? levelOf[p - 1] : -1;
            // Most rows land a few levels finer than the frame-wide one: gallop down from it, then bisect.
            int b = global;
            int step = 1;
            while (b - step >= 0 && coder.evaluate(p, b - step, top, works[0]) <= budget) {
                b -= step;
                step <<= 1;
            }
            int a = Math.max(0, b - step + 1);
            while (a < b) {
                int mid = (a + b) >>> 1;
                if (coder.evaluate(p, mid, top, works[0]) <= budget) {
                    b = mid;
                } else {
                    a = mid + 1;
                }
            }
            // Vertical prediction can make the cost non-monotonic in the level: step coarser until it fits. It
            // always fits at the frame-wide level, whose cost without vertical prediction is within the budget.
            int bytes = coder.evaluate(p, a, top, works[0]);
            while (bytes > budget && a < global) {
                bytes = coder.evaluate(p, ++a, top, works[0]);
            }
            if (bytes > budget) {
                throw new IllegalStateException("precinct " + p + " does not fit its budget " + budget);
            }
            levelOf[p] = a;
            bytesOf[p] = bytes;
            carry = budget - bytesOf[p];
        }
        return carry;
    }

    private long frameCost(int level, int limit) {
        long sum = 0;
        for (int p = 0; p < layout.precinctRows && sum <= limit; p++) {
            sum += coder.evaluate(p, level, -1, works[0]);
        }
        return sum;
    }

    // ---- Wavelet analysis -------------------------------------------------------------------------------------

    /** Scales component c to Bw bits around zero (the inverse of the output scaling of Annex G) and analyses it. */
    private void transform(int c, short[] plane, WaveletScratch x) {
        int[] work = x.work;
        int[] lowRows = x.lowRows;
        int[] highRows = x.highRows;
        int[] rowIn = x.rowIn;
        int[] rowLow = x.rowLow;
        int[] rowHigh = x.rowHigh;
        int w = layout.compWidth[c];
        int h = layout.compHeight[c];
        int depth = format.bitDepth();
        int max = format.maxCode();
        int shift = BW - depth;
        int offset = 1 << (BW - 1);
        for (int i = 0, n = w * h; i < n; i++) {
            work[i] = (Math.min(plane[i] & 0xFFFF, max) << shift) - offset;
        }
        int cw = w;
        int ch = h;
        for (int level = 1; level <= layout.nlx; level++) {
            int wl = (cw + 1) / 2;
            if (level <= layout.compNly[c]) {
                int hl = (ch + 1) / 2;
                int hh = ch / 2;
                ForwardWavelet.vertical(work, cw, ch, lowRows, highRows);
                int hlBand = layout.compBand[c][layout.localIndex(c, level, 0)];
                int lhBand = layout.compBand[c][layout.localIndex(c, level, 1)];
                int hhBand = layout.compBand[c][layout.localIndex(c, level, 2)];
                for (int y = 0; y < hl; y++) {
                    ForwardWavelet.horizontal(lowRows, y * cw, cw, work, y * wl, rowHigh, 0);
                    coder.storeRow(rowHigh, 0, hlBand, y);
                }
                for (int y = 0; y < hh; y++) {
                    ForwardWavelet.horizontal(highRows, y * cw, cw, rowLow, 0, rowHigh, 0);
                    coder.storeRow(rowLow, 0, lhBand, y);
                    coder.storeRow(rowHigh, 0, hhBand, y);
                }
                ch = hl;
            } else {
                int hBand = layout.compBand[c][layout.localIndex(c, level, 0)];
                for (int y = 0; y < ch; y++) {
                    System.arraycopy(work, y * cw, rowIn, 0, cw);
                    ForwardWavelet.horizontal(rowIn, 0, cw, work, y * wl, rowHigh, 0);
                    coder.storeRow(rowHigh, 0, hBand, y);
                }
            }
            cw = wl;
        }
        int ll = layout.compBand[c][0];
        for (int y = 0; y < ch; y++) {
            coder.storeRow(work, y * cw, ll, y);
        }
    }

    // ---- Headers ----------------------------------------------------------------------------------------------

    private void writeMainHeader(BitPacker o) {
        o.u16(0xFF10); // SOC
        // CAP (Annex A): bit 4 = a component with sy > 1 present, bit 8 = packet raw-mode switch used.
        boolean subsampledRows = layout.compSy[1] > 1 || layout.compSy[2] > 1;
        o.u16(0xFF50);
        o.u16(4);
        o.u16((subsampledRows ? 1 << 11 : 0) | (settings.rawPackets() ? 1 << 7 : 0));
        // PIH (Annex A)
        o.u16(0xFF12);
        o.u16(26);
        o.u32(codestreamBytes); // Lcod
        o.u16(0); // Ppih: unrestricted (ST 2110-22 carries profile and level in SDP)
        o.u16(0); // Plev
        o.u16(layout.width);
        o.u16(layout.height);
        o.u16(0); // Cw: precincts span the full width
        o.u16(layout.precinctsPerSlice); // Hsl
        o.u8(EncoderLayout.COMPONENTS); // Nc
        o.u8(EncoderLayout.GROUP); // Ng
        o.u8(EncoderLayout.SIG_GROUP); // Ss
        o.u8(BW); // Bw
        o.bits(FQ, 4); // Fq
        o.bits(4, 4); // Br: bitplane counts are 4-bit in raw mode
        o.bits(0, 1); // Fslc: regular slices
        o.bits(0, 3); // Ppoc
        o.bits(0, 4); // Cpih: no colour transform
        o.bits(layout.nlx, 4);
        o.bits(layout.nly, 4);
        o.bits(layout.longHeaders ? 1 : 0, 1); // Lh
        o.bits(settings.rawPackets() ? 1 : 0, 1); // Rl
        o.bits(0, 2); // Qpih: deadzone
        o.bits(0, 2); // Fs: signs inline
        o.bits(0, 2); // Rm: significance run mode 0
        // CDT (Annex A)
        o.u16(0xFF13);
        o.u16(2 * EncoderLayout.COMPONENTS + 2);
        for (int c = 0; c < EncoderLayout.COMPONENTS; c++) {
            o.u8(format.bitDepth());
            o.bits(layout.compSx[c], 4);
            o.bits(layout.compSy[c], 4);
        }
        // WGT (Annex A): gain and priority of every existing band in global order.
        o.u16(0xFF14);
        o.u16(2 * layout.bands + 2);
        for (int k = 0; k < layout.bands; k++) {
            o.u8(weights.gain(layout.bandGlobal[k]));
            o.u8(weights.priority(layout.bandGlobal[k]));
        }
    }
}
