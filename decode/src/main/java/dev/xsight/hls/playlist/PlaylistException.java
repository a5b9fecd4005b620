package dev.xsight.hls.playlist;

import java.io.IOException;
import java.net.URI;

/**
 * A playlist (or a key, init section or segment it names) could not be fetched or is not valid RFC 8216: names the
 * URI, the 1-based line when one is at fault (0 when the whole resource is), and the reason.
 */
public final class PlaylistException extends IOException {
    private final URI uri;
    private final int line;
    private final String reason;

    public PlaylistException(URI uri, int line, String reason) {
        this(uri, line, reason, null);
    }

    public PlaylistException(URI uri, int line, String reason, Throwable cause) {
        super(format(uri, line, reason), cause);
        this.uri = uri;
        this.line = line;
        this.reason = reason;
    }

    private static String format(URI uri, int line, String reason) {
        return (uri == null ? "playlist" : uri.toString()) + (line > 0 ? " line " + line : "") + ": " + reason;
    }

    /** The resource at fault. */
    public URI uri() {
        return uri;
    }

    /** 1-based line of the playlist at fault, or 0 when no single line is. */
    public int line() {
        return line;
    }

    /** What is wrong, without the location. */
    public String reason() {
        return reason;
    }
}
