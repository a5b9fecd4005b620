package dev.xsight.capture;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reads the IPv4 UDP datagrams of a packet capture, in file order: classic pcap (microsecond and nanosecond
 * magic, either byte order) and pcapng (section header, interface description, enhanced, simple and obsolete packet
 * blocks; per-interface link type, timestamp resolution and offset; either byte order, several sections). Link
 * types: Ethernet (any number of 802.1Q / 802.1ad tags, up to 8), Linux cooked capture v1 (SLL) and v2 (SLL2), raw
 * IPv4. Non-first IP fragments and first fragments alike are skipped and counted; so is every record that is not an
 * IPv4 UDP datagram.
 *
 * <p>Every length is checked before anything is allocated or read: a record or block longer than
 * {@link #MAX_RECORD_BYTES} / {@link #MAX_BLOCK_BYTES}, or longer than what is left of the file, a bad magic, a
 * truncated record, a block whose trailing length disagrees with its leading one, or a timestamp fraction out of
 * range is a {@link CaptureFormatException} naming the byte offset. Reading allocates nothing per record: one buffer
 * (grown to the largest record seen, at most {@link #MAX_BLOCK_BYTES}) and one {@link UdpDatagram} view are reused.
 *
 * <p>Not thread-safe: one reading thread.
 */
public final class CaptureReader implements AutoCloseable {
    /** Largest packet record accepted (tcpdump's maximum snapshot length). */
    public static final int MAX_RECORD_BYTES = 262_144;
    /** Largest pcapng block accepted (a packet record plus generous options). */
    public static final int MAX_BLOCK_BYTES = 16 << 20;
    /** Most pcapng interfaces per section. */
    static final int MAX_INTERFACES = 4096;

    static final int PCAP_MAGIC_US = 0xA1B2C3D4;
    static final int PCAP_MAGIC_NS = 0xA1B23C4D;
    static final int PCAPNG_SHB = 0x0A0D0D0A;
    static final int PCAPNG_BOM = 0x1A2B3C4D;
    static final int PCAPNG_IDB = 1;
    static final int PCAPNG_OPB = 2;
    static final int PCAPNG_SPB = 3;
    static final int PCAPNG_EPB = 6;

    public static final int LINKTYPE_ETHERNET = 1;
    public static final int LINKTYPE_RAW = 101;
    public static final int LINKTYPE_LINUX_SLL = 113;
    public static final int LINKTYPE_IPV4 = 228;
    public static final int LINKTYPE_LINUX_SLL2 = 276;

    /** What a capture held besides the datagrams handed out. */
    public record Counts(long records, long udpDatagrams, long ipFragments, long nonIpv4, long nonUdp,
            long unsupportedLinkType, long truncated) {
        /** Records skipped, for any reason. */
        public long skipped() {
            return ipFragments + nonIpv4 + nonUdp + unsupportedLinkType + truncated;
        }
    }

    /** Capture file formats. */
    public enum Format { PCAP, PCAPNG }

    private final InputStream in;
    private final long size;
    private final Format format;
    private final byte[] head = new byte[32];
    private byte[] buf = new byte[65_536];
    private long pos;
    private boolean bigEndian;
    // Classic pcap.
    private boolean nanos;
    private int pcapLinkType;
    // pcapng: the current section's interfaces.
    private int interfaces;
    private int[] ifLinkType = new int[4];
    private int[] ifSnapLen = new int[4];
    private long[] ifResolution = new long[4];
    private long[] ifOffsetSeconds = new long[4];
    private long lastTimestampNanos;
    // Counters.
    private long records;
    private long udp;
    private long fragments;
    private long nonIpv4;
    private long nonUdp;
    private long unsupportedLink;
    private long truncated;

    /**
     * Reads a capture from a stream of {@code size} bytes ({@code -1}: unknown); reads and checks the file header.
     *
     * @throws CaptureFormatException when the stream does not start with a pcap or pcapng header
     */
    public CaptureReader(InputStream in, long size) throws IOException {
        this.in = in;
        this.size = size;
        int n = readUpTo(head, 0, 4);
        if (n < 4) {
            throw new CaptureFormatException(0, n == 0 ? "empty capture file" : "capture file of " + n + " bytes"
                    + " is too short for a header");
        }
        int magic = u32be(head, 0);
        if (magic == PCAPNG_SHB) {
            format = Format.PCAPNG;
            readFully(head, 4, 4, 4, "section header block");
            sectionHeader(0);
        } else if (magic == PCAP_MAGIC_US || magic == PCAP_MAGIC_NS || Integer.reverseBytes(magic) == PCAP_MAGIC_US
                || Integer.reverseBytes(magic) == PCAP_MAGIC_NS) {
            format = Format.PCAP;
            bigEndian = magic == PCAP_MAGIC_US || magic == PCAP_MAGIC_NS;
            nanos = magic == PCAP_MAGIC_NS || Integer.reverseBytes(magic) == PCAP_MAGIC_NS;
            readFully(head, 4, 20, 4, "pcap file header");
            int major = u16(head, 4);
            if (major != 2) {
                throw new CaptureFormatException(4, "unsupported pcap version " + major + "." + u16(head, 6));
            }
            // The link type is the low 16 bits; bits 26 to 31 may carry FCS information (ignored: the IP and UDP
            // lengths bound the payload, so a trailing FCS is never part of it).
            pcapLinkType = u32(head, 20) & 0xFFFF;
        } else {
            throw new CaptureFormatException(0, String.format("not a pcap or pcapng capture: magic 0x%08X", magic));
        }
    }

    /** Opens a capture file. */
    public static CaptureReader open(Path file) throws IOException {
        long size = Files.size(file);
        InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 20);
        try {
            return new CaptureReader(in, size);
        } catch (IOException | RuntimeException e) {
            in.close();
            throw e;
        }
    }

    public Format format() {
        return format;
    }

    /** Byte order of the current section (classic pcap: of the file). */
    public boolean bigEndian() {
        return bigEndian;
    }

    /** Bytes consumed so far. */
    public long position() {
        return pos;
    }

    public Counts counts() {
        return new Counts(records, udp, fragments, nonIpv4, nonUdp, unsupportedLink, truncated);
    }

    /**
     * Fills {@code d} with the next IPv4 UDP datagram of the capture.
     *
     * @return false at the end of the capture
     * @throws CaptureFormatException when the capture is broken at the current position
     */
    public boolean next(UdpDatagram d) throws IOException {
        return format == Format.PCAP ? nextPcap(d) : nextPcapng(d);
    }

    private boolean nextPcap(UdpDatagram d) throws IOException {
        while (true) {
            long at = pos;
            int n = readUpTo(head, 0, 16);
            if (n == 0) {
                return false;
            }
            if (n < 16) {
                throw new CaptureFormatException(at, "truncated pcap record header (" + n + " of 16 bytes)");
            }
            long sec = u32(head, 0) & 0xFFFF_FFFFL;
            long frac = u32(head, 4) & 0xFFFF_FFFFL;
            long capLen = u32(head, 8) & 0xFFFF_FFFFL;
            // Bytes 12..16: the original length; a record cut by the snapshot length shows in the IP length check.
            if (frac >= (nanos ? 1_000_000_000L : 1_000_000L)) {
                throw new CaptureFormatException(at + 4, "timestamp fraction " + frac + " out of range: not a pcap"
                        + " record");
            }
            if (capLen > MAX_RECORD_BYTES) {
                throw new CaptureFormatException(at + 8, "record length " + capLen + " exceeds "
                        + MAX_RECORD_BYTES);
            }
            checkRemaining(at, capLen, "pcap record");
            int len = (int) capLen;
            ensure(len);
            readFully(buf, 0, len, at + 16, "pcap record");
            records++;
            long ts = sec * 1_000_000_000L + (nanos ? frac : frac * 1000);
            lastTimestampNanos = ts;
            if (parse(pcapLinkType, buf, 0, len, d)) {
                d.timestampNanos = ts;
                d.recordOffset = at;
                d.interfaceId = 0;
                return true;
            }
        }
    }

    private boolean nextPcapng(UdpDatagram d) throws IOException {
        while (true) {
            long at = pos;
            int n = readUpTo(head, 0, 8);
            if (n == 0) {
                return false;
            }
            if (n < 8) {
                throw new CaptureFormatException(at, "truncated pcapng block header (" + n + " of 8 bytes)");
            }
            int type = u32(head, 0);
            if (type == PCAPNG_SHB) {
                sectionHeader(at);
                continue;
            }
            long total = u32(head, 4) & 0xFFFF_FFFFL;
            checkBlockLength(at, total);
            int body = (int) total - 12;
            if (type == PCAPNG_EPB || type == PCAPNG_OPB || type == PCAPNG_SPB) {
                // The fixed fields first; the packet data into the buffer; options (if any) skipped.
                int fixed = type == PCAPNG_SPB ? 4 : 20;
                if (body < fixed) {
                    throw new CaptureFormatException(at + 4, "packet block of " + total + " bytes is shorter than"
                            + " its fixed fields");
                }
                readFully(head, 8, fixed, at + 8, "packet block");
                int iface;
                long capLen;
                long ts;
                if (type == PCAPNG_SPB) {
                    iface = 0;
                    long origLen = u32(head, 8) & 0xFFFF_FFFFL;
                    capLen = Math.min(origLen, body - 4);
                    if (interfaces > 0 && ifSnapLen[0] > 0) {
                        capLen = Math.min(capLen, ifSnapLen[0]);
                    }
                    ts = lastTimestampNanos; // a simple packet block has no timestamp: the previous one stands in
                } else {
                    iface = type == PCAPNG_OPB ? u16(head, 8) : u32(head, 8);
                    long raw = (u32(head, 12) & 0xFFFF_FFFFL) << 32 | (u32(head, 16) & 0xFFFF_FFFFL);
                    capLen = u32(head, 20) & 0xFFFF_FFFFL;
                    if (capLen > body - 20) {
                        throw new CaptureFormatException(at + 20, "captured length " + capLen + " exceeds the"
                                + " block's " + (body - 20) + " bytes of packet data");
                    }
                    if (iface < 0 || iface >= interfaces) {
                        throw new CaptureFormatException(at + 8, "packet of interface " + (iface & 0xFFFF_FFFFL)
                                + ", but the section describes " + interfaces);
                    }
                    ts = timestamp(iface, raw);
                    lastTimestampNanos = ts;
                }
                if (interfaces == 0) {
                    throw new CaptureFormatException(at, "packet block before any interface description block");
                }
                if (capLen > MAX_RECORD_BYTES) {
                    throw new CaptureFormatException(at + 20, "record length " + capLen + " exceeds "
                            + MAX_RECORD_BYTES);
                }
                int len = (int) capLen;
                ensure(len);
                readFully(buf, 0, len, at + 8 + fixed, "packet data");
                skip(body - fixed - len, at);
                trailer(at, total);
                records++;
                if (parse(ifLinkType[iface], buf, 0, len, d)) {
                    d.timestampNanos = ts;
                    d.recordOffset = at;
                    d.interfaceId = iface;
                    return true;
                }
            } else if (type == PCAPNG_IDB) {
                if (body < 8) {
                    throw new CaptureFormatException(at + 4, "interface description block of " + total
                            + " bytes is too short");
                }
                ensure(body);
                readFully(buf, 0, body, at + 8, "interface description block");
                trailer(at, total);
                interfaceDescription(at, body);
            } else {
                skip(body, at); // name resolution, statistics, custom and unknown blocks
                trailer(at, total);
            }
        }
    }

    /** Section header block at {@code at}; {@code head[0, 8)} holds its type and length already. */
    private void sectionHeader(long at) throws IOException {
        readFully(head, 8, 4, at + 8, "section header block");
        int bom = u32be(head, 8);
        if (bom == PCAPNG_BOM) {
            bigEndian = true;
        } else if (Integer.reverseBytes(bom) == PCAPNG_BOM) {
            bigEndian = false;
        } else {
            throw new CaptureFormatException(at + 8, String.format("bad pcapng byte-order magic 0x%08X", bom));
        }
        long total = u32(head, 4) & 0xFFFF_FFFFL;
        checkBlockLength(at, total);
        if (total < 28) {
            throw new CaptureFormatException(at + 4, "section header block of " + total + " bytes is too short");
        }
        readFully(head, 12, 4, at + 12, "section header block");
        int major = u16(head, 12);
        if (major != 1) {
            throw new CaptureFormatException(at + 12, "unsupported pcapng version " + major + "." + u16(head, 14));
        }
        skip(total - 16 - 4, at); // section length and options
        trailer(at, total);
        interfaces = 0;
    }

    private void interfaceDescription(long at, int body) throws CaptureFormatException {
        if (interfaces >= MAX_INTERFACES) {
            throw new CaptureFormatException(at, "more than " + MAX_INTERFACES + " interfaces in one section");
        }
        if (interfaces == ifLinkType.length) {
            int n = interfaces * 2;
            ifLinkType = java.util.Arrays.copyOf(ifLinkType, n);
            ifSnapLen = java.util.Arrays.copyOf(ifSnapLen, n);
            ifResolution = java.util.Arrays.copyOf(ifResolution, n);
            ifOffsetSeconds = java.util.Arrays.copyOf(ifOffsetSeconds, n);
        }
        int i = interfaces;
        ifLinkType[i] = u16(buf, 0);
        ifSnapLen[i] = u32(buf, 4);
        ifResolution[i] = 6; // if_tsresol absent: microseconds
        ifOffsetSeconds[i] = 0;
        int p = 8;
        while (p + 4 <= body) {
            int code = u16(buf, p);
            int len = u16(buf, p + 2);
            int value = p + 4;
            if (code == 0) {
                break; // opt_endofopt
            }
            if (value + len > body) {
                throw new CaptureFormatException(at + 8 + p, "interface option " + code + " of " + len
                        + " bytes runs past its block");
            }
            if (code == 9 && len >= 1) {
                int r = buf[value] & 0xFF;
                boolean pow2 = (r & 0x80) != 0;
                int exp = r & 0x7F;
                if (!pow2 && exp > 18 || pow2 && exp > 62) {
                    throw new CaptureFormatException(at + 8 + value, "timestamp resolution " + r + " not supported");
                }
                ifResolution[i] = pow2 ? -exp - 1 : exp; // negative: powers of two
            } else if (code == 14 && len >= 8) {
                ifOffsetSeconds[i] = (long) u32(buf, value + (bigEndian ? 0 : 4)) << 32
                        | (u32(buf, value + (bigEndian ? 4 : 0)) & 0xFFFF_FFFFL);
            }
            p = value + (len + 3 & ~3);
        }
        interfaces++;
    }

    /** Nanoseconds since the epoch of a raw pcapng timestamp of interface {@code i}. */
    private long timestamp(int i, long raw) {
        long r = ifResolution[i];
        long ns;
        if (r >= 0) {
            int e = (int) r;
            ns = e <= 9 ? raw * POW10[9 - e] : raw / POW10[e - 9];
        } else {
            int k = (int) (-r - 1);
            long whole = k == 0 ? raw : raw >>> k;
            long frac = k == 0 ? 0 : raw & ((1L << k) - 1);
            long fracNs = k <= 32 ? frac * 1_000_000_000L >>> k
                    : (frac >>> (k - 32)) * 1_000_000_000L >>> 32;
            ns = whole * 1_000_000_000L + fracNs;
        }
        return ns + ifOffsetSeconds[i] * 1_000_000_000L;
    }

    private static final long[] POW10 = {1L, 10L, 100L, 1_000L, 10_000L, 100_000L, 1_000_000L, 10_000_000L,
        100_000_000L, 1_000_000_000L};

    private void checkBlockLength(long at, long total) throws CaptureFormatException {
        if (total < 12 || (total & 3) != 0) {
            throw new CaptureFormatException(at + 4, "block length " + total + " is not a multiple of 4 of at"
                    + " least 12");
        }
        if (total > MAX_BLOCK_BYTES) {
            throw new CaptureFormatException(at + 4, "block length " + total + " exceeds " + MAX_BLOCK_BYTES);
        }
        if (size >= 0 && at + total > size) {
            throw new CaptureFormatException(at, "truncated pcapng block: " + total + " bytes, "
                    + (size - at) + " left in the file");
        }
    }

    private void trailer(long at, long total) throws IOException {
        readFully(head, 28, 4, pos, "block trailer");
        long t = u32(head, 28) & 0xFFFF_FFFFL;
        if (t != total) {
            throw new CaptureFormatException(pos - 4, "block trailer length " + t + " differs from the block's"
                    + " length " + total + " (block at offset " + at + ")");
        }
    }

    private void checkRemaining(long at, long needed, String what) throws CaptureFormatException {
        if (size >= 0 && pos + needed > size) {
            throw new CaptureFormatException(at, "truncated " + what + ": " + needed + " bytes needed, "
                    + (size - pos) + " left in the file");
        }
    }

    /** Decodes the link layer, IPv4 and UDP; true (and {@code d} filled) for an unfragmented UDP datagram. */
    private boolean parse(int linkType, byte[] b, int off, int len, UdpDatagram d) {
        int end = off + len;
        int p;
        int proto;
        switch (linkType) {
            case LINKTYPE_ETHERNET -> {
                if (len < 14) {
                    truncated++;
                    return false;
                }
                p = off + 12;
                proto = be16(b, p);
                p += 2;
                for (int tags = 0; (proto == 0x8100 || proto == 0x88A8 || proto == 0x9100) && tags < 8; tags++) {
                    if (p + 4 > end) {
                        truncated++;
                        return false;
                    }
                    proto = be16(b, p + 2);
                    p += 4;
                }
            }
            case LINKTYPE_LINUX_SLL -> {
                if (len < 16) {
                    truncated++;
                    return false;
                }
                proto = be16(b, off + 14);
                p = off + 16;
            }
            case LINKTYPE_LINUX_SLL2 -> {
                if (len < 20) {
                    truncated++;
                    return false;
                }
                proto = be16(b, off);
                p = off + 20;
            }
            case LINKTYPE_RAW, LINKTYPE_IPV4 -> {
                if (len < 1) {
                    truncated++;
                    return false;
                }
                proto = (b[off] & 0xF0) == 0x40 ? 0x0800 : 0;
                p = off;
            }
            default -> {
                unsupportedLink++;
                return false;
            }
        }
        if (proto != 0x0800) {
            nonIpv4++;
            return false;
        }
        if (p + 20 > end) {
            truncated++;
            return false;
        }
        int vihl = b[p] & 0xFF;
        int ihl = (vihl & 0x0F) * 4;
        int total = be16(b, p + 2);
        if (vihl >> 4 != 4 || ihl < 20 || total < ihl) {
            nonIpv4++; // not a well-formed IPv4 header
            return false;
        }
        if (p + total > end) {
            truncated++; // cut by the snapshot length (or a lying header)
            return false;
        }
        int flagsFrag = be16(b, p + 6);
        if ((flagsFrag & 0x3FFF) != 0) {
            fragments++; // MF set or a fragment offset: reassembly is not attempted
            return false;
        }
        if ((b[p + 9] & 0xFF) != 17) {
            nonUdp++;
            return false;
        }
        int u = p + ihl;
        if (u + 8 > p + total) {
            truncated++;
            return false;
        }
        int udpLen = be16(b, u + 4);
        if (udpLen < 8 || u + udpLen > p + total) {
            truncated++;
            return false;
        }
        udp++;
        d.source = be32(b, p + 12);
        d.destination = be32(b, p + 16);
        d.sourcePort = be16(b, u);
        d.destinationPort = be16(b, u + 2);
        d.data = b;
        d.offset = u + 8;
        d.length = udpLen - 8;
        return true;
    }

    private void ensure(int n) {
        if (buf.length < n) {
            buf = new byte[Math.max(n, Math.min(MAX_BLOCK_BYTES, buf.length * 2))];
        }
    }

    private int readUpTo(byte[] b, int off, int n) throws IOException {
        int got = in.readNBytes(b, off, n);
        pos += got;
        return got;
    }

    private void readFully(byte[] b, int off, int n, long at, String what) throws IOException {
        int got = readUpTo(b, off, n);
        if (got < n) {
            throw new CaptureFormatException(at, "truncated " + what + ": file ends after " + got + " of " + n
                    + " bytes");
        }
    }

    private void skip(long n, long at) throws IOException {
        long left = n;
        while (left > 0) {
            long s = in.skip(left);
            if (s <= 0) {
                if (in.read() < 0) {
                    throw new CaptureFormatException(at, "truncated block: file ends " + left + " bytes early");
                }
                s = 1;
            }
            left -= s;
            pos += s;
        }
    }

    private int u16(byte[] b, int i) {
        return bigEndian ? be16(b, i) : (b[i] & 0xFF) | (b[i + 1] & 0xFF) << 8;
    }

    private int u32(byte[] b, int i) {
        return bigEndian ? be32(b, i) : Integer.reverseBytes(be32(b, i));
    }

    private static int u32be(byte[] b, int i) {
        return be32(b, i);
    }

    static int be16(byte[] b, int i) {
        return (b[i] & 0xFF) << 8 | (b[i + 1] & 0xFF);
    }

    static int be32(byte[] b, int i) {
        return (b[i] & 0xFF) << 24 | (b[i + 1] & 0xFF) << 16 | (b[i + 2] & 0xFF) << 8 | (b[i + 3] & 0xFF);
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
