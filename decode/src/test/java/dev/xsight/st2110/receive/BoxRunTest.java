package dev.xsight.st2110.receive;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.xsight.media.Frame;
import dev.xsight.st2110.CodestreamFormatException;
import dev.xsight.st2110.JxsFraming;
import dev.xsight.st2110.PacketMode;
import dev.xsight.st2110.send.Packetizer;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * ISO/IEC 21122-3 boxes before SOC (RFC 9134 picture segments): any box run whose lengths do not add up is a typed
 * {@link CodestreamFormatException} with the offset of the offending box, never an index exception, and a receiver
 * that gets such a picture counts it and goes on.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class BoxRunTest {
    private static byte[] soc() {
        return new byte[] {(byte) 0xFF, 0x10};
    }

    private static byte[] concat(byte[]... parts) {
        int n = 0;
        for (byte[] p : parts) {
            n += p.length;
        }
        ByteBuffer b = ByteBuffer.allocate(n);
        for (byte[] p : parts) {
            b.put(p);
        }
        return b.array();
    }

    private static byte[] withLbox(byte[] box, long lbox) {
        byte[] b = box.clone();
        ByteBuffer.wrap(b).putInt(0, (int) lbox);
        return b;
    }

    private static void rejectedAt(byte[] b, int off, long offset) {
        CodestreamFormatException e = assertThrows(CodestreamFormatException.class,
                () -> JxsFraming.skipBoxes(b, off, b.length - off));
        assertEquals(offset, e.offset(), e.getMessage());
        assertThrows(CodestreamFormatException.class, () -> JxsFraming.header(b, off, b.length - off));
    }

    @Test
    void boxesWhoseLengthsOverrunAreTypedErrors() throws Exception {
        byte[] jpvs = ReferencePicture.box("jpvs", 28);
        byte[] colr = ReferencePicture.box("colr", 16);
        assertEquals(60, JxsFraming.skipBoxes(concat(jpvs, colr, soc()), 0, 62));
        rejectedAt(concat(jpvs, withLbox(colr, 27), soc()), 0, 36); // one byte past the data
        rejectedAt(concat(jpvs, withLbox(colr, 0x7FFF_FFFFL), soc()), 0, 36);
        rejectedAt(concat(jpvs, withLbox(colr, 0xFFFF_FFFFL), soc()), 0, 36); // above Integer.MAX_VALUE
        rejectedAt(concat(withLbox(jpvs, 0), colr, soc()), 0, 0); // "to the end of the file": no SOC after it
        rejectedAt(concat(withLbox(jpvs, 7), colr, soc()), 0, 0); // shorter than its own header
        byte[] xl = new byte[16];
        ByteBuffer.wrap(xl).putInt(1).put("jpvs".getBytes()).putLong(Long.MIN_VALUE); // XLBox, negative as a long
        rejectedAt(concat(jpvs, xl, soc()), 0, 36);
        rejectedAt(Arrays.copyOf(concat(jpvs, xl), 36 + 12), 0, 36); // truncated XLBox
        // Offsets count from the segment start, wherever the segment lies.
        rejectedAt(concat(new byte[5], jpvs, withLbox(colr, 27), soc()), 5, 36);
        // A range outside the array is typed too.
        for (int[] r : new int[][] {{-1, 4}, {0, 100}, {10, -1}}) {
            byte[] b = concat(jpvs, soc());
            assertThrows(CodestreamFormatException.class, () -> JxsFraming.skipBoxes(b, r[0], r[1]));
            assertThrows(CodestreamFormatException.class, () -> JxsFraming.header(b, r[0], r[1]));
        }
    }

    @Test
    void packetizerTakesAPictureSegmentAtAnyOffset() throws Exception {
        ReferencePicture ref = ReferencePicture.of("s20_640x360_422p10_bpp6.jxs");
        byte[] seg = ref.withBoxes();
        byte[] big = new byte[17 + seg.length + 9];
        Arrays.fill(big, (byte) 0xFF);
        System.arraycopy(seg, 0, big, 17, seg.length);
        for (PacketMode mode : PacketMode.values()) {
            java.util.List<byte[]> at0 = new java.util.ArrayList<>();
            java.util.List<byte[]> at17 = new java.util.ArrayList<>();
            new Packetizer(mode, 112, 1, 0, 1460).packetize(seg, 0, seg.length, 0,
                    (b, o, l, last) -> at0.add(Arrays.copyOfRange(b, o, o + l)));
            new Packetizer(mode, 112, 1, 0, 1460).packetize(big, 17, seg.length, 0,
                    (b, o, l, last) -> at17.add(Arrays.copyOfRange(b, o, o + l)));
            assertEquals(at0.size(), at17.size(), mode.name());
            for (int i = 0; i < at0.size(); i++) {
                org.junit.jupiter.api.Assertions.assertArrayEquals(at0.get(i), at17.get(i), mode + " packet " + i);
            }
            assertThrows(IllegalArgumentException.class, () -> new Packetizer(mode, 112, 1, 0, 1460)
                    .packetize(big, 30, big.length, 0, (b, o, l, last) -> { }));
        }
    }

    @Test
    void receiverCountsAPictureWithOverrunningBoxesAndShowsTheNextOne() throws Exception {
        ReferencePicture ref = ReferencePicture.of("s20_640x360_422p10_bpp6.jxs");
        byte[] good = ref.withBoxes();
        byte[] bad = good.clone();
        ByteBuffer.wrap(bad).putInt(36, 5000); // the colr box claims more than the segment holds
        try (ReceiveRig rig = new ReceiveRig(PacketMode.CODESTREAM, 2, 4 << 20)) {
            rig.receive(rig.packetize(good), i -> false);
            Frame f = rig.endOfPicture();
            assertNotNull(f);
            assertEquals(ref.md5, f.md5Hex());
            f.release();
            rig.receive(rig.packetize(bad), i -> false);
            assertNull(rig.endOfPicture());
            assertEquals(1, rig.counters.decodeErrors);
            for (int k = 0; k < 2; k++) {
                rig.receive(rig.packetize(k == 0 ? good : ref.codestream), i -> false);
                f = rig.endOfPicture();
                assertNotNull(f);
                assertEquals(ref.md5, f.md5Hex());
                f.release();
            }
        }
        // Slice mode: the sender's packetizer finds the header through the boxes, and refuses a broken box run.
        Packetizer p = new Packetizer(PacketMode.SLICE, 112, 1, 0, 1460);
        assertThrows(CodestreamFormatException.class, () -> p.packetize(bad, 0, bad.length, 0, (b, o, l, last) -> { }));
    }
}
