package dev.xsight.gl;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One offscreen GL context for a test class, made before its tests and closed after them
 * ({@code @RegisterExtension static final OffscreenGl GL = new OffscreenGl();}); tests call {@link #require()} to
 * skip with the reason when this machine has no OpenGL. Tests run on one thread, where the context is current.
 */
final class OffscreenGl implements BeforeAllCallback, AfterAllCallback {
    private GlContext ctx;
    private String why;

    @Override
    public void beforeAll(ExtensionContext context) {
        try {
            ctx = GlContext.offscreen();
        } catch (GlUnavailableException | UnsatisfiedLinkError e) {
            why = e.getMessage();
        }
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (ctx != null) {
            ctx.close();
            ctx = null;
        }
    }

    /** The context, or skips the calling test when none could be made. */
    GlContext require() {
        assumeTrue(ctx != null, "no OpenGL: " + why);
        return ctx;
    }
}
