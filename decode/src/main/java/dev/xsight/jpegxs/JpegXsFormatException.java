package dev.xsight.jpegxs;

/**
 * A JPEG XS codestream that this decoder cannot decode: malformed, truncated, inconsistent or using a feature that is
 * not supported. Carries the marker (or syntax element) being read and the byte offset from the start of the
 * codestream where the problem was found.
 */
public final class JpegXsFormatException extends Exception {
    private static final long serialVersionUID = 1L;

    private final String marker;
    private final long byteOffset;
    private final String reason;

    public JpegXsFormatException(String marker, long byteOffset, String reason) {
        super(marker + " at byte " + byteOffset + ": " + reason);
        this.marker = marker;
        this.byteOffset = byteOffset;
        this.reason = reason;
    }

    /** The marker or syntax element being parsed, e.g. {@code PIH}, {@code SLH}, {@code precinct}. */
    public String marker() {
        return marker;
    }

    /** Offset in bytes from the start of the codestream (the SOC marker). */
    public long byteOffset() {
        return byteOffset;
    }

    /** What was wrong, without the marker and offset. */
    public String reason() {
        return reason;
    }
}
