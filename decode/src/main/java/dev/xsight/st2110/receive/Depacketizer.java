package dev.xsight.st2110.receive;

import dev.xsight.rtp.PacketPool;
import dev.xsight.rtp.PacketSlot;
import dev.xsight.rtp.ReorderBuffer;
import dev.xsight.st2110.CodestreamFormatException;
import dev.xsight.st2110.JxsFraming;
import dev.xsight.st2110.JxsPayloadHeader;
import dev.xsight.st2110.PacketMode;

/**
 * Rebuilds JPEG XS picture segments from in-order RFC 9134 packets and the gaps between them.
 *
 * <p>Codestream mode (K=0): a picture is complete when its packets carry consecutive packet indices (SEP x 2048 + P)
 * from 0, one F counter, no gap, and the last has M=1 and L=1; anything else drops the whole picture. Slice mode
 * (K=1): each packetization unit (header segment SEP=2047, then one unit per slice, P from 0, L on its last packet)
 * is handed on as soon as every P from 0 to the L packet's has arrived, in any order (transmode T=0 as well as T=1);
 * a unit that closes incomplete is left out and the decode side conceals its rows. Picture
 * boundaries are the RTP timestamp change and the marker bit (RFC 9134 section 4.1).
 *
 * <p>Confined to the stream's event loop; the sink's picture methods run there too and must not block.
 */
public final class Depacketizer implements ReorderBuffer.Output {
    /** Receives assembled pictures. Buffers belong to the sink until it releases them. */
    public interface PictureSink {
        /** Codestream mode: a complete picture segment of {@code buf.length()} bytes. */
        void picture(PictureBuffer buf);

        /** Slice mode: the header segment {@code [0, header.firstSliceOffset())} is complete. */
        void header(PictureBuffer buf, JxsFraming.Header header);

        /** Slice mode: slice {@code slice} is complete at {@code buf.data()[off, off+len)}. */
        void slice(PictureBuffer buf, int slice, int off, int len);

        /**
         * Slice mode: the picture whose header was delivered has ended; {@code delivered[s]} says which slices came.
         * The array is reused: read it before returning.
         */
        void end(PictureBuffer buf, boolean[] delivered, int sliceCount);

        /** A picture that will not be decoded (the buffer, if any, is already back). */
        void dropped(long rtpTimestamp, DropReason reason, int pictures);
    }

    private final PacketMode mode;
    private final PacketPool pool;
    private final StreamCounters counters;
    private final PictureSink sink;
    private final PictureBuffer[] buffers;
    private final long maxBytes;

    private boolean open;
    private PictureBuffer cur;
    private long curTs;
    private int curF;
    private int curField;
    private int lastF = -1;
    private boolean damaged;
    private DropReason damage;
    private boolean lossPending;
    private int expectIndex;
    private long lastArrival;
    private long lastReceived;
    /** Notified when a picture buffer is released (see {@link #awaitFreeBuffer()}). */
    private final Object bufferGate = new Object();
    // Slice mode state.
    private boolean unitOpen;
    private int unitSep;
    private int unitNextP;
    private int unitStart;
    private boolean unitDamaged;
    private int unitLastP;
    /** Slice mode: packets of the open unit that arrived before their predecessors, by P counter. */
    private final PacketSlot[] unitHeld = new PacketSlot[JxsPayloadHeader.COUNTER_MAX + 1];
    private int unitHeldCount;
    private boolean heldCurrent;
    private static final int MAX_HELD = 512;
    private JxsFraming.Header header;
    private boolean[] delivered = new boolean[0];

    /**
     * @param buffers picture buffers to rotate through (at least 2: one filling, one decoding)
     * @param maxBytes largest picture segment accepted (from b=AS); also each buffer's capacity
     */
    public Depacketizer(PacketMode mode, PacketPool pool, StreamCounters counters, int buffers, int maxBytes,
            PictureSink sink) {
        if (buffers < 1 || maxBytes <= 0) {
            throw new IllegalArgumentException("bad buffers " + buffers + " / size " + maxBytes);
        }
        this.mode = mode;
        this.pool = pool;
        this.counters = counters;
        this.sink = sink;
        this.maxBytes = maxBytes;
        this.buffers = new PictureBuffer[buffers];
        for (int i = 0; i < buffers; i++) {
            this.buffers[i] = new PictureBuffer(maxBytes, bufferGate);
        }
    }

    @Override
    public void onLost(long firstExtSeq, long count) {
        lossPending = true;
    }

    @Override
    public void onPacket(PacketSlot slot) {
        heldCurrent = false;
        try {
            handle(slot);
        } finally {
            lossPending = false;
            if (!heldCurrent && pool != null) {
                pool.release(slot);
            }
        }
    }

    private void handle(PacketSlot s) {
        if (s.payloadLength < JxsPayloadHeader.BYTES) {
            counters.badPayloadHeader++;
            return;
        }
        int h = JxsPayloadHeader.read(s.data, s.payloadOffset);
        if (JxsPayloadHeader.k(h) != mode.k()) {
            // RFC 9134 7.1: K must match the signalled packetmode; such a packet cannot be placed.
            counters.modeMismatch++;
            return;
        }
        if (JxsPayloadHeader.i(h) == 1) {
            counters.badPayloadHeader++;
            return;
        }
        int f = JxsPayloadHeader.f(h);
        if (!open || s.timestamp != curTs) {
            if (open) {
                endPicture(DropReason.INCOMPLETE);
            }
            start(s.timestamp, f, JxsPayloadHeader.i(h));
            if (mode == PacketMode.CODESTREAM && JxsPayloadHeader.packetIndex(h) == 0) {
                // T=1: a gap right before the first packet of a new picture belongs to the previous picture.
                lossPending = false;
            }
        }
        lastArrival = s.arrivalNanos;
        lastReceived = s.receivedNanos;
        if (JxsPayloadHeader.i(h) != curField) {
            damage(DropReason.INCONSISTENT);
            counters.inconsistentCounters++;
        }
        if (f != curF) {
            damage(DropReason.INCONSISTENT);
            counters.inconsistentCounters++;
        }
        int data = s.payloadOffset + JxsPayloadHeader.BYTES;
        int n = s.payloadLength - JxsPayloadHeader.BYTES;
        if (mode == PacketMode.CODESTREAM) {
            codestreamPacket(s, h, data, n);
        } else {
            slicePacket(s, h, data, n);
        }
    }

    private void start(long ts, int f, int field) {
        open = true;
        curField = field;
        curTs = ts;
        curF = f;
        damaged = false;
        damage = null;
        expectIndex = 0;
        unitOpen = false;
        header = null;
        if (lastF >= 0) {
            // The second field of a frame repeats its first field's F counter.
            int gap = (f - lastF) & 31;
            if (gap > 1 && gap < 31) {
                // ST 2110-22 / RFC 9134: F advances by one per picture; whole pictures vanished in between.
                counters.framesDropped += gap - 1;
                sink.dropped(ts, DropReason.MISSING, gap - 1);
            }
        }
        lastF = f;
        cur = null;
        for (PictureBuffer b : buffers) {
            if (b.tryAcquire()) {
                cur = b;
                break;
            }
        }
        if (cur == null) {
            damage(DropReason.DECODER_BUSY);
        } else {
            cur.rtpTimestamp = ts;
            cur.frameCounter = f;
            cur.field = field;
        }
    }

    private void damage(DropReason r) {
        if (!damaged) {
            damaged = true;
            damage = r;
        }
    }

    private void codestreamPacket(PacketSlot s, int h, int data, int n) {
        int idx = JxsPayloadHeader.packetIndex(h);
        if (lossPending) {
            damage(DropReason.PACKET_LOST);
        }
        if (idx != expectIndex) {
            if (!lossPending && idx != 0) {
                counters.inconsistentCounters++;
            }
            damage(lossPending || idx != 0 ? DropReason.PACKET_LOST : DropReason.INCONSISTENT);
        }
        expectIndex = (idx + 1) & 0x3FFFFF;
        append(s.data, data, n);
        boolean l = JxsPayloadHeader.l(h);
        if (l != s.marker) {
            // In codestream mode the picture is the only packetization unit: L and M go together.
            counters.inconsistentCounters++;
            damage(DropReason.INCONSISTENT);
        }
        if (s.marker) {
            endPicture(null);
        }
    }

    private void append(byte[] src, int data, int n) {
        if (damaged || cur == null) {
            return;
        }
        if (cur.length + (long) n > maxBytes) {
            counters.oversize++;
            damage(DropReason.OVERSIZE);
            return;
        }
        System.arraycopy(src, data, cur.data, cur.length, n);
        cur.length += n;
    }

    private void slicePacket(PacketSlot s, int h, int data, int n) {
        int sep = JxsPayloadHeader.sep(h);
        int p = JxsPayloadHeader.p(h);
        if (!unitOpen || sep != unitSep) {
            // Units follow one another (RFC 9134 4.3); a new SEP closes the previous unit, complete or not.
            if (unitOpen) {
                closeUnit();
            }
            unitOpen = true;
            unitSep = sep;
            unitStart = cur == null ? 0 : cur.length;
            unitDamaged = false;
            unitNextP = 0;
            unitLastP = -1;
        }
        if (JxsPayloadHeader.l(h)) {
            if (unitLastP >= 0 && unitLastP != p) {
                counters.inconsistentCounters++;
                unitDamaged = true;
            }
            unitLastP = p;
        }
        if (p < unitNextP || unitHeld[p] != null || unitLastP >= 0 && p > unitLastP) {
            // A P counter already seen, or beyond the unit's last packet: contradictory, ignore the packet.
            counters.inconsistentCounters++;
        } else if (p == unitNextP) {
            appendUnit(s.data, data, n);
            unitNextP++;
            drainHeld();
        } else if (unitHeldCount >= MAX_HELD) {
            unitDamaged = true;
        } else {
            // T=0 (or reordering the RTP sequence could not undo): keep the packet until its predecessors arrive.
            unitHeld[p] = s;
            unitHeldCount++;
            heldCurrent = true;
        }
        if (unitLastP >= 0 && unitNextP > unitLastP) {
            unitOpen = false;
            finishUnit();
        }
        if (s.marker) {
            endPicture(null);
        }
    }

    private void appendUnit(byte[] src, int data, int n) {
        if (unitDamaged || damaged || cur == null) {
            return;
        }
        if (cur.length + (long) n > maxBytes) {
            counters.oversize++;
            unitDamaged = true;
            return;
        }
        System.arraycopy(src, data, cur.data, cur.length, n);
        cur.length += n;
    }

    private void drainHeld() {
        while (unitNextP < unitHeld.length && unitHeld[unitNextP] != null) {
            PacketSlot q = unitHeld[unitNextP];
            unitHeld[unitNextP] = null;
            unitHeldCount--;
            appendUnit(q.data, q.payloadOffset + JxsPayloadHeader.BYTES, q.payloadLength - JxsPayloadHeader.BYTES);
            releaseSlot(q);
            unitNextP++;
        }
    }

    /** Ends the open unit before it completed: it is damaged; packets held for it go back to the pool. */
    private void closeUnit() {
        unitOpen = false;
        unitDamaged = true;
        if (unitHeldCount > 0) {
            for (int i = 0; i < unitHeld.length && unitHeldCount > 0; i++) {
                if (unitHeld[i] != null) {
                    releaseSlot(unitHeld[i]);
                    unitHeld[i] = null;
                    unitHeldCount--;
                }
            }
        }
        finishUnit();
    }

    private void releaseSlot(PacketSlot q) {
        if (pool != null) {
            pool.release(q);
        }
    }

    private void finishUnit() {
        unitOpen = false;
        if (cur == null || damaged) {
            return;
        }
        if (unitDamaged) {
            cur.length = unitStart;
            if (unitSep == JxsPayloadHeader.HEADER_SEGMENT_SEP) {
                damage(DropReason.HEADER_LOST);
            }
            return;
        }
        int len = cur.length - unitStart;
        if (unitSep == JxsPayloadHeader.HEADER_SEGMENT_SEP) {
            if (header != null || unitStart != 0) {
                counters.inconsistentCounters++;
                damage(DropReason.INCONSISTENT);
                return;
            }
            try {
                JxsFraming.Header hd = JxsFraming.header(cur.data, 0, len);
                if (hd.firstSliceOffset() != len) {
                    throw new CodestreamFormatException(hd.firstSliceOffset(), "header segment of " + len
                            + " bytes does not end where the first slice starts");
                }
                header = hd;
            } catch (CodestreamFormatException e) {
                counters.badCodestream++;
                damage(DropReason.HEADER_LOST);
                return;
            }
            if (delivered.length < header.sliceCount()) {
                delivered = new boolean[header.sliceCount()];
            }
            java.util.Arrays.fill(delivered, 0, header.sliceCount(), false);
            cur.lastArrivalNanos = lastArrival;
            cur.lastReceivedNanos = lastReceived;
            sink.header(cur, header);
            return;
        }
        if (header == null) {
            cur.length = unitStart;
            return;
        }
        // The SLH at the start of the unit names the slice (ISO/IEC 21122-1 A.4.13 Yslh); it must agree with SEP.
        int slice = JxsFraming.sliceHeaderIndex(cur.data, unitStart, len);
        if (slice < 0 || slice >= header.sliceCount() || slice % JxsPayloadHeader.HEADER_SEGMENT_SEP != unitSep
                || delivered[slice]) {
            counters.inconsistentCounters++;
            cur.length = unitStart;
            return;
        }
        delivered[slice] = true;
        cur.lastArrivalNanos = lastArrival;
        cur.lastReceivedNanos = lastReceived;
        sink.slice(cur, slice, unitStart, len);
    }

    private void endPicture(DropReason forced) {
        open = false;
        PictureBuffer b = cur;
        cur = null;
        if (mode == PacketMode.SLICE && unitOpen) {
            cur = b;
            closeUnit();
            cur = null;
        }
        if (mode == PacketMode.SLICE && header != null && b != null) {
            b.lastArrivalNanos = lastArrival;
            b.lastReceivedNanos = lastReceived;
            int count = header.sliceCount();
            int got = 0;
            for (int i = 0; i < count; i++) {
                got += delivered[i] ? 1 : 0;
            }
            if (got == count) {
                counters.framesComplete++;
            } else {
                counters.framesConcealed++;
            }
            sink.end(b, delivered, count);
            header = null;
            return;
        }
        if (forced == null && !damaged && b != null && mode == PacketMode.CODESTREAM) {
            b.lastArrivalNanos = lastArrival;
            b.lastReceivedNanos = lastReceived;
            counters.framesComplete++;
            sink.picture(b);
            return;
        }
        if (b != null) {
            b.release();
        }
        counters.framesDropped++;
        sink.dropped(curTs, damaged ? damage : (forced != null ? forced : DropReason.HEADER_LOST), 1);
    }

    /**
     * Backpressure for a producer that must not lose pictures (capture replay): returns once a picture buffer is free,
     * so the next picture cannot be dropped for want of one; waits while the decode side holds every buffer.
     */
    public void awaitFreeBuffer() throws InterruptedException {
        if (hasFreeBuffer()) {
            return;
        }
        synchronized (bufferGate) {
            while (!hasFreeBuffer()) {
                bufferGate.wait();
            }
        }
    }

    private boolean hasFreeBuffer() {
        for (PictureBuffer b : buffers) {
            if (!b.inUse()) {
                return true;
            }
        }
        return false;
    }

    /** Ends a picture whose last packet is overdue (call from the stream's timer). */
    public void poll(long nowNanos, long timeoutNanos) {
        if (open && nowNanos - lastArrival > timeoutNanos) {
            endPicture(DropReason.INCOMPLETE);
        }
    }

    /** Drops the open picture and forgets the frame counter (SSRC change or resync). */
    public void reset() {
        if (open) {
            endPicture(DropReason.INCOMPLETE);
        }
        lastF = -1;
    }
}
