package dev.xsight.colour;

import dev.xsight.media.Colorimetry;
import java.util.Locale;

/**
 * Y'CbCr code values → non-linear R'G'B' as one affine {@link MatrixOp}: ITU-R BT.601-7 / BT.709-6 / BT.2020-2
 * (non-constant luminance) matrices, narrow-range quantisation (BT.709-6 §4.6: 219·2^(n-8) and 224·2^(n-8)
 * steps) or full range (BT.2100-2 Table 9: 2^n − 1 steps). Output is not clamped.
 */
public final class YCbCr {
    private YCbCr() {
    }

    /** Luma coefficients Kr, Kb. */
    public enum Coefficients {
        BT601(0.299, 0.114), BT709(0.2126, 0.0722), BT2020(0.2627, 0.0593);

        final double kr;
        final double kb;

        Coefficients(double kr, double kb) {
            this.kr = kr;
            this.kb = kb;
        }

        public static Coefficients parse(String s) {
            return switch (s.toLowerCase(Locale.ROOT)) {
                case "bt601", "601" -> BT601;
                case "bt709", "709" -> BT709;
                case "bt2020", "2020", "bt2020ncl" -> BT2020;
                default -> throw new IllegalArgumentException("unknown Y'CbCr matrix '" + s + "' (bt601, bt709, bt2020)");
            };
        }

        public static Coefficients of(Colorimetry.Matrix m) {
            return switch (m) {
                case BT601 -> BT601;
                case BT2020_NCL -> BT2020;
                default -> BT709;
            };
        }
    }

    /**
     * The narrow-range code of a luma level at {@code bits} (BT.709-6 §4.6: 16 + 219·level, times 2^(bits−8)); level
     * 0 is black, 1 nominal white, and levels outside [0, 1] give the codes of the under- and overshoots.
     */
    public static double narrowLumaCode(int bits, double level) {
        return (16 + 219 * level) * Math.pow(2, bits - 8);
    }

    /** The narrow-range code of a colour-difference level (−0.5 … 0.5 nominal): 128 + 224·level, times 2^(bits−8). */
    public static double narrowChromaCode(int bits, double level) {
        return (128 + 224 * level) * Math.pow(2, bits - 8);
    }

    /** The full-range code of a level (BT.2100-2 Table 9: level·(2^bits − 1)). */
    public static double fullCode(int bits, double level) {
        return level * (Math.pow(2, bits) - 1);
    }

    /** The op converting integer code values at {@code bits} (8–16) to R'G'B' in [0, 1] nominal. */
    public static MatrixOp toRgb(Coefficients k, Colorimetry.Range range, int bits) {
        if (bits < 8 || bits > 16) {
            throw new IllegalArgumentException("Y'CbCr bit depth must be 8..16, got " + bits);
        }
        double yScale, yOff, cScale, cOff;
        double mid = Math.pow(2, bits - 1);
        if (range == Colorimetry.Range.NARROW) {
            double step = Math.pow(2, bits - 8);
            yScale = 1 / (219 * step);
            yOff = -16 * step * yScale;
            cScale = 1 / (224 * step);
        } else {
            double max = Math.pow(2, bits) - 1;
            yScale = 1 / max;
            yOff = 0;
            cScale = 1 / max;
        }
        cOff = -mid * cScale;
        double kr = k.kr, kb = k.kb, kg = 1 - kr - kb;
        // R' = Y + 2(1-Kr)Cr ; B' = Y + 2(1-Kb)Cb ; G' = (Y - Kr R' - Kb B') / Kg
        double rcr = 2 * (1 - kr), bcb = 2 * (1 - kb);
        double gcb = -kb * bcb / kg, gcr = -kr * rcr / kg;
        Matrix3 m = Matrix3.of(1, 0, rcr, 1, gcb, gcr, 1, bcb, 0);
        // Fold the quantisation: [Y, Cb, Cr] = S·D + o
        Matrix3 s = Matrix3.diagonal(yScale, cScale, cScale);
        double[] o = m.apply(new double[] {yOff, cOff, cOff});
        return new MatrixOp(m.times(s), o, "Y'CbCr " + k + " " + range + " " + bits + "-bit to R'G'B'");
    }
}
