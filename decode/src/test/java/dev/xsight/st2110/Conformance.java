package dev.xsight.st2110;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Access to the shared JPEG XS conformance codestreams (tests skip when they are absent). */
final class Conformance {
    private Conformance() {
    }

    static Path dir() {
        String shared = System.getProperty("xsight.shared.dir");
        Path d = shared == null ? null : Path.of(shared, "conformance", "jpegxs");
        assumeTrue(d != null && Files.isDirectory(d), "JPEG XS conformance codestreams not found under "
                + "xsight.shared.dir (" + shared + ")");
        return d;
    }

    static byte[] read(String name) throws IOException {
        return Files.readAllBytes(dir().resolve(name));
    }

    /**
     * The md5 of {@code name} decoded by the independent reference decoder (the manifest's {@code decoded.md5}: raw
     * planar, the layout of {@code Frame.md5Hex()}): what a loopback test expects, rather than our own decoder's
     * output.
     */
    static String referenceMd5(String name) throws IOException {
        com.fasterxml.jackson.databind.JsonNode manifest = new com.fasterxml.jackson.databind.ObjectMapper()
                .readTree(dir().resolve("manifest.json").toFile());
        for (com.fasterxml.jackson.databind.JsonNode f : manifest.get("files")) {
            if (f.get("name").asText().equals(name)) {
                return f.get("decoded").get("md5").asText();
            }
        }
        throw new AssertionError(name + " is not in the conformance manifest");
    }
}
