package dev.xsight.shell.nmos;

/** Why the registry browser could not list senders or connect one; the message is what the view shows. */
final class RoutingException extends Exception {
    /** What failed. */
    enum Kind {
        /** The node is not running (it did not start, or the shell is closing). */
        NO_NODE,
        /** No Query API given or found. */
        NO_REGISTRY,
        /** The Query API did not answer, or not as IS-04 says. */
        REGISTRY,
        /** The sender has no {@code manifest_href}. */
        NO_MANIFEST,
        /** The sender's SDP could not be fetched. */
        MANIFEST,
        /** Our receiver's Connection API refused the PATCH (a bad SDP, a stream it cannot take …). */
        REFUSED
    }

    private final Kind kind;

    RoutingException(Kind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
    }

    Kind kind() {
        return kind;
    }
}
