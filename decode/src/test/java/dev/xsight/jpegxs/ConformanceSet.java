package dev.xsight.jpegxs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The shared conformance codestreams and their reference md5s (SVT-JPEG-XS, {@code manifest.json}), for tests that
 * use them when the folder is there and make do with the resource streams when not.
 */
final class ConformanceSet {
    private ConformanceSet() {
    }

    static Path dir() {
        return Path.of(System.getProperty("xsight.testdata.dir", "../testdata"), "conformance", "jpegxs");
    }

    /** The reference decoder's md5 of {@code name}'s picture, from the manifest. */
    static String md5(String name) {
        try {
            JsonNode manifest = new ObjectMapper().readTree(dir().resolve("manifest.json").toFile());
            for (JsonNode f : manifest.get("files")) {
                if (f.get("name").asText().equals(name)) {
                    return f.get("decoded").get("md5").asText();
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        throw new AssertionError(name + " is not in the manifest");
    }

    /** Adds each named codestream and its manifest md5 when the shared folder holds it. */
    static void addIfPresent(List<byte[]> streams, List<String> md5s, String... names) throws IOException {
        for (String n : names) {
            Path p = dir().resolve(n);
            if (Files.isRegularFile(p)) {
                streams.add(Files.readAllBytes(p));
                md5s.add(md5(n));
            }
        }
    }
}
