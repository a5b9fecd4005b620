package dev.xsight.nmos.connection;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.xsight.st2110.sdp.SessionDescription;
import java.util.List;
import java.util.UUID;

/**
 * One set of IS-05 receiver parameters: what {@code /staged} or {@code /active} hold.
 *
 * @param senderId the sender the stream comes from, or null
 * @param masterEnable whether the receiver receives at all
 * @param mode the activation mode ({@code activate_immediate} …), or null
 * @param requestedTime the requested TAI time ("s:ns"; relative: an offset), or null
 * @param activationTime when the activation happened or will, TAI, or null
 * @param sdpText the transport file, or null
 * @param sdp the transport file parsed, or null
 * @param legs the transport parameters of both legs (ST 2022-7)
 */
public record ReceiverParams(UUID senderId, boolean masterEnable, String mode, String requestedTime,
        String activationTime, String sdpText, SessionDescription sdp, List<TransportLeg> legs) {
    public static final String IMMEDIATE = "activate_immediate";
    public static final String ABSOLUTE = "activate_scheduled_absolute";
    public static final String RELATIVE = "activate_scheduled_relative";
    /** Two legs: ST 2022-7 path 1 and path 2. */
    public static final int LEGS = 2;

    public ReceiverParams {
        legs = List.copyOf(legs);
        if (legs.size() != LEGS) {
            throw new IllegalArgumentException(LEGS + " legs expected");
        }
        if ((sdpText == null) != (sdp == null)) {
            throw new IllegalArgumentException("the SDP text and its parse go together");
        }
    }

    /** Nothing staged: no sender, disabled, no transport file, both legs automatic and off. */
    public static ReceiverParams initial() {
        return new ReceiverParams(null, false, null, null, null, null, null,
                List.of(TransportLeg.initial(), TransportLeg.initial()));
    }

    public ReceiverParams withActivation(String mode, String requestedTime, String activationTime) {
        return new ReceiverParams(senderId, masterEnable, mode, requestedTime, activationTime, sdpText, sdp, legs);
    }

    public ReceiverParams withLegs(List<TransportLeg> newLegs) {
        return new ReceiverParams(senderId, masterEnable, mode, requestedTime, activationTime, sdpText, sdp, newLegs);
    }

    /** The IS-05 JSON of {@code /staged} or {@code /active}. */
    public ObjectNode toJson() {
        ObjectNode n = JsonNodeFactory.instance.objectNode();
        if (senderId == null) {
            n.putNull("sender_id");
        } else {
            n.put("sender_id", senderId.toString());
        }
        n.put("master_enable", masterEnable);
        ObjectNode a = n.putObject("activation");
        a.put("mode", mode);
        a.put("requested_time", requestedTime);
        a.put("activation_time", activationTime);
        ObjectNode f = n.putObject("transport_file");
        f.put("data", sdpText);
        f.put("type", sdpText == null ? null : "application/sdp");
        ArrayNode t = n.putArray("transport_params");
        legs.forEach(l -> t.add(l.toJson()));
        return n;
    }
}
