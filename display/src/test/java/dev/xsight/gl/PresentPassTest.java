package dev.xsight.gl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.lwjgl.opengl.GL33C.*;

import dev.xsight.colour.ColourProgram;
import dev.xsight.colour.RangeOp;
import dev.xsight.media.Colorimetry;
import dev.xsight.media.Frame;
import dev.xsight.media.PixelFormat;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.junit.jupiter.api.Test;
import org.lwjgl.system.MemoryUtil;

/**
 * How the reference output puts the 10-bit picture on its window: exact codes on a 10-bit output, an ordered dither
 * of the two dropped bits on an 8-bit one (so a 10-bit ramp keeps its steps on average instead of banding).
 */
class PresentPassTest {

    /** Codes in, codes / 1023 out: the picture's 10-bit value is the frame's sample value, untouched. */
    private static final ColourProgram CODES = ColourProgram.of(
            new RangeOp(1 / 1023.0, 0, Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY));

    /** A 4:4:4 10-bit frame with every sample at {@code code}. */
    private static Frame flat(int w, int h, int code) {
        Frame f = Frame.allocate(PixelFormat.YUV444P10, w, h).colorimetry(Colorimetry.BT709);
        for (int p = 0; p < 3; p++) {
            java.util.Arrays.fill(f.plane(p), (short) code);
        }
        return f;
    }

    /** Renders {@code f}, presents it into a {@code w} x {@code h} target of {@code internal} format, reads RGBA. */
    private static int[][] present(Frame f, int w, int h, int internal, int outputBits) {
        try (GlContext ctx = GlContext.offscreen(); GlFrameRenderer r = new GlFrameRenderer(CODES);
                PresentPass pass = new PresentPass()) {
            r.upload(f);
            r.render();
            int tex = glGenTextures();
            glBindTexture(GL_TEXTURE_2D, tex);
            glTexImage2D(GL_TEXTURE_2D, 0, internal, w, h, 0, GL_RGBA, GL_UNSIGNED_BYTE, (ByteBuffer) null);
            int fbo = glGenFramebuffers();
            glBindFramebuffer(GL_FRAMEBUFFER, fbo);
            glFramebufferTexture2D(GL_FRAMEBUFFER, GL_COLOR_ATTACHMENT0, GL_TEXTURE_2D, tex, 0);
            pass.draw(r.colourTexture(), r.width(), r.height(), GlFrameRenderer.fit(r.width(), r.height(), w, h), w, h,
                    outputBits);
            ByteBuffer px = MemoryUtil.memAlloc(w * h * 4).order(ByteOrder.nativeOrder());
            int[][] out = new int[h][w];
            try {
                glPixelStorei(GL_PACK_ALIGNMENT, 4);
                if (internal == GL_RGB10_A2) {
                    glReadPixels(0, 0, w, h, GL_RGBA, GL_UNSIGNED_INT_2_10_10_10_REV, px);
                    for (int i = 0; i < w * h; i++) {
                        out[i / w][i % w] = px.getInt(i * 4) & 0x3FF; // red
                    }
                } else {
                    glReadPixels(0, 0, w, h, GL_RGBA, GL_UNSIGNED_BYTE, px);
                    for (int i = 0; i < w * h; i++) {
                        out[i / w][i % w] = px.get(i * 4) & 0xFF;
                    }
                }
            } finally {
                MemoryUtil.memFree(px);
                glDeleteFramebuffers(fbo);
                glDeleteTextures(tex);
            }
            return out;
        } catch (GlUnavailableException e) {
            throw new AssertionError(TestGl.noGl(e.getMessage()), e);
        }
    }

    @Test
    void aTenBitOutputGetsEveryCodeExactlyWithoutDither() {
        for (int code : new int[] {0, 1, 2, 3, 511, 513, 1022, 1023}) {
            int[][] out = present(flat(16, 8, code), 16, 8, GL_RGB10_A2, 10);
            for (int[] row : out) {
                for (int v : row) {
                    assertEquals(code, v, "10-bit code " + code);
                }
            }
        }
    }

    @Test
    void anEightBitOutputDithersTheDroppedBitsSoEachFourByFourTileAveragesTheTenBitValue() {
        for (int code : new int[] {512, 513, 514, 515, 100, 1022}) {
            int[][] out = present(flat(16, 8, code), 16, 8, GL_RGBA8, 8);
            double ideal = code * 255.0 / 1023;
            int lo = (int) Math.floor(ideal);
            double sum = 0;
            for (int y = 0; y < 4; y++) {
                for (int x = 0; x < 4; x++) {
                    int v = out[y][x];
                    assertTrue(v == lo || v == lo + 1, "code " + code + " → 8-bit " + v + " (ideal " + ideal + ")");
                    sum += v;
                }
            }
            // A 4x4 ordered dither has 16 thresholds: the tile mean is the ideal value to within 1/32.
            assertEquals(ideal, sum / 16, 1 / 32.0 + 1e-9, "tile mean for 10-bit code " + code);
        }
    }

    @Test
    void aPictureSmallerThanTheOutputIsScaledIntoItsRectangleWithBlackAround() {
        // 16x8 into 48x16: height-limited, 32x16 centred, 8 black columns each side.
        int[][] out = present(flat(16, 8, 1023), 48, 16, GL_RGB10_A2, 10);
        for (int y = 0; y < 16; y++) {
            assertEquals(0, out[y][7], "left pillar");
            assertEquals(1023, out[y][8], "picture's first column");
            assertEquals(1023, out[y][39], "picture's last column");
            assertEquals(0, out[y][40], "right pillar");
        }
    }
}
