package dev.xsight.colour;

import static dev.xsight.colour.GlslBuilder.lit;

/**
 * The CLF Exponent node (CLF v3 §3.2.11): basic power (clamping negatives to 0), mirror (odd extension) or pass-thru
 * (negatives unchanged), and the "monCurve" power with a linear toe (IEC 61966-2-1 style) — forward or reverse.
 * Parameters are per channel.
 */
public record ExponentOp(Style style, boolean reverse, double[] exponent, double[] offset) implements ColourOp {

    /** Negative-value handling and curve family. */
    public enum Style { BASIC, BASIC_MIRROR, BASIC_PASS_THRU, MONCURVE, MONCURVE_MIRROR }

    public ExponentOp {
        exponent = exponent.clone();
        offset = offset == null ? new double[3] : offset.clone();
        for (int k = 0; k < 3; k++) {
            if (!(exponent[k] > 0) || !Double.isFinite(exponent[k])) {
                throw new IllegalArgumentException("exponent must be positive: " + exponent[k]);
            }
            if ((style == Style.MONCURVE || style == Style.MONCURVE_MIRROR) && (exponent[k] < 1 || !(offset[k] > 0))) {
                throw new IllegalArgumentException("monCurve needs exponent >= 1 and offset > 0");
            }
        }
    }

    @Override
    public void apply(double[] p, int i) {
        for (int k = 0; k < 3; k++) {
            double v = p[i + k];
            double g = exponent[k];
            p[i + k] = switch (style) {
                case BASIC -> Math.pow(Math.max(v, 0), reverse ? 1 / g : g);
                case BASIC_MIRROR -> Math.copySign(Math.pow(Math.abs(v), reverse ? 1 / g : g), v);
                case BASIC_PASS_THRU -> v < 0 ? v : Math.pow(v, reverse ? 1 / g : g);
                case MONCURVE -> reverse ? monRev(v, g, offset[k]) : monFwd(v, g, offset[k]);
                case MONCURVE_MIRROR -> Math.copySign(reverse ? monRev(Math.abs(v), g, offset[k])
                        : monFwd(Math.abs(v), g, offset[k]), v);
            };
        }
    }

    // CLF v3 monCurveFwd: break point and slope chosen for a continuous first derivative.
    static double monFwd(double x, double g, double off) {
        if (g == 1) {
            return (x + off) / (1 + off);
        }
        double xb = off / (g - 1);
        double fs = ((g - 1) / off) * Math.pow(off * g / ((g - 1) * (1 + off)), g);
        return x >= xb ? Math.pow((x + off) / (1 + off), g) : x * fs;
    }

    static double monRev(double y, double g, double off) {
        if (g == 1) {
            return y * (1 + off) - off;
        }
        double yb = Math.pow(off * g / ((g - 1) * (1 + off)), g);
        double rs = Math.pow((g - 1) / off, g - 1) * Math.pow((1 + off) / g, g);
        return y >= yb ? (1 + off) * Math.pow(y, 1 / g) - off : y * rs;
    }

    @Override
    public void emitGlsl(GlslBuilder out, String name) {
        StringBuilder b = new StringBuilder("vec3 " + name + "(vec3 c) {\n  vec3 r;\n");
        for (int k = 0; k < 3; k++) {
            double g = exponent[k];
            String v = "c[" + k + "]";
            String e = lit(reverse ? 1 / g : g);
            String expr = switch (style) {
                case BASIC -> "pow(max(" + v + ", 0.0), " + e + ")";
                case BASIC_MIRROR -> "sign(" + v + ") * pow(abs(" + v + "), " + e + ")";
                case BASIC_PASS_THRU -> v + " < 0.0 ? " + v + " : pow(" + v + ", " + e + ")";
                case MONCURVE -> mon(v, g, offset[k]);
                case MONCURVE_MIRROR -> "sign(" + v + ") * " + mon("abs(" + v + ")", g, offset[k]);
            };
            b.append("  r[").append(k).append("] = ").append(expr).append(";\n");
        }
        out.append(b.append("  return r;\n}\n").toString());
    }

    private String mon(String v, double g, double off) {
        if (g == 1) {
            return reverse ? "(" + v + " * " + lit(1 + off) + " - " + lit(off) + ")"
                    : "((" + v + " + " + lit(off) + ") / " + lit(1 + off) + ")";
        }
        if (reverse) {
            double yb = Math.pow(off * g / ((g - 1) * (1 + off)), g);
            double rs = Math.pow((g - 1) / off, g - 1) * Math.pow((1 + off) / g, g);
            return "(" + v + " >= " + lit(yb) + " ? " + lit(1 + off) + " * pow(" + v + ", " + lit(1 / g) + ") - "
                    + lit(off) + " : " + v + " * " + lit(rs) + ")";
        }
        double xb = off / (g - 1);
        double fs = ((g - 1) / off) * Math.pow(off * g / ((g - 1) * (1 + off)), g);
        return "(" + v + " >= " + lit(xb) + " ? pow((" + v + " + " + lit(off) + ") / " + lit(1 + off) + ", " + lit(g)
                + ") : " + v + " * " + lit(fs) + ")";
    }

    @Override
    public String describe() {
        return "exponent " + style + (reverse ? " reverse" : "");
    }
}
