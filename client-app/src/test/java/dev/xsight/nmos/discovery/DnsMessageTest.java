package dev.xsight.nmos.discovery;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The DNS message codec against messages written out byte by byte from RFC 1035 4.1 and RFC 6763. */
class DnsMessageTest {
    private static final DnsName REGISTER = DnsName.of("_nmos-register._tcp.example.com");

    /** Header, then the question {@code _nmos-register._tcp.example.com PTR IN}, written by hand. */
    private static Bytes questionPart(int flags, int answers) {
        return new Bytes().u16(0x1234).u16(flags).u16(1).u16(answers).u16(0).u16(0)
                .label("_nmos-register").label("_tcp").label("example").label("com").u8(0)
                .u16(12).u16(1);
    }

    @Test
    void readsAPtrQueryWrittenByHand() throws Exception {
        DnsMessage m = DnsMessage.decode(questionPart(0x0100, 0).bytes());
        assertEquals(0x1234, m.id());
        assertEquals(List.of(new DnsQuestion(REGISTER, DnsRecord.PTR, DnsRecord.IN)), m.questions());
        assertTrue(m.answers().isEmpty());
    }

    @Test
    void readsCompressedNamesAndWritesThemTheSameWay() throws Exception {
        // RFC 1035 4.1.4: the answer's owner is a pointer to the question's name at offset 12; the PTR target is
        // the label "reg 1" followed by the same pointer.
        byte[] wire = questionPart(0x8400, 1)
                .u16(0xC00C).u16(12).u16(1).u32(120).u16(8).label("reg 1").u16(0xC00C)
                .bytes();
        DnsMessage m = DnsMessage.decode(wire);
        DnsRecord ptr = m.answers().get(0);
        assertEquals(REGISTER, ptr.name());
        assertEquals(120, ptr.ttl());
        assertEquals(new DnsRecord.Ptr(REGISTER.prepend("reg 1")), ptr.data());
        assertEquals("reg 1", ((DnsRecord.Ptr) ptr.data()).target().first());
        assertArrayEquals(wire, m.encode(), "the encoder compresses exactly as written by hand");
    }

    @Test
    void readsSrvTxtAndARecords() throws Exception {
        Bytes b = new Bytes().u16(7).u16(0x8400).u16(0).u16(3).u16(0).u16(0);
        b.label("reg").label("example").u8(0).u16(33).u16(1).u32(60).u16(6 + 14)
                .u16(10).u16(5).u16(8235).label("host").label("example").u8(0);
        byte[] proto = "api_proto=http".getBytes(StandardCharsets.US_ASCII);
        byte[] pri = "pri=10".getBytes(StandardCharsets.US_ASCII);
        b.u16(0xC00C).u16(16).u16(1).u32(60).u16(2 + proto.length + pri.length)
                .u8(proto.length).raw(proto).u8(pri.length).raw(pri);
        b.label("host").label("example").u8(0).u16(1).u16(1).u32(60).u16(4).raw(new byte[] {10, 0, 0, 5});
        DnsMessage m = DnsMessage.decode(b.bytes());
        assertEquals(new DnsRecord.Srv(10, 5, 8235, DnsName.of("host.example")), m.answers().get(0).data());
        assertEquals(Map.of("api_proto", "http", "pri", "10"), ((DnsRecord.Txt) m.answers().get(1).data()).pairs());
        assertEquals("10.0.0.5",
                ((DnsRecord.Address) m.answers().get(2).data()).address().getHostAddress());
    }

    @Test
    void aDotInsideAnInstanceLabelStaysInsideIt() throws Exception {
        DnsName name = DnsName.of("_nmos-node._tcp.local").prepend("Studio 1.A");
        DnsMessage m = new DnsMessage(0, DnsMessage.RESPONSE, List.of(), List.of(
                new DnsRecord(name, DnsRecord.TXT, DnsRecord.IN, 1, DnsRecord.Txt.of(Map.of("k", "v")))),
                List.of(), List.of());
        DnsName back = DnsMessage.decode(m.encode()).answers().get(0).name();
        assertEquals(4, back.labels().size());
        assertEquals("Studio 1.A", back.first());
        assertEquals("Studio 1\\.A._nmos-node._tcp.local", back.toString());
    }

    @Test
    void aCutOffHeaderIsRefusedAtOffsetZero() {
        DnsFormatException e = assertThrows(DnsFormatException.class,
                () -> DnsMessage.decode(new byte[] {0, 1, 2, 3, 4}));
        assertEquals(0, e.offset());
    }

    @Test
    void aPointerThatDoesNotPointBackIsRefusedAtItsOffset() {
        byte[] loop = new Bytes().u16(1).u16(0).u16(1).u16(0).u16(0).u16(0).u16(0xC00C).u16(12).u16(1).bytes();
        DnsFormatException e = assertThrows(DnsFormatException.class, () -> DnsMessage.decode(loop));
        assertEquals(12, e.offset());
        assertTrue(e.getMessage().contains("pointer"), e.getMessage());
    }

    @Test
    void aLabelPastTheEndAndAReservedLabelTypeAreRefusedAtTheirOffset() {
        byte[] past = new Bytes().u16(1).u16(0).u16(1).u16(0).u16(0).u16(0).u8(16).raw(new byte[] {'a'}).bytes();
        assertEquals(12, assertThrows(DnsFormatException.class, () -> DnsMessage.decode(past)).offset());
        byte[] reserved = new Bytes().u16(1).u16(0).u16(1).u16(0).u16(0).u16(0).u8(0x41).u8(0).bytes();
        assertEquals(12, assertThrows(DnsFormatException.class, () -> DnsMessage.decode(reserved)).offset());
    }

    @Test
    void recordDataOfTheWrongSizeIsRefused() {
        byte[] shortA = new Bytes().u16(1).u16(0x8000).u16(0).u16(1).u16(0).u16(0)
                .label("h").u8(0).u16(1).u16(1).u32(1).u16(3).raw(new byte[] {1, 2, 3}).bytes();
        DnsFormatException a = assertThrows(DnsFormatException.class, () -> DnsMessage.decode(shortA));
        assertEquals(25, a.offset(), "at the record data, after owner (3), type, class, TTL and length (10)");
        byte[] longTxt = new Bytes().u16(1).u16(0x8000).u16(0).u16(1).u16(0).u16(0)
                .label("h").u8(0).u16(16).u16(1).u32(1).u16(2).u8(5).u8('x').bytes();
        assertEquals(25, assertThrows(DnsFormatException.class, () -> DnsMessage.decode(longTxt)).offset());
        byte[] cutRecord = new Bytes().u16(1).u16(0x8000).u16(0).u16(1).u16(0).u16(0)
                .label("h").u8(0).u16(16).u16(1).u32(1).u16(40).u8(1).bytes();
        assertEquals(25, assertThrows(DnsFormatException.class, () -> DnsMessage.decode(cutRecord)).offset());
    }

    @Test
    void aLabelThatIsNotUtf8IsRefused() {
        byte[] bad = new Bytes().u16(1).u16(0).u16(1).u16(0).u16(0).u16(0).u8(2).u8(0xC3).u8(0x28).u8(0)
                .u16(12).u16(1).bytes();
        assertEquals(13, assertThrows(DnsFormatException.class, () -> DnsMessage.decode(bad)).offset());
    }

    /** Hand-written big-endian message bytes. */
    static final class Bytes {
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();

        Bytes u8(int v) {
            out.write(v);
            return this;
        }

        Bytes u16(int v) {
            return u8(v >>> 8).u8(v & 0xFF);
        }

        Bytes u32(long v) {
            return u16((int) (v >>> 16)).u16((int) (v & 0xFFFF));
        }

        Bytes label(String s) {
            byte[] b = s.getBytes(StandardCharsets.UTF_8);
            return u8(b.length).raw(b);
        }

        Bytes raw(byte[] b) {
            out.writeBytes(b);
            return this;
        }

        byte[] bytes() {
            return out.toByteArray();
        }
    }
}
