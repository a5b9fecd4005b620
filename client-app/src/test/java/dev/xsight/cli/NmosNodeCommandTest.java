package dev.xsight.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.xsight.media.ChromaSampling;
import dev.xsight.media.FrameRate;
import dev.xsight.st2110.PacketMode;
import dev.xsight.st2110.sdp.JxsvFormat;
import dev.xsight.st2110.sdp.JxsvStream;
import dev.xsight.st2110.sdp.SdpWriter;
import dev.xsight.st2110.sdp.SessionDescription;
import dev.xsight.st2110.send.St2110Sender;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The CLI contract of {@code nmos-node}: both APIs on --port, --label on node and device, and after an IS-05
 * activation one JSON statistics line per second on stdout as the pictures are received and decoded.
 */
class NmosNodeCommandTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static final long HANG_NANOS = TimeUnit.SECONDS.toNanos(60);
    @TempDir
    Path tmp;

    @Test
    void servesBothApisAndPrintsStatisticsOnceActivated() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        PrintStream old = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        AtomicInteger rc = new AtomicInteger(-1);
        // stdout is the command's for as long as it runs (it takes System.out when it starts).
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        Thread node = new Thread(() -> rc.set(XsightCommand.commandLine().execute("nmos-node", "--port",
                Integer.toString(port), "--label", "Edit 3 monitor", "--no-mdns", "--settings", tmp.toString())),
                "cli-nmos-node");
        node.setDaemon(true);
        node.start();
        try {
            runAgainst(node, port, captured);
        } finally {
            node.interrupt();
            node.join(TimeUnit.SECONDS.toMillis(60));
            System.setOut(old);
        }
        assertFalse(node.isAlive(), "an interrupted node stops");
        assertEquals(0, rc.get());
    }

    private void runAgainst(Thread node, int port, ByteArrayOutputStream captured) throws Exception {
        String base = "http://127.0.0.1:" + port;
        HttpClient http = HttpClient.newHttpClient();
        JsonNode self = null;
        long end = System.nanoTime() + HANG_NANOS;
        while (self == null) {
            assertTrue(System.nanoTime() - end < 0 && node.isAlive(), "the node answers");
            try {
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base
                        + "/x-nmos/node/v1.3/self")).build(), HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 200) {
                    self = JSON.readTree(r.body());
                } else {
                    assertEquals(503, r.statusCode(), "only \"starting\" before the node is up: " + r.body());
                    LockSupport.parkNanos(20_000_000);
                }
            } catch (IOException notYet) {
                LockSupport.parkNanos(20_000_000); // the port opens when the node has started
            }
        }
        assertEquals("Edit 3 monitor", self.get("label").asText());
        JsonNode device = get(http, base + "/x-nmos/node/v1.3/devices/").get(0);
        assertEquals("Edit 3 monitor", device.get("label").asText());
        String rx = get(http, base + "/x-nmos/node/v1.3/receivers/").get(0).get("id").asText();
        assertTrue(Files.isRegularFile(tmp.resolve("nmos-node.json")), "IDs kept in the settings folder");

        Path dir = dev.xsight.TestRequirements.conformance("jpegxs");
        byte[] picture = Files.readAllBytes(dir.resolve("s01_1080p422p10_bpp2_f0.jxs"));
        int udp;
        try (DatagramSocket s = new DatagramSocket(0)) {
            udp = s.getLocalPort();
        }
        JxsvFormat f = JxsvFormat.progressive(PacketMode.SLICE, 1920, 1080, FrameRate.FPS_25, ChromaSampling.S422, 10);
        SessionDescription sdp = new SessionDescription("127.0.0.1", 3, "cli test", List.of(new JxsvStream(null,
                "127.0.0.1", udp, 0, null, 112, 110_000, null, "direct=0", f)), false);
        ObjectNode patch = JSON.createObjectNode();
        patch.put("master_enable", true);
        patch.putObject("activation").put("mode", "activate_immediate");
        patch.putObject("transport_file").put("data", SdpWriter.write(sdp)).put("type", "application/sdp");
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base
                + "/x-nmos/connection/v1.1/single/receivers/" + rx + "/staged"))
                .method("PATCH", HttpRequest.BodyPublishers.ofString(patch.toString()))
                .header("Content-Type", "application/json").build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode(), r.body());

        // Send until a statistics line counts decoded pictures (the line comes once a second).
        JsonNode stats = null;
        end = System.nanoTime() + HANG_NANOS;
        try (St2110Sender s = new St2110Sender(f, 112, List.of(new InetSocketAddress("127.0.0.1", udp)),
                St2110Sender.DEFAULT_DATAGRAM)) {
            while (stats == null) {
                assertTrue(System.nanoTime() - end < 0, "a statistics line with decoded pictures: " + captured);
                s.sendNext(picture, 0, picture.length);
                for (String line : captured.toString(StandardCharsets.UTF_8).split("\n")) {
                    if (line.startsWith("{")) {
                        JsonNode j = JSON.readTree(line);
                        if (j.path("frames_complete").asLong() > 0) {
                            stats = j;
                        }
                    }
                }
                LockSupport.parkNanos(40_000_000); // 25 pictures a second, as the SDP says; not a wait on anything
            }
        }
        for (String key : List.of("packets", "lost", "frames_complete", "frames_dropped", "legs")) {
            assertTrue(stats.has(key), key + " in " + stats);
        }
    }

    @Test
    void badOptionsAreUsageErrorsAndABusyPortAFailure() throws Exception {
        assertEquals(2, XsightCommand.commandLine().execute("nmos-node", "--port", "0", "--settings", tmp.toString()));
        assertEquals(2, XsightCommand.commandLine().execute("nmos-node", "--port", "3212", "--host", "monitor.local",
                "--settings", tmp.toString()));
        PrintStream old = System.err;
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try (ServerSocket busy = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            assertEquals(1, XsightCommand.commandLine().execute("nmos-node", "--port",
                    Integer.toString(busy.getLocalPort()), "--settings", tmp.toString()));
            assertTrue(err.toString(StandardCharsets.UTF_8).contains("127.0.0.1:" + busy.getLocalPort()),
                    "the message names the address: " + err);
        } finally {
            System.setErr(old);
        }
    }

    private static JsonNode get(HttpClient http, String url) throws Exception {
        return JSON.readTree(http.send(HttpRequest.newBuilder(URI.create(url)).build(),
                HttpResponse.BodyHandlers.ofString()).body());
    }
}
