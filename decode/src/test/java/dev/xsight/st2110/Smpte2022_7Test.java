package dev.xsight.st2110;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.xsight.media.ChromaSampling;
import dev.xsight.media.FrameRate;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * SMPTE ST 2022-7 seamless protection over real UDP: each leg loses 5% of the packets (never the same packet on both)
 * and goes dark for a second in turn; the merged stream must lose nothing and drop no picture.
 */
class Smpte2022_7Test {
    /** A packet a leg loses: 5% of sequence numbers, chosen by a hash, disjoint between the legs. */
    static boolean lostOnLeg(int leg, int seq) {
        int h = (int) ((seq * 2654435761L) >>> 8) % 20;
        return h == leg;
    }

    @Test
    void eachLegLosingFivePercentAndGoingDarkInTurnDropsNoPicture() throws Exception {
        byte[] cs = Conformance.read(ImpairedNetworkTest.SMALL);
        int[] port = ImpairedNetworkTest.freePorts(2);
        JxsvFormat f = JxsvFormat.progressive(PacketMode.CODESTREAM, 640, 360, FrameRate.FPS_25, ChromaSampling.S422,
                10);
        List<JxsvStream> legs = List.of(
                new JxsvStream("a", "127.0.0.1", port[0], 0, null, 112, 40_000, null, "direct=0", f),
                new JxsvStream("b", "127.0.0.1", port[1], 0, null, 112, 40_000, null, "direct=0", f));
        SessionDescription d = new SessionDescription("127.0.0.1", 1, "dup", legs, true);
        StreamCounters counters = new StreamCounters(2);
        ImpairedNetworkTest.Collector c = new ImpairedNetworkTest.Collector();
        int pictures = 100; // 4 s at 25 fps
        // The relays are two threads on a shared test machine: allow them 300 ms of skew (ST 2022-7 class C is 150 ms).
        St2110Receiver.Options o = St2110Receiver.Options.defaults().withReorder(4096, 300);
        try (St2110Receiver rx = new St2110Receiver(d, o, counters, c);
             UdpRelay a = new UdpRelay(new InetSocketAddress("127.0.0.1", port[0]), leg(0, 25, 50, 60, 85));
             UdpRelay b = new UdpRelay(new InetSocketAddress("127.0.0.1", port[1]), leg(1, 60, 85, 25, 50))) {
            List<Long> ts;
            try (St2110Sender s = new St2110Sender(f, 112, List.of(a.address(), b.address()),
                    St2110Sender.DEFAULT_DATAGRAM)) {
                ts = new ArrayList<>();
                for (int i = 0; i < pictures; i++) {
                    ts.add(s.sendNext(cs, 0, cs.length));
                }
            }
            ImpairedNetworkTest.awaitQuiet(counters);
            StreamStatistics st = counters.snapshot();
            assertTrue(a.dropped > 25 * 125 && b.dropped > 25 * 125, "each leg was dark for a second");
            assertTrue(st.legs().get(0).lost() > 0 && st.legs().get(1).lost() > 0, st.toJson());
            assertEquals(0, st.lost(), st.toJson());
            // No picture is dropped, the first included (probation holds the first packet instead of dropping it).
            assertEquals(0, st.framesDropped(), st.toJson());
            assertEquals(pictures, st.framesComplete(), st.toJson());
            for (int i = 0; i < pictures; i++) {
                assertArrayEquals(cs, c.pictures.get(ts.get(i)), "picture " + i);
            }
        }
    }

    /**
     * Leg {@code leg}: nothing at all for pictures [darkFrom, darkTo); 5% loss otherwise, except while the other leg
     * is dark [otherFrom, otherTo) (a packet lost there would be lost on both legs, which 2022-7 cannot repair).
     */
    static UdpRelay.Policy leg(int leg, int darkFrom, int darkTo, int otherFrom, int otherTo) {
        long[] picture = {-1, -1};
        return (i, seq, t, h) -> {
            if (t != picture[1]) {
                picture[0]++;
                picture[1] = t;
            }
            boolean dark = picture[0] >= darkFrom && picture[0] < darkTo;
            boolean otherDark = picture[0] >= otherFrom && picture[0] < otherTo;
            return dark || !otherDark && lostOnLeg(leg, seq) ? UdpRelay.Action.DROP : UdpRelay.Action.FORWARD;
        };
    }
}
