package dev.xsight.st2110;

/** A JPEG XS picture segment whose framing (boxes, markers, slice headers) cannot be followed, with the offset. */
public final class CodestreamFormatException extends Exception {
    private final long offset;

    public CodestreamFormatException(long offset, String reason) {
        super("codestream at byte " + offset + ": " + reason);
        this.offset = offset;
    }

    public long offset() {
        return offset;
    }
}
