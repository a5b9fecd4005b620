package dev.xsight.jpegxs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.xsight.media.ColourModel;
import dev.xsight.media.Frame;
import org.junit.jupiter.api.Test;

/**
 * The output non-linearity (NLT marker, ISO/IEC 21122-1 Annex G) and the reversible colour transform (Cpih 1,
 * Annex F) on real coefficients: a conformance stream is decoded as coded (linear, no colour transform), then with
 * its header changed to ask for the other mapping, and the two pictures must follow the spec's formulas within the
 * rounding of the linear output (one code value of 10-bit output is 2^10 wavelet units at Bw 20).
 */
class OutputTransformTest {
    private static final byte[] S20 = TestStreams.load(TestStreams.S20);

    private static Frame decode(byte[] b) throws Exception {
        try (JpegXsDecoder dec = new JpegXsDecoder(1)) {
            Frame f = TestStreams.frameFor(b);
            dec.decode(b, 0, b.length, f);
            return f;
        }
    }

    /** S20 with a marker segment inserted before CDT and Lcod set to 0 (the length changed). */
    private static byte[] withSegment(byte[] seg) {
        int cdt = 0;
        while (!((S20[cdt] & 0xFF) == 0xFF && (S20[cdt + 1] & 0xFF) == 0x13)) {
            cdt++;
        }
        byte[] b = new byte[S20.length + seg.length];
        System.arraycopy(S20, 0, b, 0, cdt);
        System.arraycopy(seg, 0, b, cdt, seg.length);
        System.arraycopy(S20, cdt, b, cdt + seg.length, S20.length - cdt);
        int pih = 4 + ((S20[4] & 0xFF) << 8 | (S20[5] & 0xFF));
        java.util.Arrays.fill(b, pih + 4, pih + 8, (byte) 0);
        return b;
    }

    @Test
    void quadraticNonLinearityOutputsTheScaledSquareOfTheLinearValue() throws Exception {
        Frame linear = decode(S20);
        // NLT type 1, sigma 0, alpha 0: out = ((v + 2^19)^2 + 2^29) >> 30 for 10-bit output at Bw 20 (G.3).
        byte[] b = withSegment(new byte[] {(byte) 0xFF, 0x16, 0, 5, 1, 0, 0});
        CodestreamInfo info = JpegXsDecoder.probe(b, 0, b.length);
        assertEquals(1, info.nlt().type());
        Frame quad = decode(b);
        short[] l = linear.plane(0);
        short[] q = quad.plane(0);
        int checked = 0;
        for (int i = 0; i < l.length; i++) {
            int lin = l[i];
            if (lin <= 0 || lin >= 1023) {
                continue;
            }
            // The linear code L covers wavelet values u = v + 2^19 in [1024 L - 512, 1024 L + 512).
            long lo = (long) (1024 * lin - 512) * (1024 * lin - 512);
            long hi = (long) (1024 * lin + 511) * (1024 * lin + 511);
            long qMin = (lo + (1L << 29)) >> 30;
            long qMax = (hi + (1L << 29)) >> 30;
            assertTrue(q[i] >= qMin && q[i] <= qMax, "sample " + i + ": linear " + lin + " quadratic " + q[i]);
            checked++;
        }
        assertTrue(checked > l.length / 2);
    }

    @Test
    void reversibleColourTransformTurnsTheComponentsIntoRgb() throws Exception {
        byte[] s19 = null;
        java.nio.file.Path p = TestPictures.conformanceJpegXs().resolve("s19_1001x563_444p10_bpp3_v1h3_sh8.jxs");
        s19 = java.nio.file.Files.readAllBytes(p);
        Frame ycc = decode(s19);
        byte[] b = s19.clone();
        int pih = 4 + ((b[4] & 0xFF) << 8 | (b[5] & 0xFF));
        b[pih + 25] = (byte) ((b[pih + 25] & 0xF0) | 1);
        CodestreamInfo info = JpegXsDecoder.probe(b, 0, b.length);
        assertEquals(ColourModel.RGB, info.pixelFormat().model());
        Frame rgb = decode(b);
        // F.3: G = Y - floor((Cb + Cr) / 4), R = Cr + G, B = Cb + G, on the zero-centred values.
        int checked = 0;
        for (int i = 0; i < ycc.plane(0).length; i++) {
            int y = ycc.plane(0)[i];
            int cb = ycc.plane(1)[i] - 512;
            int cr = ycc.plane(2)[i] - 512;
            int g = y - Math.floorDiv(cb + cr, 4);
            int r = cr + g;
            int bl = cb + g;
            boolean clipped = y <= 0 || y >= 1023 || cb <= -512 || cb >= 511 || cr <= -512 || cr >= 511;
            if (clipped || Math.min(Math.min(g, r), bl) <= 3 || Math.max(Math.max(g, r), bl) >= 1020) {
                continue;
            }
            // Each linear output rounds by up to half a code; R and B add two of them plus the floor.
            String at = " at " + i + ": Y " + y + " Cb " + cb + " Cr " + cr + " -> R " + rgb.plane(0)[i] + " G "
                    + rgb.plane(1)[i] + " B " + rgb.plane(2)[i];
            assertTrue(Math.abs(rgb.plane(0)[i] - r) <= 3, "R" + at);
            assertTrue(Math.abs(rgb.plane(1)[i] - g) <= 3, "G" + at);
            assertTrue(Math.abs(rgb.plane(2)[i] - bl) <= 3, "B" + at);
            checked++;
        }
        assertTrue(checked > 1000, "checked " + checked);
    }
}
