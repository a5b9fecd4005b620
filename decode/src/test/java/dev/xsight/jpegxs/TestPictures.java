package dev.xsight.jpegxs;

import dev.xsight.jpegxs.encode.JpegXsEncoder;
import dev.xsight.media.Frame;
import dev.xsight.media.PixelFormat;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;

/** Synthetic test content and quality measures for the encoder tests. */
final class TestPictures {
    private TestPictures() {
    }

    /** The repository's JPEG XS conformance folder (testdata/conformance/jpegxs). */
    static Path conformanceJpegXs() {
        return Path.of(System.getProperty("xsight.testdata.dir", "../testdata"), "conformance", "jpegxs");
    }

    /** The 640x360 4:2:2 10-bit source of the conformance codestream s20; a missing file fails the test. */
    static Frame conformanceSource() throws IOException {
        Path dir = conformanceJpegXs();
        if (!Files.exists(dir.resolve("source/src_640x360_422p10.yuv"))) {
            throw new AssertionError("the repository's conformance source is missing: "
                    + dir.resolve("source/src_640x360_422p10.yuv"));
        }
        Frame f = Frame.allocate(PixelFormat.YUV422P10, 640, 360);
        try (InputStream in = Files.newInputStream(dir.resolve("source/src_640x360_422p10.yuv"))) {
            f.readRaw(in);
        }
        return f;
    }

    /** Horizontal ramp in luma, vertical ramp in Cb, diagonal ramp in Cr. */
    static Frame ramps(PixelFormat f, int w, int h) {
        int max = f.maxCode();
        return painted(f, w, h, (p, x, y, pw, ph) -> (int) switch (p) {
            case 0 -> (long) x * max / Math.max(1, pw - 1);
            case 1 -> (long) y * max / Math.max(1, ph - 1);
            default -> (long) (x + y) * max / Math.max(1, pw + ph - 2);
        });
    }

    /** Eight vertical colour bars with hard edges (the 75% bars' levels scaled to the bit depth). */
    static Frame bars(PixelFormat f, int w, int h) {
        int[][] bars8 = {{180, 128, 128}, {168, 44, 136}, {145, 147, 44}, {133, 63, 52}, {63, 193, 204},
            {51, 109, 212}, {28, 212, 120}, {16, 128, 128}};
        int shift = f.bitDepth() - 8;
        return painted(f, w, h, (p, x, y, pw, ph) -> bars8[Math.min(7, x * 8 / pw)][p] << shift);
    }

    /** The code value of sample (x, y) of plane p, which is pw by ph samples. */
    private interface Paint {
        int code(int p, int x, int y, int pw, int ph);
    }

    /** A new frame whose every sample of all three planes is what {@code paint} gives for it. */
    private static Frame painted(PixelFormat f, int w, int h, Paint paint) {
        Frame fr = Frame.allocate(f, w, h);
        for (int p = 0; p < 3; p++) {
            int pw = fr.planeWidth(p);
            int ph = fr.planeHeight(p);
            short[] s = fr.plane(p);
            for (int y = 0; y < ph; y++) {
                for (int x = 0; x < pw; x++) {
                    s[y * pw + x] = (short) paint.code(p, x, y, pw, ph);
                }
            }
        }
        return fr;
    }

    /** Uniform white noise over the full code range: the hardest content for a rate budget. */
    static Frame noise(PixelFormat f, int w, int h, long seed) {
        Frame fr = Frame.allocate(f, w, h);
        SplittableRandom r = new SplittableRandom(seed);
        for (int p = 0; p < 3; p++) {
            short[] s = fr.plane(p);
            for (int i = 0; i < s.length; i++) {
                s[i] = (short) r.nextInt(f.maxCode() + 1);
            }
        }
        return fr;
    }

    /** PSNR in dB of plane p of {@code b} against {@code a} (peak = the largest code value); 99 when identical. */
    static double psnr(Frame a, Frame b, int p) {
        short[] x = a.plane(p);
        short[] y = b.plane(p);
        double se = 0;
        for (int i = 0; i < x.length; i++) {
            double d = (x[i] & 0xFFFF) - (y[i] & 0xFFFF);
            se += d * d;
        }
        if (se == 0) {
            return 99;
        }
        double peak = a.format().maxCode();
        return 10 * Math.log10(peak * peak / (se / x.length));
    }

    /** Encodes then decodes with this project's decoder. */
    static Frame roundTrip(JpegXsEncoder enc, Frame src) throws JpegXsFormatException {
        byte[] cs = new byte[enc.maxCodestreamBytes()];
        int n = enc.encode(src, cs, 0);
        return decode(cs, n, src.format(), src.width(), src.height());
    }

    static Frame decode(byte[] cs, int n, PixelFormat f, int w, int h) throws JpegXsFormatException {
        Frame out = Frame.allocate(f, w, h);
        try (JpegXsDecoder d = new JpegXsDecoder(1)) {
            d.decode(cs, 0, n, out);
        }
        return out;
    }
}
