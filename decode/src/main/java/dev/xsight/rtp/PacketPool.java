package dev.xsight.rtp;

/**
 * A fixed set of {@link PacketSlot}s allocated up front: the receive path never allocates per packet, and when every
 * slot is in use the datagram is dropped and counted (memory stays bounded whatever arrives).
 *
 * <p>Confined to one thread (the stream's event loop).
 */
public final class PacketPool {
    private final PacketSlot[] free;
    private final int slotBytes;
    private int count;
    private long exhausted;

    public PacketPool(int slots, int slotBytes) {
        if (slots <= 0 || slots > 1 << 20 || slotBytes < RtpPacket.HEADER_BYTES || slotBytes > 65536) {
            throw new IllegalArgumentException("bad packet pool " + slots + " x " + slotBytes);
        }
        this.slotBytes = slotBytes;
        free = new PacketSlot[slots];
        for (int i = 0; i < slots; i++) {
            free[i] = new PacketSlot(slotBytes);
            free[i].pooled = true;
        }
        count = slots;
    }

    /** A free slot, or null when all are in use (counted in {@link #exhausted()}). */
    public PacketSlot acquire() {
        if (count == 0) {
            exhausted++;
            return null;
        }
        PacketSlot s = free[--count];
        s.pooled = false;
        return s;
    }

    /** Returns a slot; releasing one twice is a programming error. */
    public void release(PacketSlot s) {
        if (s.pooled) {
            throw new IllegalStateException("packet slot released twice");
        }
        s.pooled = true;
        free[count++] = s;
    }

    public int slotBytes() {
        return slotBytes;
    }

    public int available() {
        return count;
    }

    /** Times {@link #acquire} found no free slot. */
    public long exhausted() {
        return exhausted;
    }
}
