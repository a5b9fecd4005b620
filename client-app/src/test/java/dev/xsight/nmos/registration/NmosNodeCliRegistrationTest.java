package dev.xsight.nmos.registration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.xsight.cli.XsightCommand;
import dev.xsight.media.ChromaSampling;
import dev.xsight.media.FrameRate;
import dev.xsight.st2110.PacketMode;
import dev.xsight.st2110.sdp.JxsvFormat;
import dev.xsight.st2110.sdp.JxsvStream;
import dev.xsight.st2110.sdp.SdpWriter;
import dev.xsight.st2110.sdp.SessionDescription;
import java.io.IOException;
import java.net.DatagramSocket;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code nmos-node --registry URL} end to end: the node registers node, device and receiver in that order with a
 * registry stand-in, heartbeats, re-registers the receiver when an IS-05 activation changes its subscription, and
 * deletes its resources when it stops.
 */
class NmosNodeCliRegistrationTest {
    static final ObjectMapper JSON = new ObjectMapper();
    @TempDir
    Path tmp;

    @Test
    void theNodeRegistersItsResourcesAndTheReceiverAgainAfterAnActivation() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        try (RegistryStandIn reg = RegistryStandIn.start(0)) {
            AtomicInteger rc = new AtomicInteger(-1);
            Thread node = new Thread(() -> rc.set(XsightCommand.commandLine().execute("nmos-node", "--port",
                    Integer.toString(port), "--registry", reg.base().toString(), "--no-mdns", "--label", "Grade 2",
                    "--settings", tmp.toString())), "cli-nmos-node");
            node.setDaemon(true);
            node.start();
            try {
                RegistryStandIn.Request n = reg.nextNonHeartbeat();
                assertEquals("POST node", n.summary());
                assertEquals("Grade 2", n.body().at("/data/label").asText());
                assertEquals("POST device", reg.nextNonHeartbeat().summary());
                RegistryStandIn.Request rx = reg.nextNonHeartbeat();
                assertEquals("POST receiver", rx.summary());
                assertFalse(rx.body().at("/data/subscription/active").asBoolean());
                String id = rx.body().at("/data/id").asText();

                activate(port, id);
                RegistryStandIn.Request again = reg.nextNonHeartbeat();
                assertEquals("POST receiver", again.summary());
                assertTrue(again.body().at("/data/subscription/active").asBoolean(), again.body().toString());
                assertTrue(again.body().at("/data/version").asText().compareTo(rx.body().at("/data/version")
                        .asText()) != 0, "a new version");
            } finally {
                node.interrupt();
                node.join(TimeUnit.SECONDS.toMillis(60));
            }
            assertFalse(node.isAlive(), "an interrupted node stops");
            assertEquals(0, rc.get());
            // On the way out the resources are deleted, children first, the node last.
            String last;
            do {
                last = reg.nextNonHeartbeat().summary();
            } while (!last.equals("DELETE node"));
        }
    }

    /** An immediate IS-05 activation of a unicast stream on loopback (nothing needs to be sent). */
    private static void activate(int port, String receiver) throws Exception {
        int udp;
        try (DatagramSocket s = new DatagramSocket(0)) {
            udp = s.getLocalPort();
        }
        JxsvFormat f = JxsvFormat.progressive(PacketMode.CODESTREAM, 1920, 1080, FrameRate.FPS_25,
                ChromaSampling.S422, 10);
        SessionDescription sdp = new SessionDescription("127.0.0.1", 5, "reg test", List.of(new JxsvStream(null,
                "127.0.0.1", udp, 0, null, 112, 110_000, null, "direct=0", f)), false);
        ObjectNode patch = JSON.createObjectNode();
        patch.put("sender_id", java.util.UUID.randomUUID().toString());
        patch.put("master_enable", true);
        patch.putObject("activation").put("mode", "activate_immediate");
        patch.putObject("transport_file").put("data", SdpWriter.write(sdp)).put("type", "application/sdp");
        HttpClient http = HttpClient.newHttpClient();
        URI staged = URI.create("http://127.0.0.1:" + port + "/x-nmos/connection/v1.1/single/receivers/" + receiver
                + "/staged");
        HttpResponse<String> r = null;
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (r == null) {
            assertTrue(System.nanoTime() - end < 0, "the Connection API answers");
            try {
                r = http.send(HttpRequest.newBuilder(staged).method("PATCH",
                        HttpRequest.BodyPublishers.ofString(patch.toString())).build(),
                        HttpResponse.BodyHandlers.ofString());
            } catch (IOException notYet) {
                LockSupport.parkNanos(20_000_000); // the node registers before its port is asked
            }
        }
        assertEquals(200, r.statusCode(), r.body());
        JsonNode active = JSON.readTree(r.body());
        assertTrue(active.get("master_enable").asBoolean());
    }
}
