package dev.xsight.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code xsight jxs info | decode | bench} on the repository's conformance codestreams (testdata/). */
class JxsCommandTest {
    private static final Path DIR = Path.of(System.getProperty("xsight.testdata.dir", "../testdata"), "conformance",
            "jpegxs");

    @TempDir
    Path tmp;

    private record Run(int exit, String out, String err) {
    }

    private static Run run(String... args) {
        PrintStream old = System.out;
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        StringWriter err = new StringWriter();
        try {
            System.setOut(new PrintStream(buf, true, StandardCharsets.UTF_8));
            CommandLine cl = XsightCommand.commandLine();
            cl.setErr(new PrintWriter(err, true));
            int exit = cl.execute(args);
            return new Run(exit, buf.toString(StandardCharsets.UTF_8), err.toString());
        } finally {
            System.setOut(old);
        }
    }

    private static JsonNode manifestEntry(String name) throws Exception {
        for (JsonNode f : new ObjectMapper().readTree(DIR.resolve("manifest.json").toFile()).get("files")) {
            if (f.get("name").asText().equals(name)) {
                return f;
            }
        }
        throw new AssertionError(name);
    }

    @Test
    void infoPrintsTheMainHeaderAsJson() throws Exception {
        assertTrue(Files.isDirectory(DIR), "the repository's conformance folder is missing: " + DIR);
        Run r = run("jxs", "info", DIR.resolve("s17_720p420p8_bpp3_v1h5_vpred1_rc2.jxs").toString());
        assertEquals(0, r.exit(), r.err());
        JsonNode j = new ObjectMapper().readTree(r.out());
        assertEquals(1280, j.get("width").asInt());
        assertEquals(720, j.get("height").asInt());
        assertEquals(3, j.get("components").asInt());
        assertEquals("4:2:0", j.get("sampling").asText());
        assertEquals(8, j.get("bit_depth").asInt());
        assertEquals(5, j.get("decomposition_levels").get("horizontal").asInt());
        assertEquals(1, j.get("decomposition_levels").get("vertical").asInt());
        assertEquals("deadzone", j.get("quantizer").asText());
        assertEquals("SOC", j.get("markers").get(0).asText());
        assertTrue(j.has("profile") && j.has("level") && j.has("slice_height"));
    }

    @Test
    void decodeWritesEveryConcatenatedFrameAsRawPlanar() throws Exception {
        assertTrue(Files.isDirectory(DIR), "the repository's conformance folder is missing: " + DIR);
        Path in = tmp.resolve("three.jxs");
        MessageDigest want = MessageDigest.getInstance("MD5");
        StringBuilder wantMd5 = new StringBuilder();
        try (var os = Files.newOutputStream(in)) {
            for (int i = 0; i < 3; i++) {
                String name = "s01_1080p422p10_bpp2_f" + i + ".jxs";
                os.write(Files.readAllBytes(DIR.resolve(name)));
                wantMd5.append(manifestEntry(name).get("decoded").get("md5").asText()).append(' ');
            }
        }
        Path out = tmp.resolve("three.yuv");
        Run r = run("jxs", "decode", in.toString(), "-o", out.toString());
        assertEquals(0, r.exit(), r.err());
        byte[] raw = Files.readAllBytes(out);
        int frame = 1920 * 1080 * 2 * 2;
        assertEquals(3 * frame, raw.length);
        StringBuilder got = new StringBuilder();
        for (int i = 0; i < 3; i++) {
            want.reset();
            want.update(raw, i * frame, frame);
            got.append(HexFormat.of().formatHex(want.digest())).append(' ');
        }
        assertEquals(wantMd5.toString(), got.toString());
    }

    @Test
    void benchPrintsOneJsonLine() throws Exception {
        assertTrue(Files.isDirectory(DIR), "the repository's conformance folder is missing: " + DIR);
        Run r = run("jxs", "bench", DIR.resolve("s20_640x360_422p10_bpp6.jxs").toString(), "--seconds", "0.5",
                "--threads", "2");
        assertEquals(0, r.exit(), r.err());
        JsonNode j = new ObjectMapper().readTree(r.out().trim());
        assertTrue(j.get("fps").asDouble() > 0);
        assertTrue(j.get("msamples_per_s").asDouble() > 0);
        assertEquals(2, j.get("threads").asInt());
        assertTrue(j.get("frames").asInt() > 0);
    }

    /** The ST 2110 slice-mode path (begin, a call per slice, wait) is measured on its own with --slices. */
    @Test
    void benchBySlicesPrintsOneJsonLineNamingTheMode() throws Exception {
        Run r = run("jxs", "bench", DIR.resolve("s20_640x360_422p10_bpp6.jxs").toString(), "--seconds", "0.5",
                "--threads", "2", "--slices");
        assertEquals(0, r.exit(), r.err());
        JsonNode j = new ObjectMapper().readTree(r.out().trim());
        assertEquals("slices", j.get("mode").asText());
        assertTrue(j.get("frames").asInt() > 0);
    }

    @Test
    void corruptCodestreamFailsWithFileOffsetAndMarker() throws Exception {
        assertTrue(Files.isDirectory(DIR), "the repository's conformance folder is missing: " + DIR);
        byte[] b = Files.readAllBytes(DIR.resolve("s20_640x360_422p10_bpp6.jxs"));
        Path bad = tmp.resolve("bad.jxs");
        Files.write(bad, java.util.Arrays.copyOf(b, 5000));
        Run r = run("jxs", "decode", bad.toString(), "-o", tmp.resolve("x.yuv").toString());
        assertEquals(1, r.exit());
        assertTrue(r.err().contains("bad.jxs: codestream 0") && r.err().contains("PIH"), r.err());
    }

    @Test
    void missingFileIsAUsageError() {
        Run r = run("jxs", "info", tmp.resolve("nope.jxs").toString());
        assertEquals(2, r.exit());
        assertTrue(r.err().contains("no such file"), r.err());
    }
}
