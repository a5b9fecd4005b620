package dev.xsight.st2110.receive;

import dev.xsight.rtp.PacketPool;
import dev.xsight.rtp.PacketSlot;
import dev.xsight.st2110.sdp.JxsvFormat;
import dev.xsight.st2110.sdp.JxsvStream;
import dev.xsight.st2110.sdp.SessionDescription;

/**
 * The receive path of one ST 2110-22 stream from the datagram on: packet slots from a fixed pool, the
 * {@link PacketIntake} (RTP validation, SSRC, sequence numbers, ST 2022-7 merge and reordering) and the
 * {@link Depacketizer}, sized from the SDP. The packet source in front of it is pluggable: sockets
 * ({@link St2110Receiver}) or a capture file ({@link CaptureReplay}); both hand every datagram to
 * {@link #accept(PacketSlot, int)} and drive {@link #poll(long)} on the same receive clock as the slots'
 * {@link PacketSlot#arrivalNanos}.
 *
 * <p>Confined to one thread (the stream's event loop, or the replay thread).
 */
public final class ReceivePath {
    /** Largest datagram accepted (jumbo frames not supported: ST 2110-10 limits datagrams to 1460 bytes). */
    public static final int MAX_DATAGRAM = 1500;

    private final PacketPool pool;
    private final Depacketizer depacketizer;
    private final PacketIntake intake;
    private final long pictureTimeoutNanos;
    private final long reorderWaitNanos;

    /**
     * @param batch datagrams a source may hold at once before handing them on (recvmmsg)
     * @throws java.io.IOException when the SDP's pictures are too large to receive
     */
    public ReceivePath(SessionDescription sdp, St2110Receiver.Options options, StreamCounters counters,
            Depacketizer.PictureSink sink, int batch) throws java.io.IOException {
        JxsvFormat f = sdp.format();
        JxsvStream first = sdp.streams().getFirst();
        long maxPicture = Math.min(first.maxCodestreamBytes(), rawBytes(f) + (1 << 20));
        if (maxPicture > 256L << 20) {
            throw new java.io.IOException("pictures of " + maxPicture + " bytes exceed the 256 MiB receive limit");
        }
        int window = options.reorderWindow();
        int waitMillis = options.reorderWaitMillis();
        if (sdp.duplicate()) {
            // ST 2022-7: hold a missing packet long enough for the other leg's copy (the merge window), and make the
            // reorder window cover that much of the stream and 10 ms more (at most 16384 packets).
            long merge = options.mergeWindow().toMillis();
            waitMillis = (int) Math.max(waitMillis, merge);
            long pps = packetsPerSecond(first, f);
            window = (int) Math.max(window, Math.min(16384, pps * (merge + 10) / 1000));
        }
        int slots = Math.max(2048, window * 2 + batch * 8);
        this.pool = new PacketPool(slots, MAX_DATAGRAM);
        this.depacketizer = new Depacketizer(f.packetMode(), pool, counters, options.pictureBuffers(),
                (int) maxPicture, sink);
        this.reorderWaitNanos = waitMillis * 1_000_000L;
        this.intake = new PacketIntake(first.payloadType(), sdp.streams().size(), pool, counters, window,
                reorderWaitNanos, depacketizer);
        // A picture whose successor has not started after this long is given up (the stream stopped); while packets
        // flow, the next timestamp ends an incomplete picture long before.
        this.pictureTimeoutNanos = Math.max(500_000_000L, 10 * f.rate().frameDurationNanos());
    }

    /** A slot to read the next datagram into, or null when all are in use (the datagram is dropped and counted). */
    public PacketSlot slot() {
        return intake.slot();
    }

    /** Hands over a datagram in {@code slot} (arrival and received times set) that came on {@code leg}. */
    public void accept(PacketSlot slot, int leg) {
        intake.accept(slot, leg);
    }

    /** Counts a datagram larger than {@link #MAX_DATAGRAM} (not copied). */
    public void oversizedDatagram() {
        intake.oversizedDatagram();
    }

    /** Timer tick on the receive clock: declares overdue gaps lost and ends overdue pictures. */
    public void poll(long nowNanos) {
        intake.poll(nowNanos, pictureTimeoutNanos);
    }

    /** Backpressure (replay): returns once the next picture has a buffer to go into. */
    public void awaitFreePictureBuffer() throws InterruptedException {
        depacketizer.awaitFreeBuffer();
    }

    /** How long after the last packet everything held is certainly given up ({@link #poll(long)} then flushes). */
    public long flushNanos() {
        return Math.max(pictureTimeoutNanos, reorderWaitNanos) + 1_000_000L;
    }

    /** Releases every held packet. */
    public void close() {
        intake.close();
    }

    static long rawBytes(JxsvFormat f) {
        long luma = (long) f.width() * f.height();
        long chroma = switch (f.chromaSampling()) {
            case S422 -> luma;
            case S420 -> luma / 2;
            case S444 -> luma * 2;
        };
        return (luma + chroma) * f.depth() / 8;
    }

    private static long packetsPerSecond(JxsvStream s, JxsvFormat f) {
        long bps = s.bandwidthKbps() > 0 ? s.bandwidthKbps() * 1000 : rawBytes(f) * 8 * f.rate().numerator()
                / f.rate().denominator() / 5;
        return bps / 8 / 1200;
    }
}
