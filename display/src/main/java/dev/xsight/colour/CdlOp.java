package dev.xsight.colour;

import static dev.xsight.colour.GlslBuilder.lit;
import static dev.xsight.colour.GlslBuilder.vec3;

/**
 * ASC CDL v1.2: slope, offset, power per channel, then saturation with Rec.709 luma weights.
 * {@link Style#ASC} clamps to [0, 1] before the power and after saturation (ASC CDL v1.2 §4); {@link Style#NO_CLAMP}
 * passes negative values through the power unchanged and never clamps. {@code inverse} undoes the grade (CLF
 * {@code Rev} styles).
 */
public record CdlOp(Cdl cdl, Style style, boolean inverse) implements ColourOp {

    /** Clamping behaviour. */
    public enum Style { ASC, NO_CLAMP }

    // ASC CDL v1.2 §3.3: luma weights are those of Rec.709.
    static final double LR = 0.2126, LG = 0.7152, LB = 0.0722;

    @Override
    public void apply(double[] p, int i) {
        boolean clamp = style == Style.ASC;
        double[] s = cdl.slope(), o = cdl.offset(), pw = cdl.power();
        if (!inverse) {
            for (int k = 0; k < 3; k++) {
                double v = p[i + k] * s[k] + o[k];
                if (clamp) {
                    v = clamp01(v);
                }
                p[i + k] = v < 0 ? v : Math.pow(v, pw[k]);
            }
            saturate(p, i, cdl.saturation(), clamp);
        } else {
            if (clamp) {
                for (int k = 0; k < 3; k++) {
                    p[i + k] = clamp01(p[i + k]);
                }
            }
            saturate(p, i, 1 / cdl.saturation(), clamp);
            for (int k = 0; k < 3; k++) {
                double v = p[i + k];
                v = v < 0 ? v : Math.pow(v, 1 / pw[k]);
                v = (v - o[k]) / s[k];
                p[i + k] = clamp ? clamp01(v) : v;
            }
        }
    }

    private static void saturate(double[] p, int i, double sat, boolean clamp) {
        double luma = LR * p[i] + LG * p[i + 1] + LB * p[i + 2];
        for (int k = 0; k < 3; k++) {
            double v = luma + sat * (p[i + k] - luma);
            p[i + k] = clamp ? clamp01(v) : v;
        }
    }

    private static double clamp01(double v) {
        return v < 0 ? 0 : (v > 1 ? 1 : v);
    }

    @Override
    public void emitGlsl(GlslBuilder out, String name) {
        boolean clamp = style == Style.ASC;
        String c01 = clamp ? "clamp(%s, 0.0, 1.0)" : "%s";
        String luma = "vec3(" + lit(LR) + ", " + lit(LG) + ", " + lit(LB) + ")";
        StringBuilder b = new StringBuilder("vec3 " + name + "(vec3 c) {\n");
        if (!inverse) {
            b.append("  vec3 v = ").append(c01.formatted("c * " + vec3(cdl.slope()) + " + " + vec3(cdl.offset())))
                    .append(";\n");
            b.append("  v = mix(pow(max(v, 0.0), ").append(vec3(cdl.power())).append("), v, lessThan(v, vec3(0.0)));\n");
            b.append("  float l = dot(v, ").append(luma).append(");\n");
            b.append("  return ").append(c01.formatted("l + " + lit(cdl.saturation()) + " * (v - l)")).append(";\n}\n");
        } else {
            double[] inv = {1 / cdl.power()[0], 1 / cdl.power()[1], 1 / cdl.power()[2]};
            b.append("  vec3 v = ").append(c01.formatted("c")).append(";\n");
            b.append("  float l = dot(v, ").append(luma).append(");\n");
            b.append("  v = ").append(c01.formatted("l + " + lit(1 / cdl.saturation()) + " * (v - l)")).append(";\n");
            b.append("  v = mix(pow(max(v, 0.0), ").append(vec3(inv)).append("), v, lessThan(v, vec3(0.0)));\n");
            b.append("  return ").append(c01.formatted("(v - " + vec3(cdl.offset()) + ") / " + vec3(cdl.slope())))
                    .append(";\n}\n");
        }
        out.append(b.toString());
    }

    @Override
    public String describe() {
        return "cdl " + cdl + " " + style + (inverse ? " inverse" : "");
    }
}
