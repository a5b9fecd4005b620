package dev.xsight.st2110.receive;

import java.util.List;
import java.util.Locale;

/**
 * A snapshot of a received stream's health (RFC 3550 counters and A.8 jitter, frame outcomes, decode figures).
 *
 * @param packets packets accepted into the reorder window (both legs, duplicates excluded)
 * @param bytes datagram bytes of those packets
 * @param bitrate bits per second since the stream started
 * @param lost packets declared lost after merging the legs
 * @param reordered packets that arrived after a later-numbered one
 * @param duplicates copies dropped (for 2022-7 this includes every packet the slower leg delivered second)
 * @param late packets that arrived after being declared lost
 * @param badPackets datagrams dropped as malformed, foreign, or for want of buffers
 * @param modeMismatch packets whose K bit contradicts the SDP packetmode
 * @param inconsistent payload headers whose counters contradict each other
 * @param oversize pictures larger than b=AS allows
 * @param ssrcChanges times the stream switched to a new SSRC
 * @param framesComplete pictures with every packet
 * @param framesDropped pictures not shown (codestream mode loss, header lost, missing, decoder busy)
 * @param framesConcealed slice-mode pictures shown with some slices concealed
 * @param framesDecoded pictures decoded and delivered
 * @param decodeErrors pictures the decoder rejected
 * @param jitterMs RFC 3550 interarrival jitter (worst leg), milliseconds
 * @param decodeP50Ms median decode time
 * @param latencyP50Ms median last-packet-to-decoded-frame latency
 * @param latencyP99Ms 99th percentile of that latency
 * @param legs per ST 2022-7 leg
 */
public record StreamStatistics(long packets, long bytes, double bitrate, long lost, long reordered, long duplicates,
        long late, long badPackets, long modeMismatch, long inconsistent, long oversize, long ssrcChanges,
        long framesComplete, long framesDropped, long framesConcealed, long framesDecoded, long decodeErrors,
        double jitterMs, double decodeP50Ms, double latencyP50Ms, double latencyP99Ms, List<LegStatistics> legs) {

    public StreamStatistics {
        legs = List.copyOf(legs);
    }

    /**
     * One leg.
     *
     * @param packets datagrams received on this leg
     * @param bytes their bytes
     * @param lost gaps in this leg's own sequence
     * @param duplicates packets this leg delivered after the other leg
     * @param jitterMs this leg's RFC 3550 jitter
     * @param errors receive errors reported by this leg's socket
     * @param state this leg's health
     */
    public record LegStatistics(long packets, long bytes, long lost, long duplicates, double jitterMs, long errors,
            LegState state) {
    }

    /** One line of JSON (the CLI's {@code --stats-json} and final line). */
    public String toJson() {
        StringBuilder b = new StringBuilder(512);
        b.append('{');
        num(b, "packets", packets).append(',');
        num(b, "bytes", bytes).append(',');
        dbl(b, "bitrate_bps", bitrate).append(',');
        num(b, "lost", lost).append(',');
        num(b, "reordered", reordered).append(',');
        num(b, "duplicates", duplicates).append(',');
        num(b, "late", late).append(',');
        num(b, "bad_packets", badPackets).append(',');
        num(b, "mode_mismatch", modeMismatch).append(',');
        num(b, "inconsistent_headers", inconsistent).append(',');
        num(b, "oversize_frames", oversize).append(',');
        num(b, "ssrc_changes", ssrcChanges).append(',');
        num(b, "frames_complete", framesComplete).append(',');
        num(b, "frames_dropped", framesDropped).append(',');
        num(b, "frames_concealed", framesConcealed).append(',');
        num(b, "frames_decoded", framesDecoded).append(',');
        num(b, "decode_errors", decodeErrors).append(',');
        dbl(b, "jitter_ms", jitterMs).append(',');
        dbl(b, "decode_p50_ms", decodeP50Ms).append(',');
        dbl(b, "latency_p50_ms", latencyP50Ms).append(',');
        dbl(b, "latency_p99_ms", latencyP99Ms).append(',');
        b.append("\"legs\":[");
        for (int i = 0; i < legs.size(); i++) {
            LegStatistics l = legs.get(i);
            b.append(i == 0 ? "{" : ",{");
            num(b, "leg", i).append(',');
            num(b, "packets", l.packets).append(',');
            num(b, "bytes", l.bytes).append(',');
            num(b, "lost", l.lost).append(',');
            num(b, "duplicates", l.duplicates).append(',');
            dbl(b, "jitter_ms", l.jitterMs).append(',');
            num(b, "errors", l.errors).append(',');
            b.append("\"state\":\"").append(l.state.label()).append("\"}");
        }
        return b.append("]}").toString();
    }

    /** One line for the shell's health bar; with two ST 2022-7 legs it ends with each leg's state. */
    public String summary() {
        String s = counterSummary();
        return legs.size() > 1 ? s + " · " + legSummary() : s;
    }

    /** The stream's counters in one line, without the legs: {@code 0 lost · 0 dropped · ...}. */
    public String counterSummary() {
        return String.format(Locale.ROOT,
                "%d lost · %d dropped · %d concealed · jitter %.2f ms · latency p99 %.1f ms", lost, framesDropped,
                framesConcealed, jitterMs, latencyP99Ms);
    }

    /** Each leg's state, e.g. {@code "2022-7 A up · B down"} (legs named A, B in SDP order). */
    public String legSummary() {
        StringBuilder b = new StringBuilder("2022-7");
        for (int i = 0; i < legs.size(); i++) {
            b.append(i == 0 ? " " : " / ").append((char) ('A' + i)).append(' ').append(legs.get(i).state.label());
        }
        return b.toString();
    }

    private static StringBuilder num(StringBuilder b, String k, long v) {
        return b.append('"').append(k).append("\":").append(v);
    }

    private static StringBuilder dbl(StringBuilder b, String k, double v) {
        return b.append('"').append(k).append("\":").append(String.format(Locale.ROOT, "%.3f", v));
    }
}
