package dev.xsight.gl;

/** No OpenGL context could be created (no driver, no display, GLFW/EGL failure): says which step failed. */
public final class GlUnavailableException extends RuntimeException {
    public GlUnavailableException(String message) {
        super(message);
    }
}
