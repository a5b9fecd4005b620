package dev.xsight.nmos.connection;

import com.fasterxml.jackson.databind.JsonNode;
import dev.xsight.nmos.ReceiverCapabilities;
import dev.xsight.nmos.TaiTime;
import dev.xsight.st2110.sdp.JxsvStream;
import dev.xsight.st2110.sdp.SdpException;
import dev.xsight.st2110.sdp.SdpParser;
import dev.xsight.st2110.sdp.SessionDescription;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Applies the body of a {@code PATCH /staged} to the staged parameters (IS-05 {@code receiver-stage-schema}), or says
 * precisely why it cannot. Pure: no state, no I/O.
 *
 * <p>A transport file sets the legs from its streams first (RTP behaviour: the first stream is path 1; a
 * single-stream file turns path 2 off); {@code transport_params} in the same request then take priority. A file our
 * receiver cannot take (BCP-006-01: it SHOULD reject) is refused with what it cannot take.
 */
final class StagedPatch {
    static final Set<String> KEYS = Set.of("sender_id", "master_enable", "activation", "transport_file",
            "transport_params");

    private StagedPatch() {
    }

    /**
     * The staged parameters after {@code body}.
     *
     * @param interfaceIps the addresses {@code interface_ip} may name
     * @throws PatchException when the body breaks the schema or a rule (the message says which)
     */
    static ReceiverParams apply(ReceiverParams staged, JsonNode body, List<String> interfaceIps)
            throws PatchException {
        if (body == null || !body.isObject()) {
            throw new PatchException("the body must be a JSON object with any of " + sorted(KEYS));
        }
        for (Iterator<String> it = body.fieldNames(); it.hasNext();) {
            String k = it.next();
            if (!KEYS.contains(k)) {
                throw new PatchException("unknown key \"" + k + "\": a receiver's /staged takes " + sorted(KEYS));
            }
        }
        UUID sender = staged.senderId();
        if (body.has("sender_id")) {
            sender = uuidOrNull(body.get("sender_id"), "sender_id");
        }
        boolean enable = staged.masterEnable();
        if (body.has("master_enable")) {
            JsonNode v = body.get("master_enable");
            if (!v.isBoolean()) {
                throw new PatchException("master_enable must be true or false, not " + v);
            }
            enable = v.asBoolean();
        }
        String sdpText = staged.sdpText();
        SessionDescription sdp = staged.sdp();
        List<TransportLeg> legs = new ArrayList<>(staged.legs());
        if (body.has("transport_file")) {
            JsonNode f = body.get("transport_file");
            checkKeys(f, "transport_file", Set.of("data", "type"));
            JsonNode data = f.path("data");
            JsonNode type = f.path("type");
            if (!data.isMissingNode() && !data.isNull() && !data.isTextual()) {
                throw new PatchException("transport_file.data must be a string or null, not " + data);
            }
            if (!type.isMissingNode() && !type.isNull() && !(type.isTextual()
                    && type.asText().equals("application/sdp"))) {
                throw new PatchException("transport_file.type must be \"application/sdp\", not " + type);
            }
            if (data.isTextual()) {
                if (type.isMissingNode() || type.isNull()) {
                    throw new PatchException("transport_file.type must be \"application/sdp\" when data is given");
                }
                try {
                    sdp = SdpParser.parse(data.asText());
                } catch (SdpException e) {
                    throw new PatchException("transport_file.data is not an SDP we can take: " + e.getMessage(), e);
                }
                String cannot = ReceiverCapabilities.refusal(sdp.format());
                if (cannot != null) {
                    throw new PatchException("this receiver cannot take the stream in transport_file: " + cannot
                            + " (see the receiver's caps.constraint_sets)");
                }
                sdpText = data.asText();
                legs = legsFrom(sdp, legs);
            } else if (data.isNull()) {
                sdpText = null;
                sdp = null;
            }
        }
        if (body.has("transport_params")) {
            JsonNode t = body.get("transport_params");
            if (!t.isArray() || t.size() != ReceiverParams.LEGS) {
                throw new PatchException("transport_params must be an array of " + ReceiverParams.LEGS
                        + " objects (one per ST 2022-7 leg, {} for a leg left unchanged), not " + t);
            }
            for (int i = 0; i < ReceiverParams.LEGS; i++) {
                legs.set(i, legs.get(i).patch(t.get(i), i, interfaceIps));
            }
        }
        String mode = staged.mode();
        String requested = staged.requestedTime();
        if (body.has("activation")) {
            JsonNode a = body.get("activation");
            checkKeys(a, "activation", Set.of("mode", "requested_time"));
            JsonNode m = a.path("mode");
            JsonNode rt = a.path("requested_time");
            if (m.isMissingNode() || m.isNull()) {
                mode = null;
            } else if (m.isTextual() && Set.of(ReceiverParams.IMMEDIATE, ReceiverParams.ABSOLUTE,
                    ReceiverParams.RELATIVE).contains(m.asText())) {
                mode = m.asText();
            } else {
                throw new PatchException("activation.mode must be null, \"" + ReceiverParams.IMMEDIATE + "\", \""
                        + ReceiverParams.ABSOLUTE + "\" or \"" + ReceiverParams.RELATIVE + "\", not " + m);
            }
            requested = null;
            if (!rt.isMissingNode() && !rt.isNull()) {
                if (!rt.isTextual()) {
                    throw new PatchException("activation.requested_time must be a TAI \"seconds:nanoseconds\""
                            + " string or null, not " + rt);
                }
                try {
                    requested = TaiTime.parse(rt.asText()).toString();
                } catch (IllegalArgumentException e) {
                    throw new PatchException("activation.requested_time: " + e.getMessage());
                }
            }
            if ((ReceiverParams.ABSOLUTE.equals(mode) || ReceiverParams.RELATIVE.equals(mode)) && requested == null) {
                throw new PatchException("activation.requested_time is needed for " + mode);
            }
            if (ReceiverParams.IMMEDIATE.equals(mode) || mode == null) {
                requested = null;
            }
        }
        return new ReceiverParams(sender, enable, mode, requested, null, sdpText, sdp, legs);
    }

    /** The legs as an SDP sets them: path 1 from its first stream, path 2 from the second or off. */
    static List<TransportLeg> legsFrom(SessionDescription sdp, List<TransportLeg> before) {
        List<TransportLeg> legs = new ArrayList<>(before);
        for (int i = 0; i < ReceiverParams.LEGS; i++) {
            if (i < sdp.streams().size()) {
                JxsvStream s = sdp.streams().get(i);
                legs.set(i, new TransportLeg(s.sourceFilter(), s.multicast() ? s.destination() : null,
                        before.get(i).interfaceIp(), s.port(), true));
            } else {
                legs.set(i, before.get(i).withRtpEnabled(false));
            }
        }
        return legs;
    }

    private static void checkKeys(JsonNode n, String where, Set<String> keys) throws PatchException {
        if (!n.isObject()) {
            throw new PatchException(where + " must be an object with " + sorted(keys) + ", not " + n);
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = n.properties().iterator(); it.hasNext();) {
            String k = it.next().getKey();
            if (!keys.contains(k)) {
                throw new PatchException(where + " has unknown key \"" + k + "\": it takes " + sorted(keys));
            }
        }
    }

    private static UUID uuidOrNull(JsonNode v, String where) throws PatchException {
        if (v.isNull()) {
            return null;
        }
        if (v.isTextual() && v.asText().matches("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")) {
            return UUID.fromString(v.asText());
        }
        throw new PatchException(where + " must be a lower-case UUID or null, not " + v);
    }

    private static String sorted(Set<String> keys) {
        return String.join(", ", keys.stream().sorted().toList());
    }
}
