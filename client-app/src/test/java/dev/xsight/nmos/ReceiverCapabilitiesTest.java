package dev.xsight.nmos;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.xsight.media.FrameRate;
import dev.xsight.nmos.node.NmosNode;
import dev.xsight.st2110.PacketMode;
import dev.xsight.st2110.TrafficShaping;
import dev.xsight.st2110.sdp.JxsvFormat;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The receiver's BCP-004-01 constraint sets, read from the live Node API, judged by a small matcher written here
 * from the BCP-004-01 text (not from our code): a stream is acceptable when it meets every parameter constraint of at
 * least one enabled constraint set; {@code enum} lists the values allowed, {@code minimum} / {@code maximum} bound
 * them (rationals compared as fractions); {@code meta} keys constrain nothing.
 */
class ReceiverCapabilitiesTest {
    @TempDir
    Path settings;
    NmosNode node;
    JsonNode receiver;

    @BeforeEach
    void start() throws Exception {
        node = NodeApiTest.start(settings, "caps");
        receiver = new Http(node.baseUrl()).get("/x-nmos/node/v1.3/receivers/").json().get(0);
    }

    @AfterEach
    void stop() {
        node.close();
    }

    static boolean accepts(JsonNode receiver, Map<String, Object> stream) {
        boolean mediaType = false;
        for (JsonNode m : receiver.at("/caps/media_types")) {
            mediaType |= m.asText().equals(stream.get("urn:x-nmos:cap:format:media_type"));
        }
        if (!mediaType) {
            return false;
        }
        for (JsonNode set : receiver.at("/caps/constraint_sets")) {
            if (set.path("urn:x-nmos:cap:meta:enabled").asBoolean(true) && meets(set, stream)) {
                return true;
            }
        }
        return false;
    }

    static boolean meets(JsonNode set, Map<String, Object> stream) {
        for (Iterator<Map.Entry<String, JsonNode>> it = set.properties().iterator(); it.hasNext();) {
            Map.Entry<String, JsonNode> e = it.next();
            if (e.getKey().startsWith("urn:x-nmos:cap:meta:")) {
                continue;
            }
            Object v = stream.get(e.getKey());
            if (v == null) {
                return false; // a constrained parameter the stream does not state cannot be shown to fit
            }
            JsonNode c = e.getValue();
            if (c.has("enum")) {
                boolean any = false;
                for (JsonNode allowed : c.get("enum")) {
                    any |= equal(allowed, v);
                }
                if (!any) {
                    return false;
                }
            }
            if (c.has("minimum") && compare(v, c.get("minimum")) < 0) {
                return false;
            }
            if (c.has("maximum") && compare(v, c.get("maximum")) > 0) {
                return false;
            }
        }
        return true;
    }

    private static boolean equal(JsonNode allowed, Object v) {
        if (v instanceof FrameRate r) {
            return allowed.isObject() && compare(r, allowed) == 0;
        }
        if (v instanceof Number n) {
            return allowed.isNumber() && allowed.asDouble() == n.doubleValue();
        }
        return allowed.isTextual() && allowed.asText().equals(v);
    }

    private static int compare(Object v, JsonNode bound) {
        if (v instanceof FrameRate r) {
            long num = bound.path("numerator").asLong();
            long den = bound.path("denominator").asLong(1);
            return Long.compare((long) r.numerator() * den, num * r.denominator());
        }
        return Double.compare(((Number) v).doubleValue(), bound.asDouble());
    }

    /** What a controller reads off a sender of the commonly staged stream (its flow, sender and SDP). */
    static Map<String, Object> controllerExample(String packetMode) {
        Map<String, Object> s = new HashMap<>();
        s.put("urn:x-nmos:cap:format:media_type", "video/jxsv");
        s.put("urn:x-nmos:cap:format:profile", "High444.12");
        s.put("urn:x-nmos:cap:format:level", "2k-1");
        s.put("urn:x-nmos:cap:format:sublevel", "Sublev3bpp");
        s.put("urn:x-nmos:cap:format:frame_width", 1920);
        s.put("urn:x-nmos:cap:format:frame_height", 1080);
        s.put("urn:x-nmos:cap:format:grain_rate", FrameRate.FPS_25);
        s.put("urn:x-nmos:cap:format:interlace_mode", "progressive");
        s.put("urn:x-nmos:cap:format:color_sampling", "YCbCr-4:2:2");
        s.put("urn:x-nmos:cap:format:component_depth", 10);
        s.put("urn:x-nmos:cap:format:colorspace", "BT709");
        s.put("urn:x-nmos:cap:format:transfer_characteristic", "SDR");
        s.put("urn:x-nmos:cap:format:bit_rate", 110_000);
        s.put("urn:x-nmos:cap:transport:bit_rate", 116_000);
        s.put("urn:x-nmos:cap:transport:packet_transmission_mode", packetMode);
        s.put("urn:x-nmos:cap:transport:st2110_21_sender_type", "2110TPN");
        return s;
    }

    @Test
    void theControllersExampleStreamIsAcceptedInEveryPacketMode() {
        for (String mode : new String[] {"codestream", "slice_sequential", "slice_out_of_order"}) {
            assertTrue(accepts(receiver, controllerExample(mode)), mode);
        }
        // The same stream as our SDP checks see it: taken.
        assertNull(ReceiverCapabilities.refusal(format("High444.12", 10, false, PacketMode.SLICE)));
    }

    @Test
    void interlacedIsAcceptedInCodestreamModeOnly() {
        Map<String, Object> s = controllerExample("codestream");
        s.put("urn:x-nmos:cap:format:interlace_mode", "interlaced_tff");
        s.put("urn:x-nmos:cap:format:grain_rate", FrameRate.FPS_29_97);
        assertTrue(accepts(receiver, s));
        s.put("urn:x-nmos:cap:transport:packet_transmission_mode", "slice_sequential");
        assertFalse(accepts(receiver, s));
        assertNotNull(ReceiverCapabilities.refusal(format("High444.12", 10, true, PacketMode.SLICE)));
        assertNull(ReceiverCapabilities.refusal(format("High444.12", 10, true, PacketMode.CODESTREAM)));
    }

    @Test
    void whatTheDecoderCannotTakeIsRefusedByTheCapsAndTheSdpCheckAlike() {
        Map<String, Object> alpha = controllerExample("codestream");
        alpha.put("urn:x-nmos:cap:format:profile", "High4444.12");
        assertFalse(accepts(receiver, alpha));
        assertNotNull(ReceiverCapabilities.refusal(format("High4444.12", 10, false, PacketMode.CODESTREAM)));
        Map<String, Object> deep = controllerExample("codestream");
        deep.put("urn:x-nmos:cap:format:component_depth", 16);
        assertFalse(accepts(receiver, deep));
        assertNotNull(ReceiverCapabilities.refusal(format("High444.12", 16, false, PacketMode.CODESTREAM)));
        Map<String, Object> huge = controllerExample("codestream");
        huge.put("urn:x-nmos:cap:format:frame_width", 7680);
        assertFalse(accepts(receiver, huge));
        Map<String, Object> fast = controllerExample("codestream");
        fast.put("urn:x-nmos:cap:format:bit_rate", 5_000_000);
        assertFalse(accepts(receiver, fast));
        Map<String, Object> audio = controllerExample("codestream");
        audio.put("urn:x-nmos:cap:format:media_type", "audio/L24");
        assertFalse(accepts(receiver, audio));
    }

    @Test
    void taiIsUtcPlus37SecondsWrittenSecondsColonNanoseconds() {
        TaiTime t = TaiTime.ofUtc(java.time.Instant.ofEpochSecond(1_700_000_000L, 5));
        assertEquals("1700000037:5", t.toString());
        assertEquals(t, TaiTime.parse("1700000037:5"));
        assertEquals(java.time.Instant.ofEpochSecond(1_700_000_000L, 5), t.toUtc());
        assertEquals(new TaiTime(1, 0), new TaiTime(0, 999_999_999).next());
        for (String bad : new String[] {"", "1", "1:", ":1", "1:1000000000", "-1:0", "1.5:0"}) {
            org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, () -> TaiTime.parse(bad),
                    bad);
        }
    }

    private static JxsvFormat format(String profile, int depth, boolean interlaced, PacketMode mode) {
        return new JxsvFormat(mode, true, profile, "2k-1", "Sublev3bpp", depth, 1920, 1080, FrameRate.FPS_25,
                interlaced, false, "YCbCr-4:2:2", "BT709", "SDR", "NARROW", "ST2110-22:2019",
                TrafficShaping.NARROW_GAPPED);
    }
}
