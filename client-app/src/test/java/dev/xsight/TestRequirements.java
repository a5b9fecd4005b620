package dev.xsight;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.xsight.gl.GlContext;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * What the client-app tests need and every test machine has: the repository's conformance data, OpenGL through Mesa
 * (llvmpipe without a GPU), an X display (Xvfb under {@code ./monitor test}) and the ffmpeg tool. Missing is a
 * failure naming the package, never a skip: {@code ./monitor test} installs them (scripts/system-packages.sh).
 */
public final class TestRequirements {
    /** The Debian/Ubuntu packages that give OpenGL and EGL through Mesa. */
    public static final String MESA = "libgl1 libglx-mesa0 libgl1-mesa-dri libegl1 libegl-mesa0";

    private TestRequirements() {
    }

    /** {@code testdata/conformance/<kind>} of this repository; fails when it is not there. */
    public static Path conformance(String kind) {
        Path d = Path.of(System.getProperty("xsight.testdata.dir", "../testdata"), "conformance", kind);
        assertTrue(Files.isDirectory(d), "the repository's conformance data is missing: " + d);
        return d;
    }

    /** Fails the calling test, naming the Mesa packages, when no offscreen OpenGL context can be made. */
    public static void requireGl() {
        String why = GlContext.unavailableReason();
        assertNull(why, () -> "no OpenGL context (" + why + "): install Mesa (" + MESA + "); ./monitor test "
                + "installs it");
    }

    /** Fails the calling test when there is no X display for an OpenGL window. */
    public static void requireDisplay() {
        assertNotNull(System.getenv("DISPLAY"), "no X display for the OpenGL window: run the tests with "
                + "./monitor test, which starts Xvfb at depth 30 (package xvfb)");
    }

    /** Fails the calling test when the ffmpeg tool is not on PATH. */
    public static void requireFfmpeg() {
        boolean ok;
        try {
            Process p = new ProcessBuilder("ffmpeg", "-version").redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            ok = p.waitFor(20, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException e) {
            ok = false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            ok = false;
        }
        assertTrue(ok, "the ffmpeg command-line tool is not on PATH: install the ffmpeg package (./monitor test "
                + "installs it on Debian/Ubuntu: apt-get install ffmpeg)");
    }
}
