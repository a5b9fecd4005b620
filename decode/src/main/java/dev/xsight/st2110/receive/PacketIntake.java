package dev.xsight.st2110.receive;

import dev.xsight.rtp.PacketPool;
import dev.xsight.rtp.PacketSlot;
import dev.xsight.rtp.ReorderBuffer;
import dev.xsight.rtp.RtpPacket;
import dev.xsight.rtp.SequenceValidator;

/**
 * The per-stream receive path between the socket and the depacketizer: validates each datagram as RTP, keeps to one
 * SSRC, assigns extended sequence numbers (RFC 3550 A.1), counts per ST 2022-7 leg, and merges the legs through one
 * {@link ReorderBuffer}. Bad input is counted and dropped, with a rate-limited log line.
 *
 * <p>Confined to the stream's event loop (both legs' channels are registered on that one loop).
 */
public final class PacketIntake {
    private static final System.Logger LOG = System.getLogger(PacketIntake.class.getName());
    /** A new SSRC takes over only after the current one has been silent this long. */
    static final long SSRC_TAKEOVER_NANOS = 200_000_000L;
    private static final int SSRC_OK = 0;
    private static final int SSRC_HOLD = 1;
    private static final int SSRC_FOREIGN = 2;
    private static final long LOG_INTERVAL_NANOS = 5_000_000_000L;

    private final int payloadType;
    private final PacketPool pool;
    private final StreamCounters counters;
    private final ReorderBuffer reorder;
    private final Depacketizer depacketizer;
    private final SequenceValidator merged;
    private final SequenceValidator[] legSeq;
    private final RtpPacket rtp = new RtpPacket();
    private final int maxDatagram;
    private long ssrc = -1;
    private long lastFromSsrcNanos;
    private long candidateSsrc = -1;
    private int candidateCount;
    // RFC 3550 A.1 probation holds a new source's first packet back until a second one confirms it; it is kept here
    // (not dropped) so the stream's first picture is complete. One slot each: MIN_SEQUENTIAL is 2.
    private PacketSlot candidateHeld;
    private int candidateHeldLeg;
    private long candidateHeldSsrc;
    private PacketSlot probationHeld;
    private int probationHeldSeq;
    private long lastLogNanos;
    private long unloggedDrops;
    /** Receiver clock at the stream's first packet on any leg. */
    private long firstArrivalNanos = Long.MIN_VALUE;

    public PacketIntake(int payloadType, int legs, PacketPool pool, StreamCounters counters, int reorderWindow,
            long reorderWaitNanos, Depacketizer depacketizer) {
        this.payloadType = payloadType;
        this.pool = pool;
        this.counters = counters;
        this.depacketizer = depacketizer;
        this.maxDatagram = pool.slotBytes();
        this.reorder = new ReorderBuffer(reorderWindow * 2, reorderWindow, reorderWaitNanos,
                new ReorderBuffer.Output() {
                    @Override
                    public void onPacket(PacketSlot slot) {
                        depacketizer.onPacket(slot);
                    }

                    @Override
                    public void onLost(long first, long count) {
                        counters.lost += count;
                        depacketizer.onLost(first, count);
                    }
                });
        // Video runs at tens of thousands of packets per second: A.1's 3000 / 100 would resync on a one-frame gap, and
        // an ST 2022-7 leg may lag the other by thousands of packets (path differential, a backlog after a stall);
        // such packets are old (late or duplicate), not a reason to resynchronise.
        this.merged = new SequenceValidator(16384, 16384);
        this.legSeq = new SequenceValidator[legs];
        for (int i = 0; i < legs; i++) {
            legSeq[i] = new SequenceValidator(16384, 16384);
        }
    }

    /** A slot to read the next datagram into, or null when all are in use (the datagram must be dropped). */
    public PacketSlot slot() {
        PacketSlot s = pool.acquire();
        if (s == null) {
            counters.poolExhausted++;
            drop("no free packet buffer", 0);
        }
        return s;
    }

    /** Maximum datagram size accepted; larger ones are dropped as oversized. */
    public int maxDatagram() {
        return maxDatagram;
    }

    /** Counts a datagram that was larger than {@link #maxDatagram()} (and not copied). */
    public void oversizedDatagram() {
        counters.oversizedDatagrams++;
        drop("datagram larger than the maximum, bytes", maxDatagram);
    }

    /**
     * Takes the datagram in {@code slot.data[0, slot.length)} received on {@code leg} at {@code slot.arrivalNanos};
     * the intake owns the slot from here on.
     */
    public void accept(PacketSlot slot, int leg) {
        RtpPacket.Status st = rtp.wrap(slot.data, 0, slot.length);
        if (st != RtpPacket.Status.OK) {
            if (st == RtpPacket.Status.BAD_VERSION) {
                counters.badVersion++;
            } else {
                counters.truncated++;
            }
            release(slot, "malformed RTP packet (truncated, bad version, padding or extension); status ordinal",
                    st.ordinal());
            return;
        }
        if (rtp.payloadType() != payloadType) {
            counters.badPayloadType++;
            release(slot, "unexpected payload type", rtp.payloadType());
            return;
        }
        long ssrcBefore = ssrc;
        int verdict = ssrc(rtp.ssrc(), slot.arrivalNanos);
        if (verdict == SSRC_HOLD) {
            hold(slot, leg); // the first packet of a would-be source: kept until the second confirms it
            return;
        }
        if (verdict == SSRC_FOREIGN) {
            release(slot, "packet from another SSRC", rtp.ssrc());
            return;
        }
        if (ssrc != ssrcBefore && candidateHeld != null) {
            // This packet confirmed a new source: its held first packet goes in first, then this one.
            PacketSlot first = candidateHeld;
            candidateHeld = null;
            if (candidateHeldSsrc == ssrc) {
                accept(first, candidateHeldLeg);
            } else {
                pool.release(first);
            }
            rtp.wrap(slot.data, 0, slot.length);
        }
        slot.leg = leg;
        slot.marker = rtp.marker();
        slot.timestamp = rtp.timestamp();
        slot.payloadOffset = rtp.payloadOffset();
        slot.payloadLength = rtp.payloadLength();
        StreamCounters.Leg lc = counters.legs[leg];
        lc.packets++;
        lc.bytes += slot.length;
        lc.jitter(slot.timestamp, slot.arrivalNanos);
        lc.lastArrivalNanos = slot.arrivalNanos;
        if (lc.state != LegState.FAILED) {
            lc.state = LegState.UP;
        }
        if (firstArrivalNanos == Long.MIN_VALUE) {
            firstArrivalNanos = slot.arrivalNanos;
        }
        long legExt = legSeq[leg].accept(rtp.sequence());
        if (legExt != SequenceValidator.REJECTED) {
            if (legSeq[leg].resynced()) {
                lc.highestSeq = legExt;
            } else if (legExt > lc.highestSeq) {
                lc.lost += legExt - lc.highestSeq - 1;
                lc.highestSeq = legExt;
            } else if (lc.lost > 0) {
                lc.lost--; // a late packet fills a gap counted as lost on this leg
            }
        }
        long ext = merged.accept(rtp.sequence());
        if (ext == SequenceValidator.REJECTED) {
            if (!merged.started()) {
                // Probation: kept until the next packet confirms the sequence (or replaced by a newer candidate).
                if (probationHeld != null) {
                    pool.release(probationHeld);
                }
                probationHeld = slot;
                probationHeldSeq = rtp.sequence();
            } else {
                pool.release(slot);
            }
            return;
        }
        if (merged.resynced() && reorder.next() >= 0) {
            counters.resyncs++;
            reorder.clear(pool::release);
            depacketizer.reset();
        }
        if (merged.resynced() && probationHeld != null) {
            PacketSlot first = probationHeld;
            probationHeld = null;
            if (probationHeldSeq == ((rtp.sequence() - 1) & 0xFFFF)) {
                first.extSeq = ext - 1;
                insert(first, counters.legs[first.leg]);
            } else {
                pool.release(first);
            }
        }
        slot.extSeq = ext;
        insert(slot, lc);
    }

    private void insert(PacketSlot slot, StreamCounters.Leg lc) {
        ReorderBuffer.Verdict v = reorder.insert(slot);
        switch (v) {
            case ACCEPTED -> {
                counters.packets++;
                counters.bytes += slot.length;
            }
            case REORDERED -> {
                counters.packets++;
                counters.bytes += slot.length;
                counters.reordered++;
            }
            case DUPLICATE -> {
                counters.duplicates++;
                lc.duplicates++;
                pool.release(slot);
            }
            case LATE -> {
                counters.late++;
                pool.release(slot);
            }
        }
    }

    /**
     * Timer tick: declares overdue gaps lost, ends overdue pictures, and marks a leg down once it has been silent for
     * {@code pictureTimeoutNanos} (since its last packet, or since the stream's first packet for a leg that never
     * received one).
     */
    public void poll(long nowNanos, long pictureTimeoutNanos) {
        reorder.poll(nowNanos);
        depacketizer.poll(nowNanos, pictureTimeoutNanos);
        if (firstArrivalNanos == Long.MIN_VALUE) {
            return;
        }
        for (StreamCounters.Leg l : counters.legs) {
            if (l.state == LegState.FAILED) {
                continue;
            }
            long since = l.packets > 0 ? l.lastArrivalNanos : firstArrivalNanos;
            LegState s = nowNanos - since > pictureTimeoutNanos ? LegState.DOWN
                    : l.packets > 0 ? LegState.UP : LegState.WAITING;
            if (s != l.state) {
                if (s == LegState.DOWN || l.state == LegState.DOWN) {
                    LOG.log(System.Logger.Level.INFO, "receive leg {0}: {1} -> {2}",
                            java.util.Arrays.asList(counters.legs).indexOf(l), l.state.label(), s.label());
                }
                l.state = s;
            }
        }
    }

    /** RFC 3550 8.2: one source at a time; another SSRC takes over only when the current one has gone quiet. */
    private int ssrc(long s, long now) {
        if (s == ssrc) {
            lastFromSsrcNanos = now;
            return SSRC_OK;
        }
        if (ssrc >= 0 && now - lastFromSsrcNanos < SSRC_TAKEOVER_NANOS) {
            counters.foreignSsrc++;
            return SSRC_FOREIGN;
        }
        // Two packets in a row from the same new SSRC (RFC 3550 A.1 probation) before switching; a flood of random
        // SSRCs never gets there, and only one candidate is remembered.
        if (s != candidateSsrc) {
            candidateSsrc = s;
            candidateCount = 1;
            return SSRC_HOLD;
        }
        if (++candidateCount < SequenceValidator.MIN_SEQUENTIAL) {
            counters.foreignSsrc++;
            return SSRC_FOREIGN;
        }
        if (ssrc >= 0) {
            counters.ssrcChanges++;
            LOG.log(System.Logger.Level.INFO, "RTP source changed from SSRC {0} to {1}", Long.toHexString(ssrc),
                    Long.toHexString(s));
        }
        ssrc = s;
        lastFromSsrcNanos = now;
        candidateSsrc = -1;
        merged.reset();
        for (SequenceValidator v : legSeq) {
            v.reset();
        }
        reorder.clear(pool::release);
        depacketizer.reset();
        return SSRC_OK;
    }

    private void release(PacketSlot slot, String why, long value) {
        pool.release(slot);
        drop(why, value);
    }

    /** Rate-limited: one log line per 5 s; the message is only built when it is logged (no allocation per drop). */
    private void drop(String why, long value) {
        long now = System.nanoTime();
        if (now - lastLogNanos >= LOG_INTERVAL_NANOS) {
            LOG.log(System.Logger.Level.WARNING, "dropping RTP packets: {0} {1} ({2} more dropped since the last"
                    + " message)", why, value, unloggedDrops);
            lastLogNanos = now;
            unloggedDrops = 0;
        } else {
            unloggedDrops++;
        }
    }

    /** Holds the first packet of a candidate source (replayed from its datagram once the source is confirmed). */
    private void hold(PacketSlot slot, int leg) {
        if (candidateHeld != null) {
            // The previous candidate never became the source: it counts as a packet from another SSRC.
            release(candidateHeld, "packet from another SSRC", candidateHeldSsrc);
            counters.foreignSsrc++;
        }
        candidateHeldSsrc = candidateSsrc;
        candidateHeld = slot;
        candidateHeldLeg = leg;
    }

    /** Releases every held packet (close). */
    public void close() {
        reorder.clear(pool::release);
        if (candidateHeld != null) {
            pool.release(candidateHeld);
            candidateHeld = null;
        }
        if (probationHeld != null) {
            pool.release(probationHeld);
            probationHeld = null;
        }
    }
}
