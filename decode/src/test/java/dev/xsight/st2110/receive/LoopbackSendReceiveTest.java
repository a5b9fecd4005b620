package dev.xsight.st2110.receive;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.xsight.media.Colorimetry;
import dev.xsight.media.Frame;
import dev.xsight.media.FrameRate;
import dev.xsight.media.FrameSource;
import dev.xsight.st2110.PacketMode;
import dev.xsight.st2110.sdp.JxsvFormat;
import dev.xsight.st2110.sdp.JxsvStream;
import dev.xsight.st2110.sdp.SessionDescription;
import dev.xsight.st2110.send.St2110Sender;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Real UDP on loopback: the sender's packets, through the Netty receiver and the decoder, give bit-exact frames. */
class LoopbackSendReceiveTest {
    static final String[] FILES = {"s01_1080p422p10_bpp2_f0.jxs", "s01_1080p422p10_bpp2_f1.jxs",
        "s01_1080p422p10_bpp2_f2.jxs"};

    static int freePort() throws Exception {
        try (DatagramSocket s = new DatagramSocket(0)) {
            return s.getLocalPort();
        }
    }

    static SessionDescription sdp(PacketMode mode, List<Integer> ports, long kbps) {
        JxsvFormat f = JxsvFormat.progressive(mode, 1920, 1080, FrameRate.FPS_59_94,
                dev.xsight.media.ChromaSampling.S422, 10);
        List<JxsvStream> legs = new ArrayList<>();
        for (int i = 0; i < ports.size(); i++) {
            legs.add(new JxsvStream(ports.size() > 1 ? "leg" + i : null, "127.0.0.1", ports.get(i), 0, null, 112,
                    kbps, null, "direct=0", f));
        }
        return new SessionDescription("127.0.0.1", 1, "loopback", legs, ports.size() > 1);
    }

    @ParameterizedTest
    @EnumSource(PacketMode.class)
    void sentPicturesArriveDecodedBitExact(PacketMode mode) throws Exception {
        List<byte[]> pics = new ArrayList<>();
        List<String> expected = new ArrayList<>();
        for (String n : FILES) {
            byte[] cs = Conformance.read(n);
            pics.add(cs);
            // From the independent reference decoder, not ours: the loopback must give exactly its pictures.
            expected.add(Conformance.referenceMd5(n));
        }
        int port = freePort();
        SessionDescription d = sdp(mode, List.of(port), St2110Sender.bandwidthKbps(
                d0(mode), pics.getFirst().length, St2110Sender.DEFAULT_DATAGRAM));
        List<String> md5s = Collections.synchronizedList(new ArrayList<>());
        List<Frame> meta = Collections.synchronizedList(new ArrayList<>());
        int frames = 8;
        try (St2110Source src = new St2110Source(d, St2110Receiver.Options.defaults().withPictureBuffers(16), 0)) {
            src.start(new FrameSource.FrameListener() {
                @Override
                public void onFrame(Frame f) {
                    md5s.add(f.md5Hex());
                    if (meta.isEmpty()) {
                        meta.add(f.retain());
                    }
                    f.release();
                }
            });
            try (St2110Sender s = new St2110Sender(d.format(), 112, List.of(new InetSocketAddress("127.0.0.1", port)),
                    St2110Sender.DEFAULT_DATAGRAM)) {
                for (int i = 0; i < frames; i++) {
                    byte[] cs = pics.get(i % pics.size());
                    s.sendNext(cs, 0, cs.length);
                    // Lock-step: the next picture goes out once this one is decoded (or dropped), so a slow machine
                    // cannot turn into socket overflows and the outcome does not depend on timing.
                    awaitAccounted(src, md5s, i + 1);
                }
            }
            StreamStatistics st = src.statistics();
            assertEquals(0, st.lost(), st.toJson());
            assertEquals(0, st.framesConcealed(), st.toJson());
            // Every picture arrives, the first included: probation (RFC 3550 A.1) holds the first packet, not drops it.
            assertEquals(0, st.framesDropped(), st.toJson());
            assertEquals(frames, md5s.size(), st.toJson());
        }
        // Every decoded frame is one of the sent pictures, in sending order.
        int first = expected.indexOf(md5s.getFirst());
        assertEquals(0, first, "the first picture sent is the first decoded");
        for (int i = 0; i < md5s.size(); i++) {
            assertEquals(expected.get((first + i) % expected.size()), md5s.get(i), "frame " + i);
        }
        Frame f0 = meta.getFirst();
        assertEquals(Colorimetry.BT709, f0.colorimetry());
        assertEquals(FrameRate.FPS_59_94, f0.frameRate());
        assertTrue(f0.timecode() != null && f0.timecode().dropFrame());
        f0.release();
    }

    /** Waits until {@code pictures} are decoded or dropped (fails only on a hang: it used to give up silently). */
    static void awaitAccounted(St2110Source src, List<String> md5s, int pictures) {
        Await.until(() -> md5s.size() + src.statistics().framesDropped() >= pictures,
                () -> pictures + " pictures decoded or dropped (" + src.statistics().toJson() + ")");
    }

    static JxsvFormat d0(PacketMode mode) {
        return JxsvFormat.progressive(mode, 1920, 1080, FrameRate.FPS_59_94, dev.xsight.media.ChromaSampling.S422, 10);
    }
}
