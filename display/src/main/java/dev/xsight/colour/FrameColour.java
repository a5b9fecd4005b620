package dev.xsight.colour;

import dev.xsight.media.ColourModel;
import dev.xsight.media.Frame;

/**
 * CPU reference for whole frames: upsamples chroma ({@link ChromaSiting}), gathers code values per pixel and runs a
 * compiled program. Output is display code values, row-major, top line first. Stateless; thread-safe.
 */
public final class FrameColour {
    private FrameColour() {
    }

    /** Code values (Y, Cb, Cr or R, G, B) of every pixel, chroma upsampled, as doubles. */
    public static double[] codes(Frame f) {
        double[] px = new double[f.width() * f.height() * 3];
        gather(f, px);
        return px;
    }

    /**
     * As {@link #codes(Frame)}, into {@code px} (at least {@code 3 * width * height} long), so that a caller
     * rendering frame after frame reuses one buffer.
     */
    public static void gather(Frame f, double[] px) {
        int w = f.width(), h = f.height();
        ChromaSiting s = ChromaSiting.of(f.format().sampling(), f.colorimetry().siting());
        boolean ycc = f.format().model() == ColourModel.YCBCR;
        short[] p0 = f.plane(0), p1 = ycc ? null : f.plane(1), p2 = ycc ? null : f.plane(2);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int i = (y * w + x) * 3;
                px[i] = p0[y * w + x] & 0xFFFF;
                if (ycc) {
                    px[i + 1] = s.sample(f, 1, x, y);
                    px[i + 2] = s.sample(f, 2, x, y);
                } else {
                    px[i + 1] = p1[y * w + x] & 0xFFFF;
                    px[i + 2] = p2[y * w + x] & 0xFFFF;
                }
            }
        }
    }

    /** The frame through {@code program}: display code values in [0, 1] nominal, 3 per pixel. */
    public static double[] render(Frame f, ColourProgram program) {
        double[] px = codes(f);
        program.applyParallel(px, f.width() * f.height());
        return px;
    }
}
