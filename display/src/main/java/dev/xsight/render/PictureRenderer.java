package dev.xsight.render;

import dev.xsight.media.Frame;
import java.nio.IntBuffer;

/**
 * Turns a source frame into a preview's opaque ARGB picture with the given {@link RenderParams}. The
 * {@link PreviewLoop} calls every method on its converter thread only, so an implementation may keep thread-confined
 * state such as an OpenGL context; {@link #close} also runs on that thread.
 */
public interface PictureRenderer extends AutoCloseable {

    /** Picture width for {@code f}; {@code step} is the preview's resolution divisor (1 or 2), a hint. */
    int width(Frame f, int step, RenderParams params);

    /** Picture height for {@code f}. */
    int height(Frame f, int step, RenderParams params);

    /**
     * Writes {@code width x height} ARGB pixels, top line first, into {@code out}, leaving the displayed 10-bit codes
     * and the source samples in {@code analysis} (or marking it invalid when there are none) and painting
     * {@code params.overlays()} over the 8-bit picture only.
     */
    void render(Frame f, IntBuffer out, int width, int height, int step, PictureAnalysis analysis,
                RenderParams params);

    /** Frees what the renderer holds; converter thread. */
    @Override
    void close();
}
