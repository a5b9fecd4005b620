package dev.xsight.st2110.sdp;

/** Writes an ST 2110-22 session description that {@link SdpParser} (and other receivers) accept. */
public final class SdpWriter {
    private SdpWriter() {
    }

    /** The description as SDP text with CRLF line ends (RFC 8866 5). */
    public static String write(SessionDescription d) {
        StringBuilder b = new StringBuilder(1024);
        String ipv = d.originAddress().contains(":") ? "IP6" : "IP4";
        line(b, "v=0");
        line(b, "o=- " + Long.toUnsignedString(d.sessionId()) + " " + Long.toUnsignedString(d.sessionId()) + " IN "
                + ipv + " " + d.originAddress());
        line(b, "s=" + d.sessionName());
        line(b, "t=0 0");
        if (d.duplicate()) {
            line(b, "a=group:DUP " + d.streams().get(0).mid() + " " + d.streams().get(1).mid());
        }
        for (JxsvStream s : d.streams()) {
            String sv = s.destination().contains(":") ? "IP6" : "IP4";
            line(b, "m=video " + s.port() + " RTP/AVP " + s.payloadType());
            line(b, "c=IN " + sv + " " + s.destination() + (s.multicast() ? "/" + Math.max(1, s.ttl()) : ""));
            if (s.bandwidthKbps() > 0) {
                line(b, "b=AS:" + s.bandwidthKbps());
            }
            if (s.sourceFilter() != null) {
                line(b, "a=source-filter: incl IN " + sv + " " + s.destination() + " " + s.sourceFilter());
            }
            line(b, "a=rtpmap:" + s.payloadType() + " jxsv/90000");
            line(b, "a=fmtp:" + s.payloadType() + " " + s.format().fmtp());
            line(b, "a=ts-refclk:" + (s.tsRefclk() != null ? s.tsRefclk() : "localmac=00-00-00-00-00-00"));
            line(b, "a=mediaclk:" + (s.mediaclk() != null ? s.mediaclk() : "direct=0"));
            if (s.mid() != null) {
                line(b, "a=mid:" + s.mid());
            }
        }
        return b.toString();
    }

    private static void line(StringBuilder b, String l) {
        b.append(l).append("\r\n");
    }
}
