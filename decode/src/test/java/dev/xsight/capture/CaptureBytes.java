package dev.xsight.capture;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Writes capture files byte by byte from the formats' definitions (tcpdump.org's pcap file format, the pcapng draft
 * of the IETF OPSAWG), independently of {@link CaptureReader}, for its tests.
 */
public final class CaptureBytes {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteOrder order;

    private CaptureBytes(ByteOrder order) {
        this.order = order;
    }

    /** Classic pcap file header: magic A1B2C3D4 (microseconds) or A1B23C4D (nanoseconds), version 2.4. */
    public static CaptureBytes pcap(ByteOrder order, boolean nanos, int linkType) {
        CaptureBytes c = new CaptureBytes(order);
        c.u32(nanos ? 0xA1B23C4D : 0xA1B2C3D4).u16(2).u16(4).u32(0).u32(0).u32(65535).u32(linkType);
        return c;
    }

    /** pcapng: starts with a section header block. */
    public static CaptureBytes pcapng(ByteOrder order) {
        CaptureBytes c = new CaptureBytes(order);
        c.sectionHeader();
        return c;
    }

    /** Section header block (type 0x0A0D0D0A, byte-order magic 0x1A2B3C4D, version 1.0, section length -1). */
    public CaptureBytes sectionHeader() {
        u32(0x0A0D0D0A).u32(28).u32(0x1A2B3C4D).u16(1).u16(0).u64(-1).u32(28);
        return this;
    }

    /**
     * Interface description block; {@code tsresol} the if_tsresol option byte, or -1 for none (microseconds);
     * {@code tsoffset} the if_tsoffset option in seconds, or 0 for none.
     */
    public CaptureBytes interfaceDescription(int linkType, int tsresol, long tsoffset) {
        ByteBuffer opts = ByteBuffer.allocate(64).order(order);
        if (tsresol >= 0) {
            opts.putShort((short) 9).putShort((short) 1).put((byte) tsresol).put(new byte[3]);
        }
        if (tsoffset != 0) {
            opts.putShort((short) 14).putShort((short) 8).putLong(tsoffset);
        }
        if (opts.position() > 0) {
            opts.putShort((short) 0).putShort((short) 0);
        }
        int total = 20 + opts.position();
        u32(1).u32(total).u16(linkType).u16(0).u32(0);
        out.write(opts.array(), 0, opts.position());
        u32(total);
        return this;
    }

    /** Enhanced packet block with a 64-bit timestamp in the interface's units. */
    public CaptureBytes enhancedPacket(int iface, long timestamp, byte[] packet) {
        int padded = packet.length + 3 & ~3;
        int total = 32 + padded;
        u32(6).u32(total).u32(iface).u32((int) (timestamp >>> 32)).u32((int) timestamp).u32(packet.length)
                .u32(packet.length);
        out.write(packet, 0, packet.length);
        out.write(new byte[padded - packet.length], 0, padded - packet.length);
        u32(total);
        return this;
    }

    /** Simple packet block (no timestamp, interface 0). */
    public CaptureBytes simplePacket(byte[] packet) {
        int padded = packet.length + 3 & ~3;
        int total = 16 + padded;
        u32(3).u32(total).u32(packet.length);
        out.write(packet, 0, packet.length);
        out.write(new byte[padded - packet.length], 0, padded - packet.length);
        u32(total);
        return this;
    }

    /** A block of a type the reader does not know (to be skipped). */
    public CaptureBytes otherBlock(int type, int bodyBytes) {
        int total = 12 + bodyBytes;
        u32(type).u32(total);
        out.write(new byte[bodyBytes], 0, bodyBytes);
        u32(total);
        return this;
    }

    /** Classic pcap record. */
    public CaptureBytes record(long seconds, long fraction, byte[] packet) {
        return record(seconds, fraction, packet, packet.length);
    }

    public CaptureBytes record(long seconds, long fraction, byte[] packet, int originalLength) {
        u32((int) seconds).u32((int) fraction).u32(packet.length).u32(originalLength);
        out.write(packet, 0, packet.length);
        return this;
    }

    public CaptureBytes raw(byte[] b) {
        out.write(b, 0, b.length);
        return this;
    }

    public CaptureBytes u16(int v) {
        byte[] b = ByteBuffer.allocate(2).order(order).putShort((short) v).array();
        out.write(b, 0, 2);
        return this;
    }

    public CaptureBytes u32(int v) {
        byte[] b = ByteBuffer.allocate(4).order(order).putInt(v).array();
        out.write(b, 0, 4);
        return this;
    }

    public CaptureBytes u64(long v) {
        byte[] b = ByteBuffer.allocate(8).order(order).putLong(v).array();
        out.write(b, 0, 8);
        return this;
    }

    public int size() {
        return out.size();
    }

    public byte[] bytes() {
        return out.toByteArray();
    }

    // Packets (network byte order, RFC 791 / RFC 768 / IEEE 802.3 / 802.1Q).

    /** IPv4 header (no options) + UDP header + payload. */
    public static byte[] ipv4Udp(String src, String dst, int srcPort, int dstPort, byte[] payload) {
        return ipv4(src, dst, 17, 0, udp(srcPort, dstPort, payload));
    }

    public static byte[] udp(int srcPort, int dstPort, byte[] payload) {
        return ByteBuffer.allocate(8 + payload.length).putShort((short) srcPort).putShort((short) dstPort)
                .putShort((short) (8 + payload.length)).putShort((short) 0).put(payload).array();
    }

    /** IPv4 header with protocol {@code proto} and flags + fragment offset field {@code flagsFrag}. */
    public static byte[] ipv4(String src, String dst, int proto, int flagsFrag, byte[] body) {
        ByteBuffer b = ByteBuffer.allocate(20 + body.length);
        b.put((byte) 0x45).put((byte) 0).putShort((short) (20 + body.length)).putShort((short) 1)
                .putShort((short) flagsFrag).put((byte) 64).put((byte) proto).putShort((short) 0)
                .putInt(UdpDatagram.ipv4(src)).putInt(UdpDatagram.ipv4(dst)).put(body);
        return b.array();
    }

    /** Ethernet II frame with the given 802.1Q / 802.1ad tag protocol identifiers in front of {@code etherType}. */
    public static byte[] ethernet(int etherType, byte[] body, int... tagTpids) {
        ByteBuffer b = ByteBuffer.allocate(14 + 4 * tagTpids.length + body.length);
        b.put(new byte[] {1, 0, 0x5E, 0, 0, 1}).put(new byte[] {2, 0, 0, 0, 0, 2});
        for (int tpid : tagTpids) {
            b.putShort((short) tpid).putShort((short) 100);
        }
        b.putShort((short) etherType).put(body);
        return b.array();
    }

    /** Linux cooked capture v1 header (16 bytes) in front of {@code body}. */
    public static byte[] sll(int protocol, byte[] body) {
        ByteBuffer b = ByteBuffer.allocate(16 + body.length);
        b.putShort((short) 0).putShort((short) 1).putShort((short) 6).put(new byte[8]).putShort((short) protocol)
                .put(body);
        return b.array();
    }

    /** Linux cooked capture v2 header (20 bytes) in front of {@code body}. */
    public static byte[] sll2(int protocol, byte[] body) {
        ByteBuffer b = ByteBuffer.allocate(20 + body.length);
        b.putShort((short) protocol).putShort((short) 0).putInt(2).putShort((short) 1).put((byte) 0).put((byte) 6)
                .put(new byte[8]).put(body);
        return b.array();
    }
}
