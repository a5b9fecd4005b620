package dev.xsight.qc.video;

import jdk.incubator.vector.ByteVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.ShortVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorSpecies;

/**
 * Vector API ({@code jdk.incubator.vector}) forms of the video checks' inner loops, each computing exactly what its
 * scalar loop computes: {@link GamutDetector}'s per-site loop for pictures with two pixels per chroma site (4:2:2,
 * 4:2:0; the chroma offsets computed from the exact integer lines of {@link CodeTables#linearInLumaCodes}, the same
 * integers as the tables, the two pixels of each site read as one int lane, little-endian: the first pixel in the
 * low half), {@link RangeDetector}'s luma and chroma row counts and joint per-pixel test, {@link FlashDetector}'s transition trackers and
 * {@link FreezeDetector}'s sum of absolute differences. Loaded only when the module is in the boot
 * layer ({@link Simd#BY_DEFAULT}); the callers run the scalar loop for what a full vector does not
 * cover. Stateless and thread-safe.
 */
final class VideoKernels {
    private static final VectorSpecies<Integer> I = IntVector.SPECIES_PREFERRED;
    private static final int L = I.length();
    /** L shorts: one per chroma site. */
    private static final VectorSpecies<Short> SITES = ShortVector.SPECIES_PREFERRED.withShape(
            VectorShape.forBitSize(L * Short.SIZE));
    /** 2L shorts: the two pixels of each site. */
    /** L bytes: the trackers' directions. */
    private static final VectorSpecies<Byte> DIRS = ByteVector.SPECIES_PREFERRED.withShape(
            VectorShape.forBitSize(Math.max(64, L * Byte.SIZE)));
    private static final VectorSpecies<Short> PAIRS = ShortVector.SPECIES_PREFERRED.withShape(I.vectorShape());

    private VideoKernels() {
    }

    /**
     * Sites {@code from} up to the returned site (a multiple of the vector length past {@code from}, at most
     * {@code to}) of one row: adds the out-of-gamut pixels to {@code acc[0]} and folds the lowest and highest
     * fixed-point component into {@code acc[1]} and {@code acc[2]}.
     */
    static int gamutSites(short[] py, short[] pb, short[] pr, int row, int crow, int from, int to, CodeTables t,
            int fraction, int lowFix, int highFix, int[] acc) {
        int end = from + I.loopBound(to - from);
        if (end == from) {
            return from;
        }
        int[] k = t.linear();
        int shift = k[0];
        int mask = t.mask();
        IntVector lowLimit = IntVector.broadcast(I, lowFix);
        IntVector highLimit = IntVector.broadcast(I, highFix);
        IntVector low = IntVector.broadcast(I, Integer.MAX_VALUE);
        IntVector high = IntVector.broadcast(I, Integer.MIN_VALUE);
        int n = 0;
        for (int c = from; c < end; c += L) {
            IntVector b = ((IntVector) ShortVector.fromArray(SITES, pb, crow + c)
                    .convertShape(VectorOperators.S2I, I, 0)).and(mask);
            IntVector r = ((IntVector) ShortVector.fromArray(SITES, pr, crow + c)
                    .convertShape(VectorOperators.S2I, I, 0)).and(mask);
            IntVector ro = r.mul(k[1]).add(k[2]).lanewise(VectorOperators.ASHR, shift);
            IntVector go = b.mul(k[3]).add(k[4]).lanewise(VectorOperators.ASHR, shift)
                    .add(r.mul(k[5]).add(k[6]).lanewise(VectorOperators.ASHR, shift));
            IntVector bo = b.mul(k[7]).add(k[8]).lanewise(VectorOperators.ASHR, shift);
            IntVector cmin = ro.min(go).min(bo);
            IntVector cmax = ro.max(go).max(bo);
            IntVector legalLow = cmin.sub(lowLimit).lanewise(VectorOperators.ASHR, fraction).neg();
            IntVector legalHigh = highLimit.sub(cmax).lanewise(VectorOperators.ASHR, fraction);
            IntVector pair = ShortVector.fromArray(PAIRS, py, row + 2 * c).reinterpretAsInts();
            IntVector y0 = pair.and(0xFFFF);
            IntVector y1 = pair.lanewise(VectorOperators.LSHR, 16);
            VectorMask<Integer> out0 = y0.compare(VectorOperators.LT, legalLow)
                    .or(y0.compare(VectorOperators.GT, legalHigh));
            VectorMask<Integer> out1 = y1.compare(VectorOperators.LT, legalLow)
                    .or(y1.compare(VectorOperators.GT, legalHigh));
            n += out0.trueCount() + out1.trueCount();
            low = low.min(y0.min(y1).lanewise(VectorOperators.LSHL, fraction).add(cmin));
            high = high.max(y0.max(y1).lanewise(VectorOperators.LSHL, fraction).add(cmax));
        }
        acc[0] += n;
        acc[1] = Math.min(acc[1], low.reduceLanes(VectorOperators.MIN));
        acc[2] = Math.max(acc[2], high.reduceLanes(VectorOperators.MAX));
        return end;
    }

    /**
     * Samples {@code from} up to the returned index (a multiple of the vector length past {@code from}, at most
     * {@code to}) of one plane: adds those outside {@code lo..hi} to {@code acc[0]} and folds their lowest and
     * highest code into {@code acc[1]} and {@code acc[2]}.
     */
    static int rangeCount(short[] p, int from, int to, int lo, int hi, int[] acc) {
        int end = from + I.loopBound(to - from);
        if (end == from) {
            return from;
        }
        IntVector min = IntVector.broadcast(I, Integer.MAX_VALUE);
        IntVector max = IntVector.broadcast(I, Integer.MIN_VALUE);
        int n = 0;
        for (int i = from; i < end; i += L) {
            IntVector v = ((IntVector) ShortVector.fromArray(SITES, p, i).convertShape(VectorOperators.S2I, I, 0))
                    .and(0xFFFF);
            n += v.compare(VectorOperators.LT, lo).or(v.compare(VectorOperators.GT, hi)).trueCount();
            min = min.min(v);
            max = max.max(v);
        }
        acc[0] += n;
        acc[1] = Math.min(acc[1], min.reduceLanes(VectorOperators.MIN));
        acc[2] = Math.max(acc[2], max.reduceLanes(VectorOperators.MAX));
        return end;
    }

    /**
     * Chroma sites {@code from} up to the returned index (as {@link #rangeCount}) of one row: adds the sites whose
     * Cb or Cr lies outside {@code lo..hi} to {@code acc[0]} and folds the lowest and highest code of either into
     * {@code acc[1]} and {@code acc[2]}.
     */
    static int chromaCount(short[] pb, short[] pr, int from, int to, int lo, int hi, int[] acc) {
        int end = from + I.loopBound(to - from);
        if (end == from) {
            return from;
        }
        IntVector min = IntVector.broadcast(I, Integer.MAX_VALUE);
        IntVector max = IntVector.broadcast(I, Integer.MIN_VALUE);
        int n = 0;
        for (int i = from; i < end; i += L) {
            IntVector b = ((IntVector) ShortVector.fromArray(SITES, pb, i).convertShape(VectorOperators.S2I, I, 0))
                    .and(0xFFFF);
            IntVector r = ((IntVector) ShortVector.fromArray(SITES, pr, i).convertShape(VectorOperators.S2I, I, 0))
                    .and(0xFFFF);
            n += b.compare(VectorOperators.LT, lo).or(b.compare(VectorOperators.GT, hi))
                    .or(r.compare(VectorOperators.LT, lo)).or(r.compare(VectorOperators.GT, hi)).trueCount();
            min = min.min(b.min(r));
            max = max.max(b.max(r));
        }
        acc[0] += n;
        acc[1] = Math.min(acc[1], min.reduceLanes(VectorOperators.MIN));
        acc[2] = Math.max(acc[2], max.reduceLanes(VectorOperators.MAX));
        return end;
    }

    /**
     * {@link FlashDetector}'s tracker step on values {@code 0} up to the returned index (a multiple of the vector
     * length): the same integer arithmetic lane by lane; adds the transitions to {@code acc[0]} and ORs the new
     * extremes into {@code acc[1]}.
     */
    static int track(int[] values, int n, int[] ext, byte[] dir, int from, int change, int dark, int[] acc) {
        int end = DIRS.length() == L ? I.loopBound(n) : 0; // one direction byte per int lane
        IntVector count = IntVector.zero(I);
        IntVector extremes = IntVector.zero(I);
        for (int k = 0; k < end; k += L) {
            int i = from + k;
            IntVector v = IntVector.fromArray(I, values, k);
            IntVector e = IntVector.fromArray(I, ext, i);
            IntVector d = (IntVector) ByteVector.fromArray(DIRS, dir, i).convertShape(VectorOperators.B2I, I, 0);
            e = e.add(d.mul(d.mul(v.sub(e)).max(0)));
            IntVector up = e.add(change - 1).sub(v).lanewise(VectorOperators.LSHR, 31)
                    .and(e.sub(dark).lanewise(VectorOperators.LSHR, 31));
            IntVector down = v.add(change - 1).sub(e).lanewise(VectorOperators.LSHR, 31)
                    .and(v.sub(dark).lanewise(VectorOperators.LSHR, 31));
            IntVector t = up.or(down);
            d = d.add(t.mul(up.sub(down).sub(d)));
            IntVector next = e.add(t.mul(v.sub(e)));
            next.intoArray(ext, i);
            ((ByteVector) d.convertShape(VectorOperators.I2B, DIRS, 0)).intoArray(dir, i);
            count = count.add(t);
            extremes = extremes.or(next);
        }
        acc[0] += count.reduceLanes(VectorOperators.ADD);
        acc[1] |= extremes.reduceLanes(VectorOperators.OR);
        return end;
    }

    /**
     * {@link FreezeDetector}'s sum of |a − r| (samples read as Java shorts, as the scalar loop) over {@code from} up
     * to the returned index (a multiple of the vector length past {@code from}); adds it to {@code acc[0]}, which
     * the caller keeps below 2^31 by its chunk size.
     */
    static int sad(short[] a, short[] r, int from, int to, int[] acc) {
        int end = from + I.loopBound(to - from);
        IntVector sum = IntVector.zero(I);
        for (int i = from; i < end; i += L) {
            IntVector x = (IntVector) ShortVector.fromArray(SITES, a, i).convertShape(VectorOperators.S2I, I, 0);
            IntVector y = (IntVector) ShortVector.fromArray(SITES, r, i).convertShape(VectorOperators.S2I, I, 0);
            sum = sum.add(x.sub(y).abs());
        }
        acc[0] += sum.reduceLanes(VectorOperators.ADD);
        return end;
    }

    /**
     * {@link RangeDetector}'s joint per-pixel test for two pixels per chroma site: sites {@code from} up to the
     * returned site (a multiple of the vector length past {@code from}); adds the pixels whose Y' is outside
     * {@code yl..yh} or whose site's Cb or Cr is outside {@code cl..ch} to {@code acc[0]}.
     */
    static int rangeSites(short[] py, short[] pb, short[] pr, int row, int crow, int from, int to, int yl, int yh,
            int cl, int ch, int[] acc) {
        int end = from + I.loopBound(to - from);
        int n = 0;
        for (int c = from; c < end; c += L) {
            IntVector b = ((IntVector) ShortVector.fromArray(SITES, pb, crow + c)
                    .convertShape(VectorOperators.S2I, I, 0)).and(0xFFFF);
            IntVector r = ((IntVector) ShortVector.fromArray(SITES, pr, crow + c)
                    .convertShape(VectorOperators.S2I, I, 0)).and(0xFFFF);
            VectorMask<Integer> co = b.compare(VectorOperators.LT, cl).or(b.compare(VectorOperators.GT, ch))
                    .or(r.compare(VectorOperators.LT, cl)).or(r.compare(VectorOperators.GT, ch));
            IntVector pair = ShortVector.fromArray(PAIRS, py, row + 2 * c).reinterpretAsInts();
            IntVector y0 = pair.and(0xFFFF);
            IntVector y1 = pair.lanewise(VectorOperators.LSHR, 16);
            n += y0.compare(VectorOperators.LT, yl).or(y0.compare(VectorOperators.GT, yh)).or(co).trueCount()
                    + y1.compare(VectorOperators.LT, yl).or(y1.compare(VectorOperators.GT, yh)).or(co).trueCount();
        }
        acc[0] += n;
        return end;
    }
}
