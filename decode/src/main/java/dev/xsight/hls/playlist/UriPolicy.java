package dev.xsight.hls.playlist;

import java.net.URI;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Which URIs a playlist may make the client fetch: {@code http} and {@code https} always; {@code file} only when the
 * person opened a local playlist, and then only beneath that playlist's folder (so a playlist cannot read
 * {@code /etc/passwd} or a user's documents).
 *
 * @param localRoot the folder of the local playlist the person opened, or null for a remote source
 */
public record UriPolicy(Path localRoot) {

    /** The policy for a remote (http/https) source: no local files. */
    public static final UriPolicy REMOTE = new UriPolicy(null);

    public UriPolicy {
        localRoot = localRoot == null ? null : localRoot.toAbsolutePath().normalize();
    }

    /** The policy for what the person opened: a local playlist opens its own folder, anything else is remote. */
    public static UriPolicy forOpened(URI uri) {
        if ("file".equalsIgnoreCase(uri.getScheme())) {
            Path p = Path.of(uri).toAbsolutePath().normalize();
            return new UriPolicy(p.getParent());
        }
        return REMOTE;
    }

    /**
     * Checks one URI.
     *
     * @return null when allowed, else the reason it is refused
     */
    public String refusal(URI uri) {
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        switch (scheme) {
            case "http", "https" -> {
                return uri.getHost() == null || uri.getHost().isEmpty() ? "URI " + uri + " has no host" : null;
            }
            case "file" -> {
                if (localRoot == null) {
                    return "local file " + uri + " refused: only http/https URIs may be fetched for a remote playlist";
                }
                Path p;
                try {
                    p = Path.of(uri).toAbsolutePath().normalize();
                } catch (IllegalArgumentException e) {
                    return "bad file URI " + uri;
                }
                return p.startsWith(localRoot) ? null
                        : "local file " + uri + " refused: only files beneath the opened playlist's folder may be read";
            }
            default -> {
                return "URI scheme '" + scheme + "' refused in " + uri + ": only http and https are fetched";
            }
        }
    }
}
