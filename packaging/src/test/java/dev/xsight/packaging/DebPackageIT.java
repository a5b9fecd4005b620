package dev.xsight.packaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Builds the real distribution (jlink runtime, jpackage app-image, .deb), unpacks the .deb into a scratch root as
 * dpkg would install it, and runs the installed {@code xsight} command.
 */
class DebPackageIT {

    private static boolean onPath(String tool) {
        String path = System.getenv("PATH");
        return path != null && Stream.of(path.split(File.pathSeparator))
                .anyMatch(d -> Files.isExecutable(Path.of(d, tool)));
    }

    private static String run(Path dir, long timeoutSeconds, List<String> cmd) throws IOException,
            InterruptedException {
        Path log = Files.createTempFile(dir, "cmd", ".log");
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().put("JAVA_HOME", System.getProperty("java.home"));
        Process p = pb.start();
        if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError(String.join(" ", cmd) + " did not finish in " + timeoutSeconds + " s");
        }
        String out = Files.readString(log, StandardCharsets.UTF_8);
        assertEquals(0, p.exitValue(), String.join(" ", cmd) + " failed:\n" + out);
        return out;
    }

    @Test
    void debInstallsAnXsightCommandThatPrintsItsVersion(@TempDir Path tmp) throws Exception {
        // Skipped only where a .deb cannot exist: another operating system, or a Linux that is not Debian/Ubuntu.
        assumeTrue(System.getProperty("os.name").toLowerCase().contains("linux"), "not Linux: the .deb is built on "
                + "Debian/Ubuntu only");
        assumeTrue(onPath("dpkg"), "not a Debian/Ubuntu system (no dpkg): the .deb is built on Debian/Ubuntu only");
        assertTrue(onPath("dpkg-deb"), "dpkg-deb is missing: install the dpkg package");
        Path jdk = Path.of(System.getProperty("java.home"));
        assertTrue(Files.isExecutable(jdk.resolve("bin/jlink")) && Files.isExecutable(jdk.resolve("bin/jpackage")),
                "the JDK running the tests (" + jdk + ") has no jlink/jpackage: use a full JDK 25");
        String script = System.getProperty("xsight.package.script");
        String input = System.getProperty("xsight.package.input");
        String version = System.getProperty("xsight.package.version");
        assertTrue(script != null && input != null, "run through Maven (./monitor test): the xsight.package.* "
                + "properties are unset");

        Path out = tmp.resolve("dist");
        run(tmp, 600, List.of("bash", script, "--input", input, "--out", out.toString(), "--version", version,
                "--deb-compression", "gzip:1"));
        Path deb;
        try (Stream<Path> s = Files.list(out)) {
            deb = s.filter(p -> p.toString().endsWith(".deb")).findFirst()
                    .orElseThrow(() -> new AssertionError("no .deb in " + out));
        }
        assertTrue(deb.getFileName().toString().startsWith("xsight_0.1.0"), deb.toString());
        String control = run(tmp, 60, List.of("dpkg-deb", "--field", deb.toString(), "Package", "Version"));
        assertTrue(control.contains("Package: xsight"), control);

        Path root = tmp.resolve("root");
        run(tmp, 120, List.of("dpkg", "-x", deb.toString(), root.toString()));
        Path command = root.resolve("usr/bin/xsight");
        assertTrue(Files.isSymbolicLink(command), "/usr/bin/xsight is a link into /opt/xsight");
        assertEquals(Path.of("../../opt/xsight/bin/xsight"), Files.readSymbolicLink(command));
        String desktop = Files.readString(root.resolve("usr/share/applications/xsight.desktop"));
        assertTrue(desktop.contains("Exec=xsight"), desktop);
        assertTrue(Files.isDirectory(root.resolve("opt/xsight/lib/runtime")), "bundled jlink runtime");

        // The version alone on standard output. On standard error the JVM may say, in one line, that the JPEG XS
        // decoder's Vector API module is an incubator module (it cannot be silenced); nothing else may be there.
        Path err = tmp.resolve("version.err");
        Path outFile = tmp.resolve("version.out");
        Process p = new ProcessBuilder(command.toString(), "--version").redirectOutput(outFile.toFile())
                .redirectError(err.toFile()).start();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "xsight --version did not finish");
        assertEquals(0, p.exitValue(), () -> "xsight --version failed: " + read(err));
        assertEquals("xsight " + version, Files.readString(outFile, StandardCharsets.UTF_8).strip());
        List<String> noise = Files.readAllLines(err, StandardCharsets.UTF_8).stream()
                .filter(l -> !l.equals("WARNING: Using incubator modules: jdk.incubator.vector")).toList();
        assertEquals(List.of(), noise, "standard error of xsight --version");
    }

    private static String read(Path f) {
        try {
            return Files.readString(f, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return e.toString();
        }
    }
}
