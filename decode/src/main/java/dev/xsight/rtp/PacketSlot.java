package dev.xsight.rtp;

/**
 * One received datagram held in a reusable buffer, with what the receive path learnt about it. Owned by exactly one
 * stage at a time (pool, reorder window, depacketizer); {@link PacketPool#release} hands it back.
 */
public final class PacketSlot {
    /** Datagram bytes; capacity {@link PacketPool#slotBytes()}. */
    public final byte[] data;
    /** Datagram length in {@link #data}. */
    public int length;
    /** Extended RTP sequence number (RFC 3550 A.1). */
    public long extSeq;
    /**
     * Arrival on the receive clock: {@link System#nanoTime()} when the datagram was read (live), or its capture time
     * in nanoseconds since the epoch (replay). Reorder waits, jitter and picture timeouts run on this clock.
     */
    public long arrivalNanos;
    /** {@link System#nanoTime()} when the datagram was handed to the receive path (latency figures). */
    public long receivedNanos;
    /** ST 2022-7 leg it came on (0 or 1). */
    public int leg;
    /** Offset and length of the RTP payload in {@link #data}. */
    public int payloadOffset;
    public int payloadLength;
    /** RTP header fields copied out for the later stages. */
    public boolean marker;
    public long timestamp;
    boolean pooled;

    PacketSlot(int bytes) {
        data = new byte[bytes];
    }

    /** A slot outside any pool (tests, the sender). */
    public static PacketSlot standalone(int bytes) {
        return new PacketSlot(bytes);
    }
}
