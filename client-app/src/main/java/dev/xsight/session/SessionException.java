package dev.xsight.session;

/**
 * A shared-session operation that did not happen, with what kind of failure it was so that callers (CLI exit
 * line, shell indicator) can say it plainly. When this is thrown from a publishing call nothing of that call was
 * stored on the server.
 */
public final class SessionException extends RuntimeException {
    /** What went wrong. */
    public enum Kind {
        /** The URL, the session name or an option is not acceptable (checked before connecting). */
        INVALID,
        /** Plain {@code nats://} to a host outside loopback without {@code --insecure}. */
        INSECURE,
        /** No server answered at the URL. */
        UNREACHABLE,
        /** The TLS handshake failed or the CA file could not be read. */
        TLS,
        /** The server refused the user (authorisation) or a subject (permissions). */
        PERMISSION_DENIED,
        /** The server did not acknowledge a publish in time; the event may or may not be stored. */
        NOT_ACKNOWLEDGED
    }

    private final Kind kind;

    public SessionException(Kind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }
}
