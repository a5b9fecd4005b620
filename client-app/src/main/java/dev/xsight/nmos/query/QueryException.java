package dev.xsight.nmos.query;

import java.net.URI;

/** A Query API request that failed: no answer, an error status, or a body that is not what IS-04 defines. */
public final class QueryException extends Exception {
    /** What went wrong. */
    public enum Kind {
        /** No connection, or no answer in time. */
        UNREACHABLE,
        /** An HTTP error status. */
        STATUS,
        /** A body or header that does not follow the Query API. */
        PROTOCOL
    }

    private final Kind kind;
    private final URI uri;
    private final int status;

    public QueryException(Kind kind, URI uri, int status, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
        this.uri = uri;
        this.status = status;
    }

    public Kind kind() {
        return kind;
    }

    /** The request's URL. */
    public URI uri() {
        return uri;
    }

    /** The HTTP status, 0 when there was none. */
    public int status() {
        return status;
    }
}
