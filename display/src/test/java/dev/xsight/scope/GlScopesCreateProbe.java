package dev.xsight.scope;

import dev.xsight.gl.GlContext;
import dev.xsight.gl.GlUnavailableException;

/**
 * Child-process entry for {@link GlScopesTest}: makes an offscreen context and tries to create the GPU scopes,
 * printing {@code created} or {@code unavailable: <message>}. Run in its own JVM so that the driver can be told to
 * offer an older OpenGL through the environment.
 */
final class GlScopesCreateProbe {
    private GlScopesCreateProbe() {
    }

    public static void main(String[] args) {
        try (GlContext ctx = GlContext.offscreen()) {
            try (GlScopes scopes = GlScopes.create(960, 512, false)) {
                System.out.println("created on " + ctx.version());
            } catch (GlUnavailableException e) {
                System.out.println("unavailable: " + e.getMessage());
            }
        }
    }
}
