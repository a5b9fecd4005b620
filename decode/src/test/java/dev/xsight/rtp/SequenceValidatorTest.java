package dev.xsight.rtp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** RFC 3550 Appendix A.1 behaviour, with the extended sequence numbers it implies. */
class SequenceValidatorTest {
    @Test
    void newSourceNeedsTwoSequentialPacketsBeforeItIsAccepted() {
        SequenceValidator v = new SequenceValidator(3000, 100);
        assertEquals(SequenceValidator.REJECTED, v.accept(10));
        assertEquals(SequenceValidator.REJECTED, v.accept(50)); // not sequential: probation restarts
        long a = v.accept(51);
        assertTrue(a != SequenceValidator.REJECTED && v.resynced());
        assertEquals(a + 1, v.accept(52));
        assertFalse(v.resynced());
    }

    @Test
    void sixteenBitWrapAddsACycle() {
        SequenceValidator v = new SequenceValidator(3000, 100);
        v.accept(65534);
        long a = v.accept(65535);
        assertEquals(a + 1, v.accept(0));
        assertEquals(a + 2, v.accept(1));
        assertEquals(a, v.accept(65535)); // a late packet from before the wrap keeps its number
    }

    @Test
    void lateAndDuplicatePacketsWithinTheMisorderLimitKeepTheirNumbers() {
        SequenceValidator v = new SequenceValidator(3000, 100);
        v.accept(99);
        long a = v.accept(100);
        v.accept(105);
        assertEquals(a + 3, v.accept(103));
        assertEquals(a + 5, v.accept(105));
        assertEquals(a + 5, v.highest());
    }

    @Test
    void aLargeJumpIsRejectedUntilASecondPacketConfirmsIt() {
        SequenceValidator v = new SequenceValidator(3000, 100);
        v.accept(1);
        long a = v.accept(2);
        assertEquals(SequenceValidator.REJECTED, v.accept(20000));
        assertEquals(a + 1, v.accept(3)); // the old sequence simply continues
        assertEquals(SequenceValidator.REJECTED, v.accept(30000));
        long b = v.accept(30001);
        assertTrue(b != SequenceValidator.REJECTED && v.resynced());
    }
}
