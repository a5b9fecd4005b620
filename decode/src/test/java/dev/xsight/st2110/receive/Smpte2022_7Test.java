package dev.xsight.st2110.receive;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.xsight.media.ChromaSampling;
import dev.xsight.media.FrameRate;
import dev.xsight.st2110.PacketMode;
import dev.xsight.st2110.sdp.JxsvFormat;
import dev.xsight.st2110.sdp.JxsvStream;
import dev.xsight.st2110.sdp.SessionDescription;
import dev.xsight.st2110.send.St2110Sender;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * SMPTE ST 2022-7 seamless protection over real UDP on loopback. The test paces the sender ({@link DupSender}: each
 * picture goes out once the receiver has taken the previous one) and drives the receiver's clock, so the skew
 * between the legs is exactly what a test sets, in stream time, however busy the machine is; the traffic is fully
 * controlled, so the counts asserted are exact.
 */
class Smpte2022_7Test {
    static final JxsvFormat FORMAT = JxsvFormat.progressive(PacketMode.CODESTREAM, 640, 360, FrameRate.FPS_25,
            ChromaSampling.S422, 10);

    /** A packet a leg loses: 5% of sequence numbers, chosen by a hash, disjoint between the legs. */
    static boolean lostOnLeg(int leg, int seq) {
        int h = (int) ((seq * 2654435761L) >>> 8) % 20;
        return h == leg;
    }

    /** Legs "a" and "b" of one {@link #FORMAT} stream, to groupA on port[0] and groupB on port[1]. */
    static List<JxsvStream> legs(String groupA, String groupB, int[] port) {
        return List.of(new JxsvStream("a", groupA, port[0], 0, null, 112, 40_000, null, "direct=0", FORMAT),
                new JxsvStream("b", groupB, port[1], 0, null, 112, 40_000, null, "direct=0", FORMAT));
    }

    /** Two legs on loopback (or on the multicast groups given), merged by one receiver on a manual clock. */
    static final class Rig implements AutoCloseable {
        final Await.ManualClock clock = new Await.ManualClock();
        final StreamCounters counters = new StreamCounters(2);
        final ImpairedNetworkTest.Collector pictures = new ImpairedNetworkTest.Collector();
        final St2110Receiver rx;
        final List<InetSocketAddress> legs;
        final byte[] cs;
        final List<Long> ts = new ArrayList<>();
        DupSender sender;

        Rig(Duration mergeWindow, int[] delayPictures) throws Exception {
            this(mergeWindow, delayPictures, "127.0.0.1", "127.0.0.1", null);
        }

        Rig(Duration mergeWindow, int[] delayPictures, String groupA, String groupB, NetworkInterface ni)
                throws Exception {
            cs = Conformance.read(ImpairedNetworkTest.SMALL);
            int[] port = ImpairedNetworkTest.freePorts(2);
            List<JxsvStream> s = legs(groupA, groupB, port);
            St2110Receiver.Options o = St2110Receiver.Options.defaults().withClock(clock);
            if (mergeWindow != null) {
                o = o.withMergeWindow(mergeWindow);
            }
            if (ni != null) {
                o = o.withInterface(ni);
            }
            rx = new St2110Receiver(new SessionDescription("127.0.0.1", 1, "dup", s, true), o, counters, pictures);
            legs = List.of(new InetSocketAddress(groupA, port[0]), new InetSocketAddress(groupB, port[1]));
            sender = new DupSender(FORMAT, legs, rx, clock, delayPictures, ni);
        }

        void send(int n, DupSender.Policy p) throws Exception {
            for (int i = 0; i < n; i++) {
                ts.add(sender.send(cs, p));
            }
        }

        StreamStatistics finish() throws Exception {
            sender.flush();
            // Let every wait the receiver keeps run out (merge window, picture time-out), in stream time.
            clock.advanceMillis(2_000);
            rx.tick();
            return counters.snapshot();
        }

        void assertAllPicturesBitExact(StreamStatistics st) {
            assertEquals(0, st.lost(), st.toJson());
            assertEquals(0, st.framesDropped(), st.toJson());
            assertEquals(ts.size(), st.framesComplete(), st.toJson());
            for (int i = 0; i < ts.size(); i++) {
                assertArrayEquals(cs, pictures.pictures.get(ts.get(i)), "picture " + i);
            }
        }

        @Override
        public void close() throws IOException {
            sender.close();
            rx.close();
        }
    }

    @Test
    void eachLegLosingFivePercentAndGoingDarkInTurnDropsNoPicture() throws Exception {
        // 100 pictures (4 s at 25 fps): leg A dark for pictures [25, 50), leg B for [60, 85); 5% loss on each
        // otherwise, never the same packet on both, and none while the other leg is dark (a packet lost on both
        // legs is beyond what 2022-7 can repair).
        DupSender.Policy policy = (leg, pic, seq, last) -> {
            boolean dark = leg == 0 ? pic >= 25 && pic < 50 : pic >= 60 && pic < 85;
            boolean otherDark = leg == 0 ? pic >= 60 && pic < 85 : pic >= 25 && pic < 50;
            return !dark && (otherDark || !lostOnLeg(leg, seq));
        };
        try (Rig r = new Rig(null, new int[] {0, 0})) {
            r.send(40, policy);
            assertEquals("2022-7 A down / B up", r.counters.snapshot().legSummary(), "A silent for 600 ms");
            r.send(20, policy);
            assertEquals("2022-7 A up / B up", r.counters.snapshot().legSummary());
            r.send(40, policy);
            assertEquals("2022-7 A up / B up", r.counters.snapshot().legSummary(), "B back for 15 pictures");
            StreamStatistics st = r.finish();
            assertTrue(st.legs().get(0).lost() > 25 * 100 && st.legs().get(1).lost() > 25 * 100,
                    "each leg was dark for a second: " + st.toJson());
            r.assertAllPicturesBitExact(st);
        }
    }

    @Test
    void legDeadFromTheStartIsReportedDownAndTheOtherCarriesEveryPicture() throws Exception {
        try (Rig r = new Rig(null, new int[] {0, 0})) {
            r.send(5, (leg, pic, seq, last) -> leg == 0);
            // 5 pictures are 200 ms of stream time: not yet the 500 ms that mark a silent leg down.
            assertEquals(LegState.WAITING, r.counters.legs[1].state);
            r.send(20, (leg, pic, seq, last) -> leg == 0);
            StreamStatistics st = r.finish();
            r.assertAllPicturesBitExact(st);
            assertEquals(0, st.legs().get(1).packets(), st.toJson());
            assertEquals(LegState.DOWN, st.legs().get(1).state(), st.toJson());
            assertTrue(st.summary().endsWith("2022-7 A down / B down"), "after the end both are silent: "
                    + st.summary());
        }
    }

    @Test
    void legThatDiesForGoodMidStreamLosesNothingAndIsReportedDown() throws Exception {
        try (Rig r = new Rig(null, new int[] {0, 0})) {
            // Both legs, leg A losing 5% (repaired from B); then B dies for good and A carries on loss-free.
            r.send(20, (leg, pic, seq, last) -> leg == 1 || !lostOnLeg(0, seq));
            assertEquals(LegState.UP, r.counters.legs[1].state);
            r.send(30, (leg, pic, seq, last) -> leg == 0);
            assertEquals(LegState.DOWN, r.counters.legs[1].state, "B silent for 30 pictures (1.2 s)");
            assertEquals(LegState.UP, r.counters.legs[0].state);
            assertTrue(r.counters.snapshot().summary().endsWith("2022-7 A up / B down"),
                    r.counters.snapshot().summary());
            StreamStatistics st = r.finish();
            r.assertAllPicturesBitExact(st);
            assertTrue(st.legs().get(0).lost() > 0, st.toJson());
            assertTrue(st.toJson().contains("\"state\":\"down\""), st.toJson());
        }
    }

    /** Leg B lags A by {@code lagPictures} (40 ms each); A loses 5%, so each of those packets needs B's copy. */
    private static StreamStatistics constantDelay(Duration mergeWindow, int lagPictures, long[] lostOnA)
            throws Exception {
        try (Rig r = new Rig(mergeWindow, new int[] {0, lagPictures})) {
            // A loses 5% of pictures 0 to 36, never a picture's last packet: a gap's wait starts when its successor
            // arrives, and a successor in the next picture would start it one picture (40 ms) later.
            r.send(40, (leg, pic, seq, last) -> leg == 1 || pic > 36 || last || !lostOnLeg(0, seq));
            StreamStatistics st = r.finish();
            lostOnA[0] = st.legs().get(0).lost();
            if (st.lost() == 0) {
                r.assertAllPicturesBitExact(st);
            }
            return st;
        }
    }

    @Test
    void constantDelayBetweenTheLegsWithinTheMergeWindowIsRepaired() throws Exception {
        long[] lostOnA = {0};
        // B 40 ms behind A: within the default 50 ms window (the moderate-skew class).
        StreamStatistics st = constantDelay(null, 1, lostOnA);
        assertTrue(lostOnA[0] > 100, st.toJson());
        assertEquals(0, st.lost(), st.toJson());
        // B 80 ms behind A: beyond 50 ms, every packet A lost is given up before B's copy comes (and that copy is
        // late); with the window set to 100 ms the same traffic is repaired.
        st = constantDelay(Duration.ofMillis(50), 2, lostOnA);
        assertEquals(lostOnA[0], st.lost(), st.toJson());
        assertEquals(st.lost(), st.late(), "each of B's copies came after its packet was given up: " + st.toJson());
        assertTrue(st.framesDropped() > 0, st.toJson());
        st = constantDelay(Duration.ofMillis(100), 2, lostOnA);
        assertEquals(0, st.lost(), st.toJson());
        assertEquals(0, st.framesDropped(), st.toJson());
    }

    @Test
    void socketClosedOnOneLegKeepsTheOtherGoing() throws Exception {
        try (Rig r = new Rig(null, new int[] {0, 0})) {
            r.send(10, (leg, pic, seq, last) -> true);
            r.rx.legChannel(1).close().sync();
            r.sender.unwatch(1);
            Await.until(() -> r.counters.legs[1].state == LegState.FAILED, () -> "leg B marked failed");
            r.send(20, (leg, pic, seq, last) -> true);
            StreamStatistics st = r.finish();
            r.assertAllPicturesBitExact(st);
            assertEquals(LegState.FAILED, st.legs().get(1).state(), st.toJson());
            assertTrue(st.toJson().contains("\"state\":\"failed\""), st.toJson());
        }
    }

    @Test
    void sendFailingOnOneLegStillSendsTheOtherLeg() throws Exception {
        byte[] cs = Conformance.read(ImpairedNetworkTest.SMALL);
        int[] port = ImpairedNetworkTest.freePorts(2);
        List<JxsvStream> s = legs("127.0.0.1", "127.0.0.1", port);
        StreamCounters counters = new StreamCounters(2);
        ImpairedNetworkTest.Collector c = new ImpairedNetworkTest.Collector();
        // Leg A's destination is the limited broadcast address, which a socket without SO_BROADCAST may not send
        // to: every send on that leg fails (EACCES) the way a leg whose route or interface is gone does.
        InetSocketAddress broken = new InetSocketAddress("255.255.255.255", port[0]);
        try (DatagramChannel probe = DatagramChannel.open()) {
            probe.send(ByteBuffer.wrap(new byte[1]), broken);
            assumeTrue(false, "this system lets a socket send to 255.255.255.255 without SO_BROADCAST: no failing"
                    + " leg to test with");
        } catch (IOException expected) {
            // the failure the test needs
        }
        List<Long> ts = new ArrayList<>();
        try (St2110Receiver rx = new St2110Receiver(new SessionDescription("127.0.0.1", 1, "dup", s, true),
                St2110Receiver.Options.defaults(), counters, c);
             St2110Sender snd = new St2110Sender(FORMAT, 112, List.of(broken, new InetSocketAddress("127.0.0.1",
                     port[1])), St2110Sender.DEFAULT_DATAGRAM)) {
            for (int i = 0; i < 5; i++) {
                ts.add(snd.sendNext(cs, 0, cs.length));
                Await.until(() -> counters.legs[1].packets >= snd.packetsSent(), () -> "leg B's datagrams");
            }
            assertEquals(snd.packetsSent(), snd.sendErrors(0), "every send on leg A failed");
            assertEquals(0, snd.sendErrors(1));
            Await.until(() -> counters.framesComplete >= 5, () -> "5 complete pictures");
            rx.tick();
            StreamStatistics st = counters.snapshot();
            assertEquals(0, st.lost(), st.toJson());
            assertEquals(0, st.legs().get(0).packets(), st.toJson());
            for (int i = 0; i < ts.size(); i++) {
                assertArrayEquals(cs, c.pictures.get(ts.get(i)), "picture " + i);
            }
        }
    }

    @Test
    void sourceHealthSaysWhichLegIsDownAndIsNotOk() throws Exception {
        byte[] cs = Conformance.read(ImpairedNetworkTest.SMALL);
        int[] port = ImpairedNetworkTest.freePorts(2);
        List<JxsvStream> s = legs("127.0.0.1", "127.0.0.1", port);
        try (St2110Source src = new St2110Source(new SessionDescription("127.0.0.1", 1, "dup", s, true),
                St2110Receiver.Options.defaults(), 0)) {
            src.start(new dev.xsight.media.FrameSource.FrameListener() {
                @Override
                public void onFrame(dev.xsight.media.Frame f) {
                    f.release();
                }
            });
            // Only leg A carries the stream. Leg B is marked down once the stream has run for the picture time-out
            // (500 ms) without it: the sender keeps going until the health says so (an event, not a pause); a leg
            // down is not ok, even with every picture arriving.
            try (St2110Sender snd = new St2110Sender(FORMAT, 112, List.of(new InetSocketAddress("127.0.0.1", port[0])),
                    St2110Sender.DEFAULT_DATAGRAM)) {
                long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(Await.HANG_SECONDS);
                while (!src.health().summary().endsWith(" / B down") && System.nanoTime() - deadline < 0) {
                    snd.sendNext(cs, 0, cs.length);
                    // Paced by receipt, so a busy machine cannot overflow the socket.
                    Await.until(() -> src.counters().legs[0].packets >= snd.packetsSent(), () -> "leg A's datagrams");
                }
            }
            dev.xsight.media.SourceHealth h = src.health();
            assertFalse(h.ok(), h.summary());
            assertTrue(h.summary().contains("2022-7 A ") && h.summary().endsWith(" / B down"), h.summary());
            assertEquals(List.of("A", "B"), h.legs().stream().map(dev.xsight.media.SourceHealth.Leg::name).toList());
            assertEquals("down", h.legs().get(1).state(), h.legs().toString());
            assertFalse(h.legs().get(1).up(), h.legs().toString());
            assertTrue(h.legs().get(0).up(), h.legs().toString());
            assertEquals(0L, h.legs().get(0).lost(), "leg A alone carried every packet: " + h.legs());
            assertTrue(h.detail().contains(" fps · 0 lost · "), "nothing lost after the merge: " + h.detail());
        }
    }

    /** Whether the kernel delivers a multicast datagram sent on loopback to a socket that joined there. */
    private static String loopbackMulticastUnsupported(NetworkInterface lo, InetAddress group) {
        try (DatagramChannel r = DatagramChannel.open(StandardProtocolFamily.INET);
             DatagramChannel s = DatagramChannel.open(StandardProtocolFamily.INET)) {
            r.setOption(StandardSocketOptions.SO_REUSEADDR, true);
            r.bind(new InetSocketAddress(group, 0));
            r.join(group, lo);
            s.setOption(StandardSocketOptions.IP_MULTICAST_IF, lo);
            s.send(ByteBuffer.wrap(new byte[] {1}), new InetSocketAddress(group,
                    ((InetSocketAddress) r.getLocalAddress()).getPort()));
            // Blocking receive in a helper thread, bounded: delivery on loopback is immediate when it happens at all.
            java.util.concurrent.CompletableFuture<Void> got = java.util.concurrent.CompletableFuture.runAsync(() -> {
                try {
                    r.receive(ByteBuffer.allocate(16));
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
            try {
                got.get(10, java.util.concurrent.TimeUnit.SECONDS);
                return null;
            } catch (java.util.concurrent.TimeoutException e) {
                return "a multicast datagram sent on " + lo.getName() + " was not delivered to a member there";
            }
        } catch (Exception e) {
            return "cannot join " + group.getHostAddress() + " on " + lo.getName() + ": " + e;
        }
    }

    @Test
    void multicastLegsJoinedOnLoopback() throws Exception {
        NetworkInterface lo = NetworkInterface.getByInetAddress(InetAddress.getLoopbackAddress());
        assumeTrue(lo != null, "no loopback interface");
        String why = loopbackMulticastUnsupported(lo, InetAddress.getByName("239.255.20.1"));
        assumeTrue(why == null, "multicast on loopback is not available here (" + why + "); not changing the"
                + " system to enable it");
        try (Rig r = new Rig(null, new int[] {0, 0}, "239.255.20.7", "239.255.20.8", lo)) {
            r.send(20, (leg, pic, seq, last) -> !lostOnLeg(leg, seq));
            StreamStatistics st = r.finish();
            r.assertAllPicturesBitExact(st);
            assertTrue(st.legs().get(0).lost() > 0 && st.legs().get(1).lost() > 0, st.toJson());
        }
    }

    @Test
    void mergeWindowOutsideOneMillisecondToTenSecondsIsRefused() {
        St2110Receiver.Options d = St2110Receiver.Options.defaults();
        assertEquals(St2110Receiver.DEFAULT_MERGE_WINDOW, d.mergeWindow());
        assertEquals(Duration.ofMillis(50), St2110Receiver.DEFAULT_MERGE_WINDOW, "moderate-skew class");
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> d.withMergeWindow(Duration.ZERO));
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> d.withMergeWindow(Duration.ofSeconds(11)));
        assertFalse(d.withMergeWindow(Duration.ofMillis(150)).mergeWindow().isZero());
        assertNull(d.multicastInterface());
    }
}
