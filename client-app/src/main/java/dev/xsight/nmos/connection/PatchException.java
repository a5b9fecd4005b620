package dev.xsight.nmos.connection;

/**
 * A request the Connection API refuses with 400 Bad Request: the message says which field broke which rule, for the
 * person at the controller.
 */
public final class PatchException extends Exception {
    public PatchException(String message) {
        super(message);
    }

    public PatchException(String message, Throwable cause) {
        super(message, cause);
    }
}
