package dev.xsight.jpegxs;

/**
 * Big-endian bit reader over a byte range, MSB first, with a 64-bit cache. Reading past the limit yields zero bits
 * and never throws; callers compare {@link #bitPosition()} with the limit after each sub-packet. Not thread-safe.
 */
final class BitReader {
    private static final java.lang.invoke.VarHandle BE64 = java.lang.invoke.MethodHandles
            .byteArrayViewVarHandle(long[].class, java.nio.ByteOrder.BIG_ENDIAN);

    private byte[] buf;
    private int next;
    private int limit;
    private long cache;
    private int avail;

    void reset(byte[] b, int byteOff, int limit) {
        this.buf = b;
        this.next = byteOff;
        this.limit = limit;
        this.cache = 0;
        this.avail = 0;
    }

    /** Absolute position in bits from the start of the array. */
    long bitPosition() {
        return (long) next * 8 - avail;
    }

    /** Absolute byte position, rounded up to the next whole byte. */
    int bytePosition() {
        return (int) ((bitPosition() + 7) >> 3);
    }

    void seekByte(int p) {
        next = p;
        cache = 0;
        avail = 0;
    }

    void setLimit(int limit) {
        this.limit = limit;
    }

    int limit() {
        return limit;
    }

    private void refill() {
        if (avail <= 32 && next + 4 <= limit) {
            long v = ((buf[next] & 0xFFL) << 24) | ((buf[next + 1] & 0xFF) << 16) | ((buf[next + 2] & 0xFF) << 8)
                    | (buf[next + 3] & 0xFF);
            cache |= v << (32 - avail);
            avail += 32;
            next += 4;
        }
        while (avail <= 56) {
            long v = next < limit ? buf[next] & 0xFFL : 0;
            cache |= v << (56 - avail);
            avail += 8;
            next++;
        }
    }

    /** Reads {@code n} bits, 1 to 32, as an unsigned value. */
    int read(int n) {
        if (avail < n) {
            refill();
        }
        int v = (int) (cache >>> (64 - n));
        cache <<= n;
        avail -= n;
        return v;
    }

    /** Reads {@code n} bits, 1 to 56, as an unsigned value. */
    long readLong(int n) {
        if (avail < n) {
            refill();
        }
        long v = cache >>> (64 - n);
        cache <<= n;
        avail -= n;
        return v;
    }

    /**
     * Reads {@code n} bits, 0 to 56, as an unsigned value; {@code n == 0} reads nothing and returns 0, so callers
     * can compute a bit count instead of branching on whether there is anything to read.
     */
    long readUpTo56(int n) {
        if (avail < n) {
            refill();
        }
        // Two shifts: a single shift by 64 - n would be a shift by 0 for n == 0 (Java masks shift counts).
        long v = (cache >>> 1) >>> (63 - n);
        cache <<= n;
        avail -= n;
        return v;
    }

    int readBit() {
        if (avail < 1) {
            refill();
        }
        int v = (int) (cache >>> 63);
        cache <<= 1;
        avail--;
        return v;
    }

    /**
     * Reads a unary code: the count of 1 bits before the terminating 0 (ISO/IEC 21122-1 C.5.3 variable-length code).
     * Returns -1 when more than 31 ones follow.
     */
    int readUnary() {
        if (avail < 33) {
            refill();
        }
        int ones = Long.numberOfLeadingZeros(~cache);
        if (ones >= 32) {
            return -1;
        }
        cache <<= ones + 1;
        avail -= ones + 1;
        return ones;
    }

    /** Moves to absolute bit position {@code pos} (from the start of the array). */
    void seekBit(long pos) {
        seekByte((int) (pos >>> 3));
        int skip = (int) pos & 7;
        if (skip != 0) {
            read(skip);
        }
    }

    /**
     * The {@code n} bits, 0 to 56, at absolute bit position {@code pos}, without moving: one 64-bit load, so reads
     * at positions known in advance do not wait for each other. Bits at or past the limit read as zero.
     */
    long peek(long pos, int n) {
        int i = (int) (pos >>> 3);
        long w = i + 8 <= limit ? (long) BE64.get(buf, i) : tail(i);
        // Two shifts: n == 0 must give 0 (Java masks shift counts); pos & 7 <= 7 keeps 56 + 7 bits in the word.
        return (w << (pos & 7)) >>> 1 >>> (63 - n);
    }

    /**
     * The stream from absolute bit position {@code pos}, most significant bit first, without moving: at least the top
     * 57 bits are the stream's (bits at or past the limit read as zero).
     */
    long window(long pos) {
        int i = (int) (pos >>> 3);
        long w = i + 8 <= limit ? (long) BE64.get(buf, i) : tail(i);
        return w << (pos & 7);
    }

    /** The eight bytes from {@code i}, big-endian, with zeros at and past the limit. */
    private long tail(int i) {
        long w = 0;
        for (int k = 0; k < 8; k++) {
            int at = i + k;
            w = w << 8 | (at < limit && at >= 0 ? buf[at] & 0xFFL : 0);
        }
        return w;
    }

    /**
     * Reads up to {@code n} unary codes (as {@link #readUnary}) into {@code g[at..at+n)} as {@code base + code}, with
     * the cache in locals. Stops at the first code that is longer than 31 ones (not consumed) or gives more than
     * {@code max} (consumed) and returns its index; returns {@code n} when all were in range.
     */
    int readUnaries(byte[] g, int at, int n, int base, int max) {
        long c = cache;
        int a = avail;
        int i = 0;
        for (; i < n; i++) {
            if (a < 33) {
                cache = c;
                avail = a;
                refill();
                c = cache;
                a = avail;
            }
            int ones = Long.numberOfLeadingZeros(~c);
            if (ones >= 32) {
                break;
            }
            c <<= ones + 1;
            a -= ones + 1;
            int v = base + ones;
            if (v > max) {
                break;
            }
            g[at + i] = (byte) v;
        }
        cache = c;
        avail = a;
        return i;
    }

    /** Skips to the next byte boundary. */
    void align() {
        int drop = avail & 7;
        cache <<= drop;
        avail -= drop;
    }
}
