package dev.xsight.render;

import dev.xsight.media.Colorimetry;
import dev.xsight.media.Frame;
import dev.xsight.image.DisplayImage;

/**
 * What a preview picture keeps besides its 8-bit pixels, for the scopes and the pixel probe: the displayed 10-bit
 * R'G'B' codes before any signal overlay, the source samples the picture was made from (the frame decimated to the
 * picture size), and how picture pixels map back to frame pixels. Buffers are allocated when the picture size or
 * format changes and reused for every later frame.
 *
 * <p>Threading: written by the preview converter thread while its {@link PreviewLoop.Picture} is free; read by
 * the UI thread while that picture is shown and by the scope feed it is offered to.
 */
public final class PictureAnalysis {
    private DisplayImage codes;
    private Frame source;
    private int factor = 1;
    private int frameWidth;
    private int frameHeight;
    private DisplayTarget target = DisplayTarget.REC709;
    private boolean valid;

    /** The displayed codes buffer for a {@code width x height} picture (reused while the size stays). */
    DisplayImage codesFor(int width, int height) {
        if (codes == null || codes.width() != width || codes.height() != height) {
            codes = new DisplayImage(width, height);
        }
        return codes;
    }

    /** The source copy for {@code f} decimated by {@code k} (reused while size and format stay). */
    Frame sourceFor(Frame f, int k, int width, int height) {
        if (source == null || source.width() != width || source.height() != height
                || !source.format().equals(f.format())) {
            source = Frame.allocate(f.format(), width, height);
        }
        return source;
    }

    /** Marks the buffers as holding the picture of a {@code frameWidth x frameHeight} frame decimated by {@code k}. */
    void publish(int k, int frameWidth, int frameHeight, DisplayTarget target) {
        this.target = target;
        this.factor = k;
        this.frameWidth = frameWidth;
        this.frameHeight = frameHeight;
        this.valid = true;
    }

    /** The renderer produced no codes for this picture (e.g. the plain preview). */
    void invalidate() {
        valid = false;
    }

    /** Whether {@link #codes()} and {@link #source()} describe the picture. */
    public boolean valid() {
        return valid;
    }

    /** The displayed 10-bit R'G'B' codes, picture size, without overlays. */
    public DisplayImage codes() {
        return codes;
    }

    /** The source samples at picture size (every {@link #factor()}-th sample of the frame). */
    public Frame source() {
        return source;
    }

    /** Frame pixels per picture pixel, each way. */
    public int factor() {
        return factor;
    }

    public int frameWidth() {
        return frameWidth;
    }

    public int frameHeight() {
        return frameHeight;
    }

    /** The display the codes are for (from the render parameters the picture was made with). */
    public DisplayTarget target() {
        return target;
    }

    /** Whether the display's luma coefficients are BT.2020's (else BT.709's). */
    public boolean displayBt2020() {
        return target.bt2020();
    }

    /** The transfer the display encodes (for the probe's cd/m²). */
    public Colorimetry.Transfer displayTransfer() {
        return target.transfer();
    }
}
