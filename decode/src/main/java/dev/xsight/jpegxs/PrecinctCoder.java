package dev.xsight.jpegxs;

/**
 * Entropy coding of precincts (ISO/IEC 21122-1 Annex C) for the encoder: measures what a precinct costs at each
 * quantization level, picks the cheapest coding per band and packet, and writes the precinct.
 *
 * <p>A quantization level {@code i} in {@code [0, maxLevel()]} stands for the pair (Q, R) with
 * {@code Q = ceil(i / Nb)} and {@code R = Q * Nb - i}, so that every step of {@code i} truncates one more band by
 * one bitplane in priority order and the cost never grows with {@code i}.
 *
 * <p>Per band line the coder keeps, for every truncation position T (0..15), the bits of the data subpacket
 * (sign nibble plus {@code M - T} magnitude nibbles per group with {@code M > T}, Fs = 0), of the bitplane counts
 * coded without significance (one unary code {@code max(M - T, 0)} per group, prediction from zero, C.5.2) and
 * with significance (codes only inside significance groups that hold a group above T, plus one flag per
 * significance group, C.5.4). Raw mode (Dr = 1) spends 4 bits per group.
 *
 * <p>Not thread-safe: one instance per encoder.
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
    private final int maxLevel;
    private final int maxLdat;
    private final int maxLcnt;

    /** Quantized-domain wavelet coefficients per band (signed, magnitude below 2^15), row-major. */
    final int[][] coeff;
    /** Bitplane count M of every group of four coefficients, per band row. */
    final byte[][] gcli;
    /** Largest bitplane count of every significance group (eight groups), per band row. */
    private final byte[][] sigMax;
    private final int[][] stats;

    // Choices of the last evaluate(..., commit = true).
    private final int[] t;
    private final boolean[] useSig;
    private final boolean[] packetPresent;
    private final boolean[] packetRaw;
    private final int[] packetSigBytes;
    private final int[] packetCntBytes;
    private final int[] packetDataBytes;
    private int committedQ;
    private int committedR;

    private final int[] scratchT;
    private final boolean[] scratchSig;
    private final int[] hist = new int[16];
    private final int[] sigHist = new int[16];

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
        maxLevel = (16 + maxGain) * nb;
        maxLdat = layout.longHeaders ? (1 << 20) - 1 : (1 << 15) - 1;
        maxLcnt = layout.longHeaders ? (1 << 20) - 1 : (1 << 13) - 1;
        coeff = new int[nb][];
        gcli = new byte[nb][];
        sigMax = new byte[nb][];
        for (int k = 0; k < nb; k++) {
            coeff[k] = new int[layout.bandWidth[k] * layout.bandHeight[k]];
            gcli[k] = new byte[layout.bandGroups[k] * layout.bandHeight[k]];
            sigMax[k] = new byte[layout.bandSigGroups[k] * layout.bandHeight[k]];
        }
        stats = new int[layout.precinctRows][layout.bandLinesPerPrecinct * STATS];
        t = new int[nb];
        scratchT = new int[nb];
        scratchSig = new boolean[nb];
        useSig = new boolean[nb];
        packetPresent = new boolean[layout.packets];
        packetRaw = new boolean[layout.packets];
        packetSigBytes = new int[layout.packets];
        packetCntBytes = new int[layout.packets];
        packetDataBytes = new int[layout.packets];
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
        int[] c = coeff[k];
        int at = y * w;
        for (int i = 0; i < w; i++) {
            int v = src[from + i];
            int sign = v >> 31;
            int m = Math.min((Math.abs(v) + ROUND) >> FQ_SHIFT, 0x7FFF);
            c[at + i] = (m ^ sign) - sign;
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
    void computeStats(int p) {
        int[] s = stats[p];
        for (int k = 0; k < layout.bands; k++) {
            int lines = layout.linesIn(k, p);
            for (int l = 0; l < lines; l++) {
                int row = p * layout.bandLines[k] + l;
                lineStats(k, row, s, (layout.bandLineBase[k] + l) * STATS);
            }
        }
    }

    private void lineStats(int k, int row, int[] s, int at) {
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
     * {@link #INFEASIBLE} when a length field would overflow. With {@code commit} the choices are kept for
     * {@link #write}.
     */
    int evaluate(int p, int level, boolean commit) {
        int nb = layout.bands;
        int q = quantization(level);
        int r = q * nb - level;
        int[] s = stats[p];
        int[] tt = commit ? t : scratchT;
        boolean[] sig = commit ? useSig : scratchSig;
        for (int k = 0; k < nb; k++) {
            int v = q - gain[k] - (priority[k] < r ? 1 : 0);
            int tk = v < 0 ? 0 : Math.min(v, 15);
            tt[k] = tk;
            boolean chooseSig = false;
            if (sigAllowed) {
                int lines = layout.linesIn(k, p);
                int sigBits = 0;
                int plain = 0;
                for (int l = 0; l < lines; l++) {
                    int at = (layout.bandLineBase[k] + l) * STATS;
                    sigBits += layout.bandSigGroups[k] + s[at + 32 + tk];
                    plain += s[at + 16 + tk];
                }
                chooseSig = sigBits < plain;
            }
            sig[k] = chooseSig;
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
                if (sig[k]) {
                    flags += layout.bandSigGroups[k];
                    cnt += s[at + 32 + tk];
                } else {
                    cnt += s[at + 16 + tk];
                }
                rawBits += 4 * layout.bandGroups[k];
            }
            if (!present) {
                if (commit) {
                    packetPresent[j] = false;
                }
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
            if (commit) {
                packetPresent[j] = true;
                packetRaw[j] = raw;
                packetSigBytes[j] = sigBytes;
                packetCntBytes[j] = cntBytes;
                packetDataBytes[j] = dataBytes;
            }
        }
        if (total - layout.precinctHeaderBytes() > MAX_BODY) {
            return INFEASIBLE;
        }
        if (commit) {
            committedQ = q;
            committedR = r;
        }
        return total;
    }

    /**
     * Writes precinct row p at the choices of the last committing {@link #evaluate} plus {@code padding} zero bytes
     * that the precinct length Lprc covers (C.2).
     *
     * @return bytes written
     */
    int write(int p, int committedBytes, int padding, BitPacker out) {
        int start = out.position();
        int body = committedBytes - layout.precinctHeaderBytes() + padding;
        out.bits(body, 24);
        out.u8(committedQ);
        out.u8(committedR);
        for (int k = 0; k < layout.bands; k++) {
            boolean exists = layout.linesIn(k, p) > 0;
            out.bits(exists && useSig[k] ? 2 : 0, 2);
        }
        out.align();
        for (int j = 0; j < layout.packets; j++) {
            if (packetPresent[j]) {
                writePacket(p, j, out);
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

    private void writePacket(int p, int j, BitPacker out) {
        // Packet header (C.3): Dr, Ldat, Lcnt, Lsgn (no separate sign subpacket: Fs = 0).
        boolean raw = packetRaw[j];
        out.bits(raw ? 1 : 0, 1);
        if (layout.longHeaders) {
            out.bits(packetDataBytes[j], 20);
            out.bits(packetCntBytes[j], 20);
            out.bits(0, 15);
        } else {
            out.bits(packetDataBytes[j], 15);
            out.bits(packetCntBytes[j], 13);
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
                if (line < layout.linesIn(k, p) && useSig[k]) {
                    writeSignificance(k, p * layout.bandLines[k] + line, out);
                }
            }
            out.align();
            check(out.position() - mark, packetSigBytes[j], "significance", p, j);
            mark = out.position();
            for (int k = first; k < end; k++) {
                if (line < layout.linesIn(k, p)) {
                    writeCounts(k, p * layout.bandLines[k] + line, useSig[k], out);
                }
            }
            out.align();
        }
        check(out.position() - mark, packetCntBytes[j], "bitplane count", p, j);
        mark = out.position();
        for (int k = first; k < end; k++) {
            if (line < layout.linesIn(k, p)) {
                writeData(k, p * layout.bandLines[k] + line, out);
            }
        }
        out.align();
        check(out.position() - mark, packetDataBytes[j], "data", p, j);
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

    /** Significance flags (C.5.4): 1 marks a significance group whose bitplane counts are all at most T. */
    private void writeSignificance(int k, int row, BitPacker out) {
        int tk = t[k];
        byte[] sm = sigMax[k];
        for (int i = 0, n = layout.bandSigGroups[k], sb = row * n; i < n; i++) {
            out.bits(sm[sb + i] <= tk ? 1 : 0, 1);
        }
    }

    /** Bitplane counts predicted from zero (C.5.2): unary code of max(M - T, 0), ones terminated by a zero. */
    private void writeCounts(int k, int row, boolean significance, BitPacker out) {
        int groups = layout.bandGroups[k];
        byte[] m = gcli[k];
        int tk = t[k];
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
     * Data subpacket (C.6) with signs inline (Fs = 0): per group with M > T four sign bits, then the magnitude
     * bitplanes M-1 down to T, four coefficients per nibble. Deadzone quantization keeps bitplanes at or above T.
     */
    private void writeData(int k, int row, BitPacker out) {
        int w = layout.bandWidth[k];
        int groups = layout.bandGroups[k];
        byte[] m = gcli[k];
        int[] c = coeff[k];
        int tk = t[k];
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
