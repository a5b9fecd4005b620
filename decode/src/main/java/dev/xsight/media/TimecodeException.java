package dev.xsight.media;

/** A timecode string or value that does not fit its frame rate; the message says what was expected. */
public final class TimecodeException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    public TimecodeException(String message) {
        super(message);
    }
}
