package dev.xsight.colour;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Collects the GLSL text and lookup textures of a compiled pipeline. Not thread-safe: one builder per
 * compilation.
 */
public final class GlslBuilder {
    private final StringBuilder text = new StringBuilder();
    private final List<LutTexture> textures = new ArrayList<>();

    /** Appends source text. */
    public GlslBuilder append(String s) {
        text.append(s);
        return this;
    }

    /** Declares a float texture {@code uniform} the generated code samples with {@code texelFetch}. */
    public void declare(LutTexture t) {
        textures.add(t);
        text.append(t.dimensions() == 3 ? "uniform sampler3D " : "uniform sampler2D ").append(t.uniform())
                .append(";\n");
    }

    public String text() {
        return text.toString();
    }

    public List<LutTexture> textures() {
        return List.copyOf(textures);
    }

    /** A GLSL float literal for {@code v} (finite values only). */
    public static String lit(double v) {
        if (Double.isNaN(v)) {
            throw new IllegalArgumentException("NaN constant in a shader");
        }
        if (Double.isInfinite(v)) {
            return v > 0 ? "3.4028235e38" : "(-3.4028235e38)";
        }
        String s = String.format(Locale.ROOT, "%.10e", v);
        return v < 0 ? "(" + s + ")" : s;
    }

    /** {@code mat3(...)} for a row-major matrix (GLSL constructors take columns). */
    public static String mat3(Matrix3 m) {
        StringBuilder b = new StringBuilder("mat3(");
        for (int col = 0; col < 3; col++) {
            for (int row = 0; row < 3; row++) {
                b.append(lit(m.get(row, col)));
                if (col != 2 || row != 2) {
                    b.append(", ");
                }
            }
        }
        return b.append(')').toString();
    }

    public static String vec3(double a, double b, double c) {
        return "vec3(" + lit(a) + ", " + lit(b) + ", " + lit(c) + ")";
    }

    public static String vec3(double[] v) {
        return vec3(v[0], v[1], v[2]);
    }

    /**
     * A lookup table for the shader: RGB float texels, {@code dimensions} 3 for a cube of {@code width}³
     * (red fastest), 2 for a 1D table wrapped into rows of {@code width}.
     */
    public record LutTexture(String uniform, int dimensions, int width, int height, int depth, float[] rgb) {
    }
}
