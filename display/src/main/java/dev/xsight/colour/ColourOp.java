package dev.xsight.colour;

/**
 * One step of a compiled colour pipeline, described once and run by two back ends: {@link #apply} is the CPU
 * reference (double precision) and {@link #emitGlsl} writes a GLSL function computing the same thing from the
 * same constants. Ops are immutable and safe to share between threads.
 */
public sealed interface ColourOp permits MatrixOp, RangeOp, TransferOp, CdlOp, Lut1dOp, Lut3dOp, LogOp,
        ExponentOp, AcesOps.RrtSweetener, AcesOps.ToneScale, AcesOps.DarkToDim {

    /** Transforms the triple at {@code px[i]}, {@code px[i+1]}, {@code px[i+2]} in place. */
    void apply(double[] px, int i);

    /**
     * Appends to {@code out} a GLSL function {@code vec3 <name>(vec3 c)} computing this op (and declares any
     * lookup textures it needs).
     */
    void emitGlsl(GlslBuilder out, String name);

    /** A short description for logs and the CLI. */
    String describe();

    /** Convenience: applies the op to one triple and returns a new array. */
    default double[] applyTo(double r, double g, double b) {
        double[] p = {r, g, b};
        apply(p, 0);
        return p;
    }
}
