package dev.xsight.st2110;

/**
 * The 32-bit RFC 9134 payload header (section 4.3) that follows the RTP header:
 * {@code |T|K|L| I |F counter (5)|SEP counter (11)|P counter (11)|}. Static accessors over the packed int, so
 * reading it allocates nothing.
 */
public final class JxsPayloadHeader {
    /** Header length in bytes. */
    public static final int BYTES = 4;
    /** SEP value that marks the header segment (everything before the first SLH) in slice mode. */
    public static final int HEADER_SEGMENT_SEP = 2047;
    /** Largest SEP / P counter value (11 bits). */
    public static final int COUNTER_MAX = 2047;

    private JxsPayloadHeader() {
    }

    /** Reads the header at {@code at} (big-endian). */
    public static int read(byte[] b, int at) {
        return (b[at] & 0xFF) << 24 | (b[at + 1] & 0xFF) << 16 | (b[at + 2] & 0xFF) << 8 | b[at + 3] & 0xFF;
    }

    /** Writes {@code h} at {@code at}. */
    public static void write(byte[] b, int at, int h) {
        b[at] = (byte) (h >>> 24);
        b[at + 1] = (byte) (h >>> 16);
        b[at + 2] = (byte) (h >>> 8);
        b[at + 3] = (byte) h;
    }

    /** Packs the fields; each is masked to its width. */
    public static int pack(boolean t, int k, boolean l, int i, int f, int sep, int p) {
        return (t ? 1 << 31 : 0) | (k & 1) << 30 | (l ? 1 << 29 : 0) | (i & 3) << 27 | (f & 31) << 22
                | (sep & 0x7FF) << 11 | p & 0x7FF;
    }

    /** T: 1 = sequential transmission. */
    public static boolean t(int h) {
        return h < 0;
    }

    /** K: 0 codestream, 1 slice packetization. */
    public static int k(int h) {
        return h >>> 30 & 1;
    }

    /** L: last packet of a packetization unit. */
    public static boolean l(int h) {
        return (h & 1 << 29) != 0;
    }

    /** I: 0 progressive, 2 first field, 3 second field (1 reserved). */
    public static int i(int h) {
        return h >>> 27 & 3;
    }

    /** F counter: frame number modulo 32. */
    public static int f(int h) {
        return h >>> 22 & 31;
    }

    public static int sep(int h) {
        return h >>> 11 & 0x7FF;
    }

    public static int p(int h) {
        return h & 0x7FF;
    }

    /** Codestream mode: the 22-bit packet index SEP x 2048 + P. */
    public static int packetIndex(int h) {
        return h & 0x3FFFFF;
    }
}
