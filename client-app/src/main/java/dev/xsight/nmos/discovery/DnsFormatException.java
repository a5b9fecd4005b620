package dev.xsight.nmos.discovery;

/** A DNS message that does not follow RFC 1035 / RFC 6762, with the byte offset where reading failed. */
public final class DnsFormatException extends Exception {
    private final int offset;

    public DnsFormatException(int offset, String reason) {
        super(reason + " at byte " + offset);
        this.offset = offset;
    }

    /** Offset into the message where the problem was found. */
    public int offset() {
        return offset;
    }
}
