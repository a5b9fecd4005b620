package dev.xsight.colour;

import java.util.Locale;

/**
 * RGB colour spaces by their CIE 1931 xy primaries and white point. Matrices are derived from these
 * chromaticities (SMPTE RP 177 normalised primary matrix), never copied from tables.
 */
public enum Gamut {
    /** ITU-R BT.709-6 §1.3, D65. */
    REC709(0.640, 0.330, 0.300, 0.600, 0.150, 0.060, WhitePoint.D65),
    /** ITU-R BT.2020-2 Table 4, D65. */
    REC2020(0.708, 0.292, 0.170, 0.797, 0.131, 0.046, WhitePoint.D65),
    /** SMPTE EG 432-1 P3 primaries with D65 white. */
    P3D65(0.680, 0.320, 0.265, 0.690, 0.150, 0.060, WhitePoint.D65),
    /** SMPTE RP 431-2 DCI-P3 with the DCI white (0.314, 0.351). */
    DCIP3(0.680, 0.320, 0.265, 0.690, 0.150, 0.060, WhitePoint.DCI),
    /** SMPTE ST 2065-1 ACES AP0, ACES white. */
    AP0(0.7347, 0.2653, 0.0, 1.0, 0.0001, -0.0770, WhitePoint.ACES),
    /** ACES AP1 (S-2014-004 ACEScg), ACES white. */
    AP1(0.713, 0.293, 0.165, 0.830, 0.128, 0.044, WhitePoint.ACES),
    /** 625-line (PAL/SECAM) primaries: ITU-R BT.601-7 / BT.1700 625, EBU Tech 3213, D65. */
    REC601_625(0.640, 0.330, 0.290, 0.600, 0.150, 0.060, WhitePoint.D65),
    /** 525-line (NTSC) primaries: SMPTE ST 170M / RP 145 ("SMPTE C"), ITU-R BT.601-7 525, D65. */
    REC601_525(0.630, 0.340, 0.310, 0.595, 0.155, 0.070, WhitePoint.D65);

    private final double[] xy;
    private final WhitePoint white;

    Gamut(double rx, double ry, double gx, double gy, double bx, double by, WhitePoint white) {
        this.xy = new double[] {rx, ry, gx, gy, bx, by};
        this.white = white;
    }

    public WhitePoint white() {
        return white;
    }

    /** Red, green, blue xy as {rx, ry, gx, gy, bx, by}. */
    public double[] primaries() {
        return xy.clone();
    }

    /** Parses a CLI name: rec709, rec2020, p3d65, dcip3, ap0, ap1, bt601-625 (ebu), bt601-525 (smpte-c). */
    public static Gamut parse(String name) {
        return switch (name.toLowerCase(Locale.ROOT)) {
            case "rec709", "bt709", "srgb" -> REC709;
            case "rec2020", "bt2020" -> REC2020;
            case "p3d65", "p3-d65" -> P3D65;
            case "dcip3", "dci-p3", "p3dci" -> DCIP3;
            case "ap0", "aces", "aces2065-1" -> AP0;
            case "ap1", "acescg" -> AP1;
            case "bt601-625", "rec601-625", "ebu", "pal" -> REC601_625;
            case "bt601-525", "rec601-525", "smpte-c", "smpte170m", "ntsc" -> REC601_525;
            default -> throw new IllegalArgumentException("unknown gamut '" + name
                    + "' (rec709, rec2020, p3d65, dcip3, ap0, ap1, bt601-625, bt601-525)");
        };
    }

    /** Linear RGB → CIE XYZ (Y of white = 1) for these primaries and their own white (RP 177 §3.3). */
    public Matrix3 toXyz() {
        return npm(xy, white.x(), white.y());
    }

    /** CIE XYZ → linear RGB. */
    public Matrix3 fromXyz() {
        return toXyz().inverse();
    }

    /**
     * Linear RGB in this gamut → linear RGB in {@code to}, with a Bradford adaptation when the white
     * points differ (as OpenColorIO's ADAPTATION_BRADFORD does).
     */
    public Matrix3 to(Gamut to) {
        Matrix3 cat = white == to.white ? Matrix3.identity() : WhitePoint.bradford(white, to.white);
        return to.fromXyz().times(cat).times(toXyz());
    }

    /** Linear RGB → linear RGB with no white adaptation (XYZ is the connection space). */
    public Matrix3 toWithoutAdaptation(Gamut to) {
        return to.fromXyz().times(toXyz());
    }

    /** The normalised primary matrix of SMPTE RP 177 for primaries {@code p} and white (wx, wy). */
    static Matrix3 npm(double[] p, double wx, double wy) {
        Matrix3 prim = Matrix3.of(
                p[0] / p[1], p[2] / p[3], p[4] / p[5],
                1, 1, 1,
                (1 - p[0] - p[1]) / p[1], (1 - p[2] - p[3]) / p[3], (1 - p[4] - p[5]) / p[5]);
        double[] w = {wx / wy, 1, (1 - wx - wy) / wy};
        double[] s = prim.inverse().apply(w);
        return prim.times(Matrix3.diagonal(s[0], s[1], s[2]));
    }

    /** White points by chromaticity. */
    public enum WhitePoint {
        D65(0.3127, 0.3290), DCI(0.314, 0.351), ACES(0.32168, 0.33767);

        private final double x;
        private final double y;

        WhitePoint(double x, double y) {
            this.x = x;
            this.y = y;
        }

        public double x() {
            return x;
        }

        public double y() {
            return y;
        }

        /** XYZ with Y = 1. */
        public double[] xyz() {
            return new double[] {x / y, 1, (1 - x - y) / y};
        }

        private static final Matrix3 BRADFORD = Matrix3.of(
                0.8951, 0.2664, -0.1614,
                -0.7502, 1.7135, 0.0367,
                0.0389, -0.0685, 1.0296);

        /** Von Kries adaptation in the Bradford cone space from {@code src} to {@code dst} white (XYZ → XYZ). */
        public static Matrix3 bradford(WhitePoint src, WhitePoint dst) {
            double[] s = BRADFORD.apply(src.xyz());
            double[] d = BRADFORD.apply(dst.xyz());
            return BRADFORD.inverse().times(Matrix3.diagonal(d[0] / s[0], d[1] / s[1], d[2] / s[2])).times(BRADFORD);
        }
    }
}
