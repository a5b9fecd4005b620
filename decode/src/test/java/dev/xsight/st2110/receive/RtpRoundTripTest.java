package dev.xsight.st2110.receive;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.xsight.rtp.PacketPool;
import dev.xsight.rtp.PacketSlot;
import dev.xsight.st2110.CodestreamFormatException;
import dev.xsight.st2110.JxsFraming;
import dev.xsight.st2110.JxsPayloadHeader;
import dev.xsight.st2110.PacketMode;
import dev.xsight.st2110.send.Packetizer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Packetizer -> (loss, reorder, duplication, second leg) -> intake -> depacketizer on the real conformance
 * codestreams, comparing the reassembled bytes with the originals.
 */
class RtpRoundTripTest {
    static final String[] FILES = {"s01_1080p422p10_bpp2_f0.jxs", "s01_1080p422p10_bpp2_f1.jxs",
        "s01_1080p422p10_bpp2_f2.jxs", "s06_1080p422p10_bpp2_v1h3_sh8.jxs", "s18_1002x563_422p10_bpp2.jxs",
        "s20_640x360_422p10_bpp6.jxs", "s16_720p420p8_bpp1.5.jxs"};

    /** Records what the depacketizer hands on; a picture is the concatenation of header and slices. */
    static final class Recorder extends ReassemblingSink {
        final List<byte[]> pictures = new ArrayList<>();
        final List<boolean[]> sliceMaps = new ArrayList<>();
        final List<DropReason> drops = new ArrayList<>();

        @Override
        void reassembled(long rtpTimestamp, byte[] picture, boolean[] delivered) {
            pictures.add(picture);
            if (delivered != null) {
                sliceMaps.add(delivered);
            }
        }

        @Override
        public void dropped(long rtpTimestamp, DropReason reason, int n) {
            for (int i = 0; i < n; i++) {
                drops.add(reason);
            }
        }
    }

    record Sent(byte[] bytes) {
    }

    static List<byte[]> packetize(PacketMode mode, List<byte[]> pictures, long ssrc, int firstSeq) throws Exception {
        Packetizer p = new Packetizer(mode, 112, ssrc, firstSeq, 1460);
        List<byte[]> out = new ArrayList<>();
        long ts = 123_456_789L;
        for (byte[] pic : pictures) {
            p.packetize(pic, 0, pic.length, ts, (b, off, len, last) -> out.add(Arrays.copyOfRange(b, off, off + len)));
            ts += 1501;
        }
        return out;
    }

    static final class Rig {
        final StreamCounters counters;
        final Recorder rec = new Recorder();
        final PacketPool pool = new PacketPool(4096, 1500);
        final PacketIntake intake;
        long clock = 1_000_000_000L;

        Rig(PacketMode mode, int legs) {
            counters = new StreamCounters(legs);
            Depacketizer d = new Depacketizer(mode, pool, counters, 3, 4 << 20, rec);
            intake = new PacketIntake(112, legs, pool, counters, 256, 50_000_000L, d);
        }

        void feed(byte[] datagram, int leg) {
            PacketSlot s = intake.slot();
            System.arraycopy(datagram, 0, s.data, 0, datagram.length);
            s.length = datagram.length;
            s.arrivalNanos = clock += 1000;
            intake.accept(s, leg);
        }

        void finish() {
            intake.poll(clock + 10_000_000_000L, 1_000_000_000L);
        }
    }

    static List<byte[]> files(String... names) throws Exception {
        List<byte[]> l = new ArrayList<>();
        for (String n : names) {
            l.add(Conformance.read(n));
        }
        return l;
    }

    @Test
    void codestreamModeReassemblesEveryPictureByteForByte() throws Exception {
        List<byte[]> pics = files(FILES);
        Rig rig = new Rig(PacketMode.CODESTREAM, 1);
        for (byte[] d : packetize(PacketMode.CODESTREAM, pics, 0x1234, 65000)) { // sequence wraps on the way
            rig.feed(d, 0);
        }
        rig.finish();
        // The first packet waits for the second to confirm the source (RFC 3550 A.1 probation) and then goes in
        // first: picture 0 is complete like every other.
        assertEquals(pics.size(), rig.rec.pictures.size());
        for (int i = 0; i < pics.size(); i++) {
            assertArrayEquals(pics.get(i), rig.rec.pictures.get(i), "picture " + i);
        }
        assertEquals(List.of(), rig.rec.drops);
        assertEquals(pics.size(), rig.counters.framesComplete);
        assertEquals(0, rig.counters.lost);
    }

    @Test
    void sliceModeDeliversHeaderAndEverySliceInOrder() throws Exception {
        List<byte[]> pics = files(FILES);
        Rig rig = new Rig(PacketMode.SLICE, 1);
        // Warm-up picture so the source is confirmed before the pictures under test.
        List<byte[]> all = new ArrayList<>(pics);
        all.addFirst(pics.getFirst());
        for (byte[] d : packetize(PacketMode.SLICE, all, 0x99, 0)) {
            rig.feed(d, 0);
        }
        rig.finish();
        List<byte[]> got = rig.rec.pictures;
        // The warm-up picture is complete too (probation holds its first packets instead of dropping them).
        assertEquals(List.of(), rig.rec.drops);
        assertEquals(pics.size() + 1, got.size());
        got = got.subList(1, got.size());
        for (int i = 0; i < pics.size(); i++) {
            assertArrayEquals(pics.get(i), got.get(i), "picture " + i);
        }
    }

    @Test
    void sliceCountAndHeaderLengthMatchTheManifest() throws Exception {
        // From the conformance manifest: s01 has a 110-byte main header and 68 slices; s06 has 135 slices.
        byte[] s01 = Conformance.read("s01_1080p422p10_bpp2_f0.jxs");
        JxsFraming.Header h = JxsFraming.header(s01, 0, s01.length);
        assertEquals(110, h.firstSliceOffset());
        assertEquals(68, h.sliceCount());
        assertEquals(16, h.sliceRows());
        assertEquals(518400, h.lcod());
        int[] offs = new int[69];
        assertEquals(68, JxsFraming.sliceOffsets(s01, 0, s01.length, h, offs));
        assertEquals(s01.length, offs[68]);
        byte[] s06 = Conformance.read("s06_1080p422p10_bpp2_v1h3_sh8.jxs");
        assertEquals(135, JxsFraming.header(s06, 0, s06.length).sliceCount());
    }

    @Test
    void codestreamModeDropsOnlyThePictureThatLostAPacket() throws Exception {
        List<byte[]> pics = files(FILES);
        List<byte[]> pk = packetize(PacketMode.CODESTREAM, pics, 7, 100);
        int perPic = (pics.getFirst().length + 1443) / 1444;
        Rig rig = new Rig(PacketMode.CODESTREAM, 1);
        int victim = perPic + 5; // inside picture 1
        for (int i = 0; i < pk.size(); i++) {
            if (i != victim) {
                rig.feed(pk.get(i), 0);
            }
        }
        rig.finish();
        assertEquals(1, rig.counters.lost);
        assertEquals(List.of(DropReason.PACKET_LOST), rig.rec.drops); // picture 1 only
        assertEquals(pics.size() - 1, rig.rec.pictures.size());
        assertArrayEquals(pics.get(0), rig.rec.pictures.get(0));
        assertArrayEquals(pics.get(2), rig.rec.pictures.get(1));
    }

    @Test
    void sliceModeWithOnePacketLostLeavesOutOnlyThatSlice() throws Exception {
        List<byte[]> pics = files(FILES[0], FILES[1]);
        List<byte[]> pk = packetize(PacketMode.SLICE, pics, 7, 100);
        Rig rig = new Rig(PacketMode.SLICE, 1);
        // Find a packet in picture 1 that belongs to slice 10.
        int victim = -1;
        for (int i = 0; i < pk.size() && victim < 0; i++) {
            int h = JxsPayloadHeader.read(pk.get(i), 12);
            long ts = dev.xsight.rtp.RtpPacket.readU32Public(pk.get(i), 4);
            if (ts == 123_456_789L + 1501 && JxsPayloadHeader.sep(h) == 10 && JxsPayloadHeader.p(h) == 1) {
                victim = i;
            }
        }
        assertTrue(victim > 0);
        for (int i = 0; i < pk.size(); i++) {
            if (i != victim) {
                rig.feed(pk.get(i), 0);
            }
        }
        rig.finish();
        // Picture 0 complete (its first packet held through probation), picture 1 without slice 10.
        assertEquals(2, rig.rec.sliceMaps.size());
        for (boolean delivered : rig.rec.sliceMaps.getFirst()) {
            assertTrue(delivered, "picture 0 has every slice");
        }
        boolean[] map = rig.rec.sliceMaps.get(1);
        assertFalse(map[10]);
        for (int s = 0; s < map.length; s++) {
            if (s != 10) {
                assertTrue(map[s], "slice " + s);
            }
        }
        assertEquals(1, rig.counters.framesConcealed);
    }

    @Test
    void reorderedAndDuplicatedPacketsStillGiveExactPictures() throws Exception {
        List<byte[]> pics = files(FILES);
        List<byte[]> pk = packetize(PacketMode.CODESTREAM, pics, 7, 60000);
        Random r = new Random(42);
        List<byte[]> wire = new ArrayList<>();
        for (int i = 0; i < pk.size(); i++) {
            wire.add(pk.get(i));
            if (r.nextInt(20) == 0) {
                wire.add(pk.get(i)); // duplicate
            }
        }
        for (int i = 10; i + 3 < wire.size(); i += 7 + r.nextInt(9)) {
            java.util.Collections.swap(wire, i, i + 1 + r.nextInt(3)); // local reorder
        }
        Rig rig = new Rig(PacketMode.CODESTREAM, 1);
        for (byte[] d : wire) {
            rig.feed(d, 0);
        }
        rig.finish();
        assertEquals(0, rig.counters.lost);
        assertTrue(rig.counters.duplicates > 0);
        assertTrue(rig.counters.reordered > 0);
        assertEquals(pics.size(), rig.rec.pictures.size());
        for (int i = 0; i < pics.size(); i++) {
            assertArrayEquals(pics.get(i), rig.rec.pictures.get(i));
        }
    }

    @Test
    void twoLegsEachLosingFivePercentMergeIntoEveryPicture() throws Exception {
        List<byte[]> pics = new ArrayList<>();
        for (int k = 0; k < 4; k++) {
            pics.addAll(files(FILES));
        }
        List<byte[]> pk = packetize(PacketMode.CODESTREAM, pics, 7, 1000);
        Random r = new Random(7);
        Rig rig = new Rig(PacketMode.CODESTREAM, 2);
        for (int i = 0; i < pk.size(); i++) {
            // Each leg loses about 5%, never the same packet on both; the first two packets go on both legs.
            int lose = i < 4 ? -1 : r.nextInt(20) == 0 ? 0 : r.nextInt(19) == 0 ? 1 : -1;
            if (lose != 0) {
                rig.feed(pk.get(i), 0);
            }
            if (lose != 1) {
                rig.feed(pk.get(i), 1);
            }
        }
        rig.finish();
        assertEquals(0, rig.counters.lost);
        assertTrue(rig.counters.legs[0].lost > 0 && rig.counters.legs[1].lost > 0);
        assertEquals(List.of(), rig.rec.drops, "every picture survives 5% loss per leg");
        assertEquals(pics.size(), rig.rec.pictures.size());
        assertEquals(0, rig.counters.framesDropped);
        for (int i = 0; i < rig.rec.pictures.size(); i++) {
            assertArrayEquals(pics.get(pics.size() - rig.rec.pictures.size() + i), rig.rec.pictures.get(i));
        }
    }

    @Test
    void packetsWhoseKContradictsTheSdpAreCountedAndDropped() throws Exception {
        List<byte[]> pics = files(FILES[0], FILES[1]);
        Rig rig = new Rig(PacketMode.CODESTREAM, 1);
        for (byte[] d : packetize(PacketMode.SLICE, pics, 7, 0)) {
            rig.feed(d, 0);
        }
        rig.finish();
        assertTrue(rig.counters.modeMismatch > 700);
        assertTrue(rig.rec.pictures.isEmpty());
    }

    @Test
    void sliceModeOutOfOrderTransmissionReassemblesByPCounter() throws Exception {
        List<byte[]> pics = files(FILES);
        List<byte[]> all = new ArrayList<>(pics);
        all.addFirst(pics.getFirst());
        List<byte[]> pk = packetize(PacketMode.SLICE, all, 0x77, 100);
        // A T=0 sender: within each packetization unit the packets go out last-first; RTP sequence numbers follow
        // the transmission order, so reordering by sequence number cannot restore codestream order.
        List<byte[]> wire = new ArrayList<>();
        int i = 0;
        while (i < pk.size()) {
            int j = i;
            long ts = dev.xsight.rtp.RtpPacket.readU32Public(pk.get(i), 4);
            int sep = JxsPayloadHeader.sep(JxsPayloadHeader.read(pk.get(i), 12));
            while (j < pk.size() && dev.xsight.rtp.RtpPacket.readU32Public(pk.get(j), 4) == ts
                    && JxsPayloadHeader.sep(JxsPayloadHeader.read(pk.get(j), 12)) == sep) {
                j++;
            }
            List<byte[]> unit = new ArrayList<>(pk.subList(i, j));
            java.util.Collections.reverse(unit);
            wire.addAll(unit);
            i = j;
        }
        int seq = 100;
        boolean[] markers = new boolean[wire.size()];
        for (int k = 0; k < wire.size(); k++) {
            markers[k] = (pk.get(k)[1] & 0x80) != 0; // the marker stays on the picture's last transmitted packet
        }
        for (int k = 0; k < wire.size(); k++) {
            byte[] d = wire.get(k);
            d[1] = (byte) ((markers[k] ? 0x80 : 0) | 112);
            d[2] = (byte) (seq >> 8);
            d[3] = (byte) seq++;
            d[12] &= 0x7F; // T=0
        }
        Rig rig = new Rig(PacketMode.SLICE, 1);
        for (byte[] d : wire) {
            rig.feed(d, 0);
        }
        rig.finish();
        // The warm-up picture too: its first packet is held through probation, not dropped.
        assertEquals(all.size(), rig.rec.pictures.size());
        for (int k = 0; k < all.size(); k++) {
            assertArrayEquals(all.get(k), rig.rec.pictures.get(k), "picture " + k);
        }
        assertEquals(4096, rig.pool.available(), "no packet slot is left held");
    }

    static byte[] box(String type, int payload) {
        byte[] b = new byte[8 + payload];
        java.nio.ByteBuffer.wrap(b).putInt(b.length).put(type.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        return b;
    }

    @Test
    void pictureSegmentsMayStartWithJpvsAndColrBoxes() throws Exception {
        byte[] cs = Conformance.read(FILES[0]);
        java.io.ByteArrayOutputStream seg = new java.io.ByteArrayOutputStream();
        seg.write(box("jpvs", 24));
        seg.write(box("colr", 7));
        seg.write(cs);
        byte[] withBoxes = seg.toByteArray();
        JxsFraming.Header h = JxsFraming.header(withBoxes, 0, withBoxes.length);
        assertEquals(32 + 15, h.socOffset());
        assertEquals(32 + 15 + 110, h.firstSliceOffset());
        for (PacketMode mode : PacketMode.values()) {
            Rig rig = new Rig(mode, 1);
            for (byte[] d : packetize(mode, List.of(withBoxes, withBoxes, withBoxes), 3, 0)) {
                rig.feed(d, 0);
            }
            rig.finish();
            assertEquals(3, rig.rec.pictures.size(), mode.name());
            for (byte[] got : rig.rec.pictures) {
                assertArrayEquals(withBoxes, got, mode.name());
            }
        }
    }

    @Test
    void malformedBoxesBeforeSocAreATypedError() {
        byte[] b = box("jpvs", 4);
        b[3] = (byte) 200; // box longer than the data
        CodestreamFormatException e = org.junit.jupiter.api.Assertions.assertThrows(CodestreamFormatException.class,
                () -> JxsFraming.header(b, 0, b.length));
        assertEquals(0, e.offset());
    }
}
