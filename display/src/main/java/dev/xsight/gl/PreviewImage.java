package dev.xsight.gl;

import java.nio.ByteBuffer;
import java.nio.IntBuffer;
import javafx.geometry.Rectangle2D;
import javafx.scene.image.PixelBuffer;
import javafx.scene.image.PixelFormat;
import javafx.scene.image.WritableImage;

/**
 * The preview in the JavaFX shell: a {@link WritableImage} backed by a {@link PixelBuffer} (premultiplied BGRA,
 * opaque), filled from the GL readback of the reduced-size render. GL rows come bottom-up; {@link #fillFrom10Bit}
 * flips them so that line 0 is the top of the picture.
 *
 * <p>Threading: {@link #fillFrom10Bit} writes the pixel array and may run on the render thread; {@link #publish}
 * must run on the JavaFX application thread (it calls {@link PixelBuffer#updateBuffer}). The owner serialises the
 * two (e.g. fill, then {@code Platform.runLater(preview::publish)} and no new fill until it has run).
 */
public final class PreviewImage {
    private final int width;
    private final int height;
    private final IntBuffer pixels;
    private final PixelBuffer<IntBuffer> buffer;
    private final WritableImage image;

    public PreviewImage(int width, int height) {
        if (width < 1 || height < 1 || width > 8192 || height > 8192) {
            throw new IllegalArgumentException("bad preview size " + width + "x" + height);
        }
        this.width = width;
        this.height = height;
        this.pixels = ByteBuffer.allocateDirect(width * height * 4).order(java.nio.ByteOrder.nativeOrder()).asIntBuffer();
        this.buffer = new PixelBuffer<>(width, height, pixels, PixelFormat.getIntArgbPreInstance());
        this.image = new WritableImage(buffer);
    }

    public WritableImage image() {
        return image;
    }

    /** 4×4 Bayer thresholds in quarter-code steps of the 2 bits dropped (0..3 → 0, 0.25, 0.5, 0.75 of an 8-bit step). */
    private static final int[] BAYER = {0, 8, 2, 10, 12, 4, 14, 6, 3, 11, 1, 9, 15, 7, 13, 5};

    /**
     * Copies a GL readback of packed RGB10_A2 texels ({@code GL_UNSIGNED_INT_2_10_10_10_REV}, bottom row first)
     * into the preview, top row first. The display has fewer bits than the render, so the two dropped bits are
     * replaced by an ordered (4×4 Bayer) dither: a flat 10-bit level between two 8-bit codes shows as their mix.
     */
    public void fillFrom10Bit(IntBuffer glRows) {
        for (int row = 0; row < height; row++) {
            int src = (height - 1 - row) * width;
            int dst = row * width;
            for (int x = 0; x < width; x++) {
                int v = glRows.get(src + x);
                int t = BAYER[(row & 3) * 4 + (x & 3)] >> 2; // 0..3
                int r = to8(v & 0x3FF, t), g = to8((v >>> 10) & 0x3FF, t), b = to8((v >>> 20) & 0x3FF, t);
                pixels.put(dst + x, 0xFF000000 | r << 16 | g << 8 | b);
            }
        }
    }

    private static int to8(int code10, int threshold) {
        int q = code10 >> 2;
        return (code10 & 3) > threshold && q < 255 ? q + 1 : q;
    }

    /** Tells JavaFX the whole buffer changed. FX application thread only. */
    public void publish() {
        buffer.updateBuffer(b -> new Rectangle2D(0, 0, width, height));
    }

    /** The ARGB value at (x, y), top-left origin, for tests and the probe. */
    public int argb(int x, int y) {
        return pixels.get(y * width + x);
    }
}
