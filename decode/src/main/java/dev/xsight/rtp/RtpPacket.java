package dev.xsight.rtp;

/**
 * A typed view of one RTP packet (RFC 3550 section 5.1) over a byte array; {@link #wrap} re-points it at the next
 * datagram without allocating. Header extensions and CSRCs are skipped, padding removed.
 *
 * <p>Not thread-safe: one instance per receiving thread.
 */
public final class RtpPacket {
    /** Fixed header length (RFC 3550 5.1). */
    public static final int HEADER_BYTES = 12;

    /** Outcome of {@link #wrap}: OK or why the datagram is not a usable RTP packet. */
    public enum Status {
        OK, TRUNCATED, BAD_VERSION, BAD_PADDING, BAD_EXTENSION
    }

    private byte[] buf;
    private int off;
    private boolean marker;
    private int payloadType;
    private int sequence;
    private long timestamp;
    private long ssrc;
    private int payloadOffset;
    private int payloadLength;

    /** Points this view at {@code len} bytes of {@code b} from {@code offset} and validates the header. */
    public Status wrap(byte[] b, int offset, int len) {
        buf = b;
        off = offset;
        payloadLength = 0;
        if (len < HEADER_BYTES) {
            return Status.TRUNCATED;
        }
        int b0 = b[offset] & 0xFF;
        if ((b0 >>> 6) != 2) {
            return Status.BAD_VERSION;
        }
        int cc = b0 & 0x0F;
        int b1 = b[offset + 1] & 0xFF;
        marker = (b1 & 0x80) != 0;
        payloadType = b1 & 0x7F;
        sequence = (b[offset + 2] & 0xFF) << 8 | b[offset + 3] & 0xFF;
        timestamp = readU32(b, offset + 4);
        ssrc = readU32(b, offset + 8);
        int pos = HEADER_BYTES + 4 * cc;
        if (pos > len) {
            return Status.TRUNCATED;
        }
        if ((b0 & 0x10) != 0) {
            if (pos + 4 > len) {
                return Status.BAD_EXTENSION;
            }
            int words = (b[offset + pos + 2] & 0xFF) << 8 | b[offset + pos + 3] & 0xFF;
            pos += 4 + 4 * words;
            if (pos > len) {
                return Status.BAD_EXTENSION;
            }
        }
        int end = len;
        if ((b0 & 0x20) != 0) {
            int pad = b[offset + len - 1] & 0xFF;
            if (pad == 0 || pad > end - pos) {
                return Status.BAD_PADDING;
            }
            end -= pad;
        }
        payloadOffset = offset + pos;
        payloadLength = end - pos;
        return Status.OK;
    }

    /** Reads an unsigned 32-bit big-endian value (e.g. the timestamp of a packet not wrapped in a view). */
    public static long readU32Public(byte[] b, int at) {
        return readU32(b, at);
    }

    static long readU32(byte[] b, int at) {
        return ((long) (b[at] & 0xFF) << 24) | (b[at + 1] & 0xFF) << 16 | (b[at + 2] & 0xFF) << 8 | b[at + 3] & 0xFF;
    }

    /** Writes a 12-byte RTP header (V=2, no padding, extension or CSRC) at {@code at}. */
    public static void writeHeader(byte[] b, int at, boolean marker, int payloadType, int sequence, long timestamp,
            long ssrc) {
        b[at] = (byte) 0x80;
        b[at + 1] = (byte) ((marker ? 0x80 : 0) | payloadType & 0x7F);
        b[at + 2] = (byte) (sequence >>> 8);
        b[at + 3] = (byte) sequence;
        b[at + 4] = (byte) (timestamp >>> 24);
        b[at + 5] = (byte) (timestamp >>> 16);
        b[at + 6] = (byte) (timestamp >>> 8);
        b[at + 7] = (byte) timestamp;
        b[at + 8] = (byte) (ssrc >>> 24);
        b[at + 9] = (byte) (ssrc >>> 16);
        b[at + 10] = (byte) (ssrc >>> 8);
        b[at + 11] = (byte) ssrc;
    }

    public byte[] buffer() {
        return buf;
    }

    public boolean marker() {
        return marker;
    }

    public int payloadType() {
        return payloadType;
    }

    /** 16-bit sequence number. */
    public int sequence() {
        return sequence;
    }

    /** 32-bit timestamp as an unsigned value. */
    public long timestamp() {
        return timestamp;
    }

    /** SSRC as an unsigned value. */
    public long ssrc() {
        return ssrc;
    }

    /** Absolute offset of the payload in {@link #buffer()}. */
    public int payloadOffset() {
        return payloadOffset;
    }

    public int payloadLength() {
        return payloadLength;
    }

    /** Offset the view was wrapped at. */
    public int offset() {
        return off;
    }
}
