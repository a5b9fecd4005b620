package dev.xsight.st2110.receive;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.xsight.media.ChromaSampling;
import dev.xsight.media.FrameRate;
import dev.xsight.st2110.JxsPayloadHeader;
import dev.xsight.st2110.PacketMode;
import dev.xsight.st2110.sdp.JxsvFormat;
import dev.xsight.st2110.sdp.JxsvStream;
import dev.xsight.st2110.sdp.SessionDescription;
import dev.xsight.st2110.send.St2110Sender;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;

/**
 * Real UDP on loopback through forwarding relays that lose, reorder and duplicate packets; the Netty receiver and
 * depacketizer must deliver every undamaged picture byte for byte, drop exactly the damaged ones (codestream mode) or
 * leave out exactly the damaged slices (slice mode). The test paces the sender and drives the receiver's clock, so the
 * exact counts hold however busy the machine is (ST 2022-7: {@link Smpte2022_7Test}).
 */
class ImpairedNetworkTest {
    static final String SMALL = "s20_640x360_422p10_bpp6.jxs";

    /** Collects reassembled pictures by RTP timestamp (codestream mode) and slice maps (slice mode). */
    static final class Collector extends ReassemblingSink {
        final Map<Long, byte[]> pictures = new ConcurrentHashMap<>();
        final Map<Long, boolean[]> slices = new ConcurrentHashMap<>();
        final List<DropReason> drops = java.util.Collections.synchronizedList(new ArrayList<>());

        @Override
        void reassembled(long rtpTimestamp, byte[] picture, boolean[] delivered) {
            if (delivered != null) {
                slices.put(rtpTimestamp, delivered); // before the picture: a test that sees it finds its map
            }
            pictures.put(rtpTimestamp, picture);
        }

        @Override
        public void dropped(long rtpTimestamp, DropReason reason, int n) {
            drops.add(reason);
        }
    }

    static SessionDescription sdp(PacketMode mode, int... ports) {
        JxsvFormat f = JxsvFormat.progressive(mode, 640, 360, FrameRate.FPS_59_94, ChromaSampling.S422, 10);
        List<JxsvStream> legs = new ArrayList<>();
        for (int i = 0; i < ports.length; i++) {
            legs.add(new JxsvStream(ports.length > 1 ? "m" + i : null, "127.0.0.1", ports[i], 0, null, 112, 80_000,
                    null, "direct=0", f));
        }
        return new SessionDescription("127.0.0.1", 1, "impaired", legs, ports.length > 1);
    }

    /**
     * Sends {@code pictures} copies of the picture through {@code relay}, paced by the test: each picture goes out once
     * the relay has decided on every datagram of the previous one and the receiver has taken every datagram the relay
     * sent on; then the receiver's clock moves one frame period. The receiver's waits (reorder, picture time-out) so
     * run in stream time, and a busy machine can neither overflow a socket nor make a swapped pair look lost.
     *
     * @return the RTP timestamps used, in order
     */
    static List<Long> send(JxsvFormat f, UdpRelay relay, byte[] cs, int pictures, St2110Receiver rx,
            Await.ManualClock clock) throws Exception {
        List<Long> ts = new ArrayList<>();
        try (St2110Sender s = new St2110Sender(f, 112, List.of(relay.address()), St2110Sender.DEFAULT_DATAGRAM)) {
            for (int i = 0; i < pictures; i++) {
                ts.add(s.sendNext(cs, 0, cs.length));
                Await.until(() -> relay.received >= s.packetsSent(), () -> "relay of every datagram sent");
                Await.until(() -> Await.datagramsTaken(rx.counters()) >= relay.forwarded,
                        () -> "receipt of every datagram relayed (" + relay.forwarded + ")");
                clock.advanceMillis(f.rate().frameDurationNanos() / 1e6);
                rx.tick();
            }
        }
        // Whatever the receiver still waits for is given up, in stream time.
        clock.advanceMillis(2_000);
        rx.tick();
        return ts;
    }

    static int[] freePorts(int n) throws Exception {
        int[] p = new int[n];
        for (int i = 0; i < n; i++) {
            p[i] = LoopbackSendReceiveTest.freePort();
        }
        return p;
    }

    @Test
    void codestreamModeDropsExactlyThePicturesThatLostPacketsAndSurvivesReorderAndDuplicates() throws Exception {
        byte[] cs = Conformance.read(SMALL);
        int perPicture = (cs.length + 1383) / 1384;
        int[] port = freePorts(1);
        SessionDescription d = sdp(PacketMode.CODESTREAM, port);
        StreamCounters counters = new StreamCounters(1);
        Collector c = new Collector();
        // Packet-level impairments keyed on the datagram index: pictures 10 and 20 each lose one packet; every 37th
        // packet is duplicated, every 23rd swapped with its successor.
        java.util.Set<Long> lostIdx = java.util.Set.of(10L * perPicture + 7, 20L * perPicture + perPicture - 1);
        Await.ManualClock clock = new Await.ManualClock();
        try (St2110Receiver rx = new St2110Receiver(d, St2110Receiver.Options.defaults().withClock(clock), counters,
                c);
             UdpRelay relay = new UdpRelay(new InetSocketAddress("127.0.0.1", port[0]), (i, seq, ts, h) ->
                     lostIdx.contains(i) ? UdpRelay.Action.DROP : i % 37 == 5 ? UdpRelay.Action.DUPLICATE
                             : i % 23 == 11 ? UdpRelay.Action.HOLD : UdpRelay.Action.FORWARD)) {
            List<Long> ts = send(d.format(), relay, cs, 40, rx, clock);
            StreamStatistics st = counters.snapshot();
            assertEquals(2, st.lost(), st.toJson());
            assertTrue(st.duplicates() >= 40 * perPicture / 37 - 2, st.toJson());
            assertTrue(st.reordered() >= 40 * perPicture / 23 / 2, st.toJson());
            for (int i = 0; i < ts.size(); i++) {
                byte[] got = c.pictures.get(ts.get(i));
                if (i == 10 || i == 20) {
                    assertEquals(null, got, "picture " + i + " lost a packet and must not be decoded");
                } else {
                    assertArrayEquals(cs, got, "picture " + i);
                }
            }
            // Only the two damaged ones.
            assertEquals(2, st.framesDropped(), st.toJson());
        }
    }

    @Test
    void sliceModeLeavesOutOnlyTheDamagedSlices() throws Exception {
        byte[] cs = Conformance.read(SMALL);
        int[] port = freePorts(1);
        SessionDescription d = sdp(PacketMode.SLICE, port);
        StreamCounters counters = new StreamCounters(1);
        Collector c = new Collector();
        // Lose the packet carrying P=0 of slice 5 in picture 3 (the relay reads SEP/P from the payload header).
        Await.ManualClock clock = new Await.ManualClock();
        try (St2110Receiver rx = new St2110Receiver(d, St2110Receiver.Options.defaults().withClock(clock), counters,
                c)) {
            List<Long> ts;
            long[] victimTs = {-1};
            long[] picture = {-1, -1};
            try (UdpRelay relay = new UdpRelay(new InetSocketAddress("127.0.0.1", port[0]), (i, seq, t, h) -> {
                if (t != picture[1]) {
                    picture[0]++;
                    picture[1] = t;
                }
                boolean victim = picture[0] == 3 && JxsPayloadHeader.sep(h) == 5 && JxsPayloadHeader.p(h) == 0;
                if (victim) {
                    victimTs[0] = t;
                }
                return victim ? UdpRelay.Action.DROP : UdpRelay.Action.FORWARD;
            })) {
                ts = send(d.format(), relay, cs, 8, rx, clock);
            }
            StreamStatistics st = counters.snapshot();
            assertEquals(1, st.lost(), st.toJson());
            assertEquals(1, st.framesConcealed(), st.toJson());
            boolean[] map = c.slices.get(victimTs[0]);
            for (int s = 0; s < map.length; s++) {
                assertEquals(s != 5, map[s], "slice " + s);
            }
            for (int i = 1; i < ts.size(); i++) {
                if (ts.get(i) != victimTs[0]) {
                    assertArrayEquals(cs, c.pictures.get(ts.get(i)), "picture " + i);
                }
            }
        }
    }
}
