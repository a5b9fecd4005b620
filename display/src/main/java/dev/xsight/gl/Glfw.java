package dev.xsight.gl;

import static org.lwjgl.glfw.GLFW.*;

import java.util.List;
import org.lwjgl.glfw.GLFWErrorCallback;
import org.lwjgl.glfw.GLFWVidMode;
import org.lwjgl.system.MemoryUtil;

/**
 * The process's GLFW. GLFW is process-global and runs on one platform per initialisation, so every window and
 * context of Xsight (hidden offscreen contexts for previews, tests and the CLI; the visible reference output) is
 * made here, on one platform chosen once: X11 when there is a display (so a visible 10-bit window and hidden
 * contexts can live side by side), else GLFW's null platform with an EGL context (headless Mesa or a GPU driver's
 * EGL). GLFW is initialised with the first window and terminated with the last.
 *
 * <p>Threading: window creation, destruction and event polling are serialised on one lock (GLFW asks for one
 * thread; on X11 and the null platform serialising is what matters). Contexts are made current and swapped by the
 * thread that renders with them, outside the lock.
 */
final class Glfw {
    /** {@link Request#monitor()} for the last connected monitor (the second one when there are two). */
    static final int LAST_MONITOR = Integer.MAX_VALUE;
    private static final Object LOCK = new Object();
    private static int windows;
    private static int platform = -1;

    private Glfw() {
    }

    /**
     * What a caller wants from a window.
     *
     * @param monitor index into the connected monitors for a full-screen window (at the monitor's own mode),
     *     {@link #LAST_MONITOR}, or -1 for a window
     */
    record Request(int width, int height, String title, int monitor, boolean visible, boolean tenBit) {
    }

    /** A window made by {@link #createWindow}: its handle, size and the refresh rate of its monitor (0: unknown). */
    record Window(long handle, int width, int height, double refreshHz) {
    }

    /**
     * Creates a window with an OpenGL 3.3+ core context (not made current), or returns null with what failed added
     * to {@code tried}.
     */
    static Window createWindow(Request r, List<String> tried) {
        synchronized (LOCK) {
            if (windows == 0) {
                if (r.visible() && !hasDisplay()) {
                    tried.add("no display (DISPLAY is not set): no visible window");
                }
                for (int p : candidates(r.visible())) {
                    Window w = initAndCreate(p, r, tried);
                    if (w != null) {
                        return w;
                    }
                }
                return null;
            }
            if (r.visible() && platform == GLFW_PLATFORM_NULL) {
                tried.add("GLFW already runs on the null platform (no display when it started): no visible window");
                return null;
            }
            return create(platform, r, tried);
        }
    }

    /** Destroys a window made by {@link #createWindow}; the last one terminates GLFW. */
    static void destroyWindow(long window) {
        synchronized (LOCK) {
            glfwDestroyWindow(window);
            if (--windows == 0) {
                glfwTerminate();
                platform = -1;
            }
        }
    }

    /** Processes pending window events (close requests, refreshes) for every window. */
    static void pollEvents() {
        synchronized (LOCK) {
            if (windows > 0) {
                glfwPollEvents();
            }
        }
    }

    /** Runs {@code action} under the GLFW lock (for monitor queries and window attributes). */
    static <T> T locked(java.util.function.Supplier<T> action) {
        synchronized (LOCK) {
            return action.get();
        }
    }

    /** Whether an X display is named ({@code DISPLAY} set and not empty). */
    static boolean hasDisplay() {
        String d = System.getenv("DISPLAY");
        return d != null && !d.isBlank();
    }

    private static int[] candidates(boolean visible) {
        boolean display = hasDisplay();
        if (visible) {
            return display ? new int[] {GLFW_PLATFORM_X11} : new int[0];
        }
        return display ? new int[] {GLFW_PLATFORM_X11, GLFW_PLATFORM_NULL} : new int[] {GLFW_PLATFORM_NULL};
    }

    private static Window initAndCreate(int p, Request r, List<String> tried) {
        StringBuilder err = new StringBuilder();
        GLFWErrorCallback prev = glfwSetErrorCallback((code, desc) -> err.append(GLFWErrorCallback.getDescription(desc)));
        try {
            glfwInitHint(GLFW_PLATFORM, p);
            if (!glfwInit()) {
                tried.add("glfwInit(" + name(p) + ") failed: " + err);
                return null;
            }
        } catch (RuntimeException | UnsatisfiedLinkError e) {
            tried.add(name(p) + ": " + e.getMessage());
            return null;
        } finally {
            free(glfwSetErrorCallback(prev));
        }
        platform = p;
        Window w = create(p, r, tried);
        if (w == null) {
            glfwTerminate();
            platform = -1;
        }
        return w;
    }

    private static Window create(int p, Request r, List<String> tried) {
        StringBuilder err = new StringBuilder();
        GLFWErrorCallback prev = glfwSetErrorCallback((code, desc) -> err.append(GLFWErrorCallback.getDescription(desc)));
        try {
            long monitor = MemoryUtil.NULL;
            int width = r.width(), height = r.height();
            double hz = 0;
            if (r.monitor() >= 0) {
                var monitors = glfwGetMonitors();
                int count = monitors == null ? 0 : monitors.limit();
                int index = r.monitor() == LAST_MONITOR ? count - 1 : r.monitor();
                if (index < 0 || index >= count) {
                    tried.add("no monitor " + r.monitor() + " (" + count + " connected)");
                    return null;
                }
                monitor = monitors.get(index);
                GLFWVidMode mode = glfwGetVideoMode(monitor);
                if (mode != null) {
                    width = mode.width();
                    height = mode.height();
                    hz = mode.refreshRate();
                }
            } else if (p != GLFW_PLATFORM_NULL) {
                long primary = glfwGetPrimaryMonitor();
                GLFWVidMode mode = primary == MemoryUtil.NULL ? null : glfwGetVideoMode(primary);
                hz = mode == null ? 0 : mode.refreshRate();
            }
            glfwDefaultWindowHints();
            glfwWindowHint(GLFW_VISIBLE, r.visible() ? GLFW_TRUE : GLFW_FALSE);
            glfwWindowHint(GLFW_CLIENT_API, GLFW_OPENGL_API);
            if (p == GLFW_PLATFORM_NULL) {
                glfwWindowHint(GLFW_CONTEXT_CREATION_API, GLFW_EGL_CONTEXT_API);
            }
            if (r.tenBit()) {
                glfwWindowHint(GLFW_RED_BITS, 10);
                glfwWindowHint(GLFW_GREEN_BITS, 10);
                glfwWindowHint(GLFW_BLUE_BITS, 10);
                glfwWindowHint(GLFW_ALPHA_BITS, 2);
            }
            glfwWindowHint(GLFW_CONTEXT_VERSION_MAJOR, 3);
            glfwWindowHint(GLFW_CONTEXT_VERSION_MINOR, 3);
            glfwWindowHint(GLFW_OPENGL_PROFILE, GLFW_OPENGL_CORE_PROFILE);
            glfwWindowHint(GLFW_OPENGL_FORWARD_COMPAT, GLFW_TRUE);
            if (r.monitor() >= 0) {
                glfwWindowHint(GLFW_REFRESH_RATE, (int) Math.round(hz));
                // A reference monitor stays up when the operator clicks the main window on another screen.
                glfwWindowHint(GLFW_AUTO_ICONIFY, GLFW_FALSE);
                glfwWindowHint(GLFW_FOCUS_ON_SHOW, GLFW_FALSE);
            }
            long w = glfwCreateWindow(width, height, r.title(), monitor, MemoryUtil.NULL);
            if (w == MemoryUtil.NULL) {
                tried.add("window on " + name(p) + " failed: " + err);
                return null;
            }
            windows++;
            return new Window(w, width, height, hz);
        } catch (RuntimeException | UnsatisfiedLinkError e) {
            tried.add(name(p) + ": " + e.getMessage());
            return null;
        } finally {
            free(glfwSetErrorCallback(prev));
        }
    }

    private static void free(GLFWErrorCallback cb) {
        if (cb != null) {
            cb.free();
        }
    }

    private static String name(int p) {
        return switch (p) {
            case GLFW_PLATFORM_NULL -> "null platform + EGL";
            case GLFW_PLATFORM_X11 -> "X11";
            default -> "platform " + p;
        };
    }
}
