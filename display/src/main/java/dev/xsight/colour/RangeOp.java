package dev.xsight.colour;

/**
 * {@code out = clamp(in · scale + offset, lo, hi)} per channel; a clamp when scale is 1 and offset 0. The CLF
 * Range node and the clamps of the ACES output transforms. Infinite bounds mean "no clamp on that side".
 */
public record RangeOp(double scale, double offset, double lo, double hi) implements ColourOp {

    public static RangeOp clamp(double lo, double hi) {
        return new RangeOp(1, 0, lo, hi);
    }

    @Override
    public void apply(double[] p, int i) {
        for (int k = i; k < i + 3; k++) {
            double v = p[k] * scale + offset;
            p[k] = v < lo ? lo : (v > hi ? hi : v);
        }
    }

    @Override
    public void emitGlsl(GlslBuilder out, String name) {
        out.append("vec3 " + name + "(vec3 c) { return clamp(c * " + GlslBuilder.lit(scale) + " + "
                + GlslBuilder.lit(offset) + ", " + GlslBuilder.lit(lo) + ", " + GlslBuilder.lit(hi) + "); }\n");
    }

    @Override
    public String describe() {
        return "range x" + scale + " +" + offset + " [" + lo + ", " + hi + "]";
    }
}
