package dev.xsight.colour;

import static dev.xsight.colour.GlslBuilder.vec3;

/**
 * A 3D LUT of {@code size}³ RGB entries, red index fastest (the {@code .cube} order), applied with trilinear or
 * tetrahedral interpolation. Inputs are clamped to the domain first. The shader fetches texels and interpolates
 * in float arithmetic (no hardware filtering, whose 8-bit weights are too coarse for 10-bit output).
 */
public record Lut3dOp(int size, float[] table, double[] domainMin, double[] domainMax, Interpolation interpolation,
        String label) implements ColourOp {

    /** The largest edge accepted; 256³ entries = 200 MB of floats is already far more than any real LUT. */
    public static final int MAX_SIZE = 256;

    /** Interpolation between lattice points. */
    public enum Interpolation { TRILINEAR, TETRAHEDRAL }

    public Lut3dOp {
        if (size < 2 || size > MAX_SIZE) {
            throw new IllegalArgumentException("3D LUT size must be 2.." + MAX_SIZE + ", got " + size);
        }
        if (table.length != size * size * size * 3) {
            throw new IllegalArgumentException("3D LUT needs " + size * size * size * 3 + " values, got " + table.length);
        }
        Lut1dOp.checkFinite(table, "3D LUT");
        domainMin = domainMin.clone();
        domainMax = domainMax.clone();
        for (int k = 0; k < 3; k++) {
            if (!(domainMax[k] > domainMin[k]) || !Double.isFinite(domainMax[k] - domainMin[k])) {
                throw new IllegalArgumentException("3D LUT domain max must exceed min (by a finite span)");
            }
        }
    }

    public Lut3dOp withInterpolation(Interpolation i) {
        return new Lut3dOp(size, table, domainMin, domainMax, i, label);
    }

    @Override
    public void apply(double[] p, int i) {
        int last = size - 1;
        double fr = coord(p[i], 0) * last, fg = coord(p[i + 1], 1) * last, fb = coord(p[i + 2], 2) * last;
        int r0 = Math.min((int) fr, last - 1), g0 = Math.min((int) fg, last - 1), b0 = Math.min((int) fb, last - 1);
        double dr = fr - r0, dg = fg - g0, db = fb - b0;
        int n = size, n2 = size * size;
        int base = r0 + n * g0 + n2 * b0;
        int c000 = base * 3;
        int c100 = (base + 1) * 3;
        int c010 = (base + n) * 3;
        int c110 = (base + 1 + n) * 3;
        int c001 = (base + n2) * 3;
        int c101 = (base + 1 + n2) * 3;
        int c011 = (base + n + n2) * 3;
        int c111 = (base + 1 + n + n2) * 3;
        float[] t = table;
        for (int k = 0; k < 3; k++) {
            double v;
            if (interpolation == Interpolation.TETRAHEDRAL) {
                // Kasson et al. 1995: pick one of six tetrahedra by the order of the fractions.
                double v000 = t[c000 + k], v111 = t[c111 + k];
                if (dr > dg) {
                    if (dg > db) {
                        v = (1 - dr) * v000 + (dr - dg) * t[c100 + k] + (dg - db) * t[c110 + k] + db * v111;
                    } else if (dr > db) {
                        v = (1 - dr) * v000 + (dr - db) * t[c100 + k] + (db - dg) * t[c101 + k] + dg * v111;
                    } else {
                        v = (1 - db) * v000 + (db - dr) * t[c001 + k] + (dr - dg) * t[c101 + k] + dg * v111;
                    }
                } else {
                    if (db > dg) {
                        v = (1 - db) * v000 + (db - dg) * t[c001 + k] + (dg - dr) * t[c011 + k] + dr * v111;
                    } else if (db > dr) {
                        v = (1 - dg) * v000 + (dg - db) * t[c010 + k] + (db - dr) * t[c011 + k] + dr * v111;
                    } else {
                        v = (1 - dg) * v000 + (dg - dr) * t[c010 + k] + (dr - db) * t[c110 + k] + db * v111;
                    }
                }
            } else {
                double x00 = t[c000 + k] + (t[c100 + k] - t[c000 + k]) * dr;
                double x10 = t[c010 + k] + (t[c110 + k] - t[c010 + k]) * dr;
                double x01 = t[c001 + k] + (t[c101 + k] - t[c001 + k]) * dr;
                double x11 = t[c011 + k] + (t[c111 + k] - t[c011 + k]) * dr;
                double y0 = x00 + (x10 - x00) * dg;
                double y1 = x01 + (x11 - x01) * dg;
                v = y0 + (y1 - y0) * db;
            }
            p[i + k] = v;
        }
    }

    private double coord(double v, int k) {
        double x = (v - domainMin[k]) / (domainMax[k] - domainMin[k]);
        return x > 0 ? (x < 1 ? x : 1) : 0;
    }

    @Override
    public void emitGlsl(GlslBuilder out, String name) {
        String tex = name + "_lut";
        out.declare(new GlslBuilder.LutTexture(tex, 3, size, size, size, table.clone()));
        String f = "texelFetch(" + tex + ", ";
        StringBuilder b = new StringBuilder();
        b.append("vec3 ").append(name).append("(vec3 c) {\n");
        b.append("  vec3 x = clamp((c - ").append(vec3(domainMin)).append(") / (").append(vec3(domainMax)).append(" - ")
                .append(vec3(domainMin)).append("), 0.0, 1.0) * ").append(size - 1).append(".0;\n");
        b.append("  ivec3 i0 = min(ivec3(x), ivec3(").append(size - 2).append("));\n  vec3 d = x - vec3(i0);\n");
        b.append("  vec3 v000 = ").append(f).append("i0, 0).rgb; vec3 v111 = ").append(f).append("i0 + ivec3(1,1,1), 0).rgb;\n");
        if (interpolation == Interpolation.TETRAHEDRAL) {
            b.append("  if (d.r > d.g) {\n");
            b.append("    if (d.g > d.b) return (1.0 - d.r) * v000 + (d.r - d.g) * ").append(f).append("i0 + ivec3(1,0,0), 0).rgb + (d.g - d.b) * ")
                    .append(f).append("i0 + ivec3(1,1,0), 0).rgb + d.b * v111;\n");
            b.append("    if (d.r > d.b) return (1.0 - d.r) * v000 + (d.r - d.b) * ").append(f).append("i0 + ivec3(1,0,0), 0).rgb + (d.b - d.g) * ")
                    .append(f).append("i0 + ivec3(1,0,1), 0).rgb + d.g * v111;\n");
            b.append("    return (1.0 - d.b) * v000 + (d.b - d.r) * ").append(f).append("i0 + ivec3(0,0,1), 0).rgb + (d.r - d.g) * ")
                    .append(f).append("i0 + ivec3(1,0,1), 0).rgb + d.g * v111;\n  }\n");
            b.append("  if (d.b > d.g) return (1.0 - d.b) * v000 + (d.b - d.g) * ").append(f).append("i0 + ivec3(0,0,1), 0).rgb + (d.g - d.r) * ")
                    .append(f).append("i0 + ivec3(0,1,1), 0).rgb + d.r * v111;\n");
            b.append("  if (d.b > d.r) return (1.0 - d.g) * v000 + (d.g - d.b) * ").append(f).append("i0 + ivec3(0,1,0), 0).rgb + (d.b - d.r) * ")
                    .append(f).append("i0 + ivec3(0,1,1), 0).rgb + d.r * v111;\n");
            b.append("  return (1.0 - d.g) * v000 + (d.g - d.r) * ").append(f).append("i0 + ivec3(0,1,0), 0).rgb + (d.r - d.b) * ")
                    .append(f).append("i0 + ivec3(1,1,0), 0).rgb + d.b * v111;\n}\n");
        } else {
            b.append("  vec3 x00 = mix(v000, ").append(f).append("i0 + ivec3(1,0,0), 0).rgb, d.r);\n");
            b.append("  vec3 x10 = mix(").append(f).append("i0 + ivec3(0,1,0), 0).rgb, ").append(f).append("i0 + ivec3(1,1,0), 0).rgb, d.r);\n");
            b.append("  vec3 x01 = mix(").append(f).append("i0 + ivec3(0,0,1), 0).rgb, ").append(f).append("i0 + ivec3(1,0,1), 0).rgb, d.r);\n");
            b.append("  vec3 x11 = mix(").append(f).append("i0 + ivec3(0,1,1), 0).rgb, v111, d.r);\n");
            b.append("  return mix(mix(x00, x10, d.g), mix(x01, x11, d.g), d.b);\n}\n");
        }
        out.append(b.toString());
    }

    @Override
    public String describe() {
        return "lut3d " + size + "^3 " + interpolation.name().toLowerCase(java.util.Locale.ROOT) + " " + label;
    }
}
