package dev.xsight.render;

import dev.xsight.media.ColourModel;
import dev.xsight.media.Colorimetry;
import dev.xsight.media.Frame;
import dev.xsight.media.PixelFormat;
import java.nio.IntBuffer;

/**
 * CPU preview: Y'CbCr frames (any bit depth and sampling) to 8-bit opaque ARGB for a JavaFX image. The R'G'B'
 * signal is shown as-is (BT.1886 content on an sRGB-ish desktop display, as every editing viewer does); the
 * colour-managed 10-bit path is the OpenGL viewer's job.
 *
 * <p>Matrix (ITU-R BT.709-6 Table 3 items 3.2-3.3, BT.601, BT.2020): R' = Y' + 2(1-Kr)Cr, B' = Y' + 2(1-Kb)Cb,
 * G' = (Y' - Kr R' - Kb B') / Kg. Narrow range (BT.709 Table 4.6): Y' = (D - 64·2^(n-10)) / (876·2^(n-10)),
 * Cb/Cr = (D - 512·2^(n-10)) / (896·2^(n-10)). Per-code tables in 16.8 fixed point are rebuilt only when the
 * format or colorimetry changes, so converting allocates nothing. 4:2:2 and 4:2:0 chroma is co-sited with the
 * even luma sample and averaged for the odd one.
 *
 * <p>Not thread-safe: one converter per worker thread.
 */
public final class PreviewConverter {
    private PixelFormat format;
    private Colorimetry colorimetry;
    private int[] lumaLut;
    private int[] crToR;
    private int[] cbToG;
    private int[] crToG;
    private int[] cbToB;
    private int[] row = new int[0];

    /** Converts {@code frame} into {@code out} (width x height ARGB, row-major from index 0). */
    public void convert(Frame frame, IntBuffer out) {
        convert(frame, out, 1);
    }

    /**
     * Converts every {@code step}-th sample of every {@code step}-th line ({@code step} 1 or 2) into {@code out}
     * ({@code ceil(width / step) x ceil(height / step)} ARGB): half resolution costs a quarter of the time, for a
     * machine that cannot convert full HD at the frame rate.
     */
    public void convert(Frame frame, IntBuffer out, int step) {
        if (step != 1 && step != 2) {
            throw new IllegalArgumentException("step must be 1 or 2, got " + step);
        }
        if (step == 2) {
            convertHalf(frame, out);
            return;
        }
        PixelFormat f = frame.format();
        if (f.model() != ColourModel.YCBCR) {
            throw new IllegalArgumentException("preview converts Y'CbCr frames, not " + f.describe());
        }
        int w = frame.width();
        if (out.capacity() < w * frame.height()) {
            throw new IllegalArgumentException("preview buffer holds " + out.capacity() + " pixels, frame needs "
                    + (long) w * frame.height());
        }
        prepare(f, frame.colorimetry(), w);
        short[] ys = frame.plane(0);
        int cw = frame.planeWidth(1);
        short[] cbs = frame.plane(1);
        short[] crs = frame.plane(2);
        int hf = f.sampling().horizontalFactor();
        int vf = f.sampling().verticalFactor();
        for (int y = 0; y < frame.height(); y++) {
            int yBase = y * w;
            int cBase = (y / vf) * cw;
            if (hf == 2) {
                convertRowHalfChroma(ys, yBase, cbs, crs, cBase, cw, w);
            } else {
                for (int x = 0; x < w; x++) {
                    row[x] = pixel(lumaLut[ys[yBase + x] & 0xFFFF], cbs[cBase + x] & 0xFFFF,
                            crs[cBase + x] & 0xFFFF);
                }
            }
            out.put(yBase, row, 0, w);
        }
    }

    private void convertHalf(Frame frame, IntBuffer out) {
        PixelFormat f = frame.format();
        int w = (frame.width() + 1) / 2;
        int h = (frame.height() + 1) / 2;
        if (f.model() != ColourModel.YCBCR || out.capacity() < w * h) {
            throw new IllegalArgumentException("cannot convert " + frame.describe() + " into " + out.capacity()
                    + " pixels at half resolution");
        }
        prepare(f, frame.colorimetry(), w);
        short[] ys = frame.plane(0);
        short[] cbs = frame.plane(1);
        short[] crs = frame.plane(2);
        int hf = f.sampling().horizontalFactor();
        int vf = f.sampling().verticalFactor();
        int cw = frame.planeWidth(1);
        int fw = frame.width();
        for (int y = 0; y < h; y++) {
            int yBase = 2 * y * fw;
            int cBase = (2 * y / vf) * cw;
            for (int x = 0; x < w; x++) {
                int ci = cBase + 2 * x / hf;
                row[x] = pixel(lumaLut[ys[yBase + 2 * x] & 0xFFFF], cbs[ci] & 0xFFFF, crs[ci] & 0xFFFF);
            }
            out.put(y * w, row, 0, w);
        }
    }

    /**
     * 4:2:2 / 4:2:0 rows: the even pixel takes chroma sample i, the odd one the mean of i and i + 1 (the chroma
     * terms are linear, so their mean is the mean's term). Each chroma sample's R/G/B terms are looked up once.
     */
    private void convertRowHalfChroma(short[] ys, int yBase, short[] cbs, short[] crs, int cBase, int cw, int w) {
        int cb = cbs[cBase] & 0xFFFF;
        int cr = crs[cBase] & 0xFFFF;
        int r0 = crToR[cr];
        int g0 = cbToG[cb] + crToG[cr];
        int b0 = cbToB[cb];
        for (int i = 0; i < cw; i++) {
            int x = 2 * i;
            int r1 = r0;
            int g1 = g0;
            int b1 = b0;
            if (i + 1 < cw) {
                int ncb = cbs[cBase + i + 1] & 0xFFFF;
                int ncr = crs[cBase + i + 1] & 0xFFFF;
                r1 = crToR[ncr];
                g1 = cbToG[ncb] + crToG[ncr];
                b1 = cbToB[ncb];
            }
            int l = lumaLut[ys[yBase + x] & 0xFFFF];
            row[x] = 0xFF000000 | clamp(l + r0) << 16 | clamp(l - g0) << 8 | clamp(l + b0);
            if (x + 1 < w) {
                l = lumaLut[ys[yBase + x + 1] & 0xFFFF];
                row[x + 1] = 0xFF000000 | clamp(l + ((r0 + r1) >> 1)) << 16 | clamp(l - ((g0 + g1) >> 1)) << 8
                        | clamp(l + ((b0 + b1) >> 1));
            }
            r0 = r1;
            g0 = g1;
            b0 = b1;
        }
    }

    private int pixel(int l, int cb, int cr) {
        return 0xFF000000 | clamp(l + crToR[cr]) << 16 | clamp(l - cbToG[cb] - crToG[cr]) << 8
                | clamp(l + cbToB[cb]);
    }

    private static int clamp(int fixed) {
        return Math.clamp((fixed + 128) >> 8, 0, 255);
    }

    private void prepare(PixelFormat f, Colorimetry c, int width) {
        if (row.length < width) {
            row = new int[width];
        }
        if (f.equals(format) && c.equals(colorimetry)) {
            return;
        }
        double kr;
        double kb;
        switch (c.matrix()) {
            case BT601 -> {
                kr = 0.299;
                kb = 0.114;
            }
            case BT2020_NCL -> {
                kr = 0.2627;
                kb = 0.0593;
            }
            default -> { // BT.709, and the HD default when unspecified
                kr = 0.2126;
                kb = 0.0722;
            }
        }
        double kg = 1 - kr - kb;
        int codes = 1 << f.bitDepth();
        double scale = codes / 1024.0;
        boolean narrow = c.range() == Colorimetry.Range.NARROW;
        double yOff = narrow ? 64 * scale : 0;
        double yRange = narrow ? 876 * scale : codes - 1;
        double cOff = codes / 2.0;
        double cRange = narrow ? 896 * scale : codes - 1;
        lumaLut = new int[codes];
        crToR = new int[codes];
        cbToG = new int[codes];
        crToG = new int[codes];
        cbToB = new int[codes];
        for (int d = 0; d < codes; d++) {
            double yv = (d - yOff) / yRange;
            double cv = (d - cOff) / cRange;
            lumaLut[d] = fixed(yv);
            crToR[d] = fixed(2 * (1 - kr) * cv);
            cbToB[d] = fixed(2 * (1 - kb) * cv);
            cbToG[d] = fixed(2 * (1 - kb) * kb / kg * cv);
            crToG[d] = fixed(2 * (1 - kr) * kr / kg * cv);
        }
        format = f;
        colorimetry = c;
    }

    private static int fixed(double v) {
        return (int) Math.round(v * 255 * 256);
    }
}
