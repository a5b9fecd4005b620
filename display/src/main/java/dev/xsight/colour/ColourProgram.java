package dev.xsight.colour;

import java.util.ArrayList;
import java.util.List;

/**
 * A compiled pipeline: an ordered op list with its two back ends, {@link #apply(double[], int)} (CPU reference,
 * double precision) and {@link #glsl()} (one GLSL function {@code vec3 xs_colour(vec3)} plus lookup textures).
 * Immutable; the CPU path may be called from any number of threads at once.
 */
public record ColourProgram(List<ColourOp> ops) {

    public ColourProgram {
        ops = List.copyOf(ops);
    }

    public static ColourProgram of(ColourOp... ops) {
        return new ColourProgram(List.of(ops));
    }

    /** This program followed by {@code next}. */
    public ColourProgram then(ColourProgram next) {
        List<ColourOp> all = new ArrayList<>(ops);
        all.addAll(next.ops);
        return new ColourProgram(all);
    }

    /** Runs every op on {@code count} RGB triples packed in {@code px}, in place. */
    public void apply(double[] px, int count) {
        if (px.length < count * 3) {
            throw new IllegalArgumentException("buffer holds " + px.length / 3 + " triples, asked for " + count);
        }
        for (ColourOp op : ops) {
            for (int i = 0, n = count * 3; i < n; i += 3) {
                op.apply(px, i);
            }
        }
    }

    /** Runs the program on one triple. */
    public double[] apply(double r, double g, double b) {
        double[] p = {r, g, b};
        apply(p, 1);
        return p;
    }

    /** The generated shader code. */
    public GlslProgram glsl() {
        GlslBuilder b = new GlslBuilder();
        StringBuilder main = new StringBuilder("vec3 xs_colour(vec3 c) {\n");
        for (int i = 0; i < ops.size(); i++) {
            String name = "xs_op" + i;
            ops.get(i).emitGlsl(b, name);
            main.append("  c = ").append(name).append("(c);\n");
        }
        main.append("  return c;\n}\n");
        b.append(main.toString());
        return new GlslProgram(b.text(), b.textures());
    }

    /** GLSL source defining {@code vec3 xs_colour(vec3 c)} and the textures it samples. */
    public record GlslProgram(String source, List<GlslBuilder.LutTexture> textures) {
    }

    public String describe() {
        StringBuilder b = new StringBuilder();
        for (ColourOp op : ops) {
            b.append(op.describe()).append('\n');
        }
        return b.toString();
    }
}
