package dev.xsight.qc.transport;

import dev.xsight.media.Frame;
import dev.xsight.media.Timecode;
import dev.xsight.qc.QcEvent;
import dev.xsight.qc.video.VideoCheck;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Transport faults at the frames they touched: reads the source's totals through a {@link TransportProbe} every
 * {@code pollEvery} frames and reports
 * <ul>
 *   <li>{@code loss}: packets lost, or HLS segments / playlist refreshes / renditions that failed
 *       ({@code packets_lost}, {@code segments_failed});</li>
 *   <li>{@code loss} with {@code leg}: an ST 2022-7 leg down while the stream goes on from the other (legs numbered
 *       from 0 in SDP order; the CLI writes the leg's letter);</li>
 *   <li>{@code concealed}: frames concealed or dropped inside the source, and HLS stalls ({@code frames_concealed},
 *       {@code frames_dropped}, {@code stalls}).</li>
 * </ul>
 * A fault runs from the first frame delivered after the totals grew to the last such frame, inclusive, and stays one
 * event while the totals keep growing within {@code mergeFrames} frames of each other (a leg: while it is down). A
 * frame the source never delivered cannot be pointed at, so the event names the first one after it.
 *
 * <p>Threading: one feeding thread (the QC worker); no allocation per frame beyond the probe's own.
 */
public final class TransportCheck implements VideoCheck {
    private final TransportProbe probe;
    private final int pollEvery;
    private final long mergeFrames;
    private final Consumer<QcEvent> out;
    private final TransportCounts now = new TransportCounts();
    private final TransportCounts before = new TransportCounts();
    private final Run loss = new Run(QcEvent.Type.LOSS);
    private final Run concealed = new Run(QcEvent.Type.CONCEALED);
    private final Run[] legs = new Run[TransportCounts.MAX_LEGS];
    private long frame = -1;
    private long sincePoll;
    private boolean primed;

    /**
     * @param pollEvery read the probe every this many frames (1: every frame)
     * @param mergeFrames growth this close to the last one extends the same event
     */
    public TransportCheck(TransportProbe probe, int pollEvery, long mergeFrames, Consumer<QcEvent> out) {
        if (pollEvery < 1 || mergeFrames < 0) {
            throw new IllegalArgumentException("poll every " + pollEvery + " frames, merge " + mergeFrames);
        }
        this.probe = probe;
        this.pollEvery = pollEvery;
        this.mergeFrames = mergeFrames;
        this.out = out;
        for (int i = 0; i < legs.length; i++) {
            legs[i] = new Run(QcEvent.Type.LOSS);
        }
    }

    @Override
    public void skipped(long frames) {
        frame += frames;
    }

    @Override
    public void accept(Frame f) {
        frame++;
        if (!primed) {
            // What the source lost before its first frame reached QC is the start-up, not a fault of the feed.
            before.clear();
            probe.read(before);
            primed = true;
            return;
        }
        if (++sincePoll < pollEvery) {
            return;
        }
        sincePoll = 0;
        now.clear();
        probe.read(now);
        Timecode tc = f.timecode();
        long lost = now.packetsLost - before.packetsLost;
        long failed = now.segmentsFailed - before.segmentsFailed;
        if (lost > 0 || failed > 0) {
            loss.grow(frame, tc, lost, failed, 0);
        } else {
            loss.idle(frame);
        }
        long conc = now.framesConcealed - before.framesConcealed;
        long drop = now.framesDropped - before.framesDropped;
        long stalls = now.stalls - before.stalls;
        if (conc > 0 || drop > 0 || stalls > 0) {
            concealed.grow(frame, tc, conc, drop, stalls);
        } else {
            concealed.idle(frame);
        }
        for (int i = 0; i < now.legs; i++) {
            if (now.legDown[i]) {
                legs[i].down(frame, tc, i, now.legLost[i] - before.legLost[i]);
            } else {
                legs[i].up();
            }
        }
        copy(now, before);
    }

    @Override
    public void finish() {
        loss.close();
        concealed.close();
        for (Run r : legs) {
            r.up();
        }
    }

    private static void copy(TransportCounts from, TransportCounts to) {
        to.packetsLost = from.packetsLost;
        to.framesDropped = from.framesDropped;
        to.framesConcealed = from.framesConcealed;
        to.segmentsFailed = from.segmentsFailed;
        to.stalls = from.stalls;
        to.legs = from.legs;
        System.arraycopy(from.legDown, 0, to.legDown, 0, from.legDown.length);
        System.arraycopy(from.legLost, 0, to.legLost, 0, from.legLost.length);
    }

    /** One fault while it lasts. */
    private final class Run {
        private final QcEvent.Type type;
        private boolean open;
        private long first;
        private long last;
        private Timecode firstTc;
        private Timecode lastTc;
        private long a;
        private long b;
        private long c;
        private int leg = -1;

        Run(QcEvent.Type type) {
            this.type = type;
        }

        void grow(long at, Timecode tc, long da, long db, long dc) {
            if (open && at - last > mergeFrames) {
                close();
            }
            if (!open) {
                open = true;
                first = at;
                firstTc = tc;
                a = 0;
                b = 0;
                c = 0;
            }
            last = at;
            lastTc = tc;
            a += da;
            b += db;
            c += dc;
        }

        void idle(long at) {
            if (open && at - last > mergeFrames) {
                close();
            }
        }

        void down(long at, Timecode tc, int legIndex, long lostSince) {
            leg = legIndex;
            if (!open) {
                open = true;
                first = at;
                firstTc = tc;
                a = 0;
            }
            last = at;
            lastTc = tc;
            a += Math.max(0, lostSince);
        }

        void up() {
            close();
        }

        void close() {
            if (!open) {
                return;
            }
            open = false;
            Map<String, Double> values;
            if (leg >= 0) {
                values = Map.of("leg", (double) leg, "leg_packets_lost", (double) a);
            } else if (type == QcEvent.Type.LOSS) {
                values = Map.of("packets_lost", (double) a, "segments_failed", (double) b);
            } else {
                values = Map.of("frames_concealed", (double) a, "frames_dropped", (double) b, "stalls", (double) c);
            }
            out.accept(new QcEvent(type, first, last, firstTc, lastTc, values));
        }
    }
}
