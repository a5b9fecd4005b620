package dev.xsight.testdata;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The repository carries its own copy of the conformance material (testdata/conformance). When the upstream
 * conformance folder it was copied from sits beside the clone ({@code xsight.upstream.dir}), every upstream file
 * must be in the copy with the same bytes (SHA-256); with no upstream folder there is nothing to compare, which is
 * not a gap: the copy is what every test reads. Either way the outcome goes to the {@code ./monitor test} summary
 * (target/test-notes).
 */
class ConformanceCopyTest {
    private static final Path COPY = Path.of(System.getProperty("xsight.testdata.dir", "../testdata"), "conformance");
    private static final Path UPSTREAM = Path.of(System.getProperty("xsight.upstream.dir", "../../shared"),
            "conformance");

    @Test
    void repositoryCopyMatchesTheUpstreamConformanceFolderFileForFile() throws Exception {
        List<Path> copy = files(COPY);
        assertFalse(copy.isEmpty(), "the repository's conformance copy is missing or empty: " + COPY);
        String note;
        if (Files.isDirectory(UPSTREAM)) {
            List<Path> upstream = files(UPSTREAM);
            for (Path rel : upstream) {
                Path mine = COPY.resolve(rel.toString());
                assertTrue(Files.isRegularFile(mine), "upstream " + rel + " is missing from testdata/conformance");
                assertArrayEquals(sha256(UPSTREAM.resolve(rel.toString())), sha256(mine),
                        "testdata/conformance/" + rel + " differs from the upstream file");
            }
            assertEquals(upstream, copy, "testdata/conformance has files the upstream folder does not");
            note = "Conformance copy: compared " + upstream.size() + " files of the upstream folder with "
                    + "testdata/conformance: all identical";
        } else {
            note = "Conformance copy: no upstream folder beside the clone, nothing to compare; testdata/conformance "
                    + "(" + copy.size() + " files) is self-contained";
        }
        System.out.println(note);
        Path notes = Path.of("target", "test-notes");
        Files.createDirectories(notes);
        Files.writeString(notes.resolve(ConformanceCopyTest.class.getSimpleName() + ".txt"), note + "\n");
    }

    /** Regular files under {@code root}, relative to it, sorted. */
    private static List<Path> files(Path root) throws IOException {
        if (!Files.isDirectory(root)) {
            return List.of();
        }
        try (Stream<Path> s = Files.walk(root)) {
            return s.filter(Files::isRegularFile).map(root::relativize).sorted().toList();
        }
    }

    private static byte[] sha256(Path p) throws IOException, NoSuchAlgorithmException {
        return MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(p));
    }
}
