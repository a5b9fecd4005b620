package dev.xsight.hls.playlist;

import dev.xsight.media.SourceException;
import java.io.IOException;
import java.net.URI;

/**
 * A playlist (or a key, init section or segment it names) could not be fetched or is not valid RFC 8216: names the
 * URI, the 1-based line when one is at fault (0 when the whole resource is), the reason, and what kind of failure it is
 * ({@link SourceException.Kind#FORMAT} unless said otherwise: the network, a local file, a refused URI).
 */
public final class PlaylistException extends IOException {
    private final SourceException.Kind kind;
    private final URI uri;
    private final int line;
    private final String reason;

    public PlaylistException(URI uri, int line, String reason) {
        this(uri, line, reason, null);
    }

    public PlaylistException(URI uri, int line, String reason, Throwable cause) {
        this(SourceException.Kind.FORMAT, uri, line, reason, cause);
    }

    public PlaylistException(SourceException.Kind kind, URI uri, int line, String reason, Throwable cause) {
        super(format(uri, line, reason), cause);
        this.kind = kind;
        this.uri = uri;
        this.line = line;
        this.reason = reason;
    }

    private static String format(URI uri, int line, String reason) {
        return (uri == null ? "playlist" : uri.toString()) + (line > 0 ? " line " + line : "") + ": " + reason;
    }

    /** What kind of failure: the playlist's format, the network, a local file, a refused URI. */
    public SourceException.Kind kind() {
        return kind;
    }

    /** The resource at fault, with the line when one is: where a {@link SourceException} says it happened. */
    public String location() {
        return uri == null ? null : uri + (line > 0 ? " line " + line : "");
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
