package dev.xsight.jpegxs;

import java.util.ArrayList;
import java.util.List;

/**
 * Parses the main header of a codestream (ISO/IEC 21122-1 Annex A.4): SOC, CAP, PIH, then CDT, WGT and the optional
 * NLT, CWD, CTS, CRG, COM and unknown markers (skipped by their length) up to the first SLH. Pure and stateless;
 * allocates only small arrays sized by checked header fields.
 */
final class HeaderParser {
    /** Most components the standard allows (Nc is at most 8, A.4.4). */
    static final int MAX_COMPONENTS = 8;
    /** Most horizontal decomposition levels accepted (ISO/IEC 21122-1 allows up to 8). */
    static final int MAX_NLX = 8;
    /** Most vertical decomposition levels (NL,y is at most 2). */
    static final int MAX_NLY = 2;

    private HeaderParser() {
    }

    static CodestreamInfo parse(byte[] b, int off, int len) throws JpegXsFormatException {
        if (b == null) {
            throw new JpegXsFormatException("SOC", 0, "no codestream bytes");
        }
        if (off < 0 || len < 0 || off > b.length - len) {
            throw new JpegXsFormatException("SOC", 0, "range " + off + "+" + len + " outside a buffer of "
                    + b.length + " bytes");
        }
        Cursor in = new Cursor(b, off, len);
        List<String> markers = new ArrayList<>();
        expect(in, Marker.SOC, "SOC");
        markers.add("SOC");

        // A.4.3 capabilities: always the second marker.
        int capAt = in.pos();
        expect(in, Marker.CAP, "CAP");
        markers.add("CAP");
        int lcap = segmentLength(in, "CAP", 2);
        boolean[] caps = new boolean[(lcap - 2) * 8];
        for (int i = 0; i < lcap - 2; i++) {
            int v = in.u8("CAP");
            for (int k = 0; k < 8; k++) {
                caps[i * 8 + k] = (v >> (7 - k) & 1) != 0;
            }
        }
        assert capAt >= 0;

        // A.4.4 picture header.
        int pihAt = in.pos();
        expect(in, Marker.PIH, "PIH");
        markers.add("PIH");
        int lpih = in.u16("PIH");
        if (lpih != 26) {
            throw new JpegXsFormatException("PIH", pihAt, "Lpih is " + lpih + ", expected 26");
        }
        long lcod = in.u32("PIH");
        int ppih = in.u16("PIH");
        int plev = in.u16("PIH");
        int wf = in.u16("PIH");
        int hf = in.u16("PIH");
        int cw = in.u16("PIH");
        int hsl = in.u16("PIH");
        int nc = in.u8("PIH");
        int ng = in.u8("PIH");
        int ss = in.u8("PIH");
        int bw = in.u8("PIH");
        int v = in.u8("PIH");
        int fq = v >> 4;
        int br = v & 15;
        v = in.u8("PIH");
        int fslc = v >> 7;
        int ppoc = (v >> 4) & 7;
        int cpih = v & 15;
        v = in.u8("PIH");
        int nlx = v >> 4;
        int nly = v & 15;
        v = in.u8("PIH");
        boolean lh = (v >> 7) != 0;
        boolean rl = ((v >> 6) & 1) != 0;
        int qpih = (v >> 4) & 3;
        int fs = (v >> 2) & 3;
        int rm = v & 3;
        checkPih(pihAt, wf, hf, hsl, nc, ng, ss, bw, fq, br, fslc, ppoc, cpih, nlx, nly, qpih, fs, rm, lcod);

        int[] bits = null;
        int[] sx = null;
        int[] sy = null;
        int[] gains = null;
        int[] prios = null;
        int sd = 0;
        CodestreamInfo.Nonlinearity nlt = CodestreamInfo.Nonlinearity.LINEAR;
        int[] cts = null;
        int[] xcrg = null;
        int[] ycrg = null;
        boolean seenNlt = false;
        boolean seenCwd = false;
        int wgtAt = 0;
        while (true) {
            int at = in.pos();
            if (in.remaining() == 0 && gains != null && bits != null) {
                // Only the main header was given (slice-streaming): it ends where the first SLH will follow.
                break;
            }
            int code = in.u16("marker");
            if ((code & 0xFF00) != 0xFF00) {
                throw new JpegXsFormatException("main header", at, String.format(
                        "expected a marker, found 0x%04X", code));
            }
            String name = Marker.name(code);
            if (code == Marker.SLH) {
                in.back(2);
                break;
            }
            switch (code) {
                case Marker.CDT -> {
                    if (bits != null) {
                        throw new JpegXsFormatException("CDT", at, "second CDT marker");
                    }
                    int l = segmentLength(in, "CDT", 2);
                    if (l != 2 + 2 * nc) {
                        throw new JpegXsFormatException("CDT", at, "Lcdt is " + l + ", expected " + (2 + 2 * nc)
                                + " for " + nc + " components");
                    }
                    bits = new int[nc];
                    sx = new int[nc];
                    sy = new int[nc];
                    for (int c = 0; c < nc; c++) {
                        bits[c] = in.u8("CDT");
                        int s = in.u8("CDT");
                        sx[c] = s >> 4;
                        sy[c] = s & 15;
                        if (bits[c] < 8 || bits[c] > 16) {
                            throw new JpegXsFormatException("CDT", at, "component " + c + " bit depth " + bits[c]
                                    + " outside 8..16");
                        }
                        if (sx[c] < 1 || sx[c] > 2 || sy[c] < 1 || sy[c] > 2 || sy[c] > sx[c]) {
                            throw new JpegXsFormatException("CDT", at, "component " + c + " sampling " + sx[c] + "x"
                                    + sy[c] + " not supported (1x1, 2x1, 2x2)");
                        }
                        if (bw < bits[c]) {
                            throw new JpegXsFormatException("CDT", at, "Bw " + bw + " below the bit depth "
                                    + bits[c] + " of component " + c);
                        }
                    }
                }
                case Marker.WGT -> {
                    if (gains != null) {
                        throw new JpegXsFormatException("WGT", at, "second WGT marker");
                    }
                    int l = segmentLength(in, "WGT", 2);
                    if ((l & 1) != 0) {
                        throw new JpegXsFormatException("WGT", at, "odd Lwgt " + l);
                    }
                    int n = (l - 2) / 2;
                    gains = new int[n];
                    prios = new int[n];
                    for (int i = 0; i < n; i++) {
                        gains[i] = in.u8("WGT");
                        prios[i] = in.u8("WGT");
                    }
                    wgtAt = at;
                }
                case Marker.NLT -> {
                    if (seenNlt) {
                        throw new JpegXsFormatException("NLT", at, "second NLT marker");
                    }
                    seenNlt = true;
                    int l = segmentLength(in, "NLT", 3);
                    int end = in.pos() + l - 2;
                    int t = in.u8("NLT");
                    if (t == 1 && l == 5) {
                        int q = in.u16("NLT");
                        nlt = new CodestreamInfo.Nonlinearity(1, q >> 15, q & 0x7FFF, 0, 0, 0);
                    } else if (t == 2 && l == 12) {
                        long t1 = in.u32("NLT");
                        long t2 = in.u32("NLT");
                        int e = in.u8("NLT");
                        nlt = new CodestreamInfo.Nonlinearity(2, 0, 0, t1, t2, e);
                    } else {
                        throw new JpegXsFormatException("NLT", at, "non-linearity type " + t + " with Lnlt " + l
                                + " not supported (1 quadratic with Lnlt 5, 2 extended with Lnlt 12)");
                    }
                    in.seek(end);
                }
                case Marker.CWD -> {
                    if (seenCwd) {
                        throw new JpegXsFormatException("CWD", at, "second CWD marker");
                    }
                    seenCwd = true;
                    int l = segmentLength(in, "CWD", 3);
                    if (l != 3) {
                        throw new JpegXsFormatException("CWD", at, "Lcwd is " + l + ", expected 3");
                    }
                    sd = in.u8("CWD");
                    if (sd >= nc) {
                        throw new JpegXsFormatException("CWD", at, "Sd " + sd + " leaves no component with a"
                                + " wavelet decomposition (Nc " + nc + ")");
                    }
                }
                case Marker.CTS -> {
                    if (cts != null) {
                        throw new JpegXsFormatException("CTS", at, "second CTS marker");
                    }
                    int l = segmentLength(in, "CTS", 4);
                    if (l != 4) {
                        throw new JpegXsFormatException("CTS", at, "Lcts is " + l + ", expected 4");
                    }
                    int a = in.u8("CTS");
                    int e = in.u8("CTS");
                    cts = new int[] {a & 15, e >> 4, e & 15};
                }
                case Marker.CRG -> {
                    if (xcrg != null) {
                        throw new JpegXsFormatException("CRG", at, "second CRG marker");
                    }
                    int l = segmentLength(in, "CRG", 2);
                    if (l != 2 + 4 * nc) {
                        throw new JpegXsFormatException("CRG", at, "Lcrg is " + l + ", expected " + (2 + 4 * nc));
                    }
                    xcrg = new int[nc];
                    ycrg = new int[nc];
                    for (int c = 0; c < nc; c++) {
                        xcrg[c] = in.u16("CRG");
                        ycrg[c] = in.u16("CRG");
                    }
                }
                case Marker.SOC, Marker.CAP, Marker.PIH, Marker.EOC -> throw new JpegXsFormatException(name, at,
                        name + " marker out of place in the main header");
                default -> {
                    // COM (A.4.10) and markers this decoder does not know: skip by their length.
                    int l = segmentLength(in, name, 2);
                    in.skip(l - 2, name);
                }
            }
            markers.add(name);
        }
        int slhAt = in.pos();
        if (bits == null) {
            throw new JpegXsFormatException("CDT", slhAt, "no CDT marker before the first slice");
        }
        if (gains == null) {
            throw new JpegXsFormatException("WGT", slhAt, "no WGT marker before the first slice");
        }
        if (cpih == 1 || cpih == 3) {
            int n = cpih == 1 ? 3 : 4;
            if (nc < n) {
                throw new JpegXsFormatException("PIH", pihAt, "Cpih " + cpih + " needs at least " + n
                        + " components, Nc is " + nc);
            }
            for (int c = 1; c < n; c++) {
                if (sx[c] != sx[0] || sy[c] != sy[0]) {
                    throw new JpegXsFormatException("CDT", slhAt, "Cpih " + cpih + " needs equally sampled"
                            + " components");
                }
            }
        }
        CodestreamInfo.StarTetrix st = null;
        if (cpih == 3) {
            if (cts == null || xcrg == null) {
                throw new JpegXsFormatException(cts == null ? "CTS" : "CRG", slhAt,
                        "Cpih 3 (Star-Tetrix) needs CTS and CRG markers");
            }
            st = new CodestreamInfo.StarTetrix(cts[0], cts[1], cts[2], xcrg, ycrg);
        }
        if (fq == 0) {
            for (int c = 1; c < nc; c++) {
                if (bits[c] != bits[0]) {
                    throw new JpegXsFormatException("CDT", slhAt, "lossless coding (Fq 0) needs equal bit depths");
                }
            }
        }
        int precinctRows = (hf + (1 << nly) - 1) >> nly;
        int sliceCount = (precinctRows + hsl - 1) / hsl;
        CodestreamInfo info = new CodestreamInfo(wf, hf, nc, sx, sy, bits, cw, hsl, hsl << nly, sliceCount, nlx, nly,
                ppih, plev >> 8, plev & 0xFF, qpih, lcod, slhAt, List.copyOf(markers), bw, fq, br, fslc, ppoc,
                cpih, lh, rl, fs != 0, rm != 0, sd, gains, prios, nlt, st, caps);
        // Band geometry validates sizes against the decomposition and the WGT table length.
        Layout.checkGeometry(info, wgtAt);
        return info;
    }

    private static void checkPih(int at, int wf, int hf, int hsl, int nc, int ng, int ss, int bw, int fq, int br,
            int fslc, int ppoc, int cpih, int nlx, int nly, int qpih, int fs, int rm, long lcod)
            throws JpegXsFormatException {
        if (wf < 1 || hf < 1) {
            throw new JpegXsFormatException("PIH", at, "empty picture " + wf + "x" + hf);
        }
        if (nc < 1 || nc > MAX_COMPONENTS) {
            throw new JpegXsFormatException("PIH", at, "Nc " + nc + " outside 1.." + MAX_COMPONENTS);
        }
        if (hsl < 1) {
            throw new JpegXsFormatException("PIH", at, "Hsl is 0");
        }
        if (ng != 4 || ss != 8 || br != 4) {
            throw new JpegXsFormatException("PIH", at, "Ng " + ng + ", Ss " + ss + ", Br " + br
                    + " not supported (the standard fixes 4, 8, 4)");
        }
        if (bw < 8 || bw > 20 || fq > 8 || fq > bw) {
            throw new JpegXsFormatException("PIH", at, "Bw " + bw + " / Fq " + fq + " not supported"
                    + " (Bw 8..20, Fq 0..8)");
        }
        if (fslc != 0) {
            throw new JpegXsFormatException("PIH", at, "Fslc 1 (slice coding mode) not supported");
        }
        if (ppoc != 0) {
            throw new JpegXsFormatException("PIH", at, "progression order Ppoc " + ppoc + " not supported");
        }
        if (cpih != 0 && cpih != 1 && cpih != 3) {
            throw new JpegXsFormatException("PIH", at, "colour transform Cpih " + cpih + " not defined");
        }
        if (nlx > MAX_NLX || nly > MAX_NLY || nly > nlx) {
            throw new JpegXsFormatException("PIH", at, "decomposition NL,x " + nlx + " NL,y " + nly
                    + " not supported (NL,x <= " + MAX_NLX + ", NL,y <= min(2, NL,x))");
        }
        if (qpih > 1 || fs > 1 || rm > 1) {
            throw new JpegXsFormatException("PIH", at, "Qpih " + qpih + ", Fs " + fs + ", Rm " + rm
                    + ": reserved values");
        }
        if (lcod != 0 && lcod < 40) {
            throw new JpegXsFormatException("PIH", at, "Lcod " + lcod + " too small for a codestream");
        }
    }

    private static void expect(Cursor in, int code, String name) throws JpegXsFormatException {
        int at = in.pos();
        int got = in.u16(name);
        if (got != code) {
            throw new JpegXsFormatException(name, at, String.format("expected %s (0x%04X), found 0x%04X", name, code,
                    got));
        }
    }

    /** Reads a marker segment length (which counts itself) and checks it fits in the codestream. */
    private static int segmentLength(Cursor in, String name, int min) throws JpegXsFormatException {
        int at = in.pos();
        int l = in.u16(name);
        if (l < min) {
            throw new JpegXsFormatException(name, at, "segment length " + l + " below " + min);
        }
        if (l - 2 > in.remaining()) {
            throw new JpegXsFormatException(name, at, "segment length " + l + " runs past the end of the data ("
                    + in.remaining() + " bytes left)");
        }
        return l;
    }

    /** Bounds-checked big-endian reader over a byte range; offsets are reported relative to its start. */
    static final class Cursor {
        private final byte[] b;
        private final int base;
        private final int end;
        private int p;

        Cursor(byte[] b, int off, int len) {
            this.b = b;
            this.base = off;
            this.end = off + len;
            this.p = off;
        }

        int pos() {
            return p - base;
        }

        int remaining() {
            return end - p;
        }

        void back(int n) {
            p -= n;
        }

        void seek(int rel) {
            p = base + rel;
        }

        void skip(int n, String what) throws JpegXsFormatException {
            if (n > end - p) {
                throw new JpegXsFormatException(what, pos(), "codestream ends inside " + what);
            }
            p += n;
        }

        int u8(String what) throws JpegXsFormatException {
            if (p >= end) {
                throw new JpegXsFormatException(what, pos(), "codestream ends inside " + what);
            }
            return b[p++] & 0xFF;
        }

        int u16(String what) throws JpegXsFormatException {
            if (end - p < 2) {
                throw new JpegXsFormatException(what, pos(), "codestream ends inside " + what);
            }
            int v = (b[p] & 0xFF) << 8 | (b[p + 1] & 0xFF);
            p += 2;
            return v;
        }

        long u32(String what) throws JpegXsFormatException {
            return (long) u16(what) << 16 | u16(what);
        }
    }
}
