package dev.xsight.gl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.IntBuffer;
import org.junit.jupiter.api.Test;

class PreviewImageTest {

    @Test
    void glBottomUpRowsArriveTopDownInThePreview() {
        PreviewImage p = new PreviewImage(2, 2);
        IntBuffer gl = IntBuffer.allocate(4);
        // GL row 0 (bottom): pure red 10-bit 1023; GL row 1 (top): blue 512.
        gl.put(0, 1023).put(1, 1023).put(2, 512 << 20).put(3, 512 << 20);
        p.fillFrom10Bit(gl);
        assertEquals(0xFF000080, p.argb(0, 0), "top-left shows the top GL row: blue 512 -> 128");
        assertEquals(0xFFFF0000, p.argb(1, 1), "bottom-right shows the bottom GL row: red");
        assertSame(p.image(), p.image());
    }

    @Test
    void aTenBitLevelBetweenTwoEightBitCodesIsDitheredToTheirMix() {
        PreviewImage p = new PreviewImage(4, 4);
        IntBuffer gl = IntBuffer.allocate(16);
        for (int i = 0; i < 16; i++) {
            gl.put(i, 514 << 10); // green 514 = 8-bit 128.5
        }
        p.fillFrom10Bit(gl);
        int sum = 0;
        for (int y = 0; y < 4; y++) {
            for (int x = 0; x < 4; x++) {
                int g = p.argb(x, y) >> 8 & 0xFF;
                assertTrue(g == 128 || g == 129, "g " + g);
                sum += g;
            }
        }
        assertEquals(128.5, sum / 16.0, 1e-9);
        gl.put(0, 512 << 10);
        p.fillFrom10Bit(gl);
        assertEquals(128, p.argb(0, 3) >> 8 & 0xFF, "exact 8-bit levels are not dithered");
    }
}
