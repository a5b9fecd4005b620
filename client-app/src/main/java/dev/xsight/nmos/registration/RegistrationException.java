package dev.xsight.nmos.registration;

import java.net.URI;

/** A Registration API interaction that failed, with what kind of failure it was (IS-04 "Behaviour: Registration"). */
public final class RegistrationException extends Exception {
    /** What went wrong; decides what the {@link Registrar} does next. */
    public enum Kind {
        /** No connection, or no answer within the timeout: try the next registry. */
        UNREACHABLE,
        /** A 5xx answer: try the next registry. */
        SERVER_ERROR,
        /** A 400 or other 4xx: the request must not be repeated unchanged. */
        REJECTED,
        /** A 409: registered at this registry with another API version. */
        CONFLICT,
        /** An answer the API does not define (for example 201 to a heartbeat). */
        PROTOCOL
    }

    private final Kind kind;
    private final URI registry;
    private final int status;

    public RegistrationException(Kind kind, URI registry, int status, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
        this.registry = registry;
        this.status = status;
    }

    public Kind kind() {
        return kind;
    }

    /** The registry's base URL. */
    public URI registry() {
        return registry;
    }

    /** The HTTP status, or 0 when there was no answer. */
    public int status() {
        return status;
    }

    /** Whether IS-04 says to move on to another registry (5xx, no connection, timeout). */
    public boolean failOver() {
        return kind == Kind.UNREACHABLE || kind == Kind.SERVER_ERROR;
    }
}
