package dev.xsight.jpegxs;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class BitReaderTest {
    private static final byte[] BYTES = {(byte) 0xA5, (byte) 0xFF, 0x00, 0x3C, (byte) 0x81, 0x7E, 0x12, 0x34, 0x56,
        0x78, (byte) 0x9A, (byte) 0xBC};

    /** The branch-free magnitude loop reads 0 bits for a group without data: nothing may be consumed. */
    @Test
    void readingZeroBitsReturnsZeroAndConsumesNothing() {
        BitReader r = new BitReader();
        r.reset(BYTES, 0, BYTES.length);
        assertEquals(0, r.readUpTo56(0));
        assertEquals(0xA, r.read(4));
        assertEquals(0, r.readUpTo56(0));
        assertEquals(4, r.bitPosition());
        assertEquals(0x5FF, r.readUpTo56(12));
    }

    /** Up to 56 bits at once give the same value as reading them one at a time, MSB first, then zeros at the end. */
    @Test
    void wideReadsMatchBitByBitReads() {
        for (int n = 1; n <= 56; n++) {
            BitReader wide = new BitReader();
            wide.reset(BYTES, 0, BYTES.length);
            BitReader single = new BitReader();
            single.reset(BYTES, 0, BYTES.length);
            wide.read(3);
            single.read(3);
            for (int k = 0; k < 4; k++) {
                long want = 0;
                for (int i = 0; i < n; i++) {
                    want = want << 1 | single.readBit();
                }
                assertEquals(want, wide.readUpTo56(n), n + " bits, read " + k);
            }
        }
    }

    /**
     * Reads by position (used for magnitudes, whose positions follow from the bitplane counts) give the bits that
     * reading one at a time from there gives, zeros at and past the limit, and move nothing; seekBit goes there.
     */
    @Test
    void peeksAtAnyPositionMatchBitByBitReadsAndStopAtTheLimit() {
        int limit = BYTES.length - 2;
        for (int pos = 0; pos < limit * 8 + 4; pos++) {
            for (int n = 0; n <= 56; n += 7) {
                BitReader single = new BitReader();
                single.reset(BYTES, 0, limit);
                for (int i = 0; i < pos; i++) {
                    single.readBit();
                }
                long want = 0;
                for (int i = 0; i < n; i++) {
                    want = want << 1 | single.readBit();
                }
                BitReader peeking = new BitReader();
                peeking.reset(BYTES, 0, limit);
                assertEquals(want, peeking.peek(pos, n), n + " bits at " + pos);
                assertEquals(0, peeking.bitPosition());
                peeking.seekBit(pos);
                assertEquals(pos, peeking.bitPosition());
                assertEquals(want >>> Math.max(0, n - 32), n == 0 ? 0 : peeking.read(Math.min(n, 32)) & 0xFFFFFFFFL);
            }
        }
    }
}
