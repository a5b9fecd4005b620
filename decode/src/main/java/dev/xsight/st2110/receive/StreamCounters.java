package dev.xsight.st2110.receive;

/**
 * Live counters of one received stream. Each field has a single writer (the stream's event loop, or the decode
 * thread for the decode-side fields); readers on other threads see values at most one packet old ({@code volatile}).
 * {@link #snapshot} turns them into an immutable {@link StreamStatistics}.
 */
@SuppressWarnings("NonAtomicVolatileUpdate")
public final class StreamCounters {
    /** Per ST 2022-7 leg. */
    public static final class Leg {
        public volatile long packets;
        public volatile long bytes;
        public volatile long lost;
        /** RFC 3550 A.8 interarrival jitter in RTP timestamp units, scaled by 16 as in the RFC's integer form. */
        volatile long jitterQ4;
        long lastTransit = Long.MIN_VALUE;
        long lastTimestamp = -1;
        /** Duplicates that this leg delivered after the other leg already had (the normal case for 2022-7). */
        public volatile long duplicates;
        /** Highest extended sequence number this leg delivered. */
        long highestSeq = -1;
        /** Receive errors reported by this leg's socket. */
        public volatile long errors;
        /** Health, updated per packet and on each receiver tick. */
        public volatile LegState state = LegState.WAITING;
        /** Receiver clock at this leg's last packet (stream's event loop only). */
        long lastArrivalNanos;

        /** RFC 3550 A.8: J += (|D| - J) / 16 with D the transit time difference of consecutive packets. */
        void jitter(long rtpTimestamp, long arrivalNanos) {
            long arrivalTicks = Math.round(arrivalNanos * 9e-5); // 90 kHz ticks
            long transit = arrivalTicks - rtpTimestamp;
            if (lastTransit != Long.MIN_VALUE && rtpTimestamp != lastTimestamp) {
                long d = Math.abs(transit - lastTransit);
                // Wrapped timestamps give absurd values: ignore differences above an hour.
                if (d < 90_000L * 3600) {
                    jitterQ4 += d - ((jitterQ4 + 8) >> 4);
                }
            }
            if (rtpTimestamp != lastTimestamp) {
                lastTransit = transit;
                lastTimestamp = rtpTimestamp;
            }
        }

        /** Jitter in milliseconds. */
        public double jitterMs() {
            return (jitterQ4 / 16.0) / 90.0;
        }
    }

    public final Leg[] legs;
    public volatile long packets;
    public volatile long bytes;
    public volatile long lost;
    public volatile long reordered;
    public volatile long duplicates;
    public volatile long late;
    public volatile long truncated;
    public volatile long oversizedDatagrams;
    public volatile long badVersion;
    public volatile long badPayloadType;
    public volatile long badPayloadHeader;
    public volatile long modeMismatch;
    public volatile long inconsistentCounters;
    public volatile long foreignSsrc;
    public volatile long ssrcChanges;
    public volatile long resyncs;
    public volatile long oversize;
    public volatile long badCodestream;
    public volatile long poolExhausted;
    public volatile long framesComplete;
    public volatile long framesDropped;
    public volatile long framesConcealed;
    public volatile long framesDecoded;
    /** Pictures the decode side could not show (decoder error, nothing to conceal with, listener too slow). */
    public volatile long framesDroppedDecode;
    public volatile long decodeErrors;
    final LatencyHistogram decodeTime = new LatencyHistogram();
    final LatencyHistogram latency = new LatencyHistogram();
    private final long startNanos = System.nanoTime();
    /** Stream time covered so far when it is not the machine's (a replayed capture); negative: use the machine's. */
    private volatile long mediaElapsedNanos = -1;

    public StreamCounters(int legCount) {
        legs = new Leg[legCount];
        for (int i = 0; i < legCount; i++) {
            legs[i] = new Leg();
        }
    }

    /** Records a decoded picture's decode time and last-packet-to-decoded-frame latency (decode thread). */
    public void decoded(long decodeNanos, long latencyNanos) {
        framesDecoded++;
        decodeTime.add(decodeNanos);
        latency.add(latencyNanos);
    }

    /** The latency histogram at one moment, to measure from (benchmarks skip the warm-up this way). */
    public static final class LatencyMark {
        private final LatencyHistogram counts;

        private LatencyMark(LatencyHistogram counts) {
            this.counts = counts;
        }
    }

    /** Last-packet-to-decoded-frame latency since {@code mark}: p50, p99 and max in milliseconds. */
    public double[] latencySinceMs(LatencyMark mark) {
        LatencyHistogram h = latency.since(mark.counts);
        return new double[] {h.percentileMs(50), h.percentileMs(99), h.maxMs()};
    }

    /** A mark to measure latency from; any thread. */
    public LatencyMark latencyMark() {
        return new LatencyMark(latency.copy());
    }

    /**
     * For a replayed capture: the capture time from the stream's first packet to its latest, so the bit rate is the
     * stream's, not the replay's speed (replay thread).
     */
    public void mediaElapsed(long nanos) {
        mediaElapsedNanos = nanos;
    }

    /** An immutable snapshot; any thread. */
    public StreamStatistics snapshot() {
        long elapsed = mediaElapsedNanos;
        double seconds = Math.max(1e-9, (elapsed >= 0 ? elapsed : System.nanoTime() - startNanos) / 1e9);
        java.util.List<StreamStatistics.LegStatistics> ls = new java.util.ArrayList<>();
        for (Leg l : legs) {
            ls.add(new StreamStatistics.LegStatistics(l.packets, l.bytes, l.lost, l.duplicates, l.jitterMs(),
                    l.errors, l.state));
        }
        double jitter = 0;
        for (Leg l : legs) {
            jitter = Math.max(jitter, l.jitterMs());
        }
        long bad = truncated + oversizedDatagrams + badVersion + badPayloadType + badPayloadHeader + modeMismatch
                + foreignSsrc + poolExhausted;
        return new StreamStatistics(packets, bytes, bytes * 8 / seconds, lost, reordered, duplicates, late, bad,
                modeMismatch, inconsistentCounters, oversize, ssrcChanges, framesComplete, framesDropped + framesDroppedDecode,
                framesConcealed, framesDecoded, decodeErrors, jitter, decodeTime.percentileMs(50),
                latency.percentileMs(50), latency.percentileMs(99), ls);
    }
}
