package dev.xsight.qc.transport;

import dev.xsight.hls.HlsSource;
import dev.xsight.media.SourceHealth;
import dev.xsight.st2110.receive.LegState;
import dev.xsight.st2110.receive.St2110Source;
import dev.xsight.st2110.receive.StreamCounters;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Reads a source's transport totals into a {@link TransportCounts}.
 *
 * <p>Threading: called from the QC worker; the sources' counters are safe to read from any thread.
 */
@FunctionalInterface
public interface TransportProbe {
    /** Fills {@code into} with the totals so far. */
    void read(TransportCounts into);

    /**
     * An ST 2110-22 receiver: its {@code StreamCounters}, read field by field (volatile, no allocation), so the probe
     * may run at every frame.
     */
    static TransportProbe of(St2110Source source) {
        StreamCounters c = source.counters();
        return into -> {
            into.packetsLost = c.lost;
            into.framesDropped = c.framesDropped + c.framesDroppedDecode;
            into.framesConcealed = c.framesConcealed;
            into.legs = Math.min(c.legs.length, TransportCounts.MAX_LEGS);
            for (int i = 0; i < into.legs; i++) {
                LegState s = c.legs[i].state;
                into.legDown[i] = into.legs > 1 && (s == LegState.DOWN || s == LegState.FAILED);
                into.legLost[i] = c.legs[i].lost;
            }
        };
    }

    /**
     * An HLS player: its named counters (segments skipped, refresh failures, stalls, frames dropped) and its
     * renditions' errors. This makes a map per read, so the transport check reads it every few frames only.
     */
    static TransportProbe of(HlsSource source) {
        return into -> {
            Map<String, Object> m = source.counters();
            into.framesDropped = number(m.get("frames_dropped"));
            into.segmentsFailed = number(m.get("segments_skipped")) + number(m.get("refresh_failures"))
                    + (m.containsKey("audio_error") ? 1 : 0);
            into.stalls = number(m.get("stalls"));
        };
    }

    /**
     * Any source, from its typed health: frames dropped and concealed, and per ST 2022-7 leg its lost packets and
     * whether it is down. Makes a health snapshot per read.
     */
    static TransportProbe ofHealth(Supplier<SourceHealth> health) {
        return into -> {
            SourceHealth h = health.get();
            into.framesDropped = h.dropped();
            into.framesConcealed = h.concealed();
            into.legs = Math.min(h.legs().size(), TransportCounts.MAX_LEGS);
            long lost = 0;
            for (int i = 0; i < into.legs; i++) {
                SourceHealth.Leg l = h.legs().get(i);
                into.legDown[i] = into.legs > 1 && !l.up();
                into.legLost[i] = l.lost();
                lost = Math.max(lost, into.legs > 1 ? 0 : l.lost());
            }
            into.packetsLost = lost;
            for (SourceHealth.Rendition r : h.renditions()) {
                into.segmentsFailed += r.error() == null ? 0 : 1;
            }
        };
    }

    private static long number(Object o) {
        return o instanceof Number n ? n.longValue() : 0;
    }
}
