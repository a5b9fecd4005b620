package dev.xsight.gl;

import static org.lwjgl.opengl.GL11C.GL_NO_ERROR;
import static org.lwjgl.opengl.GL11C.glGetError;

/** Turns pending GL errors into an exception naming the step. */
public final class GlErrors {
    private GlErrors() {
    }

    /** Throws {@link IllegalStateException} naming {@code step} when GL has recorded errors; GL thread only. */
    public static void check(String step) {
        int e = glGetError();
        if (e != GL_NO_ERROR) {
            StringBuilder b = new StringBuilder("0x" + Integer.toHexString(e));
            while ((e = glGetError()) != GL_NO_ERROR) {
                b.append(", 0x").append(Integer.toHexString(e));
            }
            throw new IllegalStateException("OpenGL error during " + step + ": " + b);
        }
    }
}
