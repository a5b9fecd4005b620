package dev.xsight.jpegxs;

/**
 * Entropy decoding of the precincts of one slice (ISO/IEC 21122-1 Annex C): precinct and packet headers, bitplane
 * counts (raw, zero-predicted or vertically predicted, with or without significance flags), magnitudes, signs, and
 * inverse quantisation (deadzone or uniform) into a {@link CoefficientStore}. One instance per worker thread; it
 * holds only scratch state.
 */
final class PrecinctDecoder {
    /** Largest bitplane count accepted; coefficients scaled by 2^Fq must stay well inside an int. */
    static final int MAX_GCLI = 20;

    private static final java.lang.invoke.VarHandle GROUPS8 = java.lang.invoke.MethodHandles
            .byteArrayViewVarHandle(long[].class, java.nio.ByteOrder.LITTLE_ENDIAN);

    private final Layout layout;
    private final CoefficientStore store;
    private final BitReader r = new BitReader();
    private final int slots;
    private final int[] mode;
    private final int[] gtliNow;
    private final int[] leftover;
    /** Significance flags of the current line per slot, bit i of word i >> 6 for group of eight i (1: insignificant). */
    private final long[][] sig;
    private final boolean uniform;
    private final boolean separateSigns;
    private final boolean runMode;
    private final int fq;
    private int origin;
    /** Bit position where {@link #liveGroups} stopped reading. */
    private long dataPos;

    PrecinctDecoder(Layout layout, CoefficientStore store) {
        this.layout = layout;
        this.store = store;
        this.slots = layout.slots;
        mode = new int[slots];
        gtliNow = new int[slots];
        leftover = new int[slots];
        sig = new long[slots][];
        for (int s = 0; s < slots; s++) {
            if (layout.slotComp[s] >= 0) {
                Layout.Comp k = layout.comps[layout.slotComp[s]];
                int gw = (k.colW[layout.slotBand[s]] + 3) >> 2;
                sig[s] = new long[(((gw + 7) >> 3) + 63) >> 6];
            }
        }
        CodestreamInfo info = layout.info;
        uniform = info.quantizer() == 1;
        separateSigns = info.separateSigns();
        runMode = info.runMode();
        fq = info.fq();
    }

    /**
     * Decodes slice {@code slice} whose bytes start with its SLH marker at {@code off}.
     *
     * @param origin array index of the codestream start, for offsets in error messages
     * @return bytes the slice occupies, from SLH to the end of its last precinct
     */
    int decodeSlice(byte[] b, int off, int end, int slice, int origin) throws JpegXsFormatException {
        this.origin = origin;
        if (end - off < 6) {
            throw error("SLH", off, "codestream ends inside the slice header");
        }
        int code = (b[off] & 0xFF) << 8 | (b[off + 1] & 0xFF);
        int lslh = (b[off + 2] & 0xFF) << 8 | (b[off + 3] & 0xFF);
        int yslh = (b[off + 4] & 0xFF) << 8 | (b[off + 5] & 0xFF);
        if (code != Marker.SLH) {
            throw error("SLH", off, String.format("expected SLH (0xFF20) for slice %d, found 0x%04X", slice, code));
        }
        if (lslh != 4) {
            throw error("SLH", off, "Lslh is " + lslh + ", expected 4");
        }
        if (yslh != slice) {
            throw error("SLH", off, "slice index " + yslh + ", expected " + slice);
        }
        r.reset(b, off + 6, end);
        int hsl = layout.info.sliceHeightPrecincts();
        int firstRow = slice * hsl;
        int endRow = Math.min(layout.precinctRows, firstRow + hsl);
        for (int row = firstRow; row < endRow; row++) {
            for (int col = 0; col < layout.columns; col++) {
                precinct(b, row, col, row == firstRow, end);
            }
        }
        return r.bytePosition() - off;
    }

    private JpegXsFormatException error(String what, long at, String reason) {
        return new JpegXsFormatException(what, at - origin, reason);
    }

    private void precinct(byte[] b, int row, int col, boolean firstInSlice, int end) throws JpegXsFormatException {
        int p0 = r.bytePosition();
        int hdr = 5 + ((2 * layout.nBands + 7) >> 3);
        if (end - p0 < hdr) {
            throw error("precinct", p0, "codestream ends inside the header of precinct " + row + "," + col);
        }
        r.seekByte(p0);
        r.setLimit(end);
        int lprc = r.read(24);
        int q = r.read(8);
        int ref = r.read(8);
        for (int i = 0; i < layout.nBands; i++) {
            int s = layout.bandSlots[i];
            int m = r.read(2);
            if ((m & 1) != 0 && firstInSlice) {
                throw error("precinct", p0, "vertical prediction in the first precinct row of a slice (row " + row
                        + ")");
            }
            mode[s] = m;
        }
        r.align();
        int bodyStart = p0 + hdr;
        if (lprc > end - bodyStart) {
            throw error("precinct", p0, "Lprc " + lprc + " runs past the end of the data (" + (end - bodyStart)
                    + " bytes left)");
        }
        int bodyEnd = bodyStart + lprc;
        r.setLimit(bodyEnd);
        int pIdx = (row * layout.columns + col) * slots;
        for (int i = 0; i < layout.nBands; i++) {
            int s = layout.bandSlots[i];
            int t = truncation(layout.slotGain[s], layout.slotPriority[s], q, ref);
            gtliNow[s] = t;
            store.gtli[pIdx + s] = (byte) t;
        }
        boolean longHdr = layout.longPacketHeaders;
        for (int k = 0; k < layout.packetLine.length; k++) {
            int line = layout.packetLine[k];
            int[] ps = layout.packetSlots[k];
            boolean present = false;
            for (int s : ps) {
                Layout.Comp c = layout.comps[layout.slotComp[s]];
                if (line < layout.linesIn(c, layout.slotBand[s], row)) {
                    present = true;
                    break;
                }
            }
            if (!present) {
                continue;
            }
            int ph = r.bytePosition();
            if (bodyEnd - ph < (longHdr ? 7 : 5)) {
                throw error("packet", ph, "precinct " + row + "," + col + " ends inside the header of packet " + k);
            }
            int raw = r.read(1);
            int dataLen;
            int gcliLen;
            int signLen;
            if (longHdr) {
                dataLen = r.read(20);
                gcliLen = r.read(20);
                signLen = r.read(15);
            } else {
                dataLen = r.read(15);
                gcliLen = r.read(13);
                signLen = r.read(11);
            }
            int start;
            if (raw != 0) {
                start = r.bytePosition();
                for (int s : ps) {
                    rawCounts(s, row, col, line);
                }
            } else {
                for (int s : ps) {
                    significance(s, row, col, line);
                }
                r.align();
                start = r.bytePosition();
                for (int s : ps) {
                    counts(s, row, col, line);
                }
            }
            r.align();
            subPacketEnd(start, gcliLen, bodyEnd, "bitplane count", k, row);
            start = r.bytePosition();
            for (int s : ps) {
                data(s, row, col, line);
            }
            r.align();
            subPacketEnd(start, dataLen, bodyEnd, "data", k, row);
            if (separateSigns) {
                start = r.bytePosition();
                for (int s : ps) {
                    signs(s, row, col, line);
                }
                r.align();
                subPacketEnd(start, signLen, bodyEnd, "sign", k, row);
            }
        }
        int used = r.bytePosition();
        if (used > bodyEnd) {
            throw error("precinct", p0, "precinct " + row + "," + col + " overruns its length Lprc " + lprc);
        }
        r.seekByte(bodyEnd);
    }

    /** Skips sub-packet padding, or fails when the sub-packet used more than its declared length. */
    private void subPacketEnd(int start, int len, int bodyEnd, String what, int packet, int row)
            throws JpegXsFormatException {
        int used = r.bytePosition() - start;
        if (used > len || start + len > bodyEnd) {
            throw error("packet", start, what + " sub-packet of packet " + packet + " in precinct row " + row
                    + " needs " + used + " bytes, its header says " + len
                    + (start + len > bodyEnd ? " and the precinct ends first" : ""));
        }
        if (used < len) {
            r.seekByte(start + len);
        }
    }

    /** ISO/IEC 21122-1 C.6.2: truncation position from gain, priority, quantisation and refinement. */
    static int truncation(int gain, int priority, int q, int ref) {
        int bump = priority < ref ? 1 : 0;
        if (q < gain + bump) {
            return 0;
        }
        return Math.min(q - gain - bump, 15);
    }

    private void rawCounts(int s, int row, int col, int line) throws JpegXsFormatException {
        int c = layout.slotComp[s];
        int b = layout.slotBand[s];
        Layout.Comp k = layout.comps[c];
        if (line >= layout.linesIn(k, b, row)) {
            return;
        }
        int gw = (width(k, b, col) + 3) >> 2;
        int bandRow = row * k.lines[b] + line;
        byte[] g = store.gcli[c][b];
        int go = bandRow * k.gcliStride[b] + col * ((k.colW[b] + 3) >> 2);
        for (int i = 0; i < gw; i++) {
            g[go + i] = (byte) r.read(4);
        }
    }

    private int width(Layout.Comp k, int b, int col) {
        return col == layout.columns - 1 ? k.bandW[b] - col * k.colW[b] : k.colW[b];
    }

    private void significance(int s, int row, int col, int line) {
        if ((mode[s] & 2) == 0) {
            return;
        }
        int c = layout.slotComp[s];
        int b = layout.slotBand[s];
        Layout.Comp k = layout.comps[c];
        if (line >= layout.linesIn(k, b, row)) {
            return;
        }
        int gw = (width(k, b, col) + 3) >> 2;
        int n = (gw + 7) >> 3;
        long[] f = sig[s];
        // Up to 56 flags per read, the first one in the lowest bit.
        for (int i = 0; i < n; i += 56) {
            int m = Math.min(56, n - i);
            long v = Long.reverse(r.readLong(m)) >>> (64 - m);
            int word = i >> 6;
            int bit = i & 63;
            if (bit == 0) {
                f[word] = v;
            } else {
                f[word] = f[word] & ((1L << bit) - 1) | v << bit;
                if (bit + m > 64) {
                    f[word + 1] = v >>> (64 - bit);
                }
            }
        }
    }

    /** Whether group of eight {@code q} is flagged insignificant. */
    private static boolean insignificant(long[] f, int q) {
        return flag(f, q) != 0;
    }

    /** The significance flag of group of eight {@code q}: 1 when insignificant, else 0. */
    private static int flag(long[] f, int q) {
        return (int) (f[q >> 6] >>> q) & 1;
    }

    /** C.5.3 / C.5.4: bitplane counts by prediction from zero or from the line above, with significance groups. */
    private void counts(int s, int row, int col, int line) throws JpegXsFormatException {
        int c = layout.slotComp[s];
        int b = layout.slotBand[s];
        Layout.Comp k = layout.comps[c];
        if (line >= layout.linesIn(k, b, row)) {
            return;
        }
        int gw = (width(k, b, col) + 3) >> 2;
        int bandRow = row * k.lines[b] + line;
        byte[] g = store.gcli[c][b];
        int stride = k.gcliStride[b];
        int go = bandRow * stride + col * ((k.colW[b] + 3) >> 2);
        int gtli = gtliNow[s];
        int m = mode[s];
        boolean sigCoded = (m & 2) != 0;
        long[] f = sig[s];
        if ((m & 1) == 0) {
            // The whole line by position (unaryLine); when a code is out of range, the line is read again group by
            // group through the reader, which finds that code and fails at the same offset as always.
            long start = r.bitPosition();
            long end = unaryLine(r, start, g, go, gw, sigCoded ? f : null, gtli, MAX_GCLI - gtli);
            if (end >= 0) {
                r.seekBit(end);
                return;
            }
            r.seekBit(start);
            int step = sigCoded ? 8 : gw;
            for (int i = 0; i < gw; i += step) {
                int n = Math.min(step, gw - i);
                if (sigCoded && insignificant(f, i >> 3)) {
                    for (int z = 0; z < n; z++) {
                        g[go + i + z] = (byte) gtli;
                    }
                    continue;
                }
                if (r.readUnaries(g, go + i, n, gtli, MAX_GCLI) < n) {
                    throw error("packet", r.bytePosition(), "bitplane count out of range in band " + b
                            + " of component " + c + ", precinct row " + row);
                }
            }
            return;
        }
        int gtliTop = line == 0 ? store.gtli[((row - 1) * layout.columns + col) * slots + s] : gtli;
        int t = Math.max(gtliTop, gtli);
        int to = go - stride;
        // The codes of the whole line by position first (unaryLine, codes of up to 31 ones), then the prediction
        // from the line above in a second pass over the counts; a code too long or a count out of range makes the
        // line be read again by the per-code loop below, which fails at the same offset as always.
        long start = r.bitPosition();
        long end = unaryLine(r, start, g, go, gw, sigCoded ? f : null, 0, 31);
        if (end >= 0 && predictFromAbove(g, go, to, gw, sigCoded ? f : null, t, gtli, runMode)) {
            r.seekBit(end);
            return;
        }
        r.seekBit(start);
        for (int i = 0; i < gw; i++) {
            int mTop = Math.max(g[to + i], t);
            if (sigCoded && insignificant(f, i >> 3)) {
                g[go + i] = (byte) (runMode ? gtli : mTop);
                continue;
            }
            int x = r.readUnary();
            if (x < 0) {
                throw error("packet", r.bytePosition(), "bitplane count code too long in band " + b
                        + " of component " + c + ", precinct row " + row);
            }
            int thr = mTop - gtli;
            int delta;
            if (x > 2 * thr) {
                delta = x - thr;
            } else if (x > 0) {
                delta = (x & 1) != 0 ? -((x + 1) >> 1) : x >> 1;
            } else {
                delta = 0;
            }
            int v = mTop + delta;
            if (v > MAX_GCLI) {
                throw error("packet", r.bytePosition(), "bitplane count out of range in band " + b
                        + " of component " + c + ", precinct row " + row);
            }
            g[go + i] = (byte) v;
        }
    }

    /**
     * The {@code gw} bitplane counts of a line coded without prediction (C.5.3), unary codes from bit position
     * {@code pos} of {@code r} (which does not move), into {@code g[go..go+gw)} as {@code gtli + code}; with
     * significance flags {@code f} (bit q set: group of eight q is insignificant, not coded, and takes {@code gtli}).
     * Many codes per 64-bit load: the window's zero
     * bits (the codes' ends) are reversed into a word whose set bits are taken lowest first, so each code's length is
     * the distance between two ends and the only chain from one code to the next is clearing the lowest set bit, not
     * a shift by the previous code's length; the window moves on only when its ends are used up. Returns the position
     * after the last code, or -1 when a code is longer than {@code lim} ones (out of range; also for a window without
     * an end, a code of 56 ones or more), so the caller reads the line again by the per-code path.
     */
    static long unaryLine(BitReader r, long pos, byte[] g, int go, int gw, long[] f, int gtli, int lim) {
        long ends = Long.reverse(~r.window(pos)) & 0x00FF_FFFF_FFFF_FFFFL;
        int start = 0;
        int bad = 0;
        // With significance flags every count starts as the truncation position (one vectorised fill), and only the
        // significant groups of eight are read, taken from the flags' clear bits lowest first (no branch per group
        // on its flag, which flat and noisy areas alternate); without them every group is read.
        if (f != null) {
            java.util.Arrays.fill(g, go, go + gw, (byte) gtli);
        }
        int groups = (gw + 7) >> 3;
        for (int q0 = 0; q0 < groups; q0 += 64) {
            long todo = f != null ? ~f[q0 >> 6] : -1L;
            if (groups - q0 < 64) {
                todo &= (1L << (groups - q0)) - 1;
            }
            while (todo != 0) {
                int i = (q0 + Long.numberOfTrailingZeros(todo)) << 3;
                todo &= todo - 1;
                int n = Math.min(8, gw - i);
                for (int z = 0; z < n; z++) {
                    if (ends == 0) {
                        pos += start;
                        start = 0;
                        ends = Long.reverse(~r.window(pos)) & 0x00FF_FFFF_FFFF_FFFFL;
                        if (ends == 0) {
                            return -1;
                        }
                    }
                    int t = Long.numberOfTrailingZeros(ends);
                    int v = t - start;
                    bad |= lim - v;
                    g[go + i + z] = (byte) (gtli + v);
                    start = t + 1;
                    ends &= ends - 1;
                }
            }
        }
        return bad < 0 ? -1 : pos + start;
    }

    /** C.5.5 / C.5.6: magnitudes by code group of four, signs inline unless Fs = 1, then inverse quantisation. */
    private void data(int s, int row, int col, int line) {
        int c = layout.slotComp[s];
        int b = layout.slotBand[s];
        Layout.Comp k = layout.comps[c];
        if (line >= layout.linesIn(k, b, row)) {
            return;
        }
        int w = width(k, b, col);
        int gw = (w + 3) >> 2;
        int bandRow = row * k.lines[b] + line;
        byte[] g = store.gcli[c][b];
        int go = bandRow * k.gcliStride[b] + col * ((k.colW[b] + 3) >> 2);
        int base = col * k.colW[b];
        int gtli = gtliNow[s];
        // Eight counts at once: adding 0x7F - gtli to each byte (counts are 0..20, no carries between bytes)
        // sets a byte's top bit exactly when its count exceeds gtli.
        long over = 0x0101010101010101L * (0x7F - gtli);
        int[] co;
        if (layout.columns == 1) {
            // A line without data (no bits in the data sub-packet) shows the shared row of zeros; one with data
            // gets its own array back (CoefficientStore.own).
            if (!anyData(g, go, gw, gtli, over)) {
                store.coef[c][b][bandRow] = store.zero[c][b];
                leftover[s] = 0;
                return;
            }
            co = store.own[c][b][bandRow];
            store.coef[c][b][bandRow] = co;
        } else {
            co = store.coef[c][b][bandRow];
        }
        int left = 0;
        boolean inlineSigns = !separateSigns;
        int half = gtli > 0 ? 1 << (gtli - 1) : 0;
        boolean plain = !uniform || gtli == 0;
        // Groups without bitplanes are common at low rates: clear the whole line in one vectorised fill (its
        // array is in cache, a ring row) and write only the groups that carry data.
        java.util.Arrays.fill(co, base, base + w, 0);
        int whole = gw & ~7;
        // The counts of the whole line are known, so each group's bits start at a position known in advance: the
        // groups are read by position with one 64-bit load each, not through the reader's cache, so one group's
        // read does not wait for the previous one's shift and refill.
        long pos = r.bitPosition();
        int fastMax = inlineSigns ? 13 : 14;
        int signBits = inlineSigns ? 4 : 0;
        int j0 = 0;
        if (plain) {
            j0 = liveGroups(co, base, g, go, w >> 2, gtli, half, over, pos);
            pos = dataPos;
        }
        for (int j = j0; j < gw; j++) {
            if ((j & 7) == 0 && j < whole
                    && (((long) GROUPS8.get(g, go + j) + over) & 0x8080808080808080L) == 0) {
                j += 7;
                continue;
            }
            int gc = g[go + j];
            int n = gc - gtli;
            if (n <= 0) {
                continue;
            }
            int x0 = j << 2;
            int cnt = Math.min(4, w - x0);
            int o = base + x0;
            int sg;
            long word;
            if (n <= fastMax) {
                // The four inline sign bits (if any) and the bitplanes in one read (at most 56 bits).
                int bits = 4 * n + signBits;
                word = r.peek(pos, bits);
                pos += bits;
                sg = (int) (word >>> (4 * n));
            } else {
                r.seekBit(pos);
                sg = inlineSigns ? r.read(4) : 0;
                word = n <= 14 ? r.readLong(4 * n)
                        : n <= 16 ? r.readLong(32) << (4 * n - 32) | r.readLong(4 * n - 32) : 0;
                pos = r.bitPosition();
            }
            int m0;
            int m1;
            int m2;
            int m3;
            if (n <= 16) {
                // C.5.5: bitplanes are nibbles, most significant first, one bit per coefficient of the group;
                // gather each coefficient's bits with a parallel bit extract (the mask drops the sign bits).
                long mask = n == 16 ? -1L : (1L << (4 * n)) - 1;
                m0 = (int) Long.compress(word, 0x8888888888888888L & mask);
                m1 = (int) Long.compress(word, 0x4444444444444444L & mask);
                m2 = (int) Long.compress(word, 0x2222222222222222L & mask);
                m3 = (int) Long.compress(word, 0x1111111111111111L & mask);
            } else {
                m0 = 0;
                m1 = 0;
                m2 = 0;
                m3 = 0;
                for (int p = 0; p < n; p++) {
                    int v = r.read(4);
                    m0 = m0 << 1 | v >> 3;
                    m1 = m1 << 1 | (v >> 2 & 1);
                    m2 = m2 << 1 | (v >> 1 & 1);
                    m3 = m3 << 1 | (v & 1);
                }
                pos = r.bitPosition();
            }
            if (plain) {
                co[o] = deadzone(m0, sg << 28 >> 31, gtli, half, fq);
                if (cnt == 4) {
                    co[o + 1] = deadzone(m1, sg << 29 >> 31, gtli, half, fq);
                    co[o + 2] = deadzone(m2, sg << 30 >> 31, gtli, half, fq);
                    co[o + 3] = deadzone(m3, sg << 31 >> 31, gtli, half, fq);
                    continue;
                }
            } else {
                co[o] = value(m0, sg >> 3, gtli, gc);
                if (cnt == 4) {
                    co[o + 1] = value(m1, sg >> 2 & 1, gtli, gc);
                    co[o + 2] = value(m2, sg >> 1 & 1, gtli, gc);
                    co[o + 3] = value(m3, sg & 1, gtli, gc);
                    continue;
                }
            }
            if (cnt > 1) {
                co[o + 1] = value(m1, sg >> 2 & 1, gtli, gc);
            } else if (m1 != 0) {
                left++;
            }
            if (cnt > 2) {
                co[o + 2] = value(m2, sg >> 1 & 1, gtli, gc);
            } else if (m2 != 0) {
                left++;
            }
            if (m3 != 0) {
                left++;
            }
        }
        leftover[s] = left;
        r.seekBit(pos);
    }

    /**
     * C.5.4, vertical prediction, on a line whose unary codes are already in {@code g[go..go+gw)}: each count becomes
     * the line above's count (at least {@code t}) plus the delta its code maps to; a group of eight flagged
     * insignificant in {@code f} takes the truncation position in run mode, else the prediction. Returns false when a
     * count exceeds {@link #MAX_GCLI} (the caller then reads the line again to fail at that code's offset).
     */
    static boolean predictFromAbove(byte[] g, int go, int to, int gw, long[] f, int t, int gtli, boolean runMode) {
        // Without branches on the codes and flags (both are data, mispredicted on noise): masks select the
        // delta's form and the insignificant groups' value.
        int over = 0;
        int run = runMode ? -1 : 0;
        for (int i = 0; i < gw; i++) {
            int mTop = Math.max(g[to + i], t);
            int x = g[go + i];
            int thr = mTop - gtli;
            int odd = -(x & 1);
            // Up to 2 thr the codes alternate: 1 -> -1, 2 -> +1, 3 -> -2 ...; above it, x - thr.
            int small = ((x + 1) >> 1 ^ odd) - odd;
            int large = (2 * thr - x) >> 31;
            int v = mTop + ((x - thr) & large | small & ~large);
            int skip = f == null ? 0 : -flag(f, i >> 3);
            v = v & ~skip | (gtli & run | mTop & ~run) & skip;
            over |= MAX_GCLI - v;
            g[go + i] = (byte) v;
        }
        return over >= 0;
    }

    /** Whether any of the {@code gw} counts from {@code g[go]} exceeds {@code gtli}, eight at a time. */
    private static boolean anyData(byte[] g, int go, int gw, int gtli, long over) {
        long top = 0;
        int j = 0;
        for (; j + 8 <= gw; j += 8) {
            top |= (long) GROUPS8.get(g, go + j) + over;
        }
        int tail = 0;
        for (; j < gw; j++) {
            tail |= gtli - g[go + j];
        }
        return (top & 0x8080808080808080L) != 0 || tail < 0;
    }

    /**
     * The whole groups of four of a line under deadzone quantisation (or none), visiting only the groups that carry
     * data: a mask of which groups of a block of 64 have a count above the truncation position is made eight counts
     * per step, and its set bits are taken lowest first, so there is no branch per group on whether it is empty (with
     * noise-like content that branch was mispredicted about half the time, and in sparse lines most of the work was
     * stepping over empty groups). Each group's inline signs and bitplanes come from one read at its known position;
     * its four values are unpacked with parallel bit extracts and dequantised (C.7.2) without branches. The line was
     * cleared before, so empty groups need nothing. Stops at the first group of more than 13 bitplanes (14 with
     * separate signs), which the general loop then reads; returns the first group left for it.
     */
    private int liveGroups(int[] co, int base, byte[] g, int go, int full, int gtli, int half, long over, long pos) {
        int signBits = separateSigns ? 0 : 4;
        int fastMax = separateSigns ? 14 : 13;
        int fq = this.fq;
        for (int j0 = 0; j0 < full; j0 += 64) {
            int blockEnd = Math.min(full, j0 + 64);
            long live = 0;
            int k = j0;
            for (; k + 8 <= blockEnd; k += 8) {
                long top = ((long) GROUPS8.get(g, go + k) + over) & 0x8080808080808080L;
                live |= Long.compress(top, 0x8080808080808080L) << (k - j0);
            }
            for (; k < blockEnd; k++) {
                live |= (long) ((gtli - g[go + k]) >>> 31) << (k - j0);
            }
            while (live != 0) {
                int j = j0 + Long.numberOfTrailingZeros(live);
                live &= live - 1;
                int n = g[go + j] - gtli;
                if (n > fastMax) {
                    dataPos = pos;
                    return j;
                }
                int planes = 4 * n;
                int bits = planes + signBits;
                long word = r.peek(pos, bits);
                pos += bits;
                int sg = (int) (word >>> planes);
                long mask = (1L << planes) - 1;
                int x = base + (j << 2);
                co[x] = deadzone((int) Long.compress(word, 0x8888888888888888L & mask), sg << 28 >> 31, gtli, half,
                        fq);
                co[x + 1] = deadzone((int) Long.compress(word, 0x4444444444444444L & mask), sg << 29 >> 31, gtli,
                        half, fq);
                co[x + 2] = deadzone((int) Long.compress(word, 0x2222222222222222L & mask), sg << 30 >> 31, gtli,
                        half, fq);
                co[x + 3] = deadzone((int) Long.compress(word, 0x1111111111111111L & mask), sg << 31 >> 31, gtli,
                        half, fq);
            }
        }
        dataPos = pos;
        return full;
    }

    /**
     * Deadzone inverse quantisation (C.7.2: the reconstruction point is the middle of the interval) of magnitude
     * {@code m} without branches: {@code (m << gtli | half) << fq} for a non-zero magnitude, 0 for zero, negated when
     * {@code negative} is -1 (0 keeps it).
     */
    private static int deadzone(int m, int negative, int gtli, int half, int fq) {
        int v = (((m << gtli) | half) << fq) & (-m >> 31);
        return (v ^ negative) - negative;
    }

    /** C.7: inverse quantisation of one magnitude, then the 2^Fq scaling of the wavelet input, then the sign. */
    private int value(int m, int negative, int gtli, int gcli) {
        if (m == 0) {
            return 0;
        }
        int v = m << gtli;
        if (gtli > 0) {
            if (uniform) {
                int step = gcli - gtli + 1;
                int acc = 0;
                for (int t = v; t > 0; t >>= step) {
                    acc += t;
                }
                v = acc;
            } else {
                v |= 1 << (gtli - 1);
            }
        }
        v <<= fq;
        return negative != 0 ? -v : v;
    }

    /** C.5.7: the sign sub-packet, one bit per non-zero coefficient (Fs = 1). */
    private void signs(int s, int row, int col, int line) {
        int c = layout.slotComp[s];
        int b = layout.slotBand[s];
        Layout.Comp k = layout.comps[c];
        if (line >= layout.linesIn(k, b, row)) {
            return;
        }
        int w = width(k, b, col);
        int bandRow = row * k.lines[b] + line;
        int[] co = store.coef[c][b][bandRow];
        int base = col * k.colW[b];
        for (int x = 0; x < w; x++) {
            int v = co[base + x];
            if (v != 0 && r.readBit() != 0) {
                co[base + x] = -v;
            }
        }
        if (leftover[s] > 0) {
            r.read(leftover[s]);
        }
    }
}
