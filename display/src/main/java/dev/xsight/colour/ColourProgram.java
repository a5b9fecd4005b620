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

    /** Pixels per block: every op runs over one cache-sized block before the next block starts. */
    private static final int BLOCK = 2048;

    /** Runs every op on {@code count} RGB triples packed in {@code px}, in place. */
    public void apply(double[] px, int count) {
        applyRange(px, 0, count);
    }

    /** Runs every op on triples {@code from} (inclusive) to {@code to} (exclusive) of {@code px}, in place. */
    public void applyRange(double[] px, int from, int to) {
        if (from < 0 || to < from || px.length < to * 3) {
            throw new IllegalArgumentException("buffer holds " + px.length / 3 + " triples, asked for " + from + ".." + to);
        }
        for (int start = from; start < to; start += BLOCK) {
            int end = Math.min(to, start + BLOCK) * 3;
            for (ColourOp op : ops) {
                for (int i = start * 3; i < end; i += 3) {
                    op.apply(px, i);
                }
            }
        }
    }

    /** As {@link #apply(double[], int)}, spread over the common fork-join pool in blocks (ops are thread-safe). */
    public void applyParallel(double[] px, int count) {
        if (px.length < count * 3) {
            throw new IllegalArgumentException("buffer holds " + px.length / 3 + " triples, asked for " + count);
        }
        int blocks = (count + BLOCK - 1) / BLOCK;
        java.util.stream.IntStream.range(0, blocks).parallel()
                .forEach(b -> applyRange(px, b * BLOCK, Math.min(count, (b + 1) * BLOCK)));
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
