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
 */
record CodeTables(double ky, int[] y, int[] rOfCr, int[] gOfCb, int[] gOfCr, int[] bOfCb) {

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
        return new CodeTables(m.get(0, 0), y, r, gb, gr, b);
    }

    /** The mask that keeps a sample inside the tables. */
    int mask() {
        return y.length - 1;
    }
}
