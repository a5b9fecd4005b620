package dev.xsight.st2110;

/** RFC 9134 section 4.3: the K bit and the {@code packetmode} fmtp parameter. */
public enum PacketMode {
    /** K=0: the whole picture segment is one packetization unit. */
    CODESTREAM,
    /** K=1: the header segment and every slice are packetization units of their own. */
    SLICE;

    /** The value of the K bit and of {@code packetmode}. */
    public int k() {
        return this == SLICE ? 1 : 0;
    }

    public static PacketMode ofK(int k) {
        return k == 1 ? SLICE : CODESTREAM;
    }

    /** Parses {@code codestream} or {@code slice} (CLI spelling). */
    public static PacketMode parse(String s) {
        return switch (s.trim().toLowerCase(java.util.Locale.ROOT)) {
            case "codestream", "0" -> CODESTREAM;
            case "slice", "1" -> SLICE;
            default -> throw new IllegalArgumentException("packetization mode must be codestream or slice, got '"
                    + s + "'");
        };
    }
}
