package dev.xsight.jpegxs;

/**
 * Writes big-endian bit fields into a caller's byte array (MSB first, as every JPEG XS field is). The caller checks
 * capacity up front; a write past the end is a programming error and throws {@link ArrayIndexOutOfBoundsException}.
 * Not thread-safe; reused across frames.
 */
final class BitPacker {
    private byte[] buf;
    private int pos;
    private long acc;
    private int bits;

    void reset(byte[] out, int off) {
        this.buf = out;
        this.pos = off;
        this.acc = 0;
        this.bits = 0;
    }

    /** Writes the low {@code n} (0..32) bits of {@code value}. */
    void bits(int value, int n) {
        acc = (acc << n) | (value & ((1L << n) - 1));
        bits += n;
        while (bits >= 8) {
            bits -= 8;
            buf[pos++] = (byte) (acc >>> bits);
        }
    }

    /** Writes the low {@code n} (0..64) bits of {@code value}. */
    void bits64(long value, int n) {
        if (n > 32) {
            bits((int) (value >>> 32), n - 32);
            bits((int) value, 32);
        } else {
            bits((int) value, n);
        }
    }

    void u8(int v) {
        bits(v, 8);
    }

    void u16(int v) {
        bits(v, 16);
    }

    void u32(int v) {
        bits(v, 32);
    }

    /** Pads with zero bits to the next byte boundary. */
    void align() {
        if (bits > 0) {
            bits(0, 8 - bits);
        }
    }

    /** {@code n} zero bytes; the writer must be aligned. */
    void zeros(int n) {
        java.util.Arrays.fill(buf, pos, pos + n, (byte) 0);
        pos += n;
    }

    /** Bytes written since {@code reset}, counting a partial byte as a whole one. */
    int position() {
        return pos + (bits > 0 ? 1 : 0);
    }

    /** Overwrites a 24-bit field at byte offset {@code at} (already written). */
    void patch24(int at, int v) {
        buf[at] = (byte) (v >>> 16);
        buf[at + 1] = (byte) (v >>> 8);
        buf[at + 2] = (byte) v;
    }
}
