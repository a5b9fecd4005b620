package dev.xsight.colour;

import static dev.xsight.colour.GlslBuilder.lit;

import java.util.List;

/**
 * The fixed-function stages of the ACES 1.x Reference Rendering Transform and Output Transforms
 * (aces-dev v1.3 {@code ACESlib.RRT_Common}, {@code ACESlib.Tonescales}, {@code ACESlib.SSTS},
 * {@code ACESlib.ODT_Common}). Matrices and clamps between them are ordinary {@link MatrixOp}s and
 * {@link RangeOp}s; see {@link AcesOutput}.
 */
public final class AcesOps {
    private AcesOps() {
    }

    /** Smallest positive half float, the floor of the spline's log10 (ACESlib.Utilities HALF_MIN). */
    static final double HALF_MIN = 5.96046448e-08;

    /**
     * RRT "sweeteners" on ACES2065-1: the glow module (gain 0.05, mid 0.08) and the red modifier (scale 0.82, pivot
     * 0.03, hue 0°, width 135°) of ACESlib.RRT_Common.
     */
    public record RrtSweetener() implements ColourOp {
        static final double GLOW_GAIN = 0.05, GLOW_MID = 0.08, RED_SCALE = 0.82, RED_PIVOT = 0.03, RED_WIDTH = 135;

        @Override
        public void apply(double[] p, int i) {
            double r = p[i], g = p[i + 1], b = p[i + 2];
            double sat = saturation(r, g, b);
            double yc = yc(r, g, b);
            double s = sigmoid((sat - 0.4) / 0.2);
            double added = 1 + glow(yc, GLOW_GAIN * s, GLOW_MID);
            r *= added;
            g *= added;
            b *= added;
            // The red modifier's saturation is taken after the glow, as OpenColorIO's ACES_RED_MOD_10 does (the CTL
            // reuses the pre-glow value; the two differ only below the 0.01 noise floor of the denominator).
            double sat2 = saturation(r, g, b);
            double w = (r == g && g == b) ? 0 : cubicBasis(centeredHue(r, g, b), RED_WIDTH);
            r = r + w * sat2 * (RED_PIVOT - r) * (1 - RED_SCALE);
            p[i] = r;
            p[i + 1] = g;
            p[i + 2] = b;
        }

        static double saturation(double r, double g, double b) {
            double mx = Math.max(r, Math.max(g, b)), mn = Math.min(r, Math.min(g, b));
            return (Math.max(mx, 1e-10) - Math.max(mn, 1e-10)) / Math.max(mx, 1e-2);
        }

        static double yc(double r, double g, double b) {
            double chroma = Math.sqrt(Math.max(0, b * (b - g) + g * (g - r) + r * (r - b)));
            return (b + g + r + 1.75 * chroma) / 3;
        }

        static double sigmoid(double x) {
            double t = Math.max(1 - Math.abs(x / 2), 0);
            double y = 1 + Math.signum(x) * (1 - t * t);
            return y / 2;
        }

        static double glow(double yc, double gain, double mid) {
            if (yc <= 2.0 / 3 * mid) {
                return gain;
            }
            if (yc >= 2 * mid) {
                return 0;
            }
            return gain * (mid / yc - 0.5);
        }

        static double centeredHue(double r, double g, double b) {
            double hue = Math.toDegrees(Math.atan2(Math.sqrt(3) * (g - b), 2 * r - g - b));
            if (hue < 0) {
                hue += 360;
            }
            // RRT_RED_HUE is 0
            if (hue < -180) {
                hue += 360;
            } else if (hue > 180) {
                hue -= 360;
            }
            return hue;
        }

        /** Uniform cubic B-spline bump of full width {@code w} degrees, peak 1 at 0. */
        static double cubicBasis(double x, double w) {
            if (!(x > -w / 2 && x < w / 2)) {
                return 0;
            }
            double kc = (x + w / 2) * 4 / w;
            int j = (int) kc;
            double t = kc - j;
            double t2 = t * t, t3 = t2 * t;
            double y = switch (j) {
                case 3 -> -t3 / 6 + t2 / 2 - t / 2 + 1.0 / 6;
                case 2 -> t3 / 2 - t2 + 4.0 / 6;
                case 1 -> -t3 / 2 + t2 / 2 + t / 2 + 1.0 / 6;
                case 0 -> t3 / 6;
                default -> 0;
            };
            return y * 1.5;
        }

        @Override
        public void emitGlsl(GlslBuilder out, String name) {
            out.append("vec3 " + name + "(vec3 c) {\n"
                    + "  float mx = max(c.r, max(c.g, c.b)); float mn = min(c.r, min(c.g, c.b));\n"
                    + "  float sat = (max(mx, 1e-10) - max(mn, 1e-10)) / max(mx, 1e-2);\n"
                    + "  float chroma = sqrt(max(0.0, c.b * (c.b - c.g) + c.g * (c.g - c.r) + c.r * (c.r - c.b)));\n"
                    + "  float yc = (c.r + c.g + c.b + 1.75 * chroma) / 3.0;\n"
                    + "  float x = (sat - 0.4) / 0.2; float t = max(1.0 - abs(x / 2.0), 0.0);\n"
                    + "  float s = (1.0 + sign(x) * (1.0 - t * t)) / 2.0;\n"
                    + "  float gain = " + lit(GLOW_GAIN) + " * s; float mid = " + lit(GLOW_MID) + ";\n"
                    + "  float glow = yc <= 2.0 / 3.0 * mid ? gain : (yc >= 2.0 * mid ? 0.0 : gain * (mid / yc - 0.5));\n"
                    + "  c *= 1.0 + glow;\n"
                    + "  mx = max(c.r, max(c.g, c.b)); mn = min(c.r, min(c.g, c.b));\n"
                    + "  sat = (max(mx, 1e-10) - max(mn, 1e-10)) / max(mx, 1e-2);\n"
                    + "  float w = 0.0;\n"
                    + "  if (!(c.r == c.g && c.g == c.b)) {\n"
                    + "    float hue = degrees(atan(sqrt(3.0) * (c.g - c.b), 2.0 * c.r - c.g - c.b));\n"
                    + "    if (hue < 0.0) hue += 360.0;\n"
                    + "    if (hue > 180.0) hue -= 360.0;\n"
                    + "    float hw = " + lit(RED_WIDTH) + ";\n"
                    + "    if (hue > -hw / 2.0 && hue < hw / 2.0) {\n"
                    + "      float kc = (hue + hw / 2.0) * 4.0 / hw; int j = int(kc); float u = kc - float(j);\n"
                    + "      float u2 = u * u; float u3 = u2 * u;\n"
                    + "      float y = j == 3 ? -u3 / 6.0 + u2 / 2.0 - u / 2.0 + 1.0 / 6.0 : (j == 2 ? u3 / 2.0 - u2 + 4.0 / 6.0"
                    + " : (j == 1 ? -u3 / 2.0 + u2 / 2.0 + u / 2.0 + 1.0 / 6.0 : (j == 0 ? u3 / 6.0 : 0.0)));\n"
                    + "      w = y * 1.5;\n    }\n  }\n"
                    + "  c.r = c.r + w * sat * (" + lit(RED_PIVOT) + " - c.r) * " + lit(1 - RED_SCALE) + ";\n"
                    + "  return c;\n}\n");
        }

        @Override
        public String describe() {
            return "aces rrt glow + red modifier";
        }
    }

    /** A per-channel tone curve with a CPU evaluation and a GLSL function {@code float name(float x)}. */
    public sealed interface ToneCurve permits Spline, QuadraticFit {
        double eval(double x);

        void emitGlsl(GlslBuilder out, String name);
    }

    /**
     * A quadratic B-spline in log10–log10 space with linear extensions (ACESlib.Tonescales segmented_spline_c5/c9
     * and ACESlib.SSTS): {@code nKnots = coefs.length - 2} per half.
     */
    public static final class Spline implements ToneCurve {
        private final double[] coefsLow;
        private final double[] coefsHigh;
        private final double minX, minY, midX, midY, maxX, maxY, slopeLow, slopeHigh;
        // log10 of the knots, precomputed: eval runs per channel per pixel.
        private final double lminx, lmidx, lmaxx, lowIntercept, highIntercept;

        public Spline(double[] coefsLow, double[] coefsHigh, double minX, double minY, double midX, double midY,
                double maxX, double maxY, double slopeLow, double slopeHigh) {
            this.coefsLow = coefsLow.clone();
            this.coefsHigh = coefsHigh.clone();
            this.minX = minX;
            this.minY = minY;
            this.midX = midX;
            this.midY = midY;
            this.maxX = maxX;
            this.maxY = maxY;
            this.slopeLow = slopeLow;
            this.slopeHigh = slopeHigh;
            lminx = Math.log10(minX);
            lmidx = Math.log10(midX);
            lmaxx = Math.log10(maxX);
            lowIntercept = Math.log10(minY) - slopeLow * lminx;
            highIntercept = Math.log10(maxY) - slopeHigh * lmaxx;
        }

        @Override
        public double eval(double x) {
            double logx = Math.log10(Math.max(x, HALF_MIN));
            double logy;
            if (logx <= lminx) {
                logy = logx * slopeLow + lowIntercept;
            } else if (logx < lmidx) {
                logy = segment(coefsLow, (coefsLow.length - 3) * (logx - lminx) / (lmidx - lminx));
            } else if (logx < lmaxx) {
                logy = segment(coefsHigh, (coefsHigh.length - 3) * (logx - lmidx) / (lmaxx - lmidx));
            } else {
                logy = logx * slopeHigh + highIntercept;
            }
            return Math.pow(10, logy);
        }

        private static double segment(double[] cf, double knot) {
            int j = (int) knot;
            double t = knot - j;
            double c0 = cf[j], c1 = cf[j + 1], c2 = cf[j + 2];
            double a = 0.5 * c0 - c1 + 0.5 * c2, b = c1 - c0, c = 0.5 * (c0 + c1);
            return (a * t + b) * t + c;
        }

        /** The inverse (ACESlib segmented_spline_*_rev / inv_ssts). */
        public double inverse(double y) {
            double logy = Math.log10(Math.max(y, 1e-10));
            if (logy <= Math.log10(minY)) {
                return minX;
            }
            if (logy <= Math.log10(midY)) {
                return Math.pow(10, Math.log10(minX) + invSegment(coefsLow, logy)
                        * (Math.log10(midX) - Math.log10(minX)) / (coefsLow.length - 3));
            }
            if (logy < Math.log10(maxY)) {
                return Math.pow(10, Math.log10(midX) + invSegment(coefsHigh, logy)
                        * (Math.log10(maxX) - Math.log10(midX)) / (coefsHigh.length - 3));
            }
            return maxX;
        }

        private static double invSegment(double[] cf, double logy) {
            int n = cf.length - 3;
            for (int j = 0; j < n; j++) {
                double lo = (cf[j] + cf[j + 1]) / 2, hi = (cf[j + 1] + cf[j + 2]) / 2;
                if ((logy > lo || j == 0 && logy >= lo) && logy <= hi) {
                    double c0 = cf[j], c1 = cf[j + 1], c2 = cf[j + 2];
                    double a = 0.5 * c0 - c1 + 0.5 * c2, b = c1 - c0, c = 0.5 * (c0 + c1) - logy;
                    double d = Math.sqrt(b * b - 4 * a * c);
                    double t = 2 * c / (-d - b);
                    return t + j;
                }
            }
            return n;
        }

        /**
         * The curve at its knots in log10–log10 space: rows {log10 x, log10 y, dy/dx} from the lowest knot to the
         * highest (the joint of the two halves once). On a knot a quadratic B-spline segment is at the mean of its
         * first two coefficients, with slope (c1 − c0) per knot interval.
         */
        public double[][] knotPoints() {
            int nLow = coefsLow.length - 3, nHigh = coefsHigh.length - 3;
            double[][] out = new double[nLow + nHigh + 1][];
            double kLow = (lmidx - lminx) / nLow, kHigh = (lmaxx - lmidx) / nHigh;
            for (int j = 0; j <= nLow; j++) {
                out[j] = new double[] {lminx + j * kLow, 0.5 * (coefsLow[j] + coefsLow[j + 1]),
                    (coefsLow[j + 1] - coefsLow[j]) / kLow};
            }
            for (int j = 1; j <= nHigh; j++) {
                out[nLow + j] = new double[] {lmidx + j * kHigh, 0.5 * (coefsHigh[j] + coefsHigh[j + 1]),
                    (coefsHigh[j + 1] - coefsHigh[j]) / kHigh};
            }
            return out;
        }

        @Override
        public void emitGlsl(GlslBuilder out, String name) {
            StringBuilder b = new StringBuilder();
            b.append("float ").append(name).append("_seg(float k, int hi) {\n  int j = int(k); float t = k - float(j);\n");
            b.append("  float c0, c1, c2;\n");
            for (int half = 0; half < 2; half++) {
                double[] cf = half == 0 ? coefsLow : coefsHigh;
                b.append(half == 0 ? "  if (hi == 0) {\n" : "  else {\n");
                for (int j = 0; j < cf.length - 2; j++) {
                    b.append("    ").append(j == 0 ? "" : "else ").append("if (j == ").append(j).append(") { c0 = ")
                            .append(lit(cf[j])).append("; c1 = ").append(lit(cf[j + 1])).append("; c2 = ")
                            .append(lit(cf[j + 2])).append("; }\n");
                }
                b.append("  }\n");
            }
            b.append("  return ((0.5 * c0 - c1 + 0.5 * c2) * t + (c1 - c0)) * t + 0.5 * (c0 + c1);\n}\n");
            b.append("float ").append(name).append("(float x) {\n");
            b.append("  float lx = log(max(x, ").append(lit(HALF_MIN)).append(")) / log(10.0);\n  float ly;\n");
            b.append("  if (lx <= ").append(lit(lminx)).append(") ly = lx * ").append(lit(slopeLow)).append(" + ")
                    .append(lit(Math.log10(minY) - slopeLow * lminx)).append(";\n");
            b.append("  else if (lx < ").append(lit(lmidx)).append(") ly = ").append(name).append("_seg(")
                    .append(coefsLow.length - 3).append(".0 * (lx - ").append(lit(lminx)).append(") / ")
                    .append(lit(lmidx - lminx)).append(", 0);\n");
            b.append("  else if (lx < ").append(lit(lmaxx)).append(") ly = ").append(name).append("_seg(")
                    .append(coefsHigh.length - 3).append(".0 * (lx - ").append(lit(lmidx)).append(") / ")
                    .append(lit(lmaxx - lmidx)).append(", 1);\n");
            b.append("  else ly = lx * ").append(lit(slopeHigh)).append(" + ")
                    .append(lit(Math.log10(maxY) - slopeHigh * lmaxx)).append(";\n");
            b.append("  return pow(10.0, ly);\n}\n");
            out.append(b.toString());
        }

        /** The RRT tone scale (ACESlib.Tonescales RRT_PARAMS). */
        public static final Spline RRT = new Spline(
                new double[] {-4.0000000000, -4.0000000000, -3.1573765773, -0.4852499958, 1.8477324706, 1.8477324706},
                new double[] {-0.7185482425, 2.0810307172, 3.6681241237, 4.0000000000, 4.0000000000, 4.0000000000},
                0.18 * Math.pow(2, -15), 0.0001, 0.18, 4.8, 0.18 * Math.pow(2, 18), 10000, 0, 0);

        /** The 48 cd/m² cinema ODT tone scale (ACESlib.Tonescales ODT_48nits). */
        public static final Spline ODT_48 = new Spline(
                new double[] {-1.6989700043, -1.6989700043, -1.4779000000, -1.2291000000, -0.8648000000, -0.4480000000,
                    0.0051800000, 0.4511080334, 0.9113744414, 0.9113744414},
                new double[] {0.5154386965, 0.8470437783, 1.1358000000, 1.3802000000, 1.5197000000, 1.5985000000,
                    1.6467000000, 1.6746091357, 1.6878733390, 1.6878733390},
                RRT.eval(0.18 * Math.pow(2, -6.5)), 0.02, RRT.eval(0.18), 4.8, RRT.eval(0.18 * Math.pow(2, 6.5)), 48.0,
                0, 0.04);

        /**
         * The single-stage tone scale of the ACES 1.1+ HDR output transforms (ACESlib.SSTS init_TsParams), shifted
         * so that 18% grey lands at {@code yMid} cd/m².
         */
        public static Spline ssts(double yMin, double yMid, double yMax) {
            Spline unshifted = sstsShifted(yMin, yMax, 0);
            double expShift = log2(unshifted.inverse(yMid)) - log2(0.18);
            return sstsShifted(yMin, yMax, expShift);
        }

        private static Spline sstsShifted(double yMin, double yMax, double expShift) {
            double minX = 0.18 * Math.pow(2, interp(Math.log10(0.0001), -15, Math.log10(0.02), -6.5, Math.log10(yMin)));
            double maxX = 0.18 * Math.pow(2, interp(Math.log10(48), 6.5, Math.log10(10000), 18, Math.log10(yMax)));
            double midX = 0.18, midY = 4.8, midSlope = 1.55;
            double kLow = (Math.log10(midX) - Math.log10(minX)) / 3;
            double[] lo = new double[6];
            lo[0] = Math.log10(yMin);
            lo[1] = Math.log10(yMin);
            lo[3] = midSlope * (Math.log10(midX) - 0.5 * kLow) + (Math.log10(midY) - midSlope * Math.log10(midX));
            lo[4] = midSlope * (Math.log10(midX) + 0.5 * kLow) + (Math.log10(midY) - midSlope * Math.log10(midX));
            double pctLow = interp(-15, 0.18, -6.5, 0.35, log2(minX / 0.18));
            lo[2] = Math.log10(yMin) + pctLow * (Math.log10(midY) - Math.log10(yMin));
            lo[5] = lo[4];
            double kHigh = (Math.log10(maxX) - Math.log10(midX)) / 3;
            double[] hi = new double[6];
            hi[0] = midSlope * (Math.log10(midX) - 0.5 * kHigh) + (Math.log10(midY) - midSlope * Math.log10(midX));
            hi[1] = midSlope * (Math.log10(midX) + 0.5 * kHigh) + (Math.log10(midY) - midSlope * Math.log10(midX));
            hi[3] = Math.log10(yMax);
            hi[4] = Math.log10(yMax);
            double pctHigh = interp(6.5, 0.89, 18, 0.90, log2(maxX / 0.18));
            hi[2] = Math.log10(midY) + pctHigh * (Math.log10(yMax) - Math.log10(midY));
            hi[5] = hi[4];
            return new Spline(lo, hi, shift(minX, expShift), yMin, shift(midX, expShift), midY, shift(maxX, expShift),
                    yMax, 0, 0);
        }

        private static double shift(double x, double e) {
            return Math.pow(2, log2(x) - e);
        }

        private static double log2(double x) {
            return Math.log(x) / Math.log(2);
        }

        /** ACESlib.Utilities interpolate1D on a two-row table: linear, clamped at the ends. */
        private static double interp(double x0, double y0, double x1, double y1, double x) {
            if (x <= x0) {
                return y0;
            }
            if (x >= x1) {
                return y1;
            }
            return y0 + (y1 - y0) * (x - x0) / (x1 - x0);
        }
    }

    /** Per-channel tone scale: the splines applied in order (RRT then ODT for SDR; the SSTS alone for HDR). */
    public record ToneScale(List<? extends ToneCurve> splines, String label) implements ColourOp {
        public ToneScale {
            splines = List.copyOf(splines);
        }

        @Override
        public void apply(double[] p, int i) {
            for (int k = i; k < i + 3; k++) {
                double v = p[k];
                for (ToneCurve s : splines) {
                    v = s.eval(v);
                }
                p[k] = v;
            }
        }

        @Override
        public void emitGlsl(GlslBuilder out, String name) {
            StringBuilder call = new StringBuilder("x");
            for (int s = 0; s < splines.size(); s++) {
                splines.get(s).emitGlsl(out, name + "_s" + s);
                call.insert(0, name + "_s" + s + "(").append(")");
            }
            out.append("float " + name + "_1(float x) { return " + call + "; }\n");
            out.append("vec3 " + name + "(vec3 c) { return vec3(" + name + "_1(c.r), " + name + "_1(c.g), " + name
                    + "_1(c.b)); }\n");
        }

        @Override
        public String describe() {
            return "aces tone scale " + label;
        }
    }

    /**
     * Cinema (dark) to video (dim) surround compensation on AP1 linear code values: luminance to the power 0.9811
     * with chromaticity kept (ACESlib.ODT_Common darkSurround_to_dimSurround).
     */
    public record DarkToDim(double gamma) implements ColourOp {
        static final double[] AP1_Y = {Gamut.AP1.toXyz().get(1, 0), Gamut.AP1.toXyz().get(1, 1), Gamut.AP1.toXyz().get(1, 2)};

        @Override
        public void apply(double[] p, int i) {
            double y = Math.max(1e-10, AP1_Y[0] * p[i] + AP1_Y[1] * p[i + 1] + AP1_Y[2] * p[i + 2]);
            double k = Math.pow(y, gamma - 1);
            p[i] *= k;
            p[i + 1] *= k;
            p[i + 2] *= k;
        }

        @Override
        public void emitGlsl(GlslBuilder out, String name) {
            out.append("vec3 " + name + "(vec3 c) { float y = max(1e-10, dot(c, " + GlslBuilder.vec3(AP1_Y)
                    + ")); return c * pow(y, " + lit(gamma - 1) + "); }\n");
        }

        @Override
        public String describe() {
            return "aces dark to dim " + gamma;
        }
    }
}
