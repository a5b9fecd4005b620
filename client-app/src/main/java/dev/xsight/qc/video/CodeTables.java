package dev.xsight.qc.video;

import dev.xsight.colour.Matrix3;
import dev.xsight.colour.MatrixOp;
import dev.xsight.colour.YCbCr;
import dev.xsight.media.Colorimetry;

/**
 * A source's Y'CbCr → R'G'B' ({@link YCbCr#toRgb}, the display pipeline's op) as integer tables per code, so a
 * per-pixel loop adds table entries instead of multiplying: in {@code unit}s, R' = y[Y'] + rOfCr[Cr],
 * G' = y[Y'] + gOfCb[Cb] + gOfCr[Cr], B' = y[Y'] + bOfCb[Cb] (the matrix's constant terms are in rOfCr, gOfCb and
 * bOfCb). Tables are indexed by code, so they hold 2^bits entries.
 *
 * @param ky the matrix's luma factor (R'G'B' level per Y' code)
 * @param linear for tables that are exact integer lines (see {@link #linearInLumaCodes}): the shift, then factor
 *     and constant of rOfCr, gOfCb, gOfCr, bOfCb, so that entry = (factor·code + constant) >> shift; else null
 */
record CodeTables(double ky, int[] y, int[] rOfCr, int[] gOfCb, int[] gOfCr, int[] bOfCb, int[] linear) {

    /**
     * The tables of colorimetry {@code c} at {@code bits}, in units of {@code unit} per R'G'B' level, each entry
     * rounded; {@code yBias} (in levels) is added to the luma term.
     */
    static CodeTables of(Colorimetry c, int bits, double unit, double yBias) {
        return build(toRgb(c, bits), bits, unit, yBias);
    }

    /**
     * The tables of colorimetry {@code c} at {@code bits} in Y' codes with {@code fraction} fractional bits: R', G',
     * B' are ky·(Y' + offset), the y table is Y'·2^fraction and the others hold the offsets.
     */
    static CodeTables inLumaCodes(Colorimetry c, int bits, int fraction) {
        MatrixOp op = toRgb(c, bits);
        return build(op, bits, (1 << fraction) / op.matrix().get(0, 0), 0);
    }

    /**
     * As {@link #inLumaCodes}, but each chroma table is an exact integer line, entry = (factor·code + constant) >>
     * shift with the factor and constant rounded at 2^shift times the unit (shift as large as keeps every product
     * inside 30 bits), so that a loop may compute an entry instead of looking it up (the Vector API kernel) and get
     * the same integer. The difference from the rounded entries of {@link #inLumaCodes} is below 2 units (1/128 of
     * a luma code at fraction 8).
     */
    static CodeTables linearInLumaCodes(Colorimetry c, int bits, int fraction) {
        MatrixOp op = toRgb(c, bits);
        Matrix3 m = op.matrix();
        double[] o = op.offset();
        double unit = (1 << fraction) / m.get(0, 0);
        int codes = 1 << bits;
        double[][] lines = {{m.get(0, 2), o[0]}, {m.get(1, 1), o[1]}, {m.get(1, 2), 0}, {m.get(2, 1), o[2]}};
        double largest = 1;
        for (double[] l : lines) {
            largest = Math.max(largest, (Math.abs(l[0]) * (codes - 1) + Math.abs(l[1])) * unit);
        }
        int shift = Math.max(0, 29 - (int) Math.ceil(Math.log(largest) / Math.log(2)));
        int[] linear = new int[1 + 2 * lines.length];
        linear[0] = shift;
        int[][] tables = new int[lines.length][codes];
        for (int t = 0; t < lines.length; t++) {
            long k = Math.round(lines[t][0] * unit * (1L << shift));
            long k0 = Math.round(lines[t][1] * unit * (1L << shift));
            linear[1 + 2 * t] = Math.toIntExact(k);
            linear[2 + 2 * t] = Math.toIntExact(k0);
            for (int v = 0; v < codes; v++) {
                tables[t][v] = Math.toIntExact((k * v + k0) >> shift);
            }
        }
        int[] y = new int[codes];
        for (int v = 0; v < codes; v++) {
            y[v] = (int) Math.round(m.get(0, 0) * v * unit);
        }
        return new CodeTables(m.get(0, 0), y, tables[0], tables[1], tables[2], tables[3], linear);
    }

    private static MatrixOp toRgb(Colorimetry c, int bits) {
        return YCbCr.toRgb(YCbCr.Coefficients.of(c.matrix()), c.range(), bits);
    }

    private static CodeTables build(MatrixOp op, int bits, double unit, double yBias) {
        Matrix3 m = op.matrix();
        double[] o = op.offset();
        int codes = 1 << bits;
        int[] y = new int[codes];
        int[] r = new int[codes];
        int[] gb = new int[codes];
        int[] gr = new int[codes];
        int[] b = new int[codes];
        for (int v = 0; v < codes; v++) {
            y[v] = (int) Math.round((m.get(0, 0) * v + yBias) * unit);
            r[v] = (int) Math.round((m.get(0, 2) * v + o[0]) * unit);
            gb[v] = (int) Math.round((m.get(1, 1) * v + o[1]) * unit);
            gr[v] = (int) Math.round(m.get(1, 2) * v * unit);
            b[v] = (int) Math.round((m.get(2, 1) * v + o[2]) * unit);
        }
        return new CodeTables(m.get(0, 0), y, r, gb, gr, b, null);
    }

    /** The mask that keeps a sample inside the tables. */
    int mask() {
        return y.length - 1;
    }
}
