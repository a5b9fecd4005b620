package dev.xsight.gl;

import static org.lwjgl.glfw.GLFW.*;

import java.util.ArrayList;
import java.util.List;
import org.lwjgl.glfw.GLFWErrorCallback;
import org.lwjgl.opengl.GL;
import org.lwjgl.opengl.GL11;
import org.lwjgl.opengl.GLCapabilities;
import org.lwjgl.system.MemoryUtil;

/**
 * An OpenGL 3.3+ core context. {@link #offscreen()} makes a hidden one without any display: GLFW's null platform
 * with an EGL context (Mesa llvmpipe headless, or a GPU driver's EGL), falling back to the X11 platform when
 * there is a display. Threading: GLFW must be initialised and driven from one thread; every method of this class
 * and everything rendered with it must be called on the thread that created it.
 */
public final class GlContext implements AutoCloseable {
    private static int users;
    private final long window;
    private final GLCapabilities caps;
    private final String renderer;
    private final String version;

    private GlContext(long window) {
        this.window = window;
        glfwMakeContextCurrent(window);
        this.caps = GL.createCapabilities();
        this.renderer = GL11.glGetString(GL11.GL_RENDERER);
        this.version = GL11.glGetString(GL11.GL_VERSION);
    }

    /** A hidden context for offscreen rendering; throws {@link GlUnavailableException} naming what failed. */
    public static synchronized GlContext offscreen() {
        List<String> tried = new ArrayList<>();
        for (int platform : new int[] {GLFW_PLATFORM_NULL, GLFW_ANY_PLATFORM}) {
            if (platform == GLFW_ANY_PLATFORM && System.getenv("DISPLAY") == null
                    && System.getenv("WAYLAND_DISPLAY") == null) {
                continue;
            }
            long w = tryCreate(platform, 16, 16, false, tried);
            if (w != MemoryUtil.NULL) {
                users++;
                return new GlContext(w);
            }
        }
        throw new GlUnavailableException("no OpenGL 3.3 core context: " + String.join("; ", tried));
    }

    /** Creates a (possibly visible) window and context; {@code platform} a GLFW_PLATFORM_* constant. */
    static long tryCreate(int platform, int width, int height, boolean visible, List<String> tried) {
        StringBuilder err = new StringBuilder();
        GLFWErrorCallback prev = glfwSetErrorCallback((code, desc) -> err.append(GLFWErrorCallback.getDescription(desc)));
        try {
            if (users == 0) {
                glfwInitHint(GLFW_PLATFORM, platform);
                if (!glfwInit()) {
                    tried.add("glfwInit(" + name(platform) + ") failed: " + err);
                    return MemoryUtil.NULL;
                }
            }
            glfwDefaultWindowHints();
            glfwWindowHint(GLFW_VISIBLE, visible ? GLFW_TRUE : GLFW_FALSE);
            glfwWindowHint(GLFW_CLIENT_API, GLFW_OPENGL_API);
            if (platform == GLFW_PLATFORM_NULL) {
                glfwWindowHint(GLFW_CONTEXT_CREATION_API, GLFW_EGL_CONTEXT_API);
            }
            glfwWindowHint(GLFW_CONTEXT_VERSION_MAJOR, 3);
            glfwWindowHint(GLFW_CONTEXT_VERSION_MINOR, 3);
            glfwWindowHint(GLFW_OPENGL_PROFILE, GLFW_OPENGL_CORE_PROFILE);
            glfwWindowHint(GLFW_OPENGL_FORWARD_COMPAT, GLFW_TRUE);
            long w = glfwCreateWindow(width, height, "Xsight", MemoryUtil.NULL, MemoryUtil.NULL);
            if (w == MemoryUtil.NULL) {
                tried.add("window on " + name(platform) + " failed: " + err);
                if (users == 0) {
                    glfwTerminate();
                }
            }
            return w;
        } catch (RuntimeException | UnsatisfiedLinkError e) {
            tried.add(name(platform) + ": " + e.getMessage());
            return MemoryUtil.NULL;
        } finally {
            GLFWErrorCallback cb = glfwSetErrorCallback(prev);
            if (cb != null) {
                cb.free();
            }
        }
    }

    private static String name(int platform) {
        return platform == GLFW_PLATFORM_NULL ? "null platform + EGL" : "default platform";
    }

    /** True when an offscreen context can be made here; the reason otherwise via {@link #unavailableReason()}. */
    public static synchronized boolean available() {
        return unavailableReason() == null;
    }

    /** Null when GL works, else why not. */
    public static synchronized String unavailableReason() {
        try (GlContext c = offscreen()) {
            return null;
        } catch (GlUnavailableException | UnsatisfiedLinkError | ExceptionInInitializerError e) {
            return e.getMessage();
        }
    }

    public void makeCurrent() {
        glfwMakeContextCurrent(window);
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

    @Override
    public synchronized void close() {
        glfwMakeContextCurrent(MemoryUtil.NULL);
        GL.setCapabilities(null);
        glfwDestroyWindow(window);
        if (--users == 0) {
            glfwTerminate();
        }
    }
}
