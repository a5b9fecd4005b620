package dev.xsight.gl;

import dev.xsight.colour.ColourOp;
import dev.xsight.colour.ColourProgram;
import dev.xsight.colour.MatrixOp;
import dev.xsight.colour.RangeOp;
import dev.xsight.colour.TransferOp;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * The op list a shader runs for a colour program: the same ops, with steps that cancel out folded away before
 * the GLSL is generated — what OpenColorIO's optimised processors do. A display whose transfer and primaries match
 * the source's (Rec.709 BT.1886 from a BT.709 signal) compiles to "decode to linear, identity gamut, clamp, encode
 * again"; per pixel that is six {@code pow} for a result that is the clamped input. Folded:
 * <ul>
 *   <li>a matrix within {@value #IDENTITY_TOLERANCE} of the identity, with no offset, is dropped;</li>
 *   <li>a per-channel transfer, a clamp {@code [lo, hi]} and the same transfer inverted become one clamp
 *       {@code [T⁻¹(lo), T⁻¹(hi)]} (T is monotonic, so clamping before or after it is the same).</li>
 * </ul>
 * A fold is kept only when the CPU reference of the original and the folded ops agree within
 * {@value #CHECK_TOLERANCE} over a grid that spans below black to above white, channel by channel; otherwise the
 * ops stay as they are. The CPU reference ({@link ColourProgram#apply}) always runs the full list, so the tests that
 * hold the GPU to the CPU hold the fold too. Pure function; any thread.
 */
final class FoldedProgram {
    static final double IDENTITY_TOLERANCE = 1e-12;
    static final double CHECK_TOLERANCE = 1e-9;
    /** Curves that act on each channel alone (the HLG system gamma mixes channels through luminance). */
    private static final Set<TransferOp.Curve> PER_CHANNEL = EnumSet.of(TransferOp.Curve.BT1886,
            TransferOp.Curve.SRGB, TransferOp.Curve.PQ, TransferOp.Curve.ACESCCT, TransferOp.Curve.ACESCC);

    private FoldedProgram() {
    }

    /** {@code program} with its cancelling steps folded (the program itself when nothing folds). */
    static ColourProgram of(ColourProgram program) {
        List<ColourOp> ops = new ArrayList<>(program.ops().size());
        for (ColourOp op : program.ops()) {
            if (!(op instanceof MatrixOp m && isIdentity(m))) {
                ops.add(op);
            }
        }
        for (int i = 0; i + 2 < ops.size(); i++) {
            if (ops.get(i) instanceof TransferOp t && ops.get(i + 1) instanceof RangeOp r
                    && ops.get(i + 2) instanceof TransferOp u && inverses(t, u) && r.scale() == 1 && r.offset() == 0) {
                RangeOp folded = RangeOp.clamp(edge(u, r.lo()), edge(u, r.hi()));
                if (agrees(ops.subList(i, i + 3), folded)) {
                    ops.subList(i, i + 3).clear();
                    ops.add(i, folded);
                }
            }
        }
        return ops.size() == program.ops().size() ? program : new ColourProgram(ops);
    }

    private static boolean isIdentity(MatrixOp m) {
        for (int r = 0; r < 3; r++) {
            if (m.offset()[r] != 0) {
                return false;
            }
            for (int c = 0; c < 3; c++) {
                if (Math.abs(m.matrix().get(r, c) - (r == c ? 1 : 0)) > IDENTITY_TOLERANCE) {
                    return false;
                }
            }
        }
        return true;
    }

    private static boolean inverses(TransferOp t, TransferOp u) {
        return t.curve() == u.curve() && t.peak() == u.peak() && t.inverse() != u.inverse()
                && PER_CHANNEL.contains(t.curve());
    }

    /** Where the clamp bound {@code v} lands after {@code u}; an infinite bound stays unbounded. */
    private static double edge(TransferOp u, double v) {
        if (Double.isInfinite(v)) {
            return v;
        }
        return u.applyTo(v, v, v)[0];
    }

    private static boolean agrees(List<ColourOp> original, RangeOp folded) {
        ColourProgram before = new ColourProgram(original);
        for (int k = -64; k <= 640; k++) {
            double x = k / 512.0;
            double[] a = before.apply(x, 0.5 - x * 0.25, 1.25 - x);
            double[] b = folded.applyTo(x, 0.5 - x * 0.25, 1.25 - x);
            for (int c = 0; c < 3; c++) {
                if (!(Math.abs(a[c] - b[c]) <= CHECK_TOLERANCE)) {
                    return false;
                }
            }
        }
        return true;
    }
}
