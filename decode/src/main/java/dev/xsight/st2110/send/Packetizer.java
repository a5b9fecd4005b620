package dev.xsight.st2110.send;

import dev.xsight.rtp.RtpPacket;
import dev.xsight.st2110.CodestreamFormatException;
import dev.xsight.st2110.JxsFraming;
import dev.xsight.st2110.JxsPayloadHeader;
import dev.xsight.st2110.PacketMode;

/**
 * Cuts one picture segment into RTP packets per RFC 9134 section 4: codestream mode (K=0, one packetization unit,
 * packet index SEP x 2048 + P) or slice mode (K=1, the header segment with SEP 2047, then one unit per slice with SEP
 * = slice index modulo 2047 and P counting packets within the unit). T=1 (sequential); I=0 (progressive); the F
 * counter advances per picture; M and L on the last packet of the picture, L on the last packet of each unit.
 *
 * <p>Not thread-safe; one instance per stream. Reuses one packet buffer: the consumer must copy or send before
 * returning.
 */
public final class Packetizer {
    /** Receives each packet; the bytes are valid only during the call. */
    public interface PacketConsumer {
        void packet(byte[] b, int off, int len, boolean lastOfPicture);
    }

    private final PacketMode mode;
    private final int payloadType;
    private final long ssrc;
    private final int maxData;
    private final byte[] packet;
    private int sequence;
    private int frameCounter;
    private int field;
    private int[] sliceOffsets = new int[256];

    /**
     * @param maxDatagram largest UDP payload to send (RTP header included), e.g. 1460 for a 1500-byte MTU
     */
    public Packetizer(PacketMode mode, int payloadType, long ssrc, int initialSequence, int maxDatagram) {
        if (maxDatagram < 64 || maxDatagram > 65000) {
            throw new IllegalArgumentException("datagram size " + maxDatagram + " out of 64..65000");
        }
        this.mode = mode;
        this.payloadType = payloadType;
        this.ssrc = ssrc;
        this.sequence = initialSequence & 0xFFFF;
        this.maxData = maxDatagram - RtpPacket.HEADER_BYTES - JxsPayloadHeader.BYTES;
        this.packet = new byte[maxDatagram];
    }

    /** Data bytes carried per full packet. */
    public int maxDataPerPacket() {
        return maxData;
    }

    /** Number of packets {@link #packetize} will produce for a codestream-mode picture of {@code len} bytes. */
    public int packetsFor(int len) {
        return (len + maxData - 1) / maxData;
    }

    /**
     * Packetizes the picture segment {@code b[off, off+len)} with RTP timestamp {@code rtpTime}.
     *
     * @return number of packets produced
     * @throws CodestreamFormatException in slice mode when the slices cannot be located
     */
    public int packetize(byte[] b, int off, int len, long rtpTime, PacketConsumer out)
            throws CodestreamFormatException {
        return packetize(b, off, len, rtpTime, 0, out);
    }

    /**
     * As {@link #packetize(byte[], int, int, long, PacketConsumer)} for one field of an interlaced or PsF frame:
     * {@code field} is the I value, 2 for the first field and 3 for the second (0 progressive). Both fields of a
     * frame carry the same F counter (RFC 9134 4.3).
     */
    public int packetize(byte[] b, int off, int len, long rtpTime, int field, PacketConsumer out)
            throws CodestreamFormatException {
        if (field == 1 || field < 0 || field > 3) {
            throw new IllegalArgumentException("I must be 0, 2 or 3, got " + field);
        }
        if (b == null || off < 0 || len < 0 || off > b.length - len) {
            throw new IllegalArgumentException("picture segment " + off + "+" + len + " outside its buffer");
        }
        this.field = field;
        int f = frameCounter;
        if (field != 2) {
            frameCounter = (frameCounter + 1) & 31;
        }
        if (mode == PacketMode.CODESTREAM) {
            return unit(b, off, len, rtpTime, f, -1, true, out);
        }
        JxsFraming.Header h = JxsFraming.header(b, off, len);
        if (sliceOffsets.length < h.sliceCount() + 1) {
            sliceOffsets = new int[h.sliceCount() + 1];
        }
        JxsFraming.sliceOffsets(b, off, len, h, sliceOffsets);
        int n = unit(b, off, h.firstSliceOffset(), rtpTime, f, JxsPayloadHeader.HEADER_SEGMENT_SEP, false, out);
        for (int s = 0; s < h.sliceCount(); s++) {
            int start = sliceOffsets[s];
            int end = sliceOffsets[s + 1];
            n += unit(b, off + start, end - start, rtpTime, f, s % JxsPayloadHeader.HEADER_SEGMENT_SEP,
                    s == h.sliceCount() - 1, out);
        }
        return n;
    }

    private int unit(byte[] b, int off, int len, long rtpTime, int f, int sep, boolean lastUnit,
            PacketConsumer out) {
        int count = Math.max(1, (len + maxData - 1) / maxData);
        for (int i = 0; i < count; i++) {
            int start = i * maxData;
            int n = Math.min(maxData, len - start);
            boolean last = i == count - 1;
            boolean lastOfPicture = last && (lastUnit || sep < 0);
            int hdr = sep < 0
                    ? JxsPayloadHeader.pack(true, 0, last, field, f, i >>> 11, i)
                    : JxsPayloadHeader.pack(true, 1, last, field, f, sep, i);
            RtpPacket.writeHeader(packet, 0, lastOfPicture, payloadType, sequence, rtpTime, ssrc);
            JxsPayloadHeader.write(packet, RtpPacket.HEADER_BYTES, hdr);
            System.arraycopy(b, off + start, packet, RtpPacket.HEADER_BYTES + JxsPayloadHeader.BYTES, n);
            sequence = (sequence + 1) & 0xFFFF;
            out.packet(packet, 0, RtpPacket.HEADER_BYTES + JxsPayloadHeader.BYTES + n, lastOfPicture);
        }
        return count;
    }

    /** Sequence number the next packet will carry. */
    public int nextSequence() {
        return sequence;
    }
}
