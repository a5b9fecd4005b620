package dev.xsight.colour;

import java.util.Arrays;

/**
 * An immutable 3×3 matrix of doubles, row-major, acting on column vectors ({@code out = M · in}).
 * Used to derive gamut, Y'CbCr and ACES matrices from their defining constants.
 */
public final class Matrix3 {
    private final double[] m;

    private Matrix3(double[] m) {
        this.m = m;
    }

    /** A matrix from nine values in row-major order. */
    public static Matrix3 of(double... rowMajor) {
        if (rowMajor.length != 9) {
            throw new IllegalArgumentException("a 3x3 matrix needs 9 values, got " + rowMajor.length);
        }
        return new Matrix3(rowMajor.clone());
    }

    public static Matrix3 identity() {
        return of(1, 0, 0, 0, 1, 0, 0, 0, 1);
    }

    public static Matrix3 diagonal(double a, double b, double c) {
        return of(a, 0, 0, 0, b, 0, 0, 0, c);
    }

    /** Element at {@code row}, {@code col}. */
    public double get(int row, int col) {
        return m[row * 3 + col];
    }

    /** A copy of the nine values, row-major. */
    public double[] toArray() {
        return m.clone();
    }

    /** {@code this · other}: applies {@code other} first. */
    public Matrix3 times(Matrix3 o) {
        double[] r = new double[9];
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 3; j++) {
                double s = 0;
                for (int k = 0; k < 3; k++) {
                    s += m[i * 3 + k] * o.m[k * 3 + j];
                }
                r[i * 3 + j] = s;
            }
        }
        return new Matrix3(r);
    }

    public Matrix3 scale(double s) {
        double[] r = m.clone();
        for (int i = 0; i < 9; i++) {
            r[i] *= s;
        }
        return new Matrix3(r);
    }

    /** {@code M · v}. */
    public double[] apply(double[] v) {
        return new double[] {
            m[0] * v[0] + m[1] * v[1] + m[2] * v[2],
            m[3] * v[0] + m[4] * v[1] + m[5] * v[2],
            m[6] * v[0] + m[7] * v[1] + m[8] * v[2]};
    }

    public Matrix3 inverse() {
        double a = m[0], b = m[1], c = m[2], d = m[3], e = m[4], f = m[5], g = m[6], h = m[7], i = m[8];
        double det = a * (e * i - f * h) - b * (d * i - f * g) + c * (d * h - e * g);
        if (det == 0 || !Double.isFinite(det)) {
            throw new IllegalArgumentException("matrix is singular");
        }
        double k = 1 / det;
        return new Matrix3(new double[] {
            (e * i - f * h) * k, (c * h - b * i) * k, (b * f - c * e) * k,
            (f * g - d * i) * k, (a * i - c * g) * k, (c * d - a * f) * k,
            (d * h - e * g) * k, (b * g - a * h) * k, (a * e - b * d) * k});
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Matrix3 x && Arrays.equals(m, x.m);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(m);
    }

    @Override
    public String toString() {
        return Arrays.toString(m);
    }
}
