package dev.xsight.gl;

import static org.junit.jupiter.api.Assertions.assertNotNull;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One offscreen GL context for a test class, made before its tests and closed after them
 * ({@code @RegisterExtension static final OffscreenGl GL = new OffscreenGl();}); tests call {@link #require()}, which
 * fails naming the Mesa packages when no context could be made. Tests run on one thread, where the context is current.
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

    /** The context, or fails the calling test when none could be made. */
    GlContext require() {
        assertNotNull(ctx, () -> TestGl.noGl(why));
        return ctx;
    }
}
