package dev.xsight.overlay;

import dev.xsight.colour.ChromaSiting;
import dev.xsight.colour.MatrixOp;
import dev.xsight.colour.YCbCr;
import dev.xsight.media.ColourModel;
import dev.xsight.media.Frame;
import dev.xsight.image.DisplayImage;

/**
 * Out-of-range and out-of-gamut highlighting from the source frame. Out of range: Y' outside 64–940 or Cb/Cr outside
 * 64–960 (10-bit narrow range, scaled to the frame's depth; ITU-R BT.709-6 §4.6 / EBU R 103 "preferred" limits are
 * not used, the nominal ones are). Out of gamut: a Y'CbCr triple whose R'G'B' leaves [0, 1] by more than
 * {@code tolerance}.
 */
public final class SignalWarnings {
    private SignalWarnings() {
    }

    /** Per-pixel flags: bit 0 out of range, bit 1 out of gamut. */
    public static byte[] classify(Frame f, double tolerance) {
        return classify(f, tolerance, null);
    }

    /**
     * As {@link #classify(Frame, double)}, writing into {@code reuse} when it holds exactly one flag per pixel (so a
     * per-frame caller allocates nothing), else into a new array.
     */
    public static byte[] classify(Frame f, double tolerance, byte[] reuse) {
        int w = f.width(), h = f.height();
        byte[] flags = reuse != null && reuse.length == w * h ? reuse : new byte[w * h];
        if (f.format().model() != ColourModel.YCBCR) {
            java.util.Arrays.fill(flags, (byte) 0);
            return flags;
        }
        int bits = f.format().bitDepth();
        double yLo = YCbCr.narrowLumaCode(bits, 0), yHi = YCbCr.narrowLumaCode(bits, 1);
        double cLo = YCbCr.narrowChromaCode(bits, -0.5), cHi = YCbCr.narrowChromaCode(bits, 0.5);
        MatrixOp toRgb = YCbCr.toRgb(YCbCr.Coefficients.of(f.colorimetry().matrix()), f.colorimetry().range(), bits);
        ChromaSiting siting = ChromaSiting.of(f.format().sampling(), f.colorimetry().siting());
        double[] p = new double[3];
        boolean narrow = f.colorimetry().range() == dev.xsight.media.Colorimetry.Range.NARROW;
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                double yy = f.plane(0)[y * w + x] & 0xFFFF;
                double cb = siting.sample(f, 1, x, y), cr = siting.sample(f, 2, x, y);
                int flag = 0;
                if (narrow && (yy < yLo || yy > yHi || cb < cLo || cb > cHi || cr < cLo || cr > cHi)) {
                    flag |= 1;
                }
                p[0] = yy;
                p[1] = cb;
                p[2] = cr;
                toRgb.apply(p, 0);
                for (int k = 0; k < 3; k++) {
                    if (p[k] < -tolerance || p[k] > 1 + tolerance) {
                        flag |= 2;
                    }
                }
                flags[y * w + x] = (byte) flag;
            }
        }
        return flags;
    }

    /** Paints flagged pixels: out of range magenta, out of gamut cyan (both: white). */
    public static int highlight(DisplayImage img, byte[] flags) {
        int n = 0;
        for (int i = 0; i < flags.length; i++) {
            int f = flags[i];
            if (f != 0) {
                n++;
                int x = i % img.width(), y = i / img.width();
                if (f == 3) {
                    img.set(x, y, 1023, 1023, 1023);
                } else if (f == 1) {
                    img.set(x, y, 1023, 0, 1023);
                } else {
                    img.set(x, y, 0, 1023, 1023);
                }
            }
        }
        return n;
    }
}
