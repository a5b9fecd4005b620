package dev.xsight.nmos;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.xsight.media.Frame;
import dev.xsight.media.FrameSource;
import dev.xsight.nmos.connection.ReceiverParams;
import dev.xsight.nmos.node.NmosNode;
import dev.xsight.st2110.PacketMode;
import dev.xsight.st2110.receive.St2110Receiver;
import dev.xsight.st2110.receive.StreamStatistics;
import dev.xsight.st2110.sdp.JxsvFormat;
import dev.xsight.st2110.sdp.SdpWriter;
import dev.xsight.st2110.sdp.SessionDescription;
import dev.xsight.st2110.send.St2110Sender;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The IS-05 v1.1 Connection API over real HTTP on loopback, driving the real receive pipeline with real UDP from our
 * sender; every answer checked against our schemas.
 */
class ConnectionApiTest {
    static final ObjectMapper JSON = new ObjectMapper();
    @TempDir
    Path settings;
    NmosNode node;
    Http http;
    String rx;
    final List<String> md5s = Collections.synchronizedList(new ArrayList<>());
    final List<ReceiverParams> activations = new CopyOnWriteArrayList<>();

    @BeforeEach
    void start() throws Exception {
        node = NmosNode.start(new NmosNode.Options(InetAddress.getLoopbackAddress(), 0, "conn test", settings,
                St2110Receiver.Options.defaults().withPictureBuffers(16)), new FrameSource.FrameListener() {
                    @Override
                    public void onFrame(Frame f) {
                        md5s.add(f.md5Hex());
                        f.release();
                    }
                });
        node.connection().addActivationListener(activations::add);
        http = new Http(node.baseUrl() + "/x-nmos/connection/v1.1");
        rx = node.model().ids().receiver().toString();
    }

    @AfterEach
    void stop() {
        node.close();
    }

    String single(String leaf) {
        return "/single/receivers/" + rx + "/" + leaf;
    }

    static ObjectNode activation(SessionDescription sdp, UUID sender, String mode, String requested) {
        ObjectNode b = JSON.createObjectNode();
        b.put("sender_id", sender.toString());
        b.put("master_enable", true);
        ObjectNode a = b.putObject("activation").put("mode", mode);
        if (requested != null) {
            a.put("requested_time", requested);
        }
        b.putObject("transport_file").put("data", SdpWriter.write(sdp)).put("type", "application/sdp");
        return b;
    }

    @Test
    void indexesConstraintsAndTransportType() {
        Schemas.assertValid("index", http.get("/").json());
        assertEquals(JSON.createArrayNode().add("bulk/").add("single/"), http.get("/").json());
        assertEquals(JSON.createArrayNode().add(rx + "/"), http.get("/single/receivers/").json());
        assertEquals(0, http.get("/single/senders/").json().size());
        JsonNode leaves = http.get("/single/receivers/" + rx + "/").json();
        Schemas.assertValid("index", leaves);
        assertEquals(List.of("constraints/", "staged/", "active/", "transporttype/"),
                JSON.convertValue(leaves, List.class));
        JsonNode c = http.get(single("constraints")).json();
        Schemas.assertValid("constraints", c);
        assertEquals(2, c.size(), "two legs: ST 2022-7");
        assertEquals("127.0.0.1", c.at("/0/interface_ip/enum/0").asText());
        JsonNode t = http.get(single("transporttype")).json();
        Schemas.assertValid("transporttype", t);
        assertEquals("urn:x-nmos:transport:rtp", t.asText());
        // Receivers have no transport file endpoint (senders only); unknown receivers are 404.
        assertEquals(404, http.get(single("transportfile")).status());
        Http.Reply unknown = http.get("/single/receivers/" + UUID.randomUUID() + "/staged");
        assertEquals(404, unknown.status());
        Schemas.assertValid("error", unknown.json());
        JsonNode staged = http.get(single("staged")).json();
        Schemas.assertValid("receiver_params", staged);
        assertEquals(2, staged.get("transport_params").size());
        Schemas.assertValid("receiver_params", http.get(single("active")).json());
    }

    @Test
    void immediateActivationReceivesOurSendersPicturesAndSwitchesToTwoLegsWithoutRestarting() throws Exception {
        List<byte[]> pics = Streams.pictures();
        List<String> expected = Streams.referenceMd5s();
        JxsvFormat f = Streams.controllerFormat(PacketMode.SLICE);
        int port = Streams.freePort();
        UUID sender = UUID.randomUUID();
        String versionBefore = node.model().receiver().version();
        List<NmosResource> changes = new CopyOnWriteArrayList<>();
        node.model().addListener(changes::add);

        Http.Reply r = http.patch(single("staged"), activation(Streams.sdp(f, List.of(port)), sender,
                ReceiverParams.IMMEDIATE, null));
        assertEquals(200, r.status(), r.text());
        Schemas.assertValid("receiver_params", r.json());
        assertEquals(ReceiverParams.IMMEDIATE, r.json().at("/activation/mode").asText());
        assertTrue(r.json().at("/activation/activation_time").isTextual());
        JsonNode active = http.get(single("active")).json();
        Schemas.assertValid("receiver_params", active);
        Schemas.assertValid("active_resolved", active);
        assertEquals(port, active.at("/transport_params/0/destination_port").asInt());
        assertEquals("127.0.0.1", active.at("/transport_params/0/interface_ip").asText());
        assertFalse(active.at("/transport_params/1/rtp_enabled").asBoolean(), "one-stream SDP: path 2 off");
        // The staged activation is spent once done.
        assertTrue(http.get(single("staged")).json().at("/activation/mode").isNull());

        // IS-04 follows: subscribed to the sender, active, a later version, and the registration side told.
        JsonNode rxResource = new Http(node.baseUrl()).get("/x-nmos/node/v1.3/receivers/" + rx).json();
        Schemas.assertValid("receiver_video", rxResource);
        assertEquals(sender.toString(), rxResource.at("/subscription/sender_id").asText());
        assertTrue(rxResource.at("/subscription/active").asBoolean());
        assertTrue(TaiTime.parse(rxResource.get("version").asText()).compareTo(TaiTime.parse(versionBefore)) > 0);
        assertEquals(1, changes.size());
        assertEquals(rxResource, JSON.readTree(changes.getFirst().data().toString()));

        sendLockStep(f, List.of(port), pics, 4, 0);
        assertPicturesInOrder(expected, 0, 4);

        // IS-05 "Version Increments": a re-activation of the same parameters gives the receiver a new version too.
        String before = node.model().receiver().version();
        assertEquals(200, http.patch(single("staged"), "{\"activation\":{\"mode\":\"activate_immediate\"}}")
                .status());
        assertTrue(TaiTime.parse(node.model().receiver().version()).compareTo(TaiTime.parse(before)) > 0);
        assertEquals(2, changes.size());
        md5s.clear();
        sendLockStep(f, List.of(port), pics, 2, 0);
        assertPicturesInOrder(expected, 0, 2);
        md5s.clear();

        // Switch to a two-leg (ST 2022-7) stream: the same pipeline object, new sockets, no restart.
        int a = Streams.freePort();
        int b = Streams.freePort();
        r = http.patch(single("staged"), activation(Streams.sdp(f, List.of(a, b)), sender,
                ReceiverParams.IMMEDIATE, null));
        assertEquals(200, r.status(), r.text());
        active = http.get(single("active")).json();
        assertTrue(active.at("/transport_params/1/rtp_enabled").asBoolean());
        assertEquals(b, active.at("/transport_params/1/destination_port").asInt());
        assertEquals(2, node.pipeline().receiving().streams().size());
        sendLockStep(f, List.of(a, b), pics, 4, 0);
        assertPicturesInOrder(expected, 0, 4);
        StreamStatistics st = node.pipeline().statistics();
        assertEquals(2, st.legs().size(), st.toJson());
        assertTrue(st.legs().get(0).packets() > 0 && st.legs().get(1).packets() > 0, st.toJson());
    }

    /** Sends {@code n} pictures, each once the one before is decoded or dropped (no timing in the outcome). */
    private void sendLockStep(JxsvFormat f, List<Integer> ports, List<byte[]> pics, int n, int before)
            throws Exception {
        List<InetSocketAddress> to = ports.stream().map(p -> new InetSocketAddress("127.0.0.1", p)).toList();
        try (St2110Sender s = new St2110Sender(f, 112, to, St2110Sender.DEFAULT_DATAGRAM)) {
            for (int i = 0; i < n; i++) {
                byte[] cs = pics.get(i % pics.size());
                s.sendNext(cs, 0, cs.length);
                int want = before + i + 1;
                Streams.until(() -> md5s.size() + node.pipeline().statistics().framesDropped() >= want,
                        () -> want + " pictures decoded (" + node.pipeline().statistics().toJson() + ")");
            }
        }
        assertEquals(0, node.pipeline().statistics().framesDropped(), node.pipeline().statistics().toJson());
    }

    private void assertPicturesInOrder(List<String> expected, int from, int n) {
        assertEquals(from + n, md5s.size());
        for (int i = 0; i < n; i++) {
            assertEquals(expected.get(i % expected.size()), md5s.get(from + i), "picture " + (from + i));
        }
    }

    @Test
    void masterEnableFalseStopsReceivingAndTheSubscriptionGoesInactive() {
        UUID sender = UUID.randomUUID();
        JxsvFormat f = Streams.controllerFormat(PacketMode.CODESTREAM);
        assertEquals(200, http.patch(single("staged"), activation(Streams.sdp(f, List.of(Streams.freePort())),
                sender, ReceiverParams.IMMEDIATE, null)).status());
        assertNotNull(node.pipeline().statistics());
        Http.Reply r = http.patch(single("staged"), "{\"master_enable\":false,\"activation\":{\"mode\":"
                + "\"activate_immediate\"}}");
        assertEquals(200, r.status(), r.text());
        Schemas.assertValid("receiver_params", r.json());
        JsonNode active = http.get(single("active")).json();
        assertFalse(active.get("master_enable").asBoolean());
        assertNull(node.pipeline().statistics(), "nothing received");
        JsonNode rxResource = node.model().receiver().data();
        assertFalse(rxResource.at("/subscription/active").asBoolean());
        assertTrue(rxResource.at("/subscription/sender_id").isNull(), "IS-04: no sender unless active");
        assertEquals(2, activations.size());
    }

    @Test
    void anActivationThatCannotOpenItsSocketIs500AndTheStreamBeforeGoesOn() throws Exception {
        JxsvFormat f = Streams.controllerFormat(PacketMode.CODESTREAM);
        int first = Streams.freePort();
        assertEquals(200, http.patch(single("staged"), activation(Streams.sdp(f, List.of(first)), UUID.randomUUID(),
                ReceiverParams.IMMEDIATE, null)).status());
        JsonNode before = http.get(single("active")).json();
        try (java.net.DatagramSocket taken = new java.net.DatagramSocket(new InetSocketAddress("127.0.0.1", 0))) {
            int busy = taken.getLocalPort();
            Http.Reply r = http.patch(single("staged"), activation(Streams.sdp(f, List.of(busy)), UUID.randomUUID(),
                    ReceiverParams.IMMEDIATE, null));
            assertEquals(500, r.status(), r.text());
            Schemas.assertValid("error", r.json());
            assertTrue(r.json().get("error").asText().contains(Integer.toString(busy)), r.text());
        }
        assertEquals(before, http.get(single("active")).json(), "/active unchanged");
        assertEquals(first, node.pipeline().receiving().streams().getFirst().port(), "the first stream goes on");
        assertEquals(1, activations.size());
    }

    @Test
    void relativeScheduledActivationHappensAfterItsOffset() throws Exception {
        CompletableFuture<ReceiverParams> done = new CompletableFuture<>();
        node.connection().addActivationListener(done::complete);
        TaiTime before = TaiTime.now();
        JxsvFormat f = Streams.controllerFormat(PacketMode.CODESTREAM);
        Http.Reply r = http.patch(single("staged"), activation(Streams.sdp(f, List.of(Streams.freePort())),
                UUID.randomUUID(), ReceiverParams.RELATIVE, "0:300000000"));
        assertEquals(202, r.status(), r.text());
        Schemas.assertValid("receiver_params", r.json());
        TaiTime scheduled = TaiTime.parse(r.json().at("/activation/activation_time").asText());
        assertTrue(scheduled.compareTo(before.plus(Duration.ofMillis(300))) >= 0, scheduled + " vs " + before);
        ReceiverParams p = done.get(Streams.HANG_SECONDS, TimeUnit.SECONDS);
        assertEquals(ReceiverParams.RELATIVE, p.mode());
        TaiTime happened = TaiTime.parse(p.activationTime());
        assertTrue(happened.compareTo(scheduled) >= 0, happened + " before " + scheduled);
        JsonNode active = http.get(single("active")).json();
        Schemas.assertValid("receiver_params", active);
        assertTrue(active.get("master_enable").asBoolean());
        assertEquals("0:300000000", active.at("/activation/requested_time").asText());
        assertTrue(http.get(single("staged")).json().at("/activation/mode").isNull(), "spent once activated");
        assertTrue(node.model().receiver().data().at("/subscription/active").asBoolean());
    }

    @Test
    void absoluteScheduledActivationHappensAtItsTaiTime() throws Exception {
        CompletableFuture<ReceiverParams> done = new CompletableFuture<>();
        node.connection().addActivationListener(done::complete);
        TaiTime at = TaiTime.now().plus(Duration.ofMillis(400));
        JxsvFormat f = Streams.controllerFormat(PacketMode.CODESTREAM);
        Http.Reply r = http.patch(single("staged"), activation(Streams.sdp(f, List.of(Streams.freePort())),
                UUID.randomUUID(), ReceiverParams.ABSOLUTE, at.toString()));
        assertEquals(202, r.status(), r.text());
        assertEquals(at.toString(), r.json().at("/activation/activation_time").asText());
        assertEquals(at.toString(), http.get(single("staged")).json().at("/activation/requested_time").asText());
        ReceiverParams p = done.get(Streams.HANG_SECONDS, TimeUnit.SECONDS);
        assertTrue(TaiTime.parse(p.activationTime()).compareTo(at) >= 0);
        // TAI runs 37 s ahead of UTC: the activation happened at (UTC) time at - 37 s or later.
        assertTrue(TaiTime.parse(p.activationTime()).toUtc().getEpochSecond() >= at.seconds() - 37);
        JsonNode active = http.get(single("active")).json();
        assertEquals(ReceiverParams.ABSOLUTE, active.at("/activation/mode").asText());
        assertEquals(at.toString(), active.at("/activation/requested_time").asText());
    }

    @Test
    void aScheduledActivationLocksStagedUntilCancelledWithModeNull() {
        JxsvFormat f = Streams.controllerFormat(PacketMode.CODESTREAM);
        Http.Reply r = http.patch(single("staged"), activation(Streams.sdp(f, List.of(Streams.freePort())),
                UUID.randomUUID(), ReceiverParams.RELATIVE, "3600:0"));
        assertEquals(202, r.status(), r.text());
        Http.Reply locked = http.patch(single("staged"), "{\"master_enable\":false}");
        assertEquals(423, locked.status(), locked.text());
        Schemas.assertValid("error", locked.json());
        // A refused cancel cancels nothing.
        assertEquals(400, http.patch(single("staged"), "{\"activation\":{\"mode\":null},\"colour\":1}").status());
        assertEquals(423, http.patch(single("staged"), "{\"master_enable\":false}").status(), "still scheduled");
        Http.Reply cancel = http.patch(single("staged"), "{\"activation\":{\"mode\":null}}");
        assertEquals(200, cancel.status(), cancel.text());
        JsonNode staged = http.get(single("staged")).json();
        Schemas.assertValid("receiver_params", staged);
        assertTrue(staged.at("/activation/mode").isNull());
        assertTrue(staged.at("/activation/activation_time").isNull());
        assertEquals(0, activations.size(), "cancelled before it ran");
        assertEquals(200, http.patch(single("staged"), "{\"master_enable\":false}").status(), "unlocked");
    }

    @Test
    void badPatchBodiesAre400WithAMessageAndChangeNothing() {
        JsonNode before = http.get(single("staged")).json();
        String goodSdp = SdpWriter.write(Streams.sdp(Streams.controllerFormat(PacketMode.SLICE),
                List.of(Streams.freePort())));
        assertBad("not json", "not JSON");
        assertBad("[]", "JSON object");
        assertBad("{\"colour\":\"red\"}", "colour");
        assertBad("{\"master_enable\":\"yes\"}", "master_enable");
        assertBad("{\"sender_id\":\"nobody\"}", "sender_id");
        assertBad("{\"activation\":{\"mode\":\"now\"}}", "activation.mode");
        assertBad("{\"activation\":{\"mode\":\"activate_scheduled_absolute\"}}", "requested_time");
        assertBad("{\"activation\":{\"mode\":\"activate_scheduled_absolute\",\"requested_time\":\"soon\"}}",
                "requested_time");
        assertBad("{\"transport_params\":[{}]}", "2 objects");
        assertBad("{\"transport_params\":[{\"multicast_ip\":\"239.1.1\"},{}]}", "multicast_ip");
        assertBad("{\"transport_params\":[{\"multicast_ip\":\"10.1.1.1\"},{}]}", "not a multicast");
        assertBad("{\"transport_params\":[{},{\"source_ip\":\"example.com\"}]}", "transport_params[1].source_ip");
        assertBad("{\"transport_params\":[{\"interface_ip\":\"192.0.2.7\"},{}]}", "interface_ip");
        assertBad("{\"transport_params\":[{\"destination_port\":70000},{}]}", "destination_port");
        assertBad("{\"transport_params\":[{\"fec_enabled\":true},{}]}", "fec_enabled");
        assertBad("{\"transport_params\":[{\"rtp_enabled\":1},{}]}", "rtp_enabled");
        assertBad(fileBody(goodSdp, "text/plain"), "application/sdp");
        assertBad("{\"master_enable\":true,\"activation\":{\"mode\":\"activate_immediate\"}}", "transport_file");

        // A broken SDP: the answer names the line and the rule.
        String[] lines = goodSdp.split("\r\n");
        int fmtp = -1;
        for (int i = 0; i < lines.length; i++) {
            if (lines[i].startsWith("a=fmtp:")) {
                fmtp = i;
            }
        }
        lines[fmtp] = lines[fmtp].replace("packetmode=1", "packetmode=7");
        String msg = assertBad(fileBody(String.join("\r\n", lines) + "\r\n", "application/sdp"), "line " + (fmtp + 1));
        assertTrue(msg.contains("packetmode"), msg);
        // A good SDP of a stream our decoder cannot take (4:4:4:4 profile, 16-bit): refused, saying why.
        String alpha = goodSdp.replace("profile=High444.12", "profile=High4444.12").replace("depth=10", "depth=16");
        msg = assertBad(fileBody(alpha, "application/sdp"), "High4444.12");
        assertTrue(msg.contains("depth 16"), msg);

        assertEquals(before, http.get(single("staged")).json(), "nothing staged by a refused PATCH");
        assertEquals(0, activations.size());
    }

    private static String fileBody(String sdp, String type) {
        ObjectNode b = JSON.createObjectNode();
        b.putObject("transport_file").put("data", sdp).put("type", type);
        return b.toString();
    }

    private String assertBad(String body, String mentions) {
        Http.Reply r = http.patch(single("staged"), body);
        assertEquals(400, r.status(), body + " -> " + r.text());
        Schemas.assertValid("error", r.json());
        String msg = r.json().get("error").asText();
        assertTrue(msg.contains(mentions), "\"" + msg + "\" mentions " + mentions);
        return msg;
    }

    @Test
    void transportParamsTakePriorityOverTheSdpAndAutoResolvesInActive() {
        JxsvFormat f = Streams.controllerFormat(PacketMode.CODESTREAM);
        int sdpPort = Streams.freePort();
        int ours = Streams.freePort();
        ObjectNode b = activation(Streams.sdp(f, List.of(sdpPort)), UUID.randomUUID(), ReceiverParams.IMMEDIATE,
                null);
        b.putArray("transport_params").add(JSON.createObjectNode().put("destination_port", ours)
                .put("interface_ip", "auto")).add(JSON.createObjectNode());
        Http.Reply r = http.patch(single("staged"), b);
        assertEquals(200, r.status(), r.text());
        assertEquals(ours, r.json().at("/transport_params/0/destination_port").asInt());
        JsonNode active = http.get(single("active")).json();
        Schemas.assertValid("active_resolved", active);
        assertEquals(ours, active.at("/transport_params/0/destination_port").asInt());
        assertEquals(ours, node.pipeline().receiving().streams().getFirst().port());
    }

    @Test
    void bulkStagesEachReceiverAndAnswersPerElement() {
        String body = "[{\"id\":\"" + rx + "\",\"params\":{\"sender_id\":null,\"master_enable\":false}},"
                + "{\"id\":\"" + UUID.randomUUID() + "\",\"params\":{}},"
                + "{\"id\":\"" + rx + "\",\"params\":{\"nonsense\":1}}]";
        Http.Reply r = http.post("/bulk/receivers", body);
        assertEquals(200, r.status(), r.text());
        Schemas.assertValid("bulk_response", r.json());
        assertEquals(200, r.json().at("/0/code").asInt());
        assertEquals(404, r.json().at("/1/code").asInt());
        assertEquals(400, r.json().at("/2/code").asInt());
        assertTrue(r.json().at("/2/error").asText().contains("nonsense"));
        assertEquals(405, http.get("/bulk/receivers").status());
    }
}
