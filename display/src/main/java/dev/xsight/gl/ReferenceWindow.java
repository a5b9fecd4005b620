package dev.xsight.gl;

import static org.lwjgl.glfw.GLFW.*;
import static org.lwjgl.opengl.GL33C.*;

import dev.xsight.colour.ColourProgram;
import dev.xsight.media.Frame;
import java.util.ArrayList;
import java.util.List;

/**
 * The reference output's window: a GLFW window (full screen on a chosen monitor at its own mode, or windowed)
 * asking for 10 bits per channel, swap interval 1. A frame is rendered at its own size through the colour program
 * into a 10-bit (RGB10_A2) target and put into the window by a {@link PresentPass}: aspect kept (1:1 when it fits
 * exactly), the offscreen render's codes on a 10-bit window, an ordered dither of the dropped bits on a shallower one.
 * It reports the bit depth the driver actually gave.
 * {@link ReferenceOutput} drives it at the source frame rate.
 *
 * <p>Threading: create and use on one thread (the output thread): the context is current there.
 */
public final class ReferenceWindow implements AutoCloseable {
    private final long window;
    private final GlContext context;
    private final int redBits;
    private final double refreshHz;
    private GlFrameRenderer frames;
    private final PresentPass presentPass;
    private boolean haveFrame;
    private final int packPbo;

    /** {@code monitorIndex} for full screen on the last connected monitor (the second one when there are two). */
    public static final int LAST_MONITOR = Glfw.LAST_MONITOR;

    /**
     * Opens the window, black until a colour program is set ({@link #setProgram}) and a frame drawn.
     *
     * @param monitorIndex index into the connected monitors for full screen, {@link #LAST_MONITOR}, or -1 for a
     *     window of {@code width} x {@code height}
     * @throws GlUnavailableException when no window can be opened (no display, no GL), saying why
     */
    public ReferenceWindow(int monitorIndex, int width, int height) {
        List<String> tried = new ArrayList<>();
        Glfw.Window w = Glfw.createWindow(new Glfw.Request(width, height, "Xsight reference output", monitorIndex,
                true, true), tried);
        if (w == null) {
            throw new GlUnavailableException("cannot open the reference window: " + String.join("; ", tried));
        }
        window = w.handle();
        refreshHz = w.refreshHz();
        context = new GlContext(window);
        glfwSwapInterval(1);
        // Esc on the reference window closes it (the main window's keys stay with the shell).
        glfwSetKeyCallback(window, (win, key, scancode, action, mods) -> {
            if (key == GLFW_KEY_ESCAPE && action == GLFW_PRESS) {
                glfwSetWindowShouldClose(win, true);
            }
        });
        int[] bits = new int[1];
        glGetFramebufferAttachmentParameteriv(GL_FRAMEBUFFER, GL_BACK_LEFT, GL_FRAMEBUFFER_ATTACHMENT_RED_SIZE, bits);
        redBits = bits[0];
        presentPass = new PresentPass();
        packPbo = glGenBuffers();
    }

    /** Bits per channel of the window's framebuffer as the driver reports them (10 when the request held). */
    public int obtainedBitsPerChannel() {
        return redBits;
    }

    /** The monitor's refresh rate in Hz, 0 when unknown. */
    public double refreshHz() {
        return refreshHz;
    }

    /** The GL renderer string, e.g. {@code llvmpipe (LLVM 15.0.6, 256 bits)}. */
    public String glRenderer() {
        return context.renderer();
    }

    /** Replaces the colour program (a new shader; the next frame is drawn with it). */
    public void setProgram(ColourProgram program) {
        context.makeCurrent();
        GlFrameRenderer next = new GlFrameRenderer(program);
        if (frames != null) {
            frames.close();
        }
        frames = next;
        haveFrame = false;
    }

    /** Forgets the last frame: the next present shows black. */
    public void clear() {
        haveFrame = false;
    }

    /** Uploads {@code f} and renders it through the colour program (set before) into the 10-bit target. */
    public void draw(Frame f) {
        if (frames == null) {
            throw new IllegalStateException("no colour program set");
        }
        context.makeCurrent();
        frames.upload(f);
        frames.render();
        haveFrame = true;
    }

    /**
     * Copies the last drawn frame into the back buffer (black when there is none yet) and swaps; blocks for vsync
     * where the driver syncs. {@code capture}, when not null, receives the back buffer's 10-bit codes first (see
     * {@link #readBackBuffer}).
     */
    public void present(int[] capture) {
        context.makeCurrent();
        int[] size = framebufferSize();
        if (haveFrame) {
            int[] pictureRect = GlFrameRenderer.fit(frames.width(), frames.height(), size[0], size[1]);
            glBindFramebuffer(GL_FRAMEBUFFER, 0);
            if (redBits >= 10 && pictureRect[2] == size[0] && pictureRect[3] == size[1]
                    && pictureRect[2] == frames.width() && pictureRect[3] == frames.height()) {
                // The picture fills a 10-bit window 1:1: a framebuffer copy moves the codes unchanged, cheaper than a
                // shader pass (what the present pass would write, exactly).
                frames.copyToDrawFramebuffer();
            } else {
                presentPass.draw(frames.colourTexture(), frames.width(), frames.height(), pictureRect, size[0],
                        size[1], redBits);
            }
        } else {
            glBindFramebuffer(GL_FRAMEBUFFER, 0);
            glViewport(0, 0, size[0], size[1]);
            glClearColor(0, 0, 0, 1);
            glClear(GL_COLOR_BUFFER_BIT);
        }
        if (capture != null) {
            readBackBuffer(capture, size[0], size[1]);
        }
        glfwSwapBuffers(window);
    }

    /** Window pixels: {width, height} of the framebuffer. */
    public int[] framebufferSize() {
        int[] w = new int[1], h = new int[1];
        glfwGetFramebufferSize(window, w, h);
        return new int[] {w[0], h[0]};
    }

    /**
     * Reads the back buffer as 10-bit codes, 3 per pixel, top line first (the caller sizes {@code out} to
     * width x height x 3 of {@link #framebufferSize()}).
     */
    private void readBackBuffer(int[] out, int width, int height) {
        if (out.length != width * height * 3) {
            throw new IllegalArgumentException("capture buffer holds " + out.length + " values, the window needs "
                    + width * height * 3);
        }
        glBindFramebuffer(GL_READ_FRAMEBUFFER, 0);
        glReadBuffer(GL_BACK);
        GlFrameRenderer.readTenBit(packPbo, width, height, out);
        GlErrors.check("reference capture");
    }

    /** True once the user asked the window to close (window manager close button). */
    public boolean closeRequested() {
        return glfwWindowShouldClose(window);
    }

    @Override
    public void close() {
        context.makeCurrent();
        if (frames != null) {
            frames.close();
        }
        presentPass.close();
        glDeleteBuffers(packPbo);
        var cb = glfwSetKeyCallback(window, null);
        if (cb != null) {
            cb.free();
        }
        context.close();
    }
}
