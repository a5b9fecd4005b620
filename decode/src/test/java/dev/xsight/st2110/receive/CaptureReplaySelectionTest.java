package dev.xsight.st2110.receive;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.xsight.capture.CaptureBytes;
import dev.xsight.jpegxs.JpegXsDecoder;
import dev.xsight.media.Frame;
import dev.xsight.media.PixelFormat;
import dev.xsight.st2110.PacketMode;
import dev.xsight.st2110.send.Packetizer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Which datagrams of a capture a replay takes: a pcapng capture (VLAN-tagged Ethernet, nanosecond interface) written
 * here from our packetizer's output, with decoys on the same group and another port, another group on the same port,
 * another source than the SDP's {@code a=source-filter}, and another payload type on the stream's own group and port.
 * Only the stream goes in; the decoded frames equal a direct decode and carry the capture's timecode.
 */
class CaptureReplaySelectionTest {
    /** 2025-03-09 10:00:02 UTC in ns. */
    private static final long T0 = 1_741_514_402_000_000_000L;

    @TempDir
    Path tmp;

    @Test
    void onlyTheSdpsGroupPortSourceAndPayloadTypeGoIn() throws Exception {
        byte[] cs = Conformance.read("s20_640x360_422p10_bpp6.jxs");
        String expected;
        try (JpegXsDecoder d = new JpegXsDecoder(1)) {
            Frame f = Frame.allocate(PixelFormat.YUV422P10, 640, 360);
            d.decode(cs, 0, cs.length, f);
            expected = f.md5Hex();
        }
        CaptureBytes cap = CaptureBytes.pcapng(ByteOrder.BIG_ENDIAN).interfaceDescription(1, 9, 0);
        int[] decoys = new int[1];
        Packetizer stream = new Packetizer(PacketMode.SLICE, 112, 0x1234, 100, 1460);
        Packetizer otherPt = new Packetizer(PacketMode.CODESTREAM, 97, 0x9999, 5000, 1460);
        for (int pic = 0; pic < 3; pic++) {
            long t = T0 + pic * 40_000_000L;
            long rtp = dev.xsight.st2110.RtpTimecode.rtpTimestamp(t);
            long[] clock = {t};
            stream.packetize(cs, 0, cs.length, rtp, (b, off, len, last) -> {
                byte[] payload = java.util.Arrays.copyOfRange(b, off, off + len);
                long ts = clock[0] += 10_000;
                cap.enhancedPacket(0, ts, frame("192.168.1.10", "239.1.2.3", 5004, payload));
                // Decoys: the same datagram to another port, to another group, and from another source.
                cap.enhancedPacket(0, ts, frame("192.168.1.10", "239.1.2.3", 5006, payload));
                cap.enhancedPacket(0, ts, frame("192.168.1.10", "239.1.2.4", 5004, payload));
                cap.enhancedPacket(0, ts, frame("192.168.1.11", "239.1.2.3", 5004, payload));
                decoys[0] += 3;
            });
            if (pic == 0) {
                otherPt.packetize(cs, 0, cs.length, rtp, (b, off, len, last) -> cap.enhancedPacket(0, clock[0],
                        frame("192.168.1.10", "239.1.2.3", 5004, java.util.Arrays.copyOfRange(b, off, off + len))));
            }
        }
        Path pcap = tmp.resolve("sel.pcapng");
        Files.write(pcap, cap.bytes());
        Path sdp = tmp.resolve("sel.sdp");
        Files.writeString(sdp, """
                v=0
                o=- 1 1 IN IP4 192.168.1.10
                s=selection
                t=0 0
                m=video 5004 RTP/AVP 112
                c=IN IP4 239.1.2.3/64
                a=source-filter: incl IN IP4 239.1.2.3 192.168.1.10
                a=rtpmap:112 jxsv/90000
                a=fmtp:112 packetmode=1; transmode=1; depth=10; width=640; height=360; exactframerate=25; \
                sampling=YCbCr-4:2:2; colorimetry=BT709; TCS=SDR; RANGE=NARROW; SSN=ST2110-22:2022; TP=2110TPW
                a=ts-refclk:ptp=IEEE1588-2008:traceable
                a=mediaclk:direct=0
                """);
        List<String> got = Collections.synchronizedList(new ArrayList<>());
        try (St2110Source src = St2110Source.replay(sdp, pcap, St2110Receiver.Options.defaults(), 0)) {
            src.start(f -> {
                got.add(f.timecode() + " " + f.md5Hex());
                f.release();
            });
            src.ended().get(60, TimeUnit.SECONDS);
            StreamStatistics st = src.statistics();
            CaptureReplay.Counts c = src.replayCounts();
            assertEquals(List.of("10:00:02:00 " + expected, "10:00:02:01 " + expected, "10:00:02:02 " + expected),
                    got, st.toJson());
            assertEquals(decoys[0], c.ignored(), c.toJson());
            assertEquals(otherPt.nextSequence() - 5000, c.otherPayloadType(), c.toJson());
            assertEquals(st.packets(), c.matched(), c.toJson());
            assertEquals(0, st.badPackets(), st.toJson());
            assertEquals(0, st.framesDropped(), st.toJson());
        }
    }

    /** Ethernet with an 802.1Q tag, IPv4, UDP. */
    private static byte[] frame(String src, String dst, int port, byte[] payload) {
        return CaptureBytes.ethernet(0x0800, CaptureBytes.ipv4Udp(src, dst, 50000, port, payload), 0x8100);
    }
}
