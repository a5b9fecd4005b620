package dev.xsight.shell;

import dev.xsight.media.Frame;
import java.nio.IntBuffer;

/**
 * Turns a source frame into the preview's opaque ARGB picture. The {@link PreviewPipeline} calls every method on
 * its converter thread ({@code xsight-preview}) only, so an implementation may keep thread-confined state such as
 * an OpenGL context; {@link #close} also runs on that thread.
 */
public interface PictureRenderer extends AutoCloseable {

    /** Picture width for {@code f}; {@code step} is the pipeline's resolution divisor (1 or 2), a hint. */
    int width(Frame f, int step);

    /** Picture height for {@code f}. */
    int height(Frame f, int step);

    /** Writes {@code width x height} ARGB pixels, top line first, into {@code out}. */
    void render(Frame f, IntBuffer out, int width, int height, int step);

    /**
     * As {@link #render(Frame, IntBuffer, int, int, int)}, also leaving the displayed 10-bit codes and the source
     * samples in {@code analysis} and painting {@code overlays} over the 8-bit picture. A renderer without 10-bit
     * codes (this default) renders as before, paints nothing and marks {@code analysis} invalid.
     */
    default void render(Frame f, IntBuffer out, int width, int height, int step, PictureAnalysis analysis,
                        SignalOverlays overlays) {
        render(f, out, width, height, step);
        analysis.invalidate();
    }

    /** Frees what the renderer holds; converter thread. */
    @Override
    void close();

    /** The shell's original CPU conversion to sRGB-ish 8-bit (BT.709/601/2020 code tables, no pipeline). */
    static PictureRenderer plain() {
        PreviewConverter c = new PreviewConverter();
        return new PictureRenderer() {
            @Override
            public int width(Frame f, int step) {
                return (f.width() + step - 1) / step;
            }

            @Override
            public int height(Frame f, int step) {
                return (f.height() + step - 1) / step;
            }

            @Override
            public void render(Frame f, IntBuffer out, int width, int height, int step) {
                c.convert(f, out, step);
            }

            @Override
            public void close() {
            }
        };
    }
}
