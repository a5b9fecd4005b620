package dev.xsight.gl;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * What the GL tests need and that every test machine has: OpenGL through Mesa (llvmpipe without a GPU) and, for
 * windows, an X display (Xvfb under {@code ./monitor test}). Missing is a failure that names the packages, never a
 * skip: {@code ./monitor test} installs them on Debian/Ubuntu (scripts/system-packages.sh).
 */
public final class TestGl {
    /** The Debian/Ubuntu packages that give OpenGL and EGL through Mesa. */
    public static final String MESA = "libgl1 libglx-mesa0 libgl1-mesa-dri libegl1 libegl-mesa0";

    private TestGl() {
    }

    /** Fails the calling test, naming the Mesa packages, when no offscreen OpenGL context can be made. */
    public static void requireGl() {
        String why = GlContext.unavailableReason();
        assertNull(why, () -> noGl(why));
    }

    /** The failure text for a context that could not be made. */
    public static String noGl(String why) {
        return "no OpenGL context (" + why + "): install Mesa (" + MESA + "); ./monitor test installs it";
    }

    /** Fails the calling test when there is no X display to open a window on. */
    public static void requireDisplay() {
        assertNotNull(System.getenv("DISPLAY"), "no X display: run the tests with ./monitor test, which starts Xvfb "
                + "at depth 30 (package xvfb)");
    }
}
