package dev.xsight.st2110.receive;

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

    /** The reference decoder's (SVT-JPEG-XS) md5 of {@code name}'s raw planar picture, from the manifest. */
    static String referenceMd5(String name) throws IOException {
        return md5(name);
    }

    /** The reference decoder's (SVT-JPEG-XS) md5 of {@code name}'s raw planar picture, from the manifest. */
    static String md5(String name) throws IOException {
        com.fasterxml.jackson.databind.JsonNode m = new com.fasterxml.jackson.databind.ObjectMapper().readTree(
                dir().resolve("manifest.json").toFile());
        for (com.fasterxml.jackson.databind.JsonNode f : m.get("files")) {
            if (f.get("name").asText().equals(name)) {
                return f.get("decoded").get("md5").asText();
            }
        }
        throw new AssertionError(name + " is not in the manifest");
    }
}
