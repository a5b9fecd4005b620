package dev.xsight.st2110.receive;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.xsight.media.ChromaSampling;
import dev.xsight.media.Frame;
import dev.xsight.media.FrameRate;
import dev.xsight.rtp.PacketPool;
import dev.xsight.rtp.PacketSlot;
import dev.xsight.st2110.CodestreamFormatException;
import dev.xsight.st2110.JxsPayloadHeader;
import dev.xsight.st2110.PacketMode;
import dev.xsight.st2110.RtpTimecode;
import dev.xsight.st2110.sdp.JxsvFormat;
import dev.xsight.st2110.send.Packetizer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.function.IntPredicate;

/**
 * The receive path of one stream, real parts end to end: our {@link Packetizer} makes the RTP packets, and
 * {@link PacketIntake} (sequence checks, reordering, loss), {@link Depacketizer} and {@link DecodePipeline} with its
 * JPEG XS decoder turn them back into frames, which land in {@link #shown}. The receiver's clock is simulated; the
 * test waits for the pipeline with {@link DecodePipeline#drain}, an event.
 */
final class ReceiveRig implements AutoCloseable {
    static final int PAYLOAD_TYPE = 112;
    final PacketMode mode;
    final StreamCounters counters = new StreamCounters(1);
    final PacketPool pool = new PacketPool(8192, 1500);
    final DecodePipeline pipeline;
    final PacketIntake intake;
    final Packetizer packetizer;
    /** Frames the pipeline delivered, in order; the test owns (and releases) them. */
    final LinkedBlockingQueue<Frame> shown = new LinkedBlockingQueue<>();
    private long clock = 1_000_000_000L;
    private long rtpTime = 90_000;

    /** A 1080p 4:2:2 10-bit SDP; pictures of other shapes follow their own main headers. */
    ReceiveRig(PacketMode mode, int threads, int maxPictureBytes) {
        this.mode = mode;
        JxsvFormat sdp = JxsvFormat.progressive(mode, 1920, 1080, FrameRate.FPS_25, ChromaSampling.S422, 10);
        pipeline = new DecodePipeline(sdp, threads, maxPictureBytes, RtpTimecode.forRate(sdp.rate(), 0), counters,
                shown::add);
        Depacketizer d = new Depacketizer(mode, pool, counters, 4, maxPictureBytes, pipeline);
        intake = new PacketIntake(PAYLOAD_TYPE, 1, pool, counters, 256, 50_000_000L, d);
        packetizer = new Packetizer(mode, PAYLOAD_TYPE, 0x5EED, 65_000, 1460);
    }

    /** The RTP packets of one picture segment, at the next picture's RTP time. */
    List<byte[]> packetize(byte[] segment) throws CodestreamFormatException {
        List<byte[]> out = new ArrayList<>();
        packetizer.packetize(segment, 0, segment.length, rtpTime,
                (b, off, len, last) -> out.add(Arrays.copyOfRange(b, off, off + len)));
        rtpTime += 3600;
        return out;
    }

    /** Slice mode: the SEP of packet {@code p} (2047 for the header segment). */
    static int sep(byte[] packet) {
        return JxsPayloadHeader.sep(JxsPayloadHeader.read(packet, dev.xsight.rtp.RtpPacket.HEADER_BYTES));
    }

    /** Feeds the packets the network did not lose. */
    void receive(List<byte[]> packets, IntPredicate lost) {
        for (int i = 0; i < packets.size(); i++) {
            if (lost.test(i)) {
                continue;
            }
            byte[] d = packets.get(i);
            PacketSlot s = intake.slot();
            System.arraycopy(d, 0, s.data, 0, d.length);
            s.length = d.length;
            s.arrivalNanos = clock += 1000;
            intake.accept(s, 0);
        }
    }

    /**
     * The receiver's timer after a picture: gaps are given up and an open picture ends; then waits until the
     * pipeline has decoded (or dropped) it and the listener has had every frame.
     *
     * @return the frame the picture produced, or null
     */
    Frame endOfPicture() throws InterruptedException {
        settle();
        Frame f = shown.poll();
        assertTrue(shown.isEmpty(), "one picture gave more than one frame");
        return f;
    }

    /** The receiver's timer fires, then everything received so far is decoded (or dropped) and delivered. */
    void settle() throws InterruptedException {
        clock += 10_000_000_000L;
        intake.poll(clock, 1_000_000_000L);
        clock += 1_000_000_000L;
        assertTrue(pipeline.awaitIdle(60_000), "pipeline did not finish");
    }

    @Override
    public void close() {
        pipeline.close();
        Frame f;
        while ((f = shown.poll()) != null) {
            f.release();
        }
    }
}
