package dev.xsight.gl;

import static org.lwjgl.glfw.GLFW.*;
import static org.lwjgl.opengl.GL33C.*;

import dev.xsight.colour.ColourProgram;
import dev.xsight.media.Frame;
import java.util.ArrayList;
import java.util.List;
import org.lwjgl.glfw.GLFWVidMode;
import org.lwjgl.opengl.GL;
import org.lwjgl.system.MemoryUtil;

/**
 * The reference output: a GLFW window (full-screen on a chosen monitor, or windowed) asking for 10 bits per
 * channel, swap interval 1, showing frames through a colour program. It reports the bit depth actually obtained
 * and counts presents that were late (the swap returned more than 1.5 refresh periods after the previous one),
 * repeated (no new frame since the last present) and dropped (a frame replaced before it was presented).
 *
 * <p>Threading: create, {@link #show} and {@link #present} on one thread (the GL/GLFW thread). {@link #stats()} may
 * be read from any thread. GLFW is process-global: do not hold a {@link GlContext} while a window is open.
 */
public final class ReferenceWindow implements AutoCloseable {
    private final long window;
    private final GlFrameRenderer renderer;
    private final int redBits;
    private final int width;
    private final int height;
    private final double refreshHz;
    private volatile Stats stats = new Stats(0, 0, 0, 0);
    private long lastSwapNanos;
    private boolean fresh;
    private long presented, late, repeated, dropped;

    /** Present counters. */
    public record Stats(long presented, long late, long repeated, long dropped) {
    }

    /**
     * @param monitorIndex index into the connected monitors for full screen, or -1 for a window
     */
    public ReferenceWindow(ColourProgram program, int monitorIndex, int width, int height) {
        List<String> tried = new ArrayList<>();
        // A real window: the platform hint persists across glfwInit calls, and GlContext may have set "null".
        glfwInitHint(GLFW_PLATFORM, GLFW_ANY_PLATFORM);
        if (!glfwInit()) {
            throw new GlUnavailableException("glfwInit failed (no display?)");
        }
        glfwDefaultWindowHints();
        glfwWindowHint(GLFW_RED_BITS, 10);
        glfwWindowHint(GLFW_GREEN_BITS, 10);
        glfwWindowHint(GLFW_BLUE_BITS, 10);
        glfwWindowHint(GLFW_ALPHA_BITS, 2);
        glfwWindowHint(GLFW_CONTEXT_VERSION_MAJOR, 3);
        glfwWindowHint(GLFW_CONTEXT_VERSION_MINOR, 3);
        glfwWindowHint(GLFW_OPENGL_PROFILE, GLFW_OPENGL_CORE_PROFILE);
        glfwWindowHint(GLFW_OPENGL_FORWARD_COMPAT, GLFW_TRUE);
        long monitor = MemoryUtil.NULL;
        double hz = 60;
        int w = width, h = height;
        if (monitorIndex >= 0) {
            var monitors = glfwGetMonitors();
            if (monitors == null || monitorIndex >= monitors.limit()) {
                glfwTerminate();
                throw new IllegalArgumentException("no monitor " + monitorIndex);
            }
            monitor = monitors.get(monitorIndex);
            GLFWVidMode mode = glfwGetVideoMode(monitor);
            if (mode != null) {
                w = mode.width();
                h = mode.height();
                hz = mode.refreshRate();
            }
        }
        window = glfwCreateWindow(w, h, "Xsight reference output", monitor, MemoryUtil.NULL);
        if (window == MemoryUtil.NULL) {
            glfwTerminate();
            throw new GlUnavailableException("cannot open a 10-bit window " + tried);
        }
        glfwMakeContextCurrent(window);
        GL.createCapabilities();
        glfwSwapInterval(1);
        int[] bits = new int[1];
        glGetFramebufferAttachmentParameteriv(GL_FRAMEBUFFER, GL_BACK_LEFT, GL_FRAMEBUFFER_ATTACHMENT_RED_SIZE, bits);
        redBits = bits[0];
        this.width = w;
        this.height = h;
        this.refreshHz = hz;
        renderer = new GlFrameRenderer(program);
    }

    /** Bits per channel of the window's framebuffer as the driver reports them (10 when the request held). */
    public int obtainedBitsPerChannel() {
        return redBits;
    }

    /** Hands the next frame to show; replacing one that was never presented counts as a drop. */
    public void show(Frame f) {
        if (fresh) {
            dropped++;
        }
        renderer.upload(f);
        fresh = true;
    }

    /** Draws the current frame and swaps (blocks for vsync). */
    public void present() {
        if (!fresh) {
            repeated++;
        }
        glBindFramebuffer(GL_FRAMEBUFFER, 0);
        renderer.drawCurrent();
        glfwSwapBuffers(window);
        glfwPollEvents();
        long now = System.nanoTime();
        if (lastSwapNanos != 0 && now - lastSwapNanos > 1.5e9 / refreshHz) {
            late++;
        }
        lastSwapNanos = now;
        fresh = false;
        presented++;
        stats = new Stats(presented, late, repeated, dropped);
    }

    public Stats stats() {
        return stats;
    }

    public int width() {
        return width;
    }

    public int height() {
        return height;
    }

    public boolean closeRequested() {
        return glfwWindowShouldClose(window);
    }

    @Override
    public void close() {
        renderer.close();
        glfwDestroyWindow(window);
        glfwTerminate();
    }
}
