package dev.xsight.jpegxs;

import dev.xsight.media.Frame;

/**
 * Final reconstruction of rows (ISO/IEC 21122-1 Annex F and G): optional inverse reversible colour transform (RCT),
 * then the output non-linearity (linear, quadratic or extended) with DC level shift, rounding and clipping to the
 * component bit depth, into the planes of a {@link Frame}. Star-Tetrix (Cpih 3) needs neighbouring rows of all four
 * components and runs once over the whole picture. Not thread-safe; one instance per decoder state.
 */
final class OutputStage {
    private final CodestreamInfo info;
    private final Layout layout;
    private final int[][] rowTmp;
    /** Whether the linear output of split rows uses the Vector API kernel. */
    private final boolean simd;

    OutputStage(Layout layout, boolean simd) {
        this.layout = layout;
        this.simd = simd;
        this.info = layout.info;
        int w = layout.comps[0].width;
        int maxW = 0;
        for (Layout.Comp k : layout.comps) {
            maxW = Math.max(maxW, k.width);
        }
        rowTmp = new int[7][maxW + 1];
    }

    /** Writes rows [from, to) of component {@code c} from its transform output. */
    void component(int c, ComponentTransform t, int from, int to, Frame out) {
        short[] plane = out.plane(c);
        int w = layout.comps[c].width;
        int depth = info.bitDepths()[c];
        for (int y = from; y < to; y++) {
            emit(t.even(y), t.odd(y), t.lowCount(), plane, y * w, w, depth);
        }
    }

    /** Writes rows [from, to) of the first three components through the inverse RCT (Cpih 1, F.3). */
    void rct(ComponentTransform[] t, int from, int to, Frame out) {
        int w = layout.comps[0].width;
        int nl = t[0].lowCount();
        int nh = w - nl;
        for (int y = from; y < to; y++) {
            rctPart(t[0].even(y), t[1].even(y), t[2].even(y), rowTmp[0], rowTmp[1], rowTmp[2], nl);
            rctPart(t[0].odd(y), t[1].odd(y), t[2].odd(y), rowTmp[3], rowTmp[4], rowTmp[5], nh);
            emit(rowTmp[0], rowTmp[3], nl, out.plane(0), y * w, w, info.bitDepths()[0]);
            emit(rowTmp[1], rowTmp[4], nl, out.plane(1), y * w, w, info.bitDepths()[1]);
            emit(rowTmp[2], rowTmp[5], nl, out.plane(2), y * w, w, info.bitDepths()[2]);
        }
    }

    private static void rctPart(int[] r0, int[] r1, int[] r2, int[] o0, int[] o1, int[] o2, int n) {
        for (int x = 0; x < n; x++) {
            int i0 = r0[x];
            int i1 = r1[x];
            int i2 = r2[x];
            int g = i0 - ((i1 + i2) >> 2);
            o0[x] = g + i2;
            o1[x] = g;
            o2[x] = g + i1;
        }
    }

    /** Interleaves a split row (nl even samples, w - nl odd samples) through the output non-linearity. */
    private void emit(int[] ev, int[] od, int nl, short[] out, int oo, int w, int depth) {
        int nh = w - nl;
        if (nh == 0) {
            scale(ev, 0, out, oo, w, depth);
            return;
        }
        if (info.nlt().type() == 0) {
            linearSplit(ev, od, nl, out, oo, w, depth);
            return;
        }
        int[] t = rowTmp[6];
        for (int i = 0; i < nl; i++) {
            t[2 * i] = ev[i];
        }
        for (int i = 0; i < nh; i++) {
            t[2 * i + 1] = od[i];
        }
        scale(t, 0, out, oo, w, depth);
    }

    /** Linear output (G.2) of a split row, interleaving even and odd samples on the way. */
    private void linearSplit(int[] ev, int[] od, int nl, short[] out, int oo, int w, int depth) {
        int bw = info.bw();
        int max = (1 << depth) - 1;
        int dz = bw - depth;
        int add = (1 << (bw - 1)) + ((1 << dz) >> 1);
        int nh = w - nl;
        // Two passes: the clipping and packing of an even/odd pair into one int vectorises (no interleaved
        // stores); the second pass moves each packed pair with one 32-bit load and (merged) store.
        // With the Vector API, one pass does both for all but the last pairs.
        int done = simd ? VectorKernels.linearPairs(ev, od, nh, out, oo, add, dz, max) : 0;
        int[] packed = rowTmp[6];
        for (int i = done; i < nh; i++) {
            int e = Math.max(0, Math.min((ev[i] + add) >> dz, max));
            int o = Math.max(0, Math.min((od[i] + add) >> dz, max));
            packed[i] = e | o << 16;
        }
        for (int i = done; i < nh; i++) {
            int pair = packed[i];
            out[oo + 2 * i] = (short) pair;
            out[oo + 2 * i + 1] = (short) (pair >>> 16);
        }
        if (nl > nh) {
            int e = (ev[nh] + add) >> dz;
            out[oo + 2 * nh] = (short) (e < 0 ? 0 : e > max ? max : e);
        }
    }

    private void scale(int[] in, int io, short[] out, int oo, int w, int depth) {
        int bw = info.bw();
        int max = (1 << depth) - 1;
        CodestreamInfo.Nonlinearity nlt = info.nlt();
        switch (nlt.type()) {
            case 0 -> {
                int dz = bw - depth;
                int add = (1 << (bw - 1)) + ((1 << dz) >> 1);
                for (int x = 0; x < w; x++) {
                    int v = (in[io + x] + add) >> dz;
                    out[oo + x] = (short) (v < 0 ? 0 : v > max ? max : v);
                }
            }
            case 1 -> {
                int dz = 2 * bw - depth;
                long dco = nlt.alpha() - (long) nlt.sigma() * (1 << 15);
                int clip = (1 << bw) - 1;
                for (int x = 0; x < w; x++) {
                    int v = in[io + x] + (1 << (bw - 1));
                    v = v < 0 ? 0 : Math.min(v, clip);
                    long q = (((long) v * v + ((1L << dz) >> 1)) >> dz) + dco;
                    out[oo + x] = (short) (q < 0 ? 0 : Math.min(q, max));
                }
            }
            default -> extended(in, io, out, oo, w, depth, nlt);
        }
    }

    /** G.4 extended non-linearity: quadratic toe and shoulder around a linear part between T1 and T2. */
    private void extended(int[] in, int io, short[] out, int oo, int w, int depth,
            CodestreamInfo.Nonlinearity nlt) {
        int bw = info.bw();
        int e = nlt.e();
        long t1 = nlt.t1();
        long t2 = nlt.t2();
        long b1 = t1 + (1L << (bw - e - 1));
        long b2 = t1 * t1;
        long b3 = t2 - (1L << (bw - e - 1));
        long a1 = b2 + (t1 << (bw - e)) + (1L << (2 * bw - 2 - 2 * e));
        long a3 = b2 + (t2 << (bw - e)) - (1L << (2 * bw - 2 - 2 * e));
        int eps = bw - e;
        int dz = 2 * bw - depth;
        long clip = (1L << bw) - 1;
        int max = (1 << depth) - 1;
        for (int x = 0; x < w; x++) {
            long v = in[io + x] + (1L << (bw - 1));
            if (v < t1) {
                v = b1 - v;
                v = v < 0 ? 0 : Math.min(v, clip);
                v = a1 - v * v;
            } else if (v < t2) {
                v = (v << eps) + b2;
            } else {
                v -= b3;
                v = v < 0 ? 0 : Math.min(v, clip);
                v = a3 + v * v;
            }
            v = (v + ((1L << dz) >> 1)) >> dz;
            out[oo + x] = (short) (v < 0 ? 0 : Math.min(v, max));
        }
    }
}
