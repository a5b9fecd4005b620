package dev.xsight.colour;

import java.util.Arrays;

/** {@code out = M · in + offset}: gamut conversion, Y'CbCr → R'G'B', CLF Matrix, ACES sat matrices. */
public record MatrixOp(Matrix3 matrix, double[] offset, String label) implements ColourOp {

    public MatrixOp {
        offset = offset == null ? new double[3] : offset.clone();
        if (offset.length != 3) {
            throw new IllegalArgumentException("offset needs 3 values");
        }
    }

    public static MatrixOp of(Matrix3 m, String label) {
        return new MatrixOp(m, null, label);
    }

    @Override
    public void apply(double[] p, int i) {
        double r = p[i], g = p[i + 1], b = p[i + 2];
        Matrix3 m = matrix;
        p[i] = m.get(0, 0) * r + m.get(0, 1) * g + m.get(0, 2) * b + offset[0];
        p[i + 1] = m.get(1, 0) * r + m.get(1, 1) * g + m.get(1, 2) * b + offset[1];
        p[i + 2] = m.get(2, 0) * r + m.get(2, 1) * g + m.get(2, 2) * b + offset[2];
    }

    @Override
    public void emitGlsl(GlslBuilder out, String name) {
        out.append("vec3 " + name + "(vec3 c) { return " + GlslBuilder.mat3(matrix) + " * c + "
                + GlslBuilder.vec3(offset) + "; }\n");
    }

    @Override
    public String describe() {
        return "matrix " + label;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof MatrixOp x && matrix.equals(x.matrix) && Arrays.equals(offset, x.offset);
    }

    @Override
    public int hashCode() {
        return matrix.hashCode() * 31 + Arrays.hashCode(offset);
    }
}
