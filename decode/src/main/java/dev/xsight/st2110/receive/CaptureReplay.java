package dev.xsight.st2110.receive;

import dev.xsight.capture.CaptureReader;
import dev.xsight.capture.UdpDatagram;
import dev.xsight.rtp.PacketSlot;
import dev.xsight.st2110.sdp.JxsvStream;
import dev.xsight.st2110.sdp.SessionDescription;
import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;

/**
 * Replays a packet capture of an ST 2110-22 stream through the live {@link ReceivePath}: the datagrams the SDP
 * describes (destination group and port of each leg, the {@code a=source-filter} source when there is one, and the
 * payload type) go in in capture order, both ST 2022-7 legs from the one capture; everything else is ignored and
 * counted. The capture's packet times are the receive clock: arrivals, reorder waits, jitter and picture timeouts run
 * on them, and timecodes unwrap the RTP time against them (so a capture gives its own timecodes, not today's).
 * Nothing is dropped for speed: before each datagram the replay waits for a free picture buffer (backpressure).
 *
 * <p>One thread, {@code st2110-replay}, reads and feeds; {@link #finished()} completes when the capture has been read
 * and every picture handed on (exceptionally, with a {@link dev.xsight.capture.CaptureFormatException}, when the
 * capture is broken).
 */
public final class CaptureReplay implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(CaptureReplay.class.getName());
    /** The live receiver's timer period, on the capture clock. */
    private static final long POLL_NANOS = 2_000_000L;

    /** What the replay read. */
    public record Counts(CaptureReader.Counts capture, long matched, long otherPayloadType, long ignored) {
        /** The counts as one JSON object. */
        public String toJson() {
            return "{\"records\":" + capture.records() + ",\"udp_datagrams\":" + capture.udpDatagrams()
                    + ",\"stream_datagrams\":" + matched + ",\"other_payload_type\":" + otherPayloadType
                    + ",\"other_datagrams\":" + ignored + ",\"ip_fragments\":" + capture.ipFragments()
                    + ",\"non_ipv4\":" + capture.nonIpv4() + ",\"non_udp\":" + capture.nonUdp()
                    + ",\"unsupported_link_type\":" + capture.unsupportedLinkType() + ",\"truncated\":"
                    + capture.truncated() + "}";
        }
    }

    private final CaptureReader reader;
    private final ReceivePath path;
    private final StreamCounters counters;
    private final int payloadType;
    private final long frameNanos;
    private final int[] legGroup;
    private final int[] legPort;
    private final int[] legSource;
    private final boolean[] legFiltered;
    private final Runnable beforeFinish;
    private final CompletableFuture<Void> finished = new CompletableFuture<>();
    private final Thread thread;
    private volatile long matched;
    private volatile long otherPayloadType;
    private volatile long ignored;
    private volatile CaptureReader.Counts captureCounts = new CaptureReader.Counts(0, 0, 0, 0, 0, 0, 0);

    /**
     * Opens the capture (its header is checked here) and sets up the receive path; {@link #start()} begins the replay.
     *
     * @param beforeFinish runs on the replay thread after the last picture went to {@code sink}, before
     *     {@link #finished()} completes (waiting for the decode side to drain)
     * @throws IOException when the capture cannot be opened or its header is not pcap / pcapng, or the SDP names a
     *     stream that is not IPv4
     */
    public CaptureReplay(SessionDescription sdp, Path capture, St2110Receiver.Options options,
            StreamCounters counters, Depacketizer.PictureSink sink, Runnable beforeFinish) throws IOException {
        int legs = sdp.streams().size();
        legGroup = new int[legs];
        legPort = new int[legs];
        legSource = new int[legs];
        legFiltered = new boolean[legs];
        for (int i = 0; i < legs; i++) {
            JxsvStream s = sdp.streams().get(i);
            try {
                legGroup[i] = UdpDatagram.ipv4(s.destination());
                legPort[i] = s.port();
                legFiltered[i] = s.sourceFilter() != null;
                legSource[i] = legFiltered[i] ? UdpDatagram.ipv4(s.sourceFilter()) : 0;
            } catch (IllegalArgumentException e) {
                throw new IOException("capture replay takes IPv4 streams: " + e.getMessage(), e);
            }
        }
        this.payloadType = sdp.streams().getFirst().payloadType();
        this.frameNanos = sdp.format().rate().frameDurationNanos();
        this.beforeFinish = beforeFinish;
        this.counters = counters;
        this.path = new ReceivePath(sdp, options, counters, sink, 1);
        this.reader = CaptureReader.open(capture);
        this.thread = new Thread(this::run, "st2110-replay");
        this.thread.setDaemon(true);
    }

    /** Starts the replay thread. */
    public CaptureReplay start() {
        thread.start();
        return this;
    }

    /** Completes when the whole capture has been replayed and the decode side drained. */
    public CompletableFuture<Void> finished() {
        return finished;
    }

    /** Counts so far (any thread). */
    public Counts counts() {
        return new Counts(captureCounts, matched, otherPayloadType, ignored);
    }

    private void run() {
        UdpDatagram d = new UdpDatagram();
        long lastPoll = Long.MIN_VALUE;
        long last = 0;
        long first = 0;
        boolean any = false;
        try {
            while (reader.next(d)) {
                if (Thread.currentThread().isInterrupted()) {
                    return;
                }
                int leg = leg(d);
                if (leg < 0) {
                    ignored++;
                    continue;
                }
                int n = d.length();
                // RTP version 2 and the payload type (byte 1, low 7 bits); the intake judges everything else.
                if (n >= 2 && (d.data()[d.offset()] & 0xC0) == 0x80
                        && (d.data()[d.offset() + 1] & 0x7F) != payloadType) {
                    otherPayloadType++;
                    continue;
                }
                matched++;
                long ts = d.timestampNanos();
                path.awaitFreePictureBuffer();
                if (n > ReceivePath.MAX_DATAGRAM) {
                    path.oversizedDatagram();
                    continue;
                }
                PacketSlot slot = path.slot();
                if (slot == null) {
                    continue; // counted as pool exhaustion; cannot happen while the reorder window bounds the slots held
                }
                System.arraycopy(d.data(), d.offset(), slot.data, 0, n);
                slot.length = n;
                slot.arrivalNanos = ts;
                slot.receivedNanos = System.nanoTime();
                path.accept(slot, leg);
                if (!any) {
                    first = ts;
                    any = true;
                }
                last = Math.max(last, ts);
                if (lastPoll == Long.MIN_VALUE || ts - lastPoll >= POLL_NANOS) {
                    path.poll(ts);
                    lastPoll = ts;
                    counters.mediaElapsed(last - first);
                }
                if ((matched & 1023) == 0) {
                    captureCounts = reader.counts();
                }
            }
            captureCounts = reader.counts();
            if (any) {
                // One frame period past the last packet: 40 pictures of 40 ms span 1.6 s, not 1.56 s.
                counters.mediaElapsed(last - first + frameNanos);
                // The capture ended: whatever the reorder window and the depacketizer still hold is given up now, as
                // the live timer would once the stream stopped.
                path.poll(last + path.flushNanos());
            }
            beforeFinish.run();
            finished.complete(null);
        } catch (InterruptedException e) {
            finished.cancel(false);
        } catch (IOException | RuntimeException e) {
            captureCounts = reader.counts();
            LOG.log(System.Logger.Level.WARNING, "capture replay stopped: {0}", e.getMessage());
            finished.completeExceptionally(e);
        } finally {
            if (!finished.isDone()) {
                finished.cancel(false);
            }
        }
    }

    private int leg(UdpDatagram d) {
        for (int i = 0; i < legGroup.length; i++) {
            if (d.destination() == legGroup[i] && d.destinationPort() == legPort[i]
                    && (!legFiltered[i] || d.source() == legSource[i])) {
                return i;
            }
        }
        return -1;
    }

    @Override
    public void close() {
        thread.interrupt();
        try {
            thread.join(5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (!thread.isAlive()) {
            path.close();
        }
        try {
            reader.close();
        } catch (IOException e) {
            // Nothing to do: the file was only read.
        }
    }
}
