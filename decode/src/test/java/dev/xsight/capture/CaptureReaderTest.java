package dev.xsight.capture;

import static dev.xsight.capture.CaptureBytes.ethernet;
import static dev.xsight.capture.CaptureBytes.ipv4;
import static dev.xsight.capture.CaptureBytes.ipv4Udp;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link CaptureReader} on captures written byte by byte from the pcap and pcapng definitions. */
class CaptureReaderTest {
    private static final byte[] PAYLOAD = "RTP payload bytes".getBytes(StandardCharsets.US_ASCII);
    /** 2025-03-09 10:00:02 UTC. */
    private static final long T0 = 1_741_514_402L;

    @TempDir
    Path tmp;

    record Got(long nanos, String src, String dst, int srcPort, int dstPort, byte[] payload) {
    }

    private static List<Got> readAll(CaptureReader r) throws IOException {
        List<Got> out = new ArrayList<>();
        UdpDatagram d = new UdpDatagram();
        while (r.next(d)) {
            out.add(new Got(d.timestampNanos(), UdpDatagram.ipv4(d.source()), UdpDatagram.ipv4(d.destination()),
                    d.sourcePort(), d.destinationPort(), Arrays.copyOfRange(d.data(), d.offset(), d.offset()
                    + d.length())));
        }
        return out;
    }

    private CaptureReader open(byte[] bytes) throws IOException {
        Path p = Files.createTempFile(tmp, "cap", ".pcap");
        Files.write(p, bytes);
        return CaptureReader.open(p);
    }

    private static byte[] udpFrame(int dstPort) {
        return ethernet(0x0800, ipv4Udp("10.0.0.1", "239.10.20.30", 40000, dstPort, PAYLOAD));
    }

    @Test
    void classicPcapMicrosecondsLittleEndian() throws IOException {
        byte[] b = CaptureBytes.pcap(ByteOrder.LITTLE_ENDIAN, false, 1)
                .record(T0, 123_456, udpFrame(5004)).record(T0 + 1, 999_999, udpFrame(5006)).bytes();
        try (CaptureReader r = open(b)) {
            assertEquals(CaptureReader.Format.PCAP, r.format());
            assertFalse(r.bigEndian());
            List<Got> g = readAll(r);
            assertEquals(2, g.size());
            assertEquals(T0 * 1_000_000_000L + 123_456_000L, g.get(0).nanos());
            assertEquals((T0 + 1) * 1_000_000_000L + 999_999_000L, g.get(1).nanos());
            assertEquals("10.0.0.1", g.get(0).src());
            assertEquals("239.10.20.30", g.get(0).dst());
            assertEquals(40000, g.get(0).srcPort());
            assertEquals(5004, g.get(0).dstPort());
            assertEquals(5006, g.get(1).dstPort());
            assertArrayEquals(PAYLOAD, g.get(0).payload());
            assertEquals(2, r.counts().records());
            assertEquals(2, r.counts().udpDatagrams());
            assertEquals(0, r.counts().skipped());
        }
    }

    @Test
    void classicPcapNanosecondsBigEndian() throws IOException {
        byte[] b = CaptureBytes.pcap(ByteOrder.BIG_ENDIAN, true, 1).record(T0, 999_999_999, udpFrame(5004)).bytes();
        try (CaptureReader r = open(b)) {
            assertTrue(r.bigEndian());
            List<Got> g = readAll(r);
            assertEquals(1, g.size());
            assertEquals(T0 * 1_000_000_000L + 999_999_999L, g.get(0).nanos());
            assertArrayEquals(PAYLOAD, g.get(0).payload());
        }
    }

    @Test
    void classicPcapMicrosecondsBigEndianAndNanosecondsLittleEndian() throws IOException {
        for (ByteOrder o : List.of(ByteOrder.BIG_ENDIAN, ByteOrder.LITTLE_ENDIAN)) {
            for (boolean ns : new boolean[] {false, true}) {
                byte[] b = CaptureBytes.pcap(o, ns, 1).record(T0, 7, udpFrame(5004)).bytes();
                try (CaptureReader r = open(b)) {
                    List<Got> g = readAll(r);
                    assertEquals(T0 * 1_000_000_000L + (ns ? 7 : 7_000), g.get(0).nanos(), o + " ns=" + ns);
                }
            }
        }
    }

    @Test
    void pcapngBothByteOrdersInterfacesResolutionsAndBlocks() throws IOException {
        for (ByteOrder o : List.of(ByteOrder.LITTLE_ENDIAN, ByteOrder.BIG_ENDIAN)) {
            CaptureBytes c = CaptureBytes.pcapng(o)
                    .interfaceDescription(1, -1, 0)                  // 0: Ethernet, microseconds (default)
                    .interfaceDescription(101, 9, 0)                 // 1: raw IP, nanoseconds
                    .interfaceDescription(113, 0x80 | 20, 10)        // 2: SLL, 2^-20 s, +10 s offset
                    .otherBlock(5, 16)                               // interface statistics: skipped
                    .otherBlock(0x40000BAD, 8)                       // custom / unknown: skipped
                    .enhancedPacket(0, T0 * 1_000_000L + 5, udpFrame(5004))
                    .enhancedPacket(1, T0 * 1_000_000_000L + 7, ipv4Udp("10.0.0.2", "239.1.1.1", 1, 2, PAYLOAD))
                    .enhancedPacket(2, (T0 << 20) + (1 << 19), CaptureBytes.sll(0x0800,
                            ipv4Udp("10.0.0.3", "239.1.1.2", 3, 4, PAYLOAD)))
                    .simplePacket(udpFrame(5006));
            try (CaptureReader r = open(c.bytes())) {
                assertEquals(CaptureReader.Format.PCAPNG, r.format());
                assertEquals(o == ByteOrder.BIG_ENDIAN, r.bigEndian());
                List<Got> g = readAll(r);
                assertEquals(4, g.size(), o.toString());
                assertEquals(T0 * 1_000_000_000L + 5_000, g.get(0).nanos());
                assertEquals(T0 * 1_000_000_000L + 7, g.get(1).nanos());
                assertEquals("239.1.1.1", g.get(1).dst());
                assertEquals((T0 + 10) * 1_000_000_000L + 500_000_000L, g.get(2).nanos());
                assertEquals("10.0.0.3", g.get(2).src());
                assertEquals(5006, g.get(3).dstPort());
                assertEquals(g.get(2).nanos(), g.get(3).nanos(), "a simple packet block keeps the last time");
                for (Got x : g) {
                    assertArrayEquals(PAYLOAD, x.payload());
                }
            }
        }
    }

    @Test
    void pcapngSecondSectionInOtherByteOrderStartsOverWithItsInterfaces() throws IOException {
        byte[] a = CaptureBytes.pcapng(ByteOrder.LITTLE_ENDIAN).interfaceDescription(1, 9, 0)
                .enhancedPacket(0, 1, udpFrame(1)).bytes();
        byte[] b = CaptureBytes.pcapng(ByteOrder.BIG_ENDIAN).interfaceDescription(276, -1, 0)
                .enhancedPacket(0, 1, CaptureBytes.sll2(0x0800, ipv4Udp("1.2.3.4", "5.6.7.8", 9, 10, PAYLOAD)))
                .bytes();
        byte[] both = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, both, a.length, b.length);
        try (CaptureReader r = open(both)) {
            List<Got> g = readAll(r);
            assertEquals(2, g.size());
            assertEquals(1, g.get(0).nanos());
            assertEquals(1_000, g.get(1).nanos());
            assertEquals("5.6.7.8", g.get(1).dst());
            assertTrue(r.bigEndian());
        }
    }

    @Test
    void vlanTagsAreSkipped() throws IOException {
        byte[] ip = ipv4Udp("10.0.0.1", "239.10.20.30", 1, 5004, PAYLOAD);
        byte[] b = CaptureBytes.pcap(ByteOrder.LITTLE_ENDIAN, false, 1)
                .record(T0, 0, ethernet(0x0800, ip, 0x8100))
                .record(T0, 1, ethernet(0x0800, ip, 0x88A8, 0x8100))
                .record(T0, 2, ethernet(0x0800, ip, 0x88A8, 0x8100, 0x8100))
                .bytes();
        try (CaptureReader r = open(b)) {
            List<Got> g = readAll(r);
            assertEquals(3, g.size());
            for (Got x : g) {
                assertEquals(5004, x.dstPort());
                assertArrayEquals(PAYLOAD, x.payload());
            }
        }
    }

    @Test
    void linuxCookedCapturesAndRawIpv4() throws IOException {
        byte[] ip = ipv4Udp("10.0.0.1", "239.10.20.30", 1, 5004, PAYLOAD);
        for (int link : new int[] {113, 276, 101, 228}) {
            byte[] frame = switch (link) {
                case 113 -> CaptureBytes.sll(0x0800, ip);
                case 276 -> CaptureBytes.sll2(0x0800, ip);
                default -> ip;
            };
            byte[] b = CaptureBytes.pcap(ByteOrder.LITTLE_ENDIAN, false, link).record(T0, 0, frame).bytes();
            try (CaptureReader r = open(b)) {
                List<Got> g = readAll(r);
                assertEquals(1, g.size(), "link type " + link);
                assertArrayEquals(PAYLOAD, g.get(0).payload());
            }
        }
    }

    @Test
    void fragmentsAndEverythingElseAreSkippedAndCounted() throws IOException {
        byte[] udp = CaptureBytes.udp(1, 5004, PAYLOAD);
        byte[] b = CaptureBytes.pcap(ByteOrder.LITTLE_ENDIAN, false, 1)
                .record(T0, 0, ethernet(0x0800, ipv4("10.0.0.1", "239.1.1.1", 17, 0x2000, udp)))  // MF: first fragment
                .record(T0, 1, ethernet(0x0800, ipv4("10.0.0.1", "239.1.1.1", 17, 0x0010, udp)))  // offset 128 bytes
                .record(T0, 2, ethernet(0x0800, ipv4("10.0.0.1", "239.1.1.1", 17, 0x4000, udp)))  // DF: a datagram
                .record(T0, 3, ethernet(0x0800, ipv4("10.0.0.1", "10.0.0.2", 6, 0, new byte[20]))) // TCP
                .record(T0, 4, ethernet(0x86DD, new byte[60]))                                     // IPv6
                .record(T0, 5, ethernet(0x0806, new byte[28]))                                     // ARP
                .record(T0, 6, ethernet(0x0800, ipv4Udp("10.0.0.1", "239.1.1.1", 1, 2, PAYLOAD)), 1514)
                .record(T0, 7, Arrays.copyOf(udpFrame(5004), 30), 60)                              // cut by snaplen
                .bytes();
        try (CaptureReader r = open(b)) {
            List<Got> g = readAll(r);
            assertEquals(2, g.size());
            CaptureReader.Counts c = r.counts();
            assertEquals(8, c.records());
            assertEquals(2, c.udpDatagrams());
            assertEquals(2, c.ipFragments());
            assertEquals(1, c.nonUdp());
            assertEquals(2, c.nonIpv4());
            assertEquals(1, c.truncated());
            assertEquals(6, c.skipped());
        }
        byte[] other = CaptureBytes.pcap(ByteOrder.LITTLE_ENDIAN, false, 105).record(T0, 0, new byte[40]).bytes();
        try (CaptureReader r = open(other)) {
            assertEquals(0, readAll(r).size());
            assertEquals(1, r.counts().unsupportedLinkType());
        }
    }

    private CaptureFormatException broken(byte[] b) {
        return assertThrows(CaptureFormatException.class, () -> {
            try (CaptureReader r = open(b)) {
                readAll(r);
            }
        });
    }

    @Test
    void badMagicNamesOffsetZero() {
        CaptureFormatException e = broken("GIF89a not a capture".getBytes(StandardCharsets.US_ASCII));
        assertEquals(0, e.offset());
        assertTrue(e.getMessage().contains("magic"), e.getMessage());
        assertEquals(0, broken(new byte[0]).offset());
        assertEquals(0, broken(new byte[] {(byte) 0xD4, (byte) 0xC3}).offset());
    }

    @Test
    void truncatedRecordNamesItsOffset() {
        CaptureBytes c = CaptureBytes.pcap(ByteOrder.LITTLE_ENDIAN, false, 1).record(T0, 0, udpFrame(1));
        int second = c.size();
        byte[] whole = c.record(T0, 1, udpFrame(2)).bytes();
        CaptureFormatException e = broken(Arrays.copyOf(whole, whole.length - 5));
        assertEquals(second, e.offset());
        assertTrue(e.getMessage().contains("truncated"), e.getMessage());
        // Cut inside the record header.
        assertEquals(second, broken(Arrays.copyOf(whole, second + 7)).offset());
        // Cut inside the file header.
        assertEquals(4, broken(Arrays.copyOf(whole, 10)).offset());
        // The same from a stream whose size is not known in advance.
        IOException s = assertThrows(CaptureFormatException.class, () -> {
            try (CaptureReader r = new CaptureReader(new ByteArrayInputStream(Arrays.copyOf(whole,
                    whole.length - 5)), -1)) {
                readAll(r);
            }
        });
        assertEquals(second + 16, ((CaptureFormatException) s).offset());
    }

    @Test
    void recordLengthOf2To31IsRejectedBeforeAllocating() {
        CaptureBytes c = CaptureBytes.pcap(ByteOrder.LITTLE_ENDIAN, false, 1).record(T0, 0, udpFrame(1));
        int at = c.size();
        byte[] b = c.u32((int) T0).u32(0).u32(0x8000_0000).u32(0x8000_0000).raw(new byte[64]).bytes();
        CaptureFormatException e = broken(b);
        assertEquals(at + 8, e.offset());
        assertTrue(e.getMessage().contains("2147483648"), e.getMessage());
        // pcapng: a block length of 2^31, and an EPB claiming 2^31 captured bytes.
        CaptureBytes n = CaptureBytes.pcapng(ByteOrder.BIG_ENDIAN).interfaceDescription(1, -1, 0);
        int block = n.size();
        byte[] nb = n.u32(6).u32(0x8000_0000).raw(new byte[40]).bytes();
        assertEquals(block + 4, broken(nb).offset());
    }

    @Test
    void garbageIsATypedErrorWithOffset() {
        // Garbage after a good record: an impossible timestamp fraction or length.
        CaptureBytes c = CaptureBytes.pcap(ByteOrder.LITTLE_ENDIAN, false, 1).record(T0, 0, udpFrame(1));
        int at = c.size();
        byte[] b = c.raw("this is not a pcap record at all, just text".getBytes(StandardCharsets.US_ASCII)).bytes();
        CaptureFormatException e = broken(b);
        assertTrue(e.offset() >= at && e.offset() < b.length, e.getMessage());
        // pcapng: a block whose trailing length differs from its leading one.
        CaptureBytes n = CaptureBytes.pcapng(ByteOrder.LITTLE_ENDIAN).interfaceDescription(1, -1, 0);
        int block = n.size();
        byte[] nb = n.u32(6).u32(48).raw(new byte[36]).u32(52).bytes();
        CaptureFormatException t = broken(nb);
        assertEquals(block + 44, t.offset());
        assertTrue(t.getMessage().contains("trailer"), t.getMessage());
        // pcapng: a length that is not a multiple of 4, a packet before any interface, an undeclared interface.
        assertEquals(block + 4, broken(CaptureBytes.pcapng(ByteOrder.LITTLE_ENDIAN).interfaceDescription(1, -1, 0)
                .u32(6).u32(47).raw(new byte[40]).bytes()).offset());
        int first = CaptureBytes.pcapng(ByteOrder.LITTLE_ENDIAN).size();
        assertEquals(first + 8, broken(CaptureBytes.pcapng(ByteOrder.LITTLE_ENDIAN).enhancedPacket(0, 0, udpFrame(1))
                .bytes()).offset());
        assertEquals(block + 8, broken(CaptureBytes.pcapng(ByteOrder.LITTLE_ENDIAN).interfaceDescription(1, -1, 0)
                .enhancedPacket(3, 0, udpFrame(1)).bytes()).offset());
        // A bad byte-order magic in the section header.
        byte[] shb = CaptureBytes.pcapng(ByteOrder.LITTLE_ENDIAN).bytes();
        shb[8] = 0x55;
        assertEquals(8, broken(shb).offset());
    }

    @Test
    void readingAllocatesNothingPerRecord() throws IOException {
        for (boolean ng : new boolean[] {false, true}) {
            CaptureBytes c = ng ? CaptureBytes.pcapng(ByteOrder.LITTLE_ENDIAN).interfaceDescription(1, 9, 0)
                    : CaptureBytes.pcap(ByteOrder.LITTLE_ENDIAN, true, 1);
            int n = 20_000;
            for (int i = 0; i < n; i++) {
                byte[] f = i % 3 == 0 ? ethernet(0x0800, ipv4Udp("10.0.0.1", "239.1.1.1", 1, 5004, new byte[1200]),
                        0x8100) : udpFrame(5004);
                if (ng) {
                    c.enhancedPacket(0, T0 * 1_000_000_000L + i, f);
                } else {
                    c.record(T0, i, f);
                }
            }
            byte[] b = c.bytes();
            com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean)
                    java.lang.management.ManagementFactory.getThreadMXBean();
            long id = Thread.currentThread().threadId();
            try (CaptureReader r = new CaptureReader(new ByteArrayInputStream(b), b.length)) {
                UdpDatagram d = new UdpDatagram();
                assertTrue(r.next(d));
                long before = mx.getThreadAllocatedBytes(id);
                int got = 1;
                while (r.next(d)) {
                    got++;
                }
                long allocated = mx.getThreadAllocatedBytes(id) - before;
                assertEquals(n, got);
                assertTrue(allocated < 4096, (ng ? "pcapng" : "pcap") + ": " + allocated + " bytes allocated for "
                        + n + " records");
            }
        }
    }

    @Test
    void randomBytesAfterAHeaderOnlyEverGiveTypedErrors() throws IOException {
        Random rnd = new Random(9134);
        for (int i = 0; i < 3000; i++) {
            boolean ng = (i & 1) == 0;
            CaptureBytes c = ng ? CaptureBytes.pcapng(i % 4 == 0 ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN)
                    .interfaceDescription(1, -1, 0).enhancedPacket(0, 1, udpFrame(1))
                    : CaptureBytes.pcap(ByteOrder.LITTLE_ENDIAN, false, 1).record(T0, 0, udpFrame(1));
            byte[] good = c.bytes();
            byte[] b;
            if (i % 3 == 0) {
                b = Arrays.copyOf(good, good.length + rnd.nextInt(200));
                for (int k = good.length; k < b.length; k++) {
                    b[k] = (byte) rnd.nextInt();
                }
            } else {
                b = good.clone();
                for (int k = 0, n = 1 + rnd.nextInt(4); k < n; k++) {
                    b[rnd.nextInt(b.length)] = (byte) rnd.nextInt();
                }
            }
            try (CaptureReader r = new CaptureReader(new ByteArrayInputStream(b), b.length)) {
                readAll(r);
            } catch (CaptureFormatException e) {
                assertTrue(e.offset() >= 0 && e.offset() <= b.length, e.getMessage());
            } catch (IOException | RuntimeException e) {
                fail("input " + i + " gave " + e, e);
            }
        }
    }
}
