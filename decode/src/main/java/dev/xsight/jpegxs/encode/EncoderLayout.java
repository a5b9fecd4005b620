package dev.xsight.jpegxs.encode;

import dev.xsight.media.PixelFormat;

/**
 * Where every coefficient goes in the codestream the encoder writes: component sizes, wavelet bands, precincts
 * (one per 2^NL,y picture lines, full width: Cw = 0), packets and slices (ISO/IEC 21122-1 Annex B). Immutable.
 *
 * <p>Bands are numbered in the standard's global order {@code beta * Nc + c} (Annex B), where {@code beta} counts band
 * levels from the low-pass band, then the horizontal-only levels from the deepest, then three bands (HL, LH, HH)
 * per vertical level from the deepest. 4:2:0 chroma has one vertical level fewer and lacks two bands; {@code k}
 * below indexes the bands that exist, in global order.
 */
final class EncoderLayout {
    static final int COMPONENTS = 3;

    final int width;
    final int height;
    final int nlx;
    final int nly;
    final int[] compWidth = new int[COMPONENTS];
    final int[] compHeight = new int[COMPONENTS];
    final int[] compSx = new int[COMPONENTS];
    final int[] compSy = new int[COMPONENTS];
    /** Vertical decomposition levels of each component: NL,y less log2 of its vertical subsampling. */
    final int[] compNly = new int[COMPONENTS];
    /** Existing-band index of local band i of component c (0 = low-pass, as in {@link #localIndex}). */
    final int[][] compBand = new int[COMPONENTS][];

    final int bands;
    final int globalBands;
    final int[] bandGlobal;
    final int[] bandComp;
    final int[] bandWidth;
    final int[] bandHeight;
    /** Band lines per (full) precinct: 2 for the first vertical level when NL,y = 2, else 1. */
    final int[] bandLines;
    final int[] bandGroups;
    final int[] bandSigGroups;
    /** Index of the first band line of band k inside a precinct's band-line numbering. */
    final int[] bandLineBase;
    final int bandLinesPerPrecinct;

    final int packets;
    final int[] packetLine;
    final int[] packetFirstBand;
    final int[] packetEndBand;

    final int precinctRows;
    final int precinctsPerSlice;
    final int slices;
    /** 7-byte packet headers (required when Wf * Nc >= 32752). */
    final boolean longHeaders;

    /** Coefficients per group for bitplane counts (Ng) and bitplane-count groups per significance group (Ss). */
    static final int GROUP = 4;
    static final int SIG_GROUP = 8;

    EncoderLayout(PixelFormat format, int width, int height, EncoderSettings s) {
        if (format.planeCount() != COMPONENTS) {
            throw new IllegalArgumentException("the encoder takes three components, not " + format.planeCount());
        }
        if (format.bitDepth() > 12) {
            throw new IllegalArgumentException("the encoder takes 8..12-bit samples, not " + format.bitDepth());
        }
        if (width < 1 || height < 1 || width > 65535 || height > 65535) {
            throw new IllegalArgumentException("picture size " + width + "x" + height + " is outside 1..65535");
        }
        this.width = width;
        this.height = height;
        this.nlx = s.nlx();
        this.nly = s.nly();
        for (int c = 0; c < COMPONENTS; c++) {
            boolean chroma = c > 0;
            compSx[c] = chroma ? format.sampling().horizontalFactor() : 1;
            compSy[c] = chroma ? format.sampling().verticalFactor() : 1;
            compWidth[c] = (width + compSx[c] - 1) / compSx[c];
            compHeight[c] = (height + compSy[c] - 1) / compSy[c];
            compNly[c] = nly - (compSy[c] == 2 ? 1 : 0);
            if (compNly[c] < 0) {
                throw new IllegalArgumentException("4:2:0 needs at least one vertical decomposition level (nly >= 1)");
            }
        }
        int levels = 2 * nly + nlx + 1;
        this.globalBands = levels * COMPONENTS;
        int[] globalToK = new int[globalBands];
        java.util.Arrays.fill(globalToK, -1);
        for (int c = 0; c < COMPONENTS; c++) {
            int nb = localBands(c);
            for (int i = 0; i < nb; i++) {
                globalToK[globalIndex(c, i)] = 0;
            }
        }
        int count = 0;
        for (int g = 0; g < globalBands; g++) {
            if (globalToK[g] == 0) {
                globalToK[g] = count++;
            }
        }
        this.bands = count;
        bandGlobal = new int[count];
        bandComp = new int[count];
        bandWidth = new int[count];
        bandHeight = new int[count];
        bandLines = new int[count];
        bandGroups = new int[count];
        bandSigGroups = new int[count];
        bandLineBase = new int[count];
        for (int c = 0; c < COMPONENTS; c++) {
            compBand[c] = new int[localBands(c)];
            for (int i = 0; i < compBand[c].length; i++) {
                int k = globalToK[globalIndex(c, i)];
                compBand[c][i] = k;
                bandGlobal[k] = globalIndex(c, i);
                bandComp[k] = c;
            }
            sizeBands(c);
        }
        int lines = 0;
        for (int k = 0; k < count; k++) {
            if (bandWidth[k] < 1 || bandHeight[k] < 1) {
                throw new IllegalArgumentException("picture " + width + "x" + height + " is too small for "
                        + nlx + " horizontal and " + nly + " vertical decomposition levels (component "
                        + bandComp[k] + " would have an empty band); use fewer levels");
            }
            bandGroups[k] = (bandWidth[k] + GROUP - 1) / GROUP;
            bandSigGroups[k] = (bandGroups[k] + SIG_GROUP - 1) / SIG_GROUP;
            bandLineBase[k] = lines;
            lines += bandLines[k];
        }
        bandLinesPerPrecinct = lines;

        int precinctHeight = 1 << nly;
        precinctRows = (height + precinctHeight - 1) / precinctHeight;
        int sliceLines = s.sliceHeightLines();
        if (sliceLines >= height) {
            precinctsPerSlice = precinctRows;
        } else if (sliceLines % precinctHeight != 0) {
            throw new IllegalArgumentException("slice height " + sliceLines + " must be a multiple of the precinct "
                    + "height " + precinctHeight + " (2^nly lines)");
        } else {
            precinctsPerSlice = sliceLines / precinctHeight;
        }
        slices = (precinctRows + precinctsPerSlice - 1) / precinctsPerSlice;
        longHeaders = (long) width * COMPONENTS >= 32752;

        // Packet inclusion (ISO/IEC 21122-1 Annex B): the low-pass and horizontal-only levels share packet 0, then one
        // packet per band level for line 0, then one per band level that has a second line per precinct.
        int firstVertical = nlx - nly + 1;
        int nPackets = 1 + (levels - firstVertical);
        for (int beta = firstVertical; beta < levels; beta++) {
            if (bandLines[compBand[0][beta]] > 1) {
                nPackets++;
            }
        }
        packets = nPackets;
        packetLine = new int[nPackets];
        packetFirstBand = new int[nPackets];
        packetEndBand = new int[nPackets];
        int j = 0;
        packetFirstBand[j] = 0;
        packetEndBand[j] = firstBandAtOrAfter(globalToK, firstVertical * COMPONENTS);
        j++;
        for (int beta = firstVertical; beta < levels; beta++, j++) {
            packetFirstBand[j] = firstBandAtOrAfter(globalToK, beta * COMPONENTS);
            packetEndBand[j] = firstBandAtOrAfter(globalToK, (beta + 1) * COMPONENTS);
        }
        for (int beta = firstVertical; beta < levels; beta++) {
            if (bandLines[compBand[0][beta]] > 1) {
                packetLine[j] = 1;
                packetFirstBand[j] = firstBandAtOrAfter(globalToK, beta * COMPONENTS);
                packetEndBand[j] = firstBandAtOrAfter(globalToK, (beta + 1) * COMPONENTS);
                j++;
            }
        }
    }

    private int firstBandAtOrAfter(int[] globalToK, int g) {
        for (int i = g; i < globalBands; i++) {
            if (globalToK[i] >= 0) {
                return globalToK[i];
            }
        }
        return bands;
    }

    /** Bands of component c: low-pass, one per horizontal-only level, three per vertical level. */
    int localBands(int c) {
        return 2 * compNly[c] + nlx + 1;
    }

    /**
     * Local index of a band of component c: 0 for the low-pass band; for a horizontal-only level l (l > NL,y of
     * the component) {@code nlx - l + 1}; for vertical level l the HL, LH and HH bands at {@code nb - 3l + 0..2}.
     */
    int localIndex(int c, int level, int kind) {
        if (level > compNly[c]) {
            return nlx - level + 1;
        }
        return localBands(c) - 3 * level + kind;
    }

    /** Global band index of local band i of component c; 4:2:0 chroma skips the LH and HH slots of level NL,y. */
    private int globalIndex(int c, int i) {
        int beta = i;
        if (compNly[c] < nly && i > nlx - nly + 1) {
            beta = i + 2;
        }
        return beta * COMPONENTS + c;
    }

    private void sizeBands(int c) {
        int w = compWidth[c];
        int h = compHeight[c];
        for (int level = 1; level <= nlx; level++) {
            int wl = (w + 1) / 2;
            int wh = w / 2;
            if (level <= compNly[c]) {
                int hl = (h + 1) / 2;
                int hh = h / 2;
                int lines = 1 << (compNly[c] - level);
                setBand(compBand[c][localIndex(c, level, 0)], wh, hl, lines);
                setBand(compBand[c][localIndex(c, level, 1)], wl, hh, lines);
                setBand(compBand[c][localIndex(c, level, 2)], wh, hh, lines);
                h = hl;
            } else {
                setBand(compBand[c][localIndex(c, level, 0)], wh, h, 1);
            }
            w = wl;
        }
        setBand(compBand[c][0], w, h, 1);
    }

    private void setBand(int k, int w, int h, int lines) {
        bandWidth[k] = w;
        bandHeight[k] = h;
        bandLines[k] = lines;
    }

    /** Lines of band k inside precinct row p (fewer in the last precinct row, possibly none). */
    int linesIn(int k, int p) {
        return Math.max(0, Math.min(bandLines[k], bandHeight[k] - p * bandLines[k]));
    }

    /** Bytes of the main header: SOC, CAP, PIH, CDT and WGT. */
    int mainHeaderBytes() {
        return 2 + 6 + 28 + (4 + 2 * COMPONENTS) + (4 + 2 * bands);
    }

    /** Bytes of a precinct header: Lprc, Q, R and two bits D[p,b] per existing band, byte aligned. */
    int precinctHeaderBytes() {
        return (40 + 2 * bands + 7) / 8;
    }

    int packetHeaderBytes() {
        return longHeaders ? 7 : 5;
    }
}
