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

    /**
     * Copies a GL readback of packed RGB10_A2 texels ({@code GL_UNSIGNED_INT_2_10_10_10_REV}, bottom row first)
     * into the preview, top row first, keeping the top 8 bits of each channel.
     */
    public void fillFrom10Bit(IntBuffer glRows) {
        for (int row = 0; row < height; row++) {
            int src = (height - 1 - row) * width;
            int dst = row * width;
            for (int x = 0; x < width; x++) {
                int v = glRows.get(src + x);
                int r = (v >>> 2) & 0xFF, g = (v >>> 12) & 0xFF, b = (v >>> 22) & 0xFF;
                pixels.put(dst + x, 0xFF000000 | r << 16 | g << 8 | b);
            }
        }
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
