package dev.xsight.capture;

import java.io.IOException;

/** A capture file that is not a well-formed pcap or pcapng file; {@link #offset()} is where the reader stopped. */
public final class CaptureFormatException extends IOException {
    private static final long serialVersionUID = 1L;
    private final long offset;

    public CaptureFormatException(long offset, String message) {
        super(message + " (at byte offset " + offset + ")");
        this.offset = offset;
    }

    /** Byte offset in the file of the header, record or field that is wrong. */
    public long offset() {
        return offset;
    }
}
