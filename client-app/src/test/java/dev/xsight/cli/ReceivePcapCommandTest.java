package dev.xsight.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The CLI contract of {@code receive --sdp --pcap}: run in-process through picocli on the independent sender's
 * ST 2022-7 capture, one md5 line per frame equal to the manifest (index, timecode from the capture's clock, md5),
 * then the statistics JSON, also written to {@code --stats-json}; the command exits when the capture ends.
 */
class ReceivePcapCommandTest {
    @TempDir
    Path tmp;

    record Run(int rc, List<String> out, String err) {
    }

    private static Path dir() {
        Path d = Path.of(System.getProperty("xsight.testdata.dir", "../testdata"), "conformance", "rfc9134");
        assertTrue(Files.isDirectory(d), "the repository's RFC 9134 captures are missing: " + d
                + " (testdata/conformance/rfc9134 in the clone)");
        return d;
    }

    private static Run run(String... args) {
        PrintStream oldOut = System.out;
        PrintStream oldErr = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int rc;
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        try {
            rc = XsightCommand.commandLine().execute(args);
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
        String o = out.toString(StandardCharsets.UTF_8).trim();
        return new Run(rc, o.isEmpty() ? List.of() : List.of(o.split("\n")), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void replayPrintsEveryFrameOfTheManifestThenStatisticsAndExitsAtTheEnd() throws Exception {
        Path d = dir();
        JsonNode manifest = null;
        for (JsonNode c : new ObjectMapper().readTree(d.resolve("manifest.json").toFile()).get("captures")) {
            if (c.get("capture").asText().equals("c3_2022-7_360p25.pcap")) {
                manifest = c;
            }
        }
        assertTrue(manifest != null);
        JsonNode frames = manifest.get("frames");
        Path stats = tmp.resolve("stats.json");
        Run r = run("receive", "--sdp", d.resolve("c3_2022-7_360p25.sdp").toString(), "--pcap",
                d.resolve("c3_2022-7_360p25.pcap").toString(), "--md5", "--stats-json", stats.toString());
        assertEquals(0, r.rc(), r.err());
        assertEquals(frames.size() + 1, r.out().size(), String.join("\n", r.out()));
        for (int i = 0; i < frames.size(); i++) {
            JsonNode f = frames.get(i);
            assertEquals(f.get("index").asText() + " " + f.get("timecode").asText() + " " + f.get("md5").asText(),
                    r.out().get(i));
        }
        String json = r.out().getLast();
        assertEquals(json, Files.readString(stats).trim());
        JsonNode st = new ObjectMapper().readTree(json);
        for (String key : List.of("packets", "lost", "duplicates", "frames_complete", "frames_dropped",
                "frames_concealed", "frames_decoded", "latency_p50_ms", "latency_p99_ms", "legs", "capture")) {
            assertTrue(st.has(key), key + " in " + json);
        }
        assertEquals(0, st.get("frames_dropped").asLong(), json);
        assertEquals(0, st.get("frames_concealed").asLong(), json);
        assertEquals(0, st.get("lost").asLong(), json);
        assertEquals(frames.size(), st.get("frames_decoded").asLong(), json);
        assertEquals(2, st.get("legs").size(), json);
        assertEquals(manifest.get("packets").asLong(), st.get("capture").get("udp_datagrams").asLong(), json);
        assertEquals(manifest.get("unrelated_packets").asLong(), st.get("capture").get("other_datagrams").asLong()
                + st.get("capture").get("other_payload_type").asLong(), json);
    }

    @Test
    void framesLimitStopsEarlyAndABrokenCaptureIsAnErrorNamingTheOffset() throws Exception {
        Path d = dir();
        Path sdp = d.resolve("c3_2022-7_360p25.sdp");
        Run r = run("receive", "--sdp", sdp.toString(), "--pcap", d.resolve("c3_2022-7_360p25.pcap").toString(),
                "--md5", "--frames", "3");
        assertEquals(0, r.rc(), r.err());
        assertEquals(4, r.out().size(), String.join("\n", r.out()));
        assertTrue(r.out().get(2).startsWith("2 10:00:02:02 "), r.out().get(2));

        Path bad = tmp.resolve("bad.pcap");
        Files.write(bad, new byte[] {0x0A, 0x0D, 0x0D, 0x0A, 0x10, 0, 0, 0, 0x11, 0x22, 0x33, 0x44, 0, 0, 0, 0});
        Run b = run("receive", "--sdp", sdp.toString(), "--pcap", bad.toString(), "--md5");
        assertTrue(b.rc() != 0, "rc " + b.rc());
        assertTrue(b.err().contains("byte-order magic") && b.err().contains("offset 8"), b.err());

        Run h = run("receive", "--hls", "http://127.0.0.1:1/x.m3u8", "--pcap", bad.toString());
        assertTrue(h.rc() != 0 && h.err().contains("--pcap"), h.err());
    }
}
