package dev.xsight.capture;

/**
 * One IPv4 UDP datagram from a capture, as a view into the reader's buffer: valid until the next
 * {@link CaptureReader#next(UdpDatagram)}. Reused from record to record, so reading allocates nothing.
 */
public final class UdpDatagram {
    long timestampNanos;
    long recordOffset;
    int interfaceId;
    int source;
    int destination;
    int sourcePort;
    int destinationPort;
    byte[] data;
    int offset;
    int length;

    /** Capture time in nanoseconds since 1970-01-01 UTC (the capturing machine's clock). */
    public long timestampNanos() {
        return timestampNanos;
    }

    /** Byte offset of the record (pcap) or block (pcapng) in the file. */
    public long recordOffset() {
        return recordOffset;
    }

    /** pcapng interface id (0 for classic pcap). */
    public int interfaceId() {
        return interfaceId;
    }

    /** IPv4 source address, big-endian in an int. */
    public int source() {
        return source;
    }

    /** IPv4 destination address, big-endian in an int. */
    public int destination() {
        return destination;
    }

    public int sourcePort() {
        return sourcePort;
    }

    public int destinationPort() {
        return destinationPort;
    }

    /** The buffer holding the UDP payload at {@link #offset()}. */
    public byte[] data() {
        return data;
    }

    public int offset() {
        return offset;
    }

    /** UDP payload bytes. */
    public int length() {
        return length;
    }

    /** Dotted-quad IPv4 address as an int (big-endian), or an exception for anything else. */
    public static int ipv4(String dottedQuad) {
        String[] p = dottedQuad.trim().split("\\.", -1);
        if (p.length != 4) {
            throw new IllegalArgumentException("not an IPv4 address: " + dottedQuad);
        }
        int a = 0;
        for (String s : p) {
            int v;
            try {
                v = Integer.parseInt(s);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("not an IPv4 address: " + dottedQuad);
            }
            if (v < 0 || v > 255 || s.isEmpty() || s.length() > 3) {
                throw new IllegalArgumentException("not an IPv4 address: " + dottedQuad);
            }
            a = a << 8 | v;
        }
        return a;
    }

    /** Dotted-quad form of an address from {@link #ipv4(String)}. */
    public static String ipv4(int address) {
        return (address >>> 24) + "." + (address >>> 16 & 255) + "." + (address >>> 8 & 255) + "." + (address & 255);
    }
}
