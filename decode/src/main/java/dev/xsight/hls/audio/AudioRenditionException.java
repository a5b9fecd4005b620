package dev.xsight.hls.audio;

import dev.xsight.hls.playlist.Rendition;
import java.io.IOException;

/**
 * The chosen alternative audio rendition (RFC 8216 4.3.4.1) could not be played: its playlist is missing or broken,
 * or its segments keep failing. Delivered through {@code FrameListener.onError}; the pictures go on, so a caller may
 * treat it as a warning.
 */
public final class AudioRenditionException extends IOException {
    private final transient Rendition rendition;

    public AudioRenditionException(Rendition rendition, Exception cause) {
        super("audio rendition '" + rendition.name() + "'"
                + (rendition.language() == null ? "" : " (" + rendition.language() + ")") + " failed: "
                + cause.getMessage(), cause);
        this.rendition = rendition;
    }

    /** The rendition that failed. */
    public Rendition rendition() {
        return rendition;
    }
}
