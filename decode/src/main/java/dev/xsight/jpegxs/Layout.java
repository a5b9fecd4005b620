package dev.xsight.jpegxs;

/**
 * Geometry derived from a main header (ISO/IEC 21122-1 Annex B): component sizes, wavelet bands and their order in
 * the codestream, lines of each band per precinct, precinct columns and the packets of a precinct. Immutable.
 */
final class Layout {
    /** Band kinds, for the inverse transform. */
    static final int LL = 0;
    static final int H_ONLY = 1;
    static final int HL = 2;
    static final int LH = 3;
    static final int HH = 4;

    final CodestreamInfo info;
    final int nc;
    /** Components with a wavelet decomposition (Nc - Sd). */
    final int ncd;
    final Comp[] comps;
    /** Band slots in codestream order: ncd * (2 NL,y + NL,x + 1) + Sd; some are empty for 4:2:0. */
    final int slots;
    final int[] slotComp;
    final int[] slotBand;
    /** Existing bands: count and slot of each, in codestream order. */
    final int nBands;
    final int[] bandSlots;
    final int[] slotGain;
    final int[] slotPriority;
    /** Packets of a precinct (B.7): the line inside the precinct and the slots of the bands it carries. */
    final int[] packetLine;
    final int[][] packetSlots;
    final int precinctRows;
    final int columns;
    final boolean longPacketHeaders;

    /** One component: size, decomposition and per-band geometry (band 0 is the lowest-pass band). */
    static final class Comp {
        int width;
        int height;
        int nx;
        int ny;
        int nb;
        int[] bandW;
        int[] bandH;
        int[] kind;
        /** Lines of the band in one precinct row. */
        int[] lines;
        /** Width of the band in a (non-last) precinct column. */
        int[] colW;
        /** Bytes per band row in the bitplane-count store: columns * ceil(colW / 4). */
        int[] gcliStride;
        int[] slot;
    }

    private Layout(CodestreamInfo info) throws JpegXsFormatException {
        this.info = info;
        nc = info.components();
        ncd = nc - info.sd();
        int nlx = info.nlx();
        int nly = info.nly();
        int perLevel = 2 * nly + nlx + 1;
        slots = ncd * perLevel + info.sd();
        slotComp = new int[slots];
        slotBand = new int[slots];
        java.util.Arrays.fill(slotComp, -1);
        java.util.Arrays.fill(slotBand, -1);
        comps = new Comp[nc];
        precinctRows = (info.height() + (1 << nly) - 1) >> nly;
        int sxMax = 1;
        for (int c = 0; c < nc; c++) {
            sxMax = Math.max(sxMax, info.sx()[c]);
        }
        long cs = info.precinctWidth() == 0 ? 0 : 8L * info.precinctWidth() * sxMax << nlx;
        columns = cs == 0 ? 1 : (int) ((info.width() + cs - 1) / cs);
        for (int c = 0; c < nc; c++) {
            comps[c] = component(c, nlx, nly, perLevel, cs);
        }
        int n = 0;
        for (int s = 0; s < slots; s++) {
            if (slotComp[s] >= 0) {
                n++;
            }
        }
        nBands = n;
        bandSlots = new int[n];
        n = 0;
        for (int s = 0; s < slots; s++) {
            if (slotComp[s] >= 0) {
                bandSlots[n++] = s;
            }
        }
        slotGain = new int[slots];
        slotPriority = new int[slots];
        if (info.gains().length == nBands) {
            for (int i = 0; i < nBands; i++) {
                slotGain[bandSlots[i]] = info.gains()[i];
                slotPriority[bandSlots[i]] = info.priorities()[i];
            }
        }
        // B.7: packet 0 holds the bands of every level below the first vertical split; then one packet per
        // further level for line 0, then one per level that has a second line; then the undecomposed components.
        int first = nlx - nly + 1;
        int count = 1 + (perLevel - first) * 2 + info.sd() * (1 << nly);
        int[] lineTmp = new int[count];
        int[][] slotsTmp = new int[count][];
        int k = 0;
        lineTmp[k] = 0;
        slotsTmp[k++] = existing(0, first * ncd, 0);
        for (int lvl = first; lvl < perLevel; lvl++) {
            lineTmp[k] = 0;
            slotsTmp[k++] = existing(lvl * ncd, (lvl + 1) * ncd, 0);
        }
        for (int lvl = first; lvl < perLevel; lvl++) {
            if (slotBand[lvl * ncd] >= 0 && comps[0].lines[slotBand[lvl * ncd]] > 1) {
                lineTmp[k] = 1;
                slotsTmp[k++] = existing(lvl * ncd, (lvl + 1) * ncd, 1);
            }
        }
        for (int c = ncd; c < nc; c++) {
            for (int line = 0; line < comps[c].lines[0]; line++) {
                lineTmp[k] = line;
                slotsTmp[k++] = new int[] {comps[c].slot[0]};
            }
        }
        packetLine = java.util.Arrays.copyOf(lineTmp, k);
        packetSlots = java.util.Arrays.copyOf(slotsTmp, k);
        // A.4.4 / B.7: long packet headers when Lh = 1 or the picture is wide.
        longPacketHeaders = info.longHeaders() || (long) info.width() * nc >= 32752;
    }

    private int[] existing(int from, int to, int minLine) {
        int n = 0;
        for (int s = from; s < to; s++) {
            if (slotComp[s] >= 0 && comps[slotComp[s]].lines[slotBand[s]] > minLine) {
                n++;
            }
        }
        int[] r = new int[n];
        n = 0;
        for (int s = from; s < to; s++) {
            if (slotComp[s] >= 0 && comps[slotComp[s]].lines[slotBand[s]] > minLine) {
                r[n++] = s;
            }
        }
        return r;
    }

    private Comp component(int c, int nlx, int nly, int perLevel, long cs) throws JpegXsFormatException {
        Comp k = new Comp();
        int sx = info.sx()[c];
        int sy = info.sy()[c];
        k.width = (info.width() + sx - 1) / sx;
        k.height = (info.height() + sy - 1) / sy;
        boolean decomposed = c < ncd;
        k.nx = decomposed ? nlx : 0;
        k.ny = decomposed ? nly - (sy - 1) : 0;
        if (k.ny < 0) {
            throw new JpegXsFormatException("PIH", 0, "component " + c + " is vertically subsampled but NL,y is 0");
        }
        int nb = 2 * k.ny + k.nx + 1;
        k.nb = nb;
        k.bandW = new int[nb];
        k.bandH = new int[nb];
        k.kind = new int[nb];
        k.lines = new int[nb];
        k.colW = new int[nb];
        k.gcliStride = new int[nb];
        k.slot = new int[nb];
        int[] hdepth = new int[nb];
        // Split from the full component: vertical levels first (finest at the end of the band list), then the
        // horizontal-only levels of the low band.
        int w = k.width;
        int h = k.height;
        int top = nb - 1;
        for (int d = 1; d <= k.ny; d++) {
            int wl = w - w / 2;
            int wh = w / 2;
            int hl = h - h / 2;
            int hh = h / 2;
            set(k, top, wh, hh, HH, d, 1 << (k.ny - d));
            set(k, top - 1, wl, hh, LH, d, 1 << (k.ny - d));
            set(k, top - 2, wh, hl, HL, d, 1 << (k.ny - d));
            hdepth[top] = d;
            hdepth[top - 1] = d;
            hdepth[top - 2] = d;
            top -= 3;
            w = wl;
            h = hl;
        }
        for (int d = k.ny + 1; d <= k.nx; d++) {
            int wl = w - w / 2;
            int wh = w / 2;
            set(k, top, wh, h, H_ONLY, d, 1);
            hdepth[top] = d;
            top -= 1;
            w = wl;
        }
        set(k, 0, w, h, LL, k.nx, 1);
        hdepth[0] = k.nx;
        if (!decomposed) {
            k.lines[0] = Math.min((1 << nly) >> (sy - 1), k.height);
        }
        for (int b = 0; b < nb; b++) {
            if (k.bandW[b] < 1 || k.bandH[b] < 1) {
                throw new JpegXsFormatException("PIH", 0, "component " + c + " (" + k.width + "x" + k.height
                        + ") is too small for NL,x " + nlx + " NL,y " + nly + ": band " + b + " is empty");
            }
            if (cs == 0) {
                k.colW[b] = k.bandW[b];
            } else {
                k.colW[b] = (int) Math.min(k.bandW[b], cs / sx >> hdepth[b]);
            }
            if ((long) (columns - 1) * k.colW[b] >= k.bandW[b]) {
                throw new JpegXsFormatException("PIH", 0, "precinct width Cw " + info.precinctWidth()
                        + " leaves band " + b + " of component " + c + " empty in the last column");
            }
            k.gcliStride[b] = columns * ((k.colW[b] + 3) >> 2);
            int pos = b <= k.nx - k.ny ? b : b + 2 * (nly - k.ny);
            int s = decomposed ? pos * ncd + c : ncd * perLevel + (c - ncd);
            k.slot[b] = s;
            slotComp[s] = c;
            slotBand[s] = b;
        }
        return k;
    }

    private static void set(Comp k, int b, int w, int h, int kind, int depth, int lines) {
        k.bandW[b] = w;
        k.bandH[b] = h;
        k.kind[b] = kind;
        k.lines[b] = lines;
    }

    /** Lines of band {@code b} of component {@code c} inside precinct row {@code row} (fewer in the last row). */
    int linesIn(Comp k, int b, int row) {
        int l = k.lines[b];
        return Math.max(0, Math.min(l, k.bandH[b] - row * l));
    }

    static Layout of(CodestreamInfo info) throws JpegXsFormatException {
        return new Layout(info);
    }

    /** Validates the band geometry and the WGT table of a freshly parsed header. */
    static void checkGeometry(CodestreamInfo info, int wgtOffset) throws JpegXsFormatException {
        Layout l = new Layout(info);
        if (info.gains().length != l.nBands) {
            throw new JpegXsFormatException("WGT", wgtOffset, "weights for " + info.gains().length
                    + " bands, the decomposition has " + l.nBands);
        }
    }
}
