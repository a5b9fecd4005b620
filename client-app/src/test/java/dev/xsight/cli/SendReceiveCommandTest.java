package dev.xsight.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.xsight.jpegxs.JpegXsDecoder;
import dev.xsight.media.Frame;
import dev.xsight.media.PixelFormat;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.DatagramSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The CLI contract: {@code send} to loopback, {@code receive --md5} prints decoded frames and one JSON line. */
class SendReceiveCommandTest {
    @TempDir
    Path tmp;

    @Test
    void receivePrintsIndexTimecodeAndMd5PerDecodedFrameThenStatisticsJson() throws Exception {
        Path dir = dev.xsight.TestRequirements.conformance("jpegxs");
        List<Path> files = List.of(dir.resolve("s01_1080p422p10_bpp2_f0.jxs"), dir.resolve("s01_1080p422p10_bpp2_f1.jxs"));
        Set<String> expected = new java.util.HashSet<>();
        try (JpegXsDecoder d = new JpegXsDecoder(1)) {
            for (Path p : files) {
                byte[] cs = Files.readAllBytes(p);
                Frame f = Frame.allocate(PixelFormat.YUV422P10, 1920, 1080);
                d.decode(cs, 0, cs.length, f);
                expected.add(f.md5Hex());
            }
        }
        int port;
        try (DatagramSocket s = new DatagramSocket(0)) {
            port = s.getLocalPort();
        }
        Path sdp = tmp.resolve("stream.sdp");
        AtomicInteger sendExit = new AtomicInteger(-1);
        Thread sender = new Thread(() -> sendExit.set(XsightCommand.commandLine().execute("send", "--to",
                "127.0.0.1:" + port, "--sdp", sdp.toString(), "--mode", "slice", "--loop", "--frames", "1200",
                "--source", files.get(0).toString(), files.get(1).toString())), "cli-send");
        sender.setDaemon(true);
        sender.start();
        for (int i = 0; i < 200 && !Files.exists(sdp); i++) {
            Thread.sleep(50);
        }
        assertTrue(Files.exists(sdp), "send wrote the SDP");
        Path stats = tmp.resolve("stats.json");
        PrintStream old = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        int rc;
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            rc = XsightCommand.commandLine().execute("receive", "--sdp", sdp.toString(), "--frames", "3",
                    "--timeout", "120s", "--md5", "--stats-json", stats.toString());
        } finally {
            System.setOut(old);
        }
        sender.interrupt();
        String[] lines = captured.toString(StandardCharsets.UTF_8).trim().split("\n");
        assertEquals(0, rc, String.join("\n", lines));
        assertEquals(4, lines.length, String.join("\n", lines));
        for (int i = 0; i < 3; i++) {
            String[] f = lines[i].split(" ");
            assertEquals(3, f.length, lines[i]);
            assertEquals(Integer.toString(i), f[0]);
            assertTrue(f[1].matches("\\d\\d:\\d\\d:\\d\\d;\\d\\d"), "drop-frame timecode of day: " + f[1]);
            assertTrue(expected.contains(f[2]), "md5 of a decoded frame equals a direct decode: " + f[2]);
        }
        String json = lines[3];
        for (String key : List.of("packets", "lost", "reordered", "duplicates", "frames_complete", "frames_dropped",
                "frames_concealed", "jitter_ms", "latency_p50_ms", "latency_p99_ms", "legs")) {
            assertTrue(json.contains("\"" + key + "\":"), key + " in " + json);
        }
        assertEquals(json, Files.readString(stats).trim());
    }
}
