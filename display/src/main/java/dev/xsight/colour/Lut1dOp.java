package dev.xsight.colour;

import static dev.xsight.colour.GlslBuilder.vec3;

/**
 * A 1D LUT of {@code size} RGB entries with linear interpolation. Inputs are clamped to the domain
 * [{@code domainMin}, {@code domainMax}] per channel before the lookup (as OpenColorIO does), then mapped
 * linearly onto the table.
 */
public record Lut1dOp(int size, float[] table, double[] domainMin, double[] domainMax, String label) implements ColourOp {

    /** The largest 1D table accepted (entries per channel). */
    public static final int MAX_SIZE = 1 << 20;
    private static final int ROW = 4096;

    public Lut1dOp {
        if (size < 2 || size > MAX_SIZE) {
            throw new IllegalArgumentException("1D LUT size must be 2.." + MAX_SIZE + ", got " + size);
        }
        if (table.length != size * 3) {
            throw new IllegalArgumentException("1D LUT needs " + size * 3 + " values, got " + table.length);
        }
        Lut1dOp.checkFinite(table, "1D LUT");
        domainMin = domainMin.clone();
        domainMax = domainMax.clone();
        for (int k = 0; k < 3; k++) {
            if (!(domainMax[k] > domainMin[k]) || !Double.isFinite(domainMax[k] - domainMin[k])) {
                throw new IllegalArgumentException("1D LUT domain max must exceed min (by a finite span)");
            }
        }
    }

    /**
     * Refuses a table with a value that is not a finite float (a file's number beyond the float range becomes
     * infinite, and interpolating it gives NaN).
     */
    static void checkFinite(float[] table, String what) {
        for (int i = 0; i < table.length; i++) {
            if (!Float.isFinite(table[i])) {
                throw new IllegalArgumentException(what + " value " + (i / 3) + "/" + "RGB".charAt(i % 3)
                        + " is not a finite 32-bit float: " + table[i]);
            }
        }
    }

    @Override
    public void apply(double[] p, int i) {
        int last = size - 1;
        for (int k = 0; k < 3; k++) {
            double v = p[i + k];
            double x = (v - domainMin[k]) / (domainMax[k] - domainMin[k]);
            x = x > 0 ? (x < 1 ? x : 1) : 0; // NaN → 0
            double f = x * last;
            int i0 = (int) f;
            if (i0 >= last) {
                i0 = last - 1;
            }
            double t = f - i0;
            double a = table[i0 * 3 + k], b = table[(i0 + 1) * 3 + k];
            p[i + k] = a + (b - a) * t;
        }
    }

    @Override
    public void emitGlsl(GlslBuilder out, String name) {
        String tex = name + "_lut";
        int w = Math.min(size, ROW);
        int h = (size + w - 1) / w;
        float[] rgb = new float[w * h * 3];
        System.arraycopy(table, 0, rgb, 0, table.length);
        out.declare(new GlslBuilder.LutTexture(tex, 2, w, h, 1, rgb));
        out.append("float " + name + "_at(int i, int k) { return texelFetch(" + tex + ", ivec2(i % " + w + ", i / " + w
                + "), 0)[k]; }\n");
        out.append("vec3 " + name + "(vec3 c) {\n  vec3 x = clamp((c - " + vec3(domainMin) + ") / (" + vec3(domainMax)
                + " - " + vec3(domainMin) + "), 0.0, 1.0) * " + (size - 1) + ".0;\n"
                + "  vec3 r;\n  for (int k = 0; k < 3; k++) {\n"
                + "    int i0 = min(int(x[k]), " + (size - 2) + ");\n    float t = x[k] - float(i0);\n"
                + "    float a = " + name + "_at(i0, k); float b = " + name + "_at(i0 + 1, k);\n"
                + "    r[k] = a + (b - a) * t;\n  }\n  return r;\n}\n");
    }

    @Override
    public String describe() {
        return "lut1d " + size + " " + label;
    }
}
