package dev.xsight.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.xsight.media.Frame;
import dev.xsight.media.PixelFormat;
import java.nio.IntBuffer;
import org.junit.jupiter.api.Test;

class PreviewConverterTest {

    /** A 4x1 4:2:2 frame with two colours (two luma samples per chroma sample). */
    private static int[] convert(int[] a, int[] b) {
        Frame f = Frame.allocate(PixelFormat.YUV422P10, 4, 1);
        int[][] px = {a, a, b, b};
        for (int x = 0; x < 4; x++) {
            f.plane(0)[x] = (short) px[x][0];
        }
        f.plane(1)[0] = (short) a[1];
        f.plane(2)[0] = (short) a[2];
        f.plane(1)[1] = (short) b[1];
        f.plane(2)[1] = (short) b[2];
        IntBuffer out = IntBuffer.allocate(4);
        new PreviewConverter().convert(f, out);
        return out.array();
    }

    private static void assertRgb(int r, int g, int b, int argb) {
        int ar = argb >> 16 & 0xFF;
        int ag = argb >> 8 & 0xFF;
        int ab = argb & 0xFF;
        assertEquals(0xFF, argb >>> 24, "opaque");
        assertTrue(Math.abs(ar - r) <= 1 && Math.abs(ag - g) <= 1 && Math.abs(ab - b) <= 1,
                String.format("expected %d,%d,%d got %d,%d,%d", r, g, b, ar, ag, ab));
    }

    @Test
    void narrowRangeBlackAndWhiteMapToFullEightBitRange() {
        int[] out = convert(new int[] {64, 512, 512}, new int[] {940, 512, 512});
        assertRgb(0, 0, 0, out[0]);
        assertRgb(255, 255, 255, out[3]);
    }

    @Test
    void rp219SeventyFivePercentBarsBecomeSeventyFivePercentRgb() {
        // 75% of 255 = 191.25: RP 219 yellow and cyan code values decode to R'G'B' 0.75/0.75/0 and 0/0.75/0.75.
        int[] out = convert(new int[] {674, 176, 543}, new int[] {581, 589, 176});
        assertRgb(191, 191, 0, out[0]);
        assertRgb(0, 191, 191, out[3]);
        // Sample 2 is co-sited with the second chroma sample.
        assertRgb(0, 191, 191, out[2]);
    }

    @Test
    void halfResolutionTakesEverySecondSample() {
        Frame f = Frame.allocate(PixelFormat.YUV422P10, 4, 2);
        java.util.Arrays.fill(f.plane(0), (short) 940);
        java.util.Arrays.fill(f.plane(1), (short) 512);
        java.util.Arrays.fill(f.plane(2), (short) 512);
        IntBuffer out = IntBuffer.allocate(2);
        new PreviewConverter().convert(f, out, 2);
        assertRgb(255, 255, 255, out.get(0));
        assertRgb(255, 255, 255, out.get(1));
    }
}
