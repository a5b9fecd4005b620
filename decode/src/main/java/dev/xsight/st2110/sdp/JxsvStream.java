package dev.xsight.st2110.sdp;

/**
 * One {@code m=video} section of an ST 2110-22 SDP: where the RTP stream arrives and what it carries.
 *
 * @param mid the {@code a=mid} tag (null when absent), used by {@code a=group:DUP}
 * @param destination destination address from {@code c=} (multicast group or unicast address)
 * @param port destination UDP port from {@code m=}
 * @param ttl multicast TTL from {@code c=} (0 when absent)
 * @param sourceFilter the single included source address from {@code a=source-filter} (SSM), or null
 * @param payloadType RTP payload type (96..127)
 * @param bandwidthKbps {@code b=AS} in kilobits per second (0 when absent)
 * @param tsRefclk the {@code a=ts-refclk} value, or null
 * @param mediaclk the {@code a=mediaclk} value, or null
 * @param format the {@code a=fmtp} media format
 */
public record JxsvStream(String mid, String destination, int port, int ttl, String sourceFilter, int payloadType,
        long bandwidthKbps, String tsRefclk, String mediaclk, JxsvFormat format) {

    public JxsvStream {
        if (destination == null || format == null) {
            throw new IllegalArgumentException("destination and format are required");
        }
        if (port <= 0 || port > 65535 || payloadType < 0 || payloadType > 127) {
            throw new IllegalArgumentException("bad port " + port + " or payload type " + payloadType);
        }
    }

    /** True when {@link #destination} is an IPv4 multicast group (224.0.0.0/4) or IPv6 multicast (ff00::/8). */
    public boolean multicast() {
        if (destination.contains(":")) {
            return destination.toLowerCase(java.util.Locale.ROOT).startsWith("ff");
        }
        int dot = destination.indexOf('.');
        if (dot <= 0) {
            return false;
        }
        try {
            int first = Integer.parseInt(destination.substring(0, dot));
            return first >= 224 && first <= 239;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    /**
     * Largest codestream (bytes) one frame may have at {@code b=AS}: the bitrate spread over the frame rate, with
     * 10% headroom for RTP/UDP/IP overhead counted in b=AS by some senders being absent in others. Long.MAX_VALUE when
     * b=AS is absent.
     */
    public long maxCodestreamBytes() {
        if (bandwidthKbps <= 0) {
            return Long.MAX_VALUE;
        }
        double perFrame = bandwidthKbps * 1000.0 / 8.0 * format.rate().denominator() / format.rate().numerator();
        return (long) (perFrame * 1.1) + 4096;
    }
}
