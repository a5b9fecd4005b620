package dev.xsight.st2110;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Access to the JPEG XS conformance codestreams the repository carries (testdata/); absent is a failure. */
final class Conformance {
    private Conformance() {
    }

    static Path dir() {
        Path d = Path.of(System.getProperty("xsight.testdata.dir", "../testdata"), "conformance", "jpegxs");
        assertTrue(Files.isDirectory(d), "the repository's JPEG XS conformance codestreams are missing: " + d
                + " (testdata/conformance/jpegxs in the clone)");
        return d;
    }

    static byte[] read(String name) throws IOException {
        return Files.readAllBytes(dir().resolve(name));
    }
}
