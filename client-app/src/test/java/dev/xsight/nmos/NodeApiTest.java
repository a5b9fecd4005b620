package dev.xsight.nmos;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.xsight.media.Frame;
import dev.xsight.nmos.node.NmosNode;
import dev.xsight.st2110.receive.St2110Receiver;
import java.net.InetAddress;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The IS-04 v1.3 Node API over real HTTP on loopback, every answer checked against our schemas. */
class NodeApiTest {
    @TempDir
    Path settings;
    NmosNode node;
    Http http;

    static NmosNode start(Path settings, String label) throws Exception {
        return NmosNode.start(new NmosNode.Options(InetAddress.getLoopbackAddress(), 0, label, settings,
                St2110Receiver.Options.defaults().withPictureBuffers(16)), Frame::release);
    }

    @BeforeEach
    void start() throws Exception {
        node = start(settings, "Studio 4 monitor");
        http = new Http(node.baseUrl());
    }

    @AfterEach
    void stop() {
        node.close();
    }

    @Test
    void indexResourcesListTheirChildren() {
        assertIndex("/", List.of("x-nmos/"));
        assertIndex("/x-nmos/", List.of("connection/", "node/"));
        assertIndex("/x-nmos/node/", List.of("v1.3/"));
        assertIndex("/x-nmos/node/v1.3/", List.of("self/", "sources/", "flows/", "devices/", "senders/",
                "receivers/"));
        // Without the trailing slash the same resource answers.
        assertIndex("/x-nmos/node/v1.3", List.of("self/", "sources/", "flows/", "devices/", "senders/",
                "receivers/"));
    }

    private void assertIndex(String path, List<String> expected) {
        Http.Reply r = http.get(path);
        assertEquals(200, r.status(), path);
        Schemas.assertValid("index", r.json());
        assertEquals(expected, new ObjectMapper().convertValue(r.json(), List.class), path);
    }

    @Test
    void selfIsTheNodeWithTheApiEndpointAndLabel() {
        Http.Reply r = http.get("/x-nmos/node/v1.3/self");
        assertEquals(200, r.status());
        JsonNode n = r.json();
        Schemas.assertValid("node", n);
        assertEquals(node.model().ids().node().toString(), n.get("id").asText());
        assertEquals("Studio 4 monitor", n.get("label").asText());
        assertEquals("v1.3", n.at("/api/versions/0").asText());
        assertEquals("127.0.0.1", n.at("/api/endpoints/0/host").asText());
        assertEquals(node.port(), n.at("/api/endpoints/0/port").asInt());
        assertEquals("http://127.0.0.1:" + node.port() + "/", n.get("href").asText());
    }

    @Test
    void oneDeviceWithTheConnectionApiControlAndOneReceiver() {
        Http.Reply r = http.get("/x-nmos/node/v1.3/devices/");
        assertEquals(200, r.status());
        assertEquals(1, r.json().size());
        JsonNode d = r.json().get(0);
        Schemas.assertValid("device", d);
        assertEquals("Studio 4 monitor", d.get("label").asText());
        assertEquals("urn:x-nmos:device:generic", d.get("type").asText());
        assertEquals(node.model().ids().node().toString(), d.get("node_id").asText());
        assertEquals(node.model().ids().receiver().toString(), d.at("/receivers/0").asText());
        assertEquals("urn:x-nmos:control:sr-ctrl/v1.1", d.at("/controls/0/type").asText());
        assertEquals(node.baseUrl() + "/x-nmos/connection/v1.1/", d.at("/controls/0/href").asText());
        JsonNode byId = http.get("/x-nmos/node/v1.3/devices/" + d.get("id").asText()).json();
        assertEquals(d, byId);
    }

    @Test
    void theReceiverTakesJpegXsVideoOverRtpWithConstraintSets() {
        Http.Reply r = http.get("/x-nmos/node/v1.3/receivers");
        assertEquals(200, r.status());
        assertEquals(1, r.json().size());
        JsonNode rx = r.json().get(0);
        Schemas.assertValid("receiver_video", rx);
        assertEquals("urn:x-nmos:format:video", rx.get("format").asText());
        assertEquals("video/jxsv", rx.at("/caps/media_types/0").asText());
        assertTrue(rx.get("transport").asText().startsWith("urn:x-nmos:transport:rtp"));
        assertTrue(rx.at("/caps/constraint_sets").size() >= 1);
        assertEquals(node.model().ids().device().toString(), rx.get("device_id").asText());
        assertTrue(rx.at("/subscription/sender_id").isNull());
        assertFalse(rx.at("/subscription/active").asBoolean());
        // Every interface binding names one of the node's interfaces.
        JsonNode self = http.get("/x-nmos/node/v1.3/self").json();
        List<String> names = self.get("interfaces").findValuesAsText("name");
        rx.get("interface_bindings").forEach(b -> assertTrue(names.contains(b.asText()), b + " in " + names));
        assertEquals(rx, http.get("/x-nmos/node/v1.3/receivers/" + rx.get("id").asText()).json());
    }

    @Test
    void noSourcesFlowsOrSenders() {
        for (String p : List.of("sources", "flows", "senders")) {
            Http.Reply r = http.get("/x-nmos/node/v1.3/" + p + "/");
            assertEquals(200, r.status(), p);
            assertEquals(0, r.json().size(), p);
        }
    }

    @Test
    void unknownIdsAndPathsAre404WithTheErrorBody() {
        for (String p : List.of("/x-nmos/node/v1.3/receivers/" + UUID.randomUUID(), "/x-nmos/node/v1.3/devices/x",
                "/x-nmos/node/v1.3/senders/" + UUID.randomUUID(), "/x-nmos/node/v1.2/self", "/x-nmos/query/",
                "/x-nmos/node/v1.3/nothing")) {
            Http.Reply r = http.get(p);
            assertEquals(404, r.status(), p);
            Schemas.assertValid("error", r.json());
            assertEquals(404, r.json().get("code").asInt());
        }
    }

    @Test
    void receiverTargetIsNotImplementedInV13ConnectThroughIs05() {
        String id = node.model().ids().receiver().toString();
        Http.Reply r = http.put("/x-nmos/node/v1.3/receivers/" + id + "/target", "{}");
        assertEquals(501, r.status());
        Schemas.assertValid("error", r.json());
        assertTrue(r.json().get("error").asText().contains("IS-05"), r.text());
        assertEquals(404, http.put("/x-nmos/node/v1.3/receivers/" + UUID.randomUUID() + "/target", "{}").status());
    }

    @Test
    void everyAnswerCarriesCorsHeadersAndThePreflightIsAnswered() {
        for (String p : List.of("/x-nmos/node/v1.3/self", "/x-nmos/node/v1.3/receivers/" + UUID.randomUUID())) {
            Http.Reply r = http.get(p);
            assertEquals("*", r.header("Access-Control-Allow-Origin"), p);
        }
        Http.Reply pre = http.send("OPTIONS", "/x-nmos/connection/v1.1/single/receivers/"
                + node.model().ids().receiver() + "/staged", null);
        assertEquals(200, pre.status());
        assertEquals("*", pre.header("Access-Control-Allow-Origin"));
        assertTrue(pre.header("Access-Control-Allow-Methods").contains("PATCH"));
        assertTrue(pre.header("Access-Control-Allow-Headers").contains("Content-Type"));
    }

    @Test
    void idsStayTheSameAcrossARestartWithTheSameSettingsFolder(@TempDir Path other) throws Exception {
        NodeIdentity first = node.model().ids();
        String receiver = http.get("/x-nmos/node/v1.3/receivers/").json().get(0).get("id").asText();
        node.close();
        node = start(settings, "Studio 4 monitor");
        http = new Http(node.baseUrl());
        assertEquals(first, node.model().ids());
        assertEquals(receiver, http.get("/x-nmos/node/v1.3/receivers/").json().get(0).get("id").asText());
        try (NmosNode elsewhere = start(other, "Other")) {
            assertNotEquals(first.node(), elsewhere.model().ids().node());
            assertNotEquals(first.receiver(), elsewhere.model().ids().receiver());
        }
    }

    @Test
    void theSchemasRejectWhatTheSpecificationForbids() {
        // The schemas are only worth something if they fail: a node without api, a receiver of another format.
        JsonNode self = http.get("/x-nmos/node/v1.3/self").json();
        assertFalse(Schemas.valid("node", ((com.fasterxml.jackson.databind.node.ObjectNode) self.deepCopy())
                .without("api")));
        JsonNode rx = http.get("/x-nmos/node/v1.3/receivers/").json().get(0);
        assertFalse(Schemas.valid("receiver_video", ((com.fasterxml.jackson.databind.node.ObjectNode) rx.deepCopy())
                .put("format", "urn:x-nmos:format:audio")));
        assertFalse(Schemas.valid("error", new ObjectMapper().createObjectNode().put("code", 404)));
    }
}
