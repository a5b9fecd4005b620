package dev.xsight.gl;

import static org.lwjgl.glfw.GLFW.*;

import java.util.ArrayList;
import java.util.List;
import org.lwjgl.opengl.GL;
import org.lwjgl.opengl.GL11;
import org.lwjgl.opengl.GLCapabilities;
import org.lwjgl.system.MemoryUtil;

/**
 * An OpenGL 3.3+ core context. {@link #offscreen()} makes a hidden one: a hidden X11 window when there is a display,
 * else GLFW's null platform with an EGL context (Mesa llvmpipe headless, or a GPU driver's EGL); see {@link Glfw}
 * for why one platform serves every context. Threading: every method of this class and everything rendered with
 * it must be called on the thread that created it (several contexts may live on several threads).
 */
public final class GlContext implements AutoCloseable {
    private final long window;
    private final GLCapabilities caps;
    private final String renderer;
    private final String version;

    /** Makes the context of {@code window} (made by {@link Glfw}) current on this thread and wraps it. */
    GlContext(long window) {
        this.window = window;
        glfwMakeContextCurrent(window);
        this.caps = GL.createCapabilities();
        this.renderer = GL11.glGetString(GL11.GL_RENDERER);
        this.version = GL11.glGetString(GL11.GL_VERSION);
    }

    /** A hidden context for offscreen rendering; throws {@link GlUnavailableException} naming what failed. */
    public static GlContext offscreen() {
        List<String> tried = new ArrayList<>();
        Glfw.Window w = Glfw.createWindow(new Glfw.Request(16, 16, "Xsight", -1, false, false), tried);
        if (w == null) {
            throw new GlUnavailableException("no OpenGL 3.3 core context: " + String.join("; ", tried));
        }
        return new GlContext(w.handle());
    }

    /** True when an offscreen context can be made here; the reason otherwise via {@link #unavailableReason()}. */
    public static boolean available() {
        return unavailableReason() == null;
    }

    /** Null when GL works, else why not. */
    public static String unavailableReason() {
        try (GlContext c = offscreen()) {
            return null;
        } catch (GlUnavailableException | UnsatisfiedLinkError | ExceptionInInitializerError e) {
            return e.getMessage();
        }
    }

    public void makeCurrent() {
        if (glfwGetCurrentContext() != window) {
            glfwMakeContextCurrent(window);
        }
        GL.setCapabilities(caps);
    }

    public String renderer() {
        return renderer;
    }

    public String version() {
        return version;
    }

    long window() {
        return window;
    }

    /** Releases the context and destroys its window (through {@link Glfw}). */
    @Override
    public void close() {
        glfwMakeContextCurrent(MemoryUtil.NULL);
        GL.setCapabilities(null);
        Glfw.destroyWindow(window);
    }
}
