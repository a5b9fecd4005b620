package dev.xsight.colour;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * ACES Output Transforms (ACES2065-1 in, display code values out) as op lists. ACES 1.3 follows aces-dev's
 * {@code RRT.ctl} + {@code ODT.Academy.Rec709_100nits_dim.ctl} / {@code ODT.Academy.sRGB_100nits_dim.ctl} for SDR
 * and {@code RRTODT.Academy.*_1000nits_15nits_ST2084.ctl} (single-stage tone scale) for HDR. ACES 2.0 is
 * {@link Aces2Op}.
 */
public final class AcesOutput {
    private AcesOutput() {
    }

    /** ACES version. */
    public enum Version {
        V1_3, V2_0;

        public static Version parse(String s) {
            return switch (s) {
                case "1.3", "1" -> V1_3;
                case "2.0", "2" -> V2_0;
                default -> throw new IllegalArgumentException("unknown ACES version '" + s + "' (1.3, 2.0)");
            };
        }
    }

    /** Display targets: encoding primaries, limiting primaries, peak and encoding. */
    public enum Target {
        REC709_100("rec709-100", Gamut.REC709, Gamut.REC709, 100, false),
        SRGB_100("srgb-100", Gamut.REC709, Gamut.REC709, 100, false),
        PQ1000_P3D65_LIMITED("pq1000-p3d65lim", Gamut.REC2020, Gamut.P3D65, 1000, true),
        PQ1000_REC2020_LIMITED("pq1000-rec2020lim", Gamut.REC2020, Gamut.REC2020, 1000, true);

        private final String cliName;
        private final Gamut encoding;
        private final Gamut limiting;
        private final double peak;
        private final boolean pq;

        Target(String cliName, Gamut encoding, Gamut limiting, double peak, boolean pq) {
            this.cliName = cliName;
            this.encoding = encoding;
            this.limiting = limiting;
            this.peak = peak;
            this.pq = pq;
        }

        public String cliName() {
            return cliName;
        }

        public Gamut encoding() {
            return encoding;
        }

        public Gamut limiting() {
            return limiting;
        }

        public double peak() {
            return peak;
        }

        public boolean pq() {
            return pq;
        }

        public static Target parse(String s) {
            for (Target t : values()) {
                if (t.cliName.equals(s.toLowerCase(Locale.ROOT))) {
                    return t;
                }
            }
            throw new IllegalArgumentException("unknown ACES output '" + s
                    + "' (rec709-100, srgb-100, pq1000-p3d65lim, pq1000-rec2020lim)");
        }
    }

    public static List<ColourOp> ops(Version v, Target t) {
        return v == Version.V1_3 ? aces13(t) : Aces2Op.outputTransform(t);
    }

    /** The ACES 1.3 RRT + ODT for {@code t}. */
    public static List<ColourOp> aces13(Target t) {
        List<ColourOp> ops = new ArrayList<>();
        ops.add(new AcesOps.RrtSweetener());
        ops.add(RangeOp.clamp(0, Double.POSITIVE_INFINITY));
        ops.add(MatrixOp.of(Gamut.AP0.to(Gamut.AP1), "AP0 to AP1"));
        ops.add(RangeOp.clamp(0, 65504));
        ops.add(MatrixOp.of(satMatrix(0.96), "RRT saturation 0.96"));
        if (!t.pq) {
            ops.add(new AcesOps.ToneScale(List.of(AcesOps.Spline.RRT, AcesOps.Spline.ODT_48), "RRT + ODT 48 nits"));
            // ACESlib.ODT_Common Y_2_linCV with CINEMA_WHITE 48, CINEMA_BLACK 0.02.
            double white = 48, black = 0.02;
            ops.add(new RangeOp(1 / (white - black), -black / (white - black), Double.NEGATIVE_INFINITY,
                    Double.POSITIVE_INFINITY));
            ops.add(new AcesOps.DarkToDim(0.9811));
            ops.add(MatrixOp.of(satMatrix(0.93), "ODT saturation 0.93"));
            ops.add(MatrixOp.of(Gamut.AP1.to(t.encoding), "AP1 to display (Bradford D60 to D65)"));
            ops.add(RangeOp.clamp(0, 1));
            ops.add(TransferOp.of(t == Target.SRGB_100 ? TransferOp.Curve.SRGB : TransferOp.Curve.BT1886, true));
        } else {
            double yMin = 0.0001, yMid = 15, yMax = t.peak;
            // The SSTS in OpenColorIO's form (a quadratic fit through its knots with its slopes), as the
            // references are made; see QuadraticFit for why the form matters.
            ops.add(new AcesOps.ToneScale(List.of(QuadraticFit.throughKnotsOf(AcesOps.Spline.ssts(yMin, yMid, yMax))),
                    "SSTS " + yMax + " nits (fit through its knots)"));
            ops.add(new RangeOp(1 / (yMax - yMin), -yMin / (yMax - yMin), Double.NEGATIVE_INFINITY,
                    Double.POSITIVE_INFINITY));
            // ACESlib.OutputTransforms limit_to_primaries: clamp in the limiting RGB without adaptation.
            ops.add(MatrixOp.of(Gamut.AP1.toWithoutAdaptation(t.limiting), "AP1 to limiting primaries"));
            ops.add(RangeOp.clamp(0, 1));
            Matrix3 toDisplay = t.encoding.fromXyz()
                    .times(Gamut.WhitePoint.bradford(Gamut.WhitePoint.ACES, Gamut.WhitePoint.D65))
                    .times(t.limiting.toXyz());
            ops.add(MatrixOp.of(toDisplay, "limiting primaries to display (Bradford D60 to D65)"));
            // Stretch black: linear code value × peak, then the PQ inverse EOTF.
            ops.add(new RangeOp(yMax, 0, 0, Double.POSITIVE_INFINITY));
            ops.add(TransferOp.of(TransferOp.Curve.PQ, true));
        }
        return ops;
    }

    /** ACESlib.Utilities_Color calc_sat_adjust_matrix with AP1 luminance weights. */
    static Matrix3 satMatrix(double sat) {
        Matrix3 npm = Gamut.AP1.toXyz();
        double[] w = {npm.get(1, 0), npm.get(1, 1), npm.get(1, 2)};
        double[] m = new double[9];
        for (int r = 0; r < 3; r++) {
            for (int c = 0; c < 3; c++) {
                m[r * 3 + c] = (1 - sat) * w[c] + (r == c ? sat : 0);
            }
        }
        return Matrix3.of(m);
    }
}
