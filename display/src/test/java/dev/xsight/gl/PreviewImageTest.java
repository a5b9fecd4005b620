package dev.xsight.gl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

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
}
