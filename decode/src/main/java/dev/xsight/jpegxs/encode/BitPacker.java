package dev.xsight.jpegxs.encode;

/**
 * Writes big-endian bit fields into a caller's byte array (MSB first, as every JPEG XS field is), 32 bits at a time.
 * The caller checks capacity up front; a write past the end is a programming error and throws
 * {@link ArrayIndexOutOfBoundsException}. Not thread-safe; reused across frames.
 */
final class BitPacker {
    private byte[] buf;
    private int pos;
    /** Pending bits, right-aligned; fewer than 32 between calls. */
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
        if (bits >= 32) {
            bits -= 32;
            int w = (int) (acc >>> bits);
            buf[pos] = (byte) (w >>> 24);
            buf[pos + 1] = (byte) (w >>> 16);
            buf[pos + 2] = (byte) (w >>> 8);
            buf[pos + 3] = (byte) w;
            pos += 4;
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

    /** Pads with zero bits to the next byte boundary and flushes every pending byte. */
    void align() {
        if ((bits & 7) != 0) {
            bits(0, 8 - (bits & 7));
        }
        while (bits >= 8) {
            bits -= 8;
            buf[pos++] = (byte) (acc >>> bits);
        }
    }

    /** {@code n} zero bytes after aligning. */
    void zeros(int n) {
        align();
        java.util.Arrays.fill(buf, pos, pos + n, (byte) 0);
        pos += n;
    }

    /** Bytes written since {@code reset}, counting a partial byte as a whole one. */
    int position() {
        return pos + ((bits + 7) >> 3);
    }
}
