package dev.xsight.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DemoCommandTest {

    private static int runCli(ByteArrayOutputStream err, String... args) {
        PrintStream old = System.err;
        try (PrintStream p = new PrintStream(err, true, StandardCharsets.UTF_8)) {
            System.setErr(p);
            return Main.run(args);
        } finally {
            System.setErr(old);
        }
    }

    @Test
    void badRateAndBadDurationExitTwoWithOneLine() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        assertEquals(2, runCli(err, "demo", "--rate", "33", "--run-for", "1s"));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("unsupported frame rate '33'"), err.toString());
        ByteArrayOutputStream err2 = new ByteArrayOutputStream();
        assertEquals(2, runCli(err2, "demo", "--run-for", "soon"));
        assertTrue(err2.toString(StandardCharsets.UTF_8).contains("bad duration 'soon'"), err2.toString());
        ByteArrayOutputStream err3 = new ByteArrayOutputStream();
        assertEquals(2, runCli(err3, "demo", "--screenshot", "x.png"));
        assertTrue(err3.toString(StandardCharsets.UTF_8).contains("--screenshot needs --run-for"), err3.toString());
        ByteArrayOutputStream err4 = new ByteArrayOutputStream();
        assertEquals(2, runCli(err4, "demo", "--pipeline", "rec2020", "--run-for", "1s"));
        assertTrue(err4.toString(StandardCharsets.UTF_8).contains("unknown pipeline preset 'rec2020'"),
                err4.toString());
    }

    @Test
    void badNmosOptionsExitTwoBeforeAnyWindow() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        assertEquals(2, runCli(err, "demo", "--run-for", "1s", "--nmos-port", "70000"));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("--nmos-port must be 0..65535"), err.toString());
        ByteArrayOutputStream err2 = new ByteArrayOutputStream();
        assertEquals(2, runCli(err2, "demo", "--run-for", "1s", "--nmos-host", "monitor.local"));
        assertTrue(err2.toString(StandardCharsets.UTF_8).contains("--nmos-host must be an IP address"),
                err2.toString());
        ByteArrayOutputStream err3 = new ByteArrayOutputStream();
        assertEquals(2, runCli(err3, "demo", "--run-for", "1s", "--nmos-query", "http://10.0.0.5:8236/x-nmos/query"));
        assertTrue(err3.toString(StandardCharsets.UTF_8).contains("--nmos-query is the Query API's base URL"),
                err3.toString());
    }

    @Test
    void unknownOverlayBadZebraOrMissingFdlExitTwoBeforeAnyWindow() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        assertEquals(2, runCli(err, "demo", "--run-for", "1s", "--overlay", "safe,scanlines"));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("unknown overlay 'scanlines'"), err.toString());
        ByteArrayOutputStream err2 = new ByteArrayOutputStream();
        assertEquals(2, runCli(err2, "demo", "--run-for", "1s", "--overlay", "zebra=101"));
        assertTrue(err2.toString(StandardCharsets.UTF_8).contains("zebra threshold"), err2.toString());
        ByteArrayOutputStream err3 = new ByteArrayOutputStream();
        assertEquals(2, runCli(err3, "demo", "--run-for", "1s", "--overlay", "fdl=no-such.fdl"));
        assertTrue(err3.toString(StandardCharsets.UTF_8).contains("no such file no-such.fdl"), err3.toString());
        ByteArrayOutputStream err4 = new ByteArrayOutputStream();
        assertEquals(2, runCli(err4, "demo", "--run-for", "1s", "--scopes=rgb"));
        assertTrue(err4.toString(StandardCharsets.UTF_8).contains("unknown scope layout 'rgb'"), err4.toString());
    }

    @Test
    void demoRunsForThreeSecondsAndWritesAScreenshotOfThePlayingShell(@TempDir Path dir) throws Exception {
        // A child JVM: the demo exits the JavaFX toolkit, which the TestFX tests in this JVM still need.
        Path png = dir.resolve("shell.png");
        List<String> cmd = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dglass.platform=Headless", "-Dprism.order=sw", "-Djava.awt.headless=true",
                "--enable-native-access=ALL-UNNAMED",
                "-cp", System.getProperty("java.class.path"),
                "dev.xsight.cli.Main", "demo", "--run-for", "3s", "--screenshot", png.toString()));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(dir.resolve("out.txt").toFile());
        // No --session: the default session goes under $XDG_DATA_HOME (here: the temp folder, not the user's).
        pb.environment().put("XDG_DATA_HOME", dir.toString());
        Process p = pb.start();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("demo did not exit within 120 s");
        }
        String out = Files.readString(dir.resolve("out.txt"));
        assertEquals(0, p.exitValue(), out);
        assertTrue(out.contains("xsight demo: showed "), out);
        BufferedImage img = ImageIO.read(png.toFile());
        assertEquals(1600, img.getWidth());
        assertEquals(900, img.getHeight());
        assertTrue(distinctColours(img) > 40, "a real picture, not a blank window");
        assertTrue(hasBarColour(img, 191, 191, 0), "the 75% yellow bar is in the viewer");
        Path session = dir.resolve("xsight").resolve("sessions").resolve("demo.xsight");
        assertTrue(Files.isRegularFile(session), "the default review session was created: " + session);
        try (var store = dev.xsight.review.SqliteNoteStore.open(session)) {
            assertEquals(dev.xsight.media.FrameRate.parse("60000/1001"), store.session().rate(),
                    "a new session counts in the demo's rate");
            assertTrue(store.session().dropFrame());
        }
    }

    private static int distinctColours(BufferedImage img) {
        Set<Integer> seen = new HashSet<>();
        for (int y = 0; y < img.getHeight(); y += 3) {
            for (int x = 0; x < img.getWidth(); x += 3) {
                seen.add(img.getRGB(x, y) & 0xFFFFFF);
            }
        }
        return seen.size();
    }

    private static boolean hasBarColour(BufferedImage img, int r, int g, int b) {
        for (int y = 0; y < img.getHeight(); y += 2) {
            for (int x = 0; x < img.getWidth(); x += 2) {
                int c = img.getRGB(x, y);
                if (Math.abs((c >> 16 & 0xFF) - r) <= 3 && Math.abs((c >> 8 & 0xFF) - g) <= 3
                        && Math.abs((c & 0xFF) - b) <= 3) {
                    return true;
                }
            }
        }
        return false;
    }

}
