package dev.xsight.gl;

import static org.lwjgl.glfw.GLFW.*;
import static org.lwjgl.opengl.GL33C.*;

import dev.xsight.colour.ColourProgram;
import dev.xsight.media.Frame;
import java.util.ArrayList;
import java.util.List;

/**
 * The reference output's window: a GLFW window (full screen on a chosen monitor at its own mode, or windowed)
 * asking for 10 bits per channel, swap interval 1. It reports the bit depth the driver actually gave.
 * {@link ReferenceOutput} drives it at the source frame rate.
 *
 * <p>Per frame: the planes go up once ({@link #draw}), and {@link #present} puts the picture on the back buffer and
 * swaps. When the frame fills a 10-bit window exactly (the reference case: 1080p on a 1080p monitor) that is one
 * pass of the frame shader straight into the back buffer, with the GL state of the pass left bound from one frame to
 * the next. Otherwise the frame is rendered at its own size into a 10-bit (RGB10_A2) target and put into the window
 * by a {@link PresentPass} — aspect kept, the codes unchanged on a window of 10 bits or more, an ordered dither of the
 * dropped bits on a shallower one — or, 1:1 on a deeper window, copied. GL errors are checked whenever the state is
 * set up and every {@value #ERROR_CHECK_INTERVAL} presents (not every frame: {@code glGetError} can stall a
 * threaded driver).
 *
 * <p>Threading: create and use on one thread (the output thread): the context is current there.
 */
public final class ReferenceWindow implements AutoCloseable {
    private final long window;
    private final GlContext context;
    private final int redBits;
    private final double refreshHz;
    static final int ERROR_CHECK_INTERVAL = 64;
    private GlFrameRenderer frames;
    private final PresentPass presentPass;
    private boolean haveFrame;
    private final int packPbo;
    // Framebuffer size, kept by GLFW's size callback (no query to the X server per frame).
    private volatile int fbWidth, fbHeight;
    private int[] pictureRect = new int[4];
    // The frame and window sizes pictureRect was worked out for.
    private int rectFrameWidth = -1, rectFrameHeight = -1, rectWindowWidth = -1, rectWindowHeight = -1;
    private long presents;

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
        int[] fw = new int[1], fh = new int[1];
        glfwGetFramebufferSize(window, fw, fh);
        fbWidth = fw[0];
        fbHeight = fh[0];
        glfwSetFramebufferSizeCallback(window, (win, fwNow, fhNow) -> {
            fbWidth = fwNow;
            fbHeight = fhNow;
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

    /** Uploads the planes of {@code f}; the next {@link #present} shows it through the colour program set before. */
    public void draw(Frame f) {
        if (frames == null) {
            throw new IllegalStateException("no colour program set");
        }
        context.makeCurrent();
        frames.uploadPlanes(f);
        haveFrame = true;
    }

    /**
     * Puts the last drawn frame on the back buffer (black when there is none yet) and swaps; blocks for vsync where
     * the driver syncs. {@code capture}, when not null, receives the back buffer's 10-bit codes first (see
     * {@link #readBackBuffer}).
     */
    public void present(int[] capture) {
        context.makeCurrent();
        int ww = fbWidth, wh = fbHeight;
        boolean settingUp = frames == null || frames.needsBinding();
        if (haveFrame) {
            int[] rect = pictureRect(ww, wh);
            boolean oneToOne = rect[2] == ww && rect[3] == wh && rect[2] == frames.width()
                    && rect[3] == frames.height();
            if (oneToOne && redBits == 10) {
                // The frame fills a 10-bit window sample for sample: the frame shader writes the window's codes
                // itself (what the present pass would write from the offscreen target, exactly).
                frames.drawToWindow();
            } else {
                frames.render();
                if (oneToOne && redBits > 10) {
                    frames.copyToDrawFramebuffer();
                } else {
                    presentPass.draw(frames.colourTexture(), frames.width(), frames.height(), rect, ww, wh, redBits);
                }
                frames.stateChanged();
                settingUp = true;
            }
        } else {
            glViewport(0, 0, ww, wh);
            glClearColor(0, 0, 0, 1);
            glClear(GL_COLOR_BUFFER_BIT);
            if (frames != null) {
                frames.stateChanged();
            }
        }
        if (capture != null) {
            readBackBuffer(capture, ww, wh);
        }
        if (settingUp || ++presents % ERROR_CHECK_INTERVAL == 0) {
            GlErrors.check("reference present");
        }
        glfwSwapBuffers(window);
    }

    /** Where the picture goes in a {@code ww} x {@code wh} window; worked out again only when a size changes. */
    private int[] pictureRect(int ww, int wh) {
        if (frames.width() != rectFrameWidth || frames.height() != rectFrameHeight || ww != rectWindowWidth
                || wh != rectWindowHeight) {
            pictureRect = GlFrameRenderer.fit(frames.width(), frames.height(), ww, wh);
            rectFrameWidth = frames.width();
            rectFrameHeight = frames.height();
            rectWindowWidth = ww;
            rectWindowHeight = wh;
        }
        return pictureRect;
    }

    /** Width of the window's framebuffer in pixels (kept up to date by GLFW's size callback). */
    public int width() {
        return fbWidth;
    }

    /** Height of the window's framebuffer in pixels. */
    public int height() {
        return fbHeight;
    }

    /**
     * Reads the back buffer as 10-bit codes, 3 per pixel, top line first (the caller sizes {@code out} to
     * {@link #width()} x {@link #height()} x 3).
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
        var sizeCb = glfwSetFramebufferSizeCallback(window, null);
        if (sizeCb != null) {
            sizeCb.free();
        }
        context.close();
    }
}
