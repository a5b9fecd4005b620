package dev.xsight.media;

import java.util.Objects;

/**
 * A failure a source could not hide, as {@link FrameSource.FrameListener#onError} reports it: what kind of failure,
 * where (file, URL or address:port, with the byte offset or line where known), whether the source goes on, and the
 * exception behind it. The message says what failed; {@link #describe()} is the line a person reads.
 */
public final class SourceException extends Exception {

    /** What failed. */
    public enum Kind {
        /** Reaching the source: a socket, a connection, an HTTP status, a time-out, a leg of the stream. */
        NETWORK,
        /** The source's data breaks its format: an SDP, a playlist, a capture file, a codestream's framing. */
        FORMAT,
        /** Well-formed data the decoder could not turn into pictures or sound. */
        DECODE,
        /** Reading a local file, or producing pictures locally (the test signal, an encoder). */
        IO,
        /** What was asked for is not allowed or not supported: a refused URI, an unsupported mode. */
        CONFIG;

        /** Lower-case name for display: {@code network}, {@code format} ... */
        public String label() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    private final Kind kind;
    private final String location;
    private final boolean recoverable;

    /**
     * @param location the file, URL or address:port at fault, with {@code offset N} or {@code line N} where known;
     *     null when the source as a whole is
     * @param recoverable true when the source goes on delivering (a segment skipped, the audio given up while the
     *     pictures play), false when it stopped
     */
    public SourceException(Kind kind, String location, boolean recoverable, String message, Throwable cause) {
        super(message, cause);
        this.kind = Objects.requireNonNull(kind);
        this.location = location;
        this.recoverable = recoverable;
    }

    /** A failure whose message is its cause's. */
    public static SourceException of(Kind kind, String location, boolean recoverable, Throwable cause) {
        String m = cause.getMessage();
        return new SourceException(kind, location, recoverable,
                m == null || m.isBlank() ? cause.getClass().getSimpleName() : m, cause);
    }

    public Kind kind() {
        return kind;
    }

    /** The file, URL or address:port at fault (with offset or line), or null. */
    public String location() {
        return location;
    }

    /** Whether the source goes on after this failure. */
    public boolean recoverable() {
        return recoverable;
    }

    /**
     * The line a person reads, e.g. {@code network error (source goes on) at http://host/live.m3u8: HTTP 404 fetching
     * the media playlist}. The message is shown as is; the location is added only when the message does not already
     * name it.
     */
    public String describe() {
        StringBuilder b = new StringBuilder(kind.label()).append(" error");
        if (recoverable) {
            b.append(" (source goes on)");
        }
        String m = getMessage();
        if (location != null && (m == null || !m.contains(location))) {
            b.append(" at ").append(location);
        }
        return b.append(": ").append(m).toString();
    }

    @Override
    public String toString() {
        return "SourceException[" + kind + (location == null ? "" : ", " + location) + (recoverable
                ? ", recoverable" : "") + "]: " + getMessage();
    }
}
