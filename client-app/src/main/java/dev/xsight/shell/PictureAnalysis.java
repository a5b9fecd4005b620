package dev.xsight.shell;

import dev.xsight.media.Colorimetry;
import dev.xsight.media.Frame;
import dev.xsight.scope.DisplayImage;

/**
 * What a preview picture keeps besides its 8-bit pixels, for the scopes and the pixel probe: the displayed 10-bit
 * R'G'B' codes before any signal overlay, the source samples the picture was made from (the frame decimated to the
 * picture size), and how picture pixels map back to frame pixels. Buffers are allocated when the picture size or
 * format changes and reused for every later frame.
 *
 * <p>Threading: written by the preview converter thread while its {@link PreviewPipeline.Picture} is free; read by
 * the FX thread while that picture is shown and by the scope feed during {@link ScopeFeed#offer}.
 */
public final class PictureAnalysis {
    private DisplayImage codes;
    private Frame source;
    private int factor = 1;
    private int frameWidth;
    private int frameHeight;
    private Colorimetry.Transfer displayTransfer = Colorimetry.Transfer.BT1886;
    private boolean valid;
    private boolean bt2020;

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
    void publish(int k, int frameWidth, int frameHeight, Colorimetry.Transfer display, boolean bt2020) {
        this.bt2020 = bt2020;
        this.factor = k;
        this.frameWidth = frameWidth;
        this.frameHeight = frameHeight;
        this.displayTransfer = display;
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

    /** Whether the display's luma coefficients are BT.2020's (else BT.709's). */
    public boolean displayBt2020() {
        return bt2020;
    }

    /** The transfer the display encodes (for the probe's cd/m²). */
    public Colorimetry.Transfer displayTransfer() {
        return displayTransfer;
    }
}
