package dev.xsight.rtp;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReorderBufferTest {
    final List<Long> out = new ArrayList<>();
    final List<long[]> lost = new ArrayList<>();
    final ReorderBuffer.Output sink = new ReorderBuffer.Output() {
        @Override
        public void onPacket(PacketSlot slot) {
            out.add(slot.extSeq);
        }

        @Override
        public void onLost(long first, long count) {
            lost.add(new long[] {first, count});
        }
    };

    static PacketSlot p(long seq, long t) {
        PacketSlot s = PacketSlot.standalone(16);
        s.extSeq = seq;
        s.arrivalNanos = t;
        return s;
    }

    @Test
    void swappedPacketsComeOutInOrder() {
        ReorderBuffer r = new ReorderBuffer(64, 16, 1_000_000, sink);
        assertEquals(ReorderBuffer.Verdict.ACCEPTED, r.insert(p(10, 0)));
        assertEquals(ReorderBuffer.Verdict.ACCEPTED, r.insert(p(12, 0)));
        assertEquals(ReorderBuffer.Verdict.REORDERED, r.insert(p(11, 0)));
        assertEquals(List.of(10L, 11L, 12L), out);
        assertEquals(0, lost.size());
    }

    @Test
    void duplicatesAndLatePacketsAreRecognised() {
        ReorderBuffer r = new ReorderBuffer(64, 4, 1_000_000, sink);
        r.insert(p(1, 0));
        assertEquals(ReorderBuffer.Verdict.DUPLICATE, r.insert(p(1, 0)));
        r.insert(p(3, 0));
        assertEquals(ReorderBuffer.Verdict.DUPLICATE, r.insert(p(3, 0))); // held copy
        for (long s = 4; s <= 6; s++) {
            r.insert(p(s, 0));
        }
        // Seq 2 was declared lost once seq 6 was four past it.
        assertEquals(1, lost.size());
        assertEquals(2, lost.getFirst()[0]);
        assertEquals(ReorderBuffer.Verdict.LATE, r.insert(p(2, 0)));
        assertEquals(List.of(1L, 3L, 4L, 5L, 6L), out);
    }

    @Test
    void aGapIsDeclaredLostWhenItsSuccessorHasWaitedTooLong() {
        ReorderBuffer r = new ReorderBuffer(64, 32, 5_000_000, sink);
        r.insert(p(1, 0));
        r.insert(p(3, 1_000_000));
        r.poll(4_000_000);
        assertEquals(0, lost.size());
        r.poll(6_000_001);
        assertEquals(1, lost.size());
        assertEquals(List.of(1L, 3L), out);
    }
}
