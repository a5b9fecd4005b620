package dev.xsight.nmos.connection;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The IS-05 RTP receiver transport parameters of one leg (the core and multicast parameter sets of
 * {@code receiver_transport_params_rtp}); a receiver taking ST 2022-7 has two.
 *
 * @param sourceIp the sender's address to accept (source-specific multicast), or null for any
 * @param multicastIp the group to join, or null for unicast
 * @param interfaceIp the local address to receive on, or {@link #AUTO}
 * @param destinationPort the UDP port, or -1 for {@code "auto"} (5004, RFC 3551, or the SDP's)
 * @param rtpEnabled whether this leg receives
 */
public record TransportLeg(String sourceIp, String multicastIp, String interfaceIp, int destinationPort,
        boolean rtpEnabled) {
    public static final String AUTO = "auto";
    /** {@code destination_port} left to the receiver. */
    public static final int AUTO_PORT = -1;
    /** The RTP/AVP default port (RFC 3551 section 8), where {@code "auto"} ends without an SDP port. */
    public static final int DEFAULT_PORT = 5004;
    private static final String OCTET = "(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])";
    private static final String IPV4 = OCTET + "(\\." + OCTET + "){3}";
    static final Set<String> KEYS = Set.of("source_ip", "multicast_ip", "interface_ip", "destination_port",
            "rtp_enabled");

    /** A leg as staged before any request: everything automatic, not receiving. */
    public static TransportLeg initial() {
        return new TransportLeg(null, null, AUTO, AUTO_PORT, false);
    }

    public TransportLeg withRtpEnabled(boolean on) {
        return new TransportLeg(sourceIp, multicastIp, interfaceIp, destinationPort, on);
    }

    /** The leg as {@code /staged} or {@code /active} show it. */
    public ObjectNode toJson() {
        ObjectNode n = JsonNodeFactory.instance.objectNode();
        n.put("source_ip", sourceIp);
        n.put("multicast_ip", multicastIp);
        n.put("interface_ip", interfaceIp);
        if (destinationPort == AUTO_PORT) {
            n.put("destination_port", AUTO);
        } else {
            n.put("destination_port", destinationPort);
        }
        n.put("rtp_enabled", rtpEnabled);
        return n;
    }

    /**
     * This leg with the keys of one {@code transport_params} element applied.
     *
     * @param leg 0 or 1, for messages
     * @param interfaceIps the addresses {@code interface_ip} may name
     * @throws PatchException for an unknown key, a wrong type or a value outside the rules
     */
    TransportLeg patch(JsonNode p, int leg, List<String> interfaceIps) throws PatchException {
        String where = "transport_params[" + leg + "]";
        if (!p.isObject()) {
            throw new PatchException(where + " must be an object (use {} to leave a leg unchanged)");
        }
        String src = sourceIp;
        String mcast = multicastIp;
        String iface = interfaceIp;
        int port = destinationPort;
        boolean enabled = rtpEnabled;
        for (Iterator<Map.Entry<String, JsonNode>> it = p.properties().iterator(); it.hasNext();) {
            Map.Entry<String, JsonNode> e = it.next();
            String k = e.getKey();
            JsonNode v = e.getValue();
            String at = where + "." + k;
            switch (k) {
                case "source_ip" -> src = v.isNull() ? null : ip(v, at, false);
                case "multicast_ip" -> mcast = v.isNull() ? null : ip(v, at, true);
                case "interface_ip" -> {
                    if (v.isTextual() && v.asText().equals(AUTO)) {
                        iface = AUTO;
                    } else {
                        iface = ip(v, at, false);
                        if (!interfaceIps.contains(iface)) {
                            throw new PatchException(at + " " + iface + " is not an address of this receiver's"
                                    + " interfaces " + interfaceIps + " (see /constraints)");
                        }
                    }
                }
                case "destination_port" -> {
                    if (v.isTextual() && v.asText().equals(AUTO)) {
                        port = AUTO_PORT;
                    } else if (v.isIntegralNumber() && v.asLong() >= 1 && v.asLong() <= 65535) {
                        port = v.asInt();
                    } else {
                        throw new PatchException(at + " must be \"auto\" or an integer 1..65535, not " + v);
                    }
                }
                case "rtp_enabled" -> {
                    if (!v.isBoolean()) {
                        throw new PatchException(at + " must be true or false, not " + v);
                    }
                    enabled = v.asBoolean();
                }
                default -> throw new PatchException(where + " has unknown key \"" + k + "\": an RTP receiver takes "
                        + String.join(", ", KEYS.stream().sorted().toList()) + " (no FEC or RTCP parameters)");
            }
        }
        return new TransportLeg(src, mcast, iface, port, enabled);
    }

    /** An IPv4 or IPv6 address literal (never a name: no lookup happens on a request), multicast when asked. */
    static String ip(JsonNode v, String at, boolean multicast) throws PatchException {
        if (!v.isTextual()) {
            throw new PatchException(at + " must be an IP address string or null, not " + v);
        }
        String s = v.asText();
        InetAddress a;
        try {
            // Dotted quad only: InetAddress also reads the old short forms ("10.1" is 10.0.0.1), which IS-05 does not.
            if (!s.matches(IPV4) && !s.matches("[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*")) {
                throw new IllegalArgumentException();
            }
            a = InetAddress.ofLiteral(s);
        } catch (IllegalArgumentException e) {
            throw new PatchException(at + " \"" + s + "\" is not an IPv4 or IPv6 address");
        }
        if (!(a instanceof Inet4Address) && !(a instanceof Inet6Address)) {
            throw new PatchException(at + " \"" + s + "\" is not an IPv4 or IPv6 address");
        }
        if (multicast && !a.isMulticastAddress()) {
            throw new PatchException(at + " " + s + " is not a multicast group (224.0.0.0/4 or ff00::/8)");
        }
        return s;
    }
}
