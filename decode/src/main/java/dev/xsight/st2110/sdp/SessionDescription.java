package dev.xsight.st2110.sdp;

import java.util.List;

/**
 * An ST 2110-22 session description: one stream, or two identical legs grouped by {@code a=group:DUP}
 * (SMPTE ST 2022-7).
 *
 * @param originAddress the unicast address in {@code o=} (the sender)
 * @param sessionId the session id in {@code o=}
 * @param sessionName {@code s=}
 * @param streams one stream, or both legs of a DUP group in group order
 * @param duplicate true when the streams are ST 2022-7 legs of one flow
 */
public record SessionDescription(String originAddress, long sessionId, String sessionName, List<JxsvStream> streams,
        boolean duplicate) {

    public SessionDescription {
        streams = List.copyOf(streams);
        if (streams.isEmpty() || streams.size() > 2) {
            throw new IllegalArgumentException("one stream, or two ST 2022-7 legs, expected; got " + streams.size());
        }
        if (duplicate != (streams.size() == 2)) {
            throw new IllegalArgumentException("two streams must be ST 2022-7 duplicates");
        }
    }

    /** The media format (identical on both legs). */
    public JxsvFormat format() {
        return streams.getFirst().format();
    }
}
