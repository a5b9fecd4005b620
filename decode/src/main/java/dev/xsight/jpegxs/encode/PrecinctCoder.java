package dev.xsight.jpegxs.encode;

/**
 * Entropy coding of precincts (ISO/IEC 21122-1 Annex C) for the encoder: measures what a precinct costs at each
 * quantization level, picks the cheapest coding per band and packet, and writes the precinct.
 *
 * <p>A quantization level {@code i} in {@code [0, maxLevel()]} stands for the pair (Q, R) with
 * {@code Q = ceil(i / Nb)} and {@code R = Q * Nb - i}, so that every step of {@code i} truncates one more band by
 * one bitplane in priority order and the cost without vertical prediction never grows with {@code i}.
 *
 * <p>Per band line the coder keeps, for every truncation position T (0..15), the bits of the data subpacket
 * (sign nibble plus {@code M - T} magnitude nibbles per group with {@code M > T}, Fs = 0), of the bitplane counts
 * coded without significance (one unary code {@code max(M - T, 0)} per group, prediction from zero, Annex C) and
 * with significance (codes only inside significance groups that hold a group above T, plus one flag per
 * significance group, Annex C). Raw mode (Dr = 1) spends 4 bits per group. For vertical prediction it keeps
 * the distinct pairs (M, M of the line above) with their counts, so the exact cost at any T and upper-line
 * truncation is a short sum.
 *
 * <p>Threading: {@link #storeRow} for different bands, {@link #computeStats} for different precinct rows and
 * {@link #evaluate}/{@link #write} for different rows may run on different threads, each with its own {@link Work};
 * the phases themselves must not overlap.
 */
final class PrecinctCoder {
    /** Largest precinct body this encoder writes (the reference decoder rejects Lprc >= 2^20). */
    static final int MAX_BODY = 1 << 19;
    static final int INFEASIBLE = Integer.MAX_VALUE / 4;
    private static final int STATS = 48;

    private final EncoderLayout layout;
    private final int[] gain;
    private final int[] priority;
    private final boolean rawAllowed;
    private final boolean sigAllowed;
    private final boolean vpredAllowed;
    private final int maxLevel;
    private final int maxLdat;
    private final int maxLcnt;

    /** Wavelet coefficients per band at Fq = 8 (signed, magnitude below 2^15), row-major. */
    final short[][] coeff;
    /** Bitplane count M of every group of four coefficients, per band row. */
    final byte[][] gcli;
    /** Largest bitplane count of every significance group (eight groups), per band row. */
    private final byte[][] sigMax;
    private final int[][] stats;
    /**
     * Per precinct row, per band line: the distinct pairs (M, M of the line above) as {@code M << 4 | Mtop} with
     * their counts, for vertical prediction; band line i owns entries pairStart[i] .. pairStart[i+1].
     */
    private final byte[][] pairKey;
    private final int[][] pairCount;
    private final int[][] pairStart;

    /**
     * One worker's scratch: the coding choices of its last {@link #evaluate} (per band truncation T and
     * significance mode, per packet raw mode and subpacket sizes, Q and R) and histogram space.
     */
    static final class Work {
        final int[] t;
        final boolean[] sig;
        final boolean[] vpred;
        /** Truncation of each band in the precinct row above, as evaluated. */
        final int[] tTop;
        /** Bits of the vertically predicted bitplane counts of each band line, when vpred[k]. */
        final int[] vpBits;
        final int[] pairHist = new int[256];
        final boolean[] present;
        final boolean[] raw;
        final int[] sigBytes;
        final int[] cntBytes;
        final int[] dataBytes;
        final int[] hist = new int[16];
        final int[] sigHist = new int[16];
        int q;
        int r;

        Work(EncoderLayout layout) {
            t = new int[layout.bands];
            sig = new boolean[layout.bands];
            vpred = new boolean[layout.bands];
            tTop = new int[layout.bands];
            vpBits = new int[layout.bandLinesPerPrecinct];
            present = new boolean[layout.packets];
            raw = new boolean[layout.packets];
            sigBytes = new int[layout.packets];
            cntBytes = new int[layout.packets];
            dataBytes = new int[layout.packets];
        }
    }

    PrecinctCoder(EncoderLayout layout, DefaultWeights weights, EncoderSettings settings) {
        this.layout = layout;
        int nb = layout.bands;
        gain = new int[nb];
        priority = new int[nb];
        int maxGain = 0;
        for (int k = 0; k < nb; k++) {
            gain[k] = weights.gain(layout.bandGlobal[k]);
            priority[k] = weights.priority(layout.bandGlobal[k]);
            maxGain = Math.max(maxGain, gain[k]);
        }
        rawAllowed = settings.rawPackets();
        sigAllowed = settings.significanceCoding();
        vpredAllowed = settings.verticalPrediction();
        maxLevel = (16 + maxGain) * nb;
        maxLdat = layout.longHeaders ? (1 << 20) - 1 : (1 << 15) - 1;
        maxLcnt = layout.longHeaders ? (1 << 20) - 1 : (1 << 13) - 1;
        coeff = new short[nb][];
        gcli = new byte[nb][];
        sigMax = new byte[nb][];
        for (int k = 0; k < nb; k++) {
            coeff[k] = new short[layout.bandWidth[k] * layout.bandHeight[k]];
            gcli[k] = new byte[layout.bandGroups[k] * layout.bandHeight[k]];
            sigMax[k] = new byte[layout.bandSigGroups[k] * layout.bandHeight[k]];
        }
        stats = new int[layout.precinctRows][layout.bandLinesPerPrecinct * STATS];
        int pairRows = vpredAllowed ? layout.precinctRows : 0;
        int pairs = 0;
        for (int k = 0; k < nb; k++) {
            pairs += layout.bandLines[k] * Math.min(256, layout.bandGroups[k]);
        }
        pairKey = new byte[pairRows][pairs];
        pairCount = new int[pairRows][pairs];
        pairStart = new int[pairRows][layout.bandLinesPerPrecinct + 1];
    }

    int maxLevel() {
        return maxLevel;
    }

    /**
     * Stores row {@code y} of band k from wavelet values at {@code src[from..]} with Bw-Fq scaling: rounded to
     * Fq = 8 fractional bits symmetrically about zero, magnitudes below 2^15. Then computes the row's bitplane
     * counts: the number of magnitude bits of the largest coefficient in each group of four.
     */
    void storeRow(int[] src, int from, int k, int y) {
        int w = layout.bandWidth[k];
        short[] c = coeff[k];
        int at = y * w;
        for (int i = 0; i < w; i++) {
            int v = src[from + i];
            int sign = v >> 31;
            int m = Math.min((Math.abs(v) + ROUND) >> FQ_SHIFT, 0x7FFF);
            c[at + i] = (short) ((m ^ sign) - sign);
        }
        byte[] m = gcli[k];
        int out = y * layout.bandGroups[k];
        int full = w >> 2;
        for (int g = 0; g < full; g++) {
            int x = at + 4 * g;
            int or = Math.abs(c[x]) | Math.abs(c[x + 1]) | Math.abs(c[x + 2]) | Math.abs(c[x + 3]);
            m[out + g] = (byte) (32 - Integer.numberOfLeadingZeros(or));
        }
        if ((w & 3) != 0) {
            int or = 0;
            for (int x = at + 4 * full; x < at + w; x++) {
                or |= Math.abs(c[x]);
            }
            m[out + full] = (byte) (32 - Integer.numberOfLeadingZeros(or));
        }
        int groups = layout.bandGroups[k];
        byte[] sm = sigMax[k];
        int so = y * layout.bandSigGroups[k];
        for (int g0 = 0; g0 < groups; g0 += EncoderLayout.SIG_GROUP) {
            int max = 0;
            for (int g = g0, end = Math.min(g0 + EncoderLayout.SIG_GROUP, groups); g < end; g++) {
                max = Math.max(max, m[out + g]);
            }
            sm[so++] = (byte) max;
        }
    }

    private static final int FQ_SHIFT = 8;
    private static final int ROUND = 1 << (FQ_SHIFT - 1);

    /** Fills the per-T bit counts of every band line of precinct row p from the bitplane counts. */
    void computeStats(int p, Work w) {
        int[] s = stats[p];
        for (int k = 0; k < layout.bands; k++) {
            int lines = layout.linesIn(k, p);
            for (int l = 0; l < lines; l++) {
                int row = p * layout.bandLines[k] + l;
                lineStats(k, row, s, (layout.bandLineBase[k] + l) * STATS, w.hist, w.sigHist);
            }
        }
        if (vpredPossible(p)) {
            linePairs(p, w.pairHist);
        }
    }

    /** Vertical prediction needs a precinct above in the same slice (Annex C). */
    private boolean vpredPossible(int p) {
        return vpredAllowed && p % layout.precinctsPerSlice != 0;
    }

    private void linePairs(int p, int[] hist) {
        byte[] keys = pairKey[p];
        int[] counts = pairCount[p];
        int[] start = pairStart[p];
        int n = 0;
        for (int k = 0; k < layout.bands; k++) {
            int groups = layout.bandGroups[k];
            byte[] m = gcli[k];
            int lines = layout.linesIn(k, p);
            for (int l = 0; l < layout.bandLines[k]; l++) {
                start[layout.bandLineBase[k] + l] = n;
                if (l >= lines) {
                    continue;
                }
                int row = p * layout.bandLines[k] + l;
                int cur = row * groups;
                int top = cur - groups;
                int first = n;
                for (int g = 0; g < groups; g++) {
                    int key = m[cur + g] << 4 | m[top + g];
                    if (hist[key]++ == 0) {
                        keys[n++] = (byte) key;
                    }
                }
                for (int i = first; i < n; i++) {
                    int key = keys[i] & 0xFF;
                    counts[i] = hist[key];
                    hist[key] = 0;
                }
            }
        }
        start[layout.bandLinesPerPrecinct] = n;
    }

    /**
     * Bits of one band line's bitplane counts coded by vertical prediction without significance (Annex C): each
     * group codes {@code max(M, T) - max(Mtop, t)} with t the larger of this and the upper line's truncation.
     */
    private int verticalBits(int p, int bandLine, int tk, int t) {
        byte[] keys = pairKey[p];
        int[] counts = pairCount[p];
        int bits = 0;
        for (int i = pairStart[p][bandLine], end = pairStart[p][bandLine + 1]; i < end; i++) {
            int key = keys[i] & 0xFF;
            bits += counts[i] * (verticalCode(key >> 4, key & 15, tk, t) + 1);
        }
        return bits;
    }

    /**
     * Unary length of the vertical-prediction code of bitplane count {@code m} under {@code mTop}: residuals up to
     * the headroom {@code max(Mtop, t) - T} interleave signs (0, +1, -1, +2, ...), larger ones continue linearly.
     */
    private static int verticalCode(int m, int mTop, int tk, int t) {
        int pred = Math.max(mTop, t);
        int headroom = pred - tk;
        int delta = Math.max(m, tk) - pred;
        if (delta > headroom) {
            return delta + headroom;
        }
        return delta >= 0 ? 2 * delta : -2 * delta - 1;
    }

    /** Truncation position of band k at quantization level {@code level} (Table C.10). */
    private int truncation(int level, int k) {
        int nb = layout.bands;
        int q = quantization(level);
        int r = q * nb - level;
        int v = q - gain[k] - (priority[k] < r ? 1 : 0);
        return v < 0 ? 0 : Math.min(v, 15);
    }

    private void lineStats(int k, int row, int[] s, int at, int[] hist, int[] sigHist) {
        int groups = layout.bandGroups[k];
        byte[] m = gcli[k];
        int base = row * groups;
        java.util.Arrays.fill(hist, 0);
        java.util.Arrays.fill(sigHist, 0);
        for (int g = 0; g < groups; g++) {
            hist[m[base + g]]++;
        }
        byte[] sm = sigMax[k];
        int sigGroups = layout.bandSigGroups[k];
        int sb = row * sigGroups;
        for (int i = 0; i < sigGroups - 1; i++) {
            sigHist[sm[sb + i]] += EncoderLayout.SIG_GROUP;
        }
        sigHist[sm[sb + sigGroups - 1]] += groups - (sigGroups - 1) * EncoderLayout.SIG_GROUP;
        int cnt = 0;
        int sum = 0;
        int sigEntries = 0;
        for (int tt = 15; tt >= 0; tt--) {
            if (tt < 15) {
                cnt += hist[tt + 1];
                sum += (tt + 1) * hist[tt + 1];
                sigEntries += sigHist[tt + 1];
            }
            int excess = sum - tt * cnt;
            s[at + tt] = 4 * (cnt + excess);
            s[at + 16 + tt] = groups + excess;
            s[at + 32 + tt] = sigEntries + excess;
        }
    }

    private int quantization(int level) {
        int nb = layout.bands;
        return (level + nb - 1) / nb;
    }

    /**
     * Bytes of precinct row p (header and packets, no padding) at quantization {@code level}, or
     * {@link #INFEASIBLE} when a length field would overflow. {@code topLevel} is the level of precinct row p-1
     * (vertical prediction depends on its truncation), or -1 to leave vertical prediction out. The choices stay
     * in {@code w} for {@link #write}. Without vertical prediction the cost never grows with the level.
     */
    int evaluate(int p, int level, int topLevel, Work w) {
        int nb = layout.bands;
        int q = quantization(level);
        int r = q * nb - level;
        int[] s = stats[p];
        int[] tt = w.t;
        boolean[] sig = w.sig;
        boolean[] vp = w.vpred;
        boolean vertical = topLevel >= 0 && vpredPossible(p);
        for (int k = 0; k < nb; k++) {
            int v = q - gain[k] - (priority[k] < r ? 1 : 0);
            int tk = v < 0 ? 0 : Math.min(v, 15);
            tt[k] = tk;
            int lines = layout.linesIn(k, p);
            int sigBits = 0;
            int plain = 0;
            for (int l = 0; l < lines; l++) {
                int at = (layout.bandLineBase[k] + l) * STATS;
                sigBits += layout.bandSigGroups[k] + s[at + 32 + tk];
                plain += s[at + 16 + tk];
            }
            boolean chooseSig = sigAllowed && sigBits < plain;
            boolean chooseVertical = false;
            if (vertical && lines > 0) {
                int tTop = truncation(topLevel, k);
                w.tTop[k] = tTop;
                int vBits = 0;
                for (int l = 0; l < lines; l++) {
                    int bl = layout.bandLineBase[k] + l;
                    int b = verticalBits(p, bl, tk, l == 0 ? Math.max(tTop, tk) : tk);
                    w.vpBits[bl] = b;
                    vBits += b;
                }
                chooseVertical = vBits < (chooseSig ? sigBits : plain);
            }
            sig[k] = chooseSig && !chooseVertical;
            vp[k] = chooseVertical;
        }
        int hdr = layout.packetHeaderBytes();
        int total = layout.precinctHeaderBytes();
        for (int j = 0; j < layout.packets; j++) {
            int line = layout.packetLine[j];
            boolean present = false;
            int data = 0;
            int cnt = 0;
            int flags = 0;
            int rawBits = 0;
            for (int k = layout.packetFirstBand[j]; k < layout.packetEndBand[j]; k++) {
                if (line >= layout.linesIn(k, p)) {
                    continue;
                }
                present = true;
                int at = (layout.bandLineBase[k] + line) * STATS;
                int tk = tt[k];
                data += s[at + tk];
                if (vp[k]) {
                    cnt += w.vpBits[layout.bandLineBase[k] + line];
                } else if (sig[k]) {
                    flags += layout.bandSigGroups[k];
                    cnt += s[at + 32 + tk];
                } else {
                    cnt += s[at + 16 + tk];
                }
                rawBits += 4 * layout.bandGroups[k];
            }
            if (!present) {
                w.present[j] = false;
                continue;
            }
            int sigBytes = (flags + 7) >> 3;
            int cntBytes = (cnt + 7) >> 3;
            int rawBytes = (rawBits + 7) >> 3;
            boolean raw = rawAllowed && rawBytes < sigBytes + cntBytes;
            if (raw) {
                sigBytes = 0;
                cntBytes = rawBytes;
            }
            int dataBytes = (data + 7) >> 3;
            if (dataBytes > maxLdat || cntBytes > maxLcnt) {
                return INFEASIBLE;
            }
            total += hdr + sigBytes + cntBytes + dataBytes;
            w.present[j] = true;
            w.raw[j] = raw;
            w.sigBytes[j] = sigBytes;
            w.cntBytes[j] = cntBytes;
            w.dataBytes[j] = dataBytes;
        }
        if (total - layout.precinctHeaderBytes() > MAX_BODY) {
            return INFEASIBLE;
        }
        w.q = q;
        w.r = r;
        return total;
    }

    /**
     * Writes precinct row p at the choices {@code w} holds from {@link #evaluate} of the same row, plus {@code padding} zero bytes
     * that the precinct length Lprc covers (Annex C).
     *
     * @return bytes written
     */
    int write(int p, int committedBytes, int padding, BitPacker out, Work w) {
        int start = out.position();
        int body = committedBytes - layout.precinctHeaderBytes() + padding;
        out.bits(body, 24);
        out.u8(w.q);
        out.u8(w.r);
        for (int k = 0; k < layout.bands; k++) {
            boolean exists = layout.linesIn(k, p) > 0;
            // D[p,b] (precinct header): bit 1 significance coding, bit 0 vertical prediction.
            out.bits(!exists ? 0 : w.vpred[k] ? 1 : w.sig[k] ? 2 : 0, 2);
        }
        out.align();
        for (int j = 0; j < layout.packets; j++) {
            if (w.present[j]) {
                writePacket(p, j, out, w);
            }
        }
        out.zeros(padding);
        int written = out.position() - start;
        if (written != committedBytes + padding) {
            throw new IllegalStateException("precinct " + p + " wrote " + written + " bytes, rate model said "
                    + (committedBytes + padding));
        }
        return written;
    }

    private void writePacket(int p, int j, BitPacker out, Work w) {
        // Packet header (Annex C): Dr, Ldat, Lcnt, Lsgn (no separate sign subpacket: Fs = 0).
        boolean raw = w.raw[j];
        out.bits(raw ? 1 : 0, 1);
        if (layout.longHeaders) {
            out.bits(w.dataBytes[j], 20);
            out.bits(w.cntBytes[j], 20);
            out.bits(0, 15);
        } else {
            out.bits(w.dataBytes[j], 15);
            out.bits(w.cntBytes[j], 13);
            out.bits(0, 11);
        }
        int line = layout.packetLine[j];
        int first = layout.packetFirstBand[j];
        int end = layout.packetEndBand[j];
        int mark = out.position();
        if (raw) {
            for (int k = first; k < end; k++) {
                if (line < layout.linesIn(k, p)) {
                    writeRawCounts(k, p * layout.bandLines[k] + line, out);
                }
            }
            out.align();
        } else {
            for (int k = first; k < end; k++) {
                if (line < layout.linesIn(k, p) && w.sig[k]) {
                    writeSignificance(k, p * layout.bandLines[k] + line, w.t[k], out);
                }
            }
            out.align();
            check(out.position() - mark, w.sigBytes[j], "significance", p, j);
            mark = out.position();
            for (int k = first; k < end; k++) {
                if (line < layout.linesIn(k, p)) {
                    int row = p * layout.bandLines[k] + line;
                    if (w.vpred[k]) {
                        int t = line == 0 ? Math.max(w.tTop[k], w.t[k]) : w.t[k];
                        writeVerticalCounts(k, row, w.t[k], t, out);
                    } else {
                        writeCounts(k, row, w.t[k], w.sig[k], out);
                    }
                }
            }
            out.align();
        }
        check(out.position() - mark, w.cntBytes[j], "bitplane count", p, j);
        mark = out.position();
        for (int k = first; k < end; k++) {
            if (line < layout.linesIn(k, p)) {
                writeData(k, p * layout.bandLines[k] + line, w.t[k], out);
            }
        }
        out.align();
        check(out.position() - mark, w.dataBytes[j], "data", p, j);
    }

    private static void check(int written, int expected, String what, int p, int j) {
        if (written != expected) {
            throw new IllegalStateException(what + " subpacket of precinct " + p + " packet " + j + " is " + written
                    + " bytes, rate model said " + expected);
        }
    }

    private void writeRawCounts(int k, int row, BitPacker out) {
        int groups = layout.bandGroups[k];
        byte[] m = gcli[k];
        for (int g = 0, base = row * groups; g < groups; g++) {
            out.bits(m[base + g], 4);
        }
    }

    /** Significance flags: 1 marks a significance group whose bitplane counts are all at most T. */
    private void writeSignificance(int k, int row, int tk, BitPacker out) {
        byte[] sm = sigMax[k];
        for (int i = 0, n = layout.bandSigGroups[k], sb = row * n; i < n; i++) {
            out.bits(sm[sb + i] <= tk ? 1 : 0, 1);
        }
    }

    /** Bitplane counts predicted from the line above, without significance flags. */
    private void writeVerticalCounts(int k, int row, int tk, int t, BitPacker out) {
        int groups = layout.bandGroups[k];
        byte[] m = gcli[k];
        int cur = row * groups;
        int top = cur - groups;
        for (int g = 0; g < groups; g++) {
            int n = verticalCode(m[cur + g], m[top + g], tk, t);
            out.bits64(((1L << n) - 1) << 1, n + 1);
        }
    }

    /** Bitplane counts predicted from zero: unary code of max(M - T, 0), ones terminated by a zero. */
    private void writeCounts(int k, int row, int tk, boolean significance, BitPacker out) {
        int groups = layout.bandGroups[k];
        byte[] m = gcli[k];
        int base = row * groups;
        byte[] sm = sigMax[k];
        int sb = row * layout.bandSigGroups[k];
        for (int g0 = 0; g0 < groups; g0 += EncoderLayout.SIG_GROUP) {
            int n = Math.min(EncoderLayout.SIG_GROUP, groups - g0);
            if (significance && sm[sb + g0 / EncoderLayout.SIG_GROUP] <= tk) {
                continue;
            }
            for (int g = g0; g < g0 + n; g++) {
                int d = m[base + g] - tk;
                if (d <= 0) {
                    out.bits(0, 1);
                } else {
                    out.bits(((1 << d) - 1) << 1, d + 1);
                }
            }
        }
    }

    /**
     * Data subpacket with signs inline (Fs = 0): per group with M > T four sign bits, then the magnitude
     * bitplanes M-1 down to T, four coefficients per nibble. Deadzone quantization keeps bitplanes at or above T.
     */
    private void writeData(int k, int row, int tk, BitPacker out) {
        int w = layout.bandWidth[k];
        int groups = layout.bandGroups[k];
        byte[] m = gcli[k];
        short[] c = coeff[k];
        int rowBase = row * w;
        for (int g = 0, gb = row * groups; g < groups; g++) {
            int mg = m[gb + g];
            if (mg <= tk) {
                continue;
            }
            int x = rowBase + g * EncoderLayout.GROUP;
            int n = Math.min(EncoderLayout.GROUP, w - g * EncoderLayout.GROUP);
            int v0 = c[x];
            int v1 = n > 1 ? c[x + 1] : 0;
            int v2 = n > 2 ? c[x + 2] : 0;
            int v3 = n > 3 ? c[x + 3] : 0;
            int a0 = Math.abs(v0);
            int a1 = Math.abs(v1);
            int a2 = Math.abs(v2);
            int a3 = Math.abs(v3);
            long signs = (v0 < 0 && (a0 >> tk) != 0 ? 8 : 0) | (v1 < 0 && (a1 >> tk) != 0 ? 4 : 0)
                    | (v2 < 0 && (a2 >> tk) != 0 ? 2 : 0) | (v3 < 0 && (a3 >> tk) != 0 ? 1 : 0);
            // Bit b of coefficient i goes to bit 4b + 3 - i: then bitplanes M-1..T are one contiguous field.
            long planes = spread(a0) << 3 | spread(a1) << 2 | spread(a2) << 1 | spread(a3);
            int nbits = 4 * (mg - tk); // at most 60: M <= 15
            long field = (planes >>> (4 * tk)) & ((1L << nbits) - 1);
            out.bits64(signs << nbits | field, nbits + 4);
        }
    }

    private static final long[] SPREAD = new long[256];

    static {
        for (int v = 0; v < 256; v++) {
            long s = 0;
            for (int b = 0; b < 8; b++) {
                s |= (long) ((v >> b) & 1) << (4 * b);
            }
            SPREAD[v] = s;
        }
    }

    /** Bit b of a 15-bit magnitude moved to bit 4b. */
    private static long spread(int a) {
        return SPREAD[a & 0xFF] | SPREAD[(a >>> 8) & 0xFF] << 32;
    }
}
