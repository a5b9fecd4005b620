package dev.xsight.session;

import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * Where a shared session lives and how to reach it safely.
 *
 * @param url {@code nats://host:port} or {@code tls://host:port}; user and password may be in the user part
 * @param ca the CA certificate (PEM) that signed the server's certificate, for {@code tls://}
 * @param creds a NATS credentials file (JWT + NKey seed) instead of a password
 * @param insecure allow plain {@code nats://} to a host outside loopback
 */
public record SessionServer(URI url, Optional<Path> ca, Optional<Path> creds, boolean insecure) {

    public SessionServer {
        Objects.requireNonNull(url, "url");
        ca = Objects.requireNonNullElse(ca, Optional.empty());
        creds = Objects.requireNonNullElse(creds, Optional.empty());
    }

    /**
     * Parses and checks a server URL with its options.
     *
     * @throws SessionException ({@code INVALID}) for a malformed URL, an unknown scheme or a missing file;
     *     ({@code INSECURE}) for plain {@code nats://} outside loopback without {@code insecure}
     */
    public static SessionServer of(String url, Path ca, Path creds, boolean insecure) {
        URI uri;
        try {
            uri = new URI(Objects.requireNonNull(url, "url").trim());
        } catch (URISyntaxException e) {
            throw new SessionException(SessionException.Kind.INVALID, "server URL '" + url + "' is not a URL: "
                    + e.getReason(), e);
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(java.util.Locale.ROOT);
        if (!scheme.equals("nats") && !scheme.equals("tls")) {
            throw new SessionException(SessionException.Kind.INVALID, "server URL '" + url
                    + "' must start with nats:// or tls://", null);
        }
        if (uri.getHost() == null) {
            throw new SessionException(SessionException.Kind.INVALID, "server URL '" + url + "' names no host", null);
        }
        for (Path p : new Path[] {ca, creds}) {
            if (p != null && !Files.isReadable(p)) {
                throw new SessionException(SessionException.Kind.INVALID, "cannot read " + p, null);
            }
        }
        SessionServer s = new SessionServer(uri, Optional.ofNullable(ca), Optional.ofNullable(creds), insecure);
        if (!s.tls() && !insecure && !isLoopback(uri.getHost())) {
            throw new SessionException(SessionException.Kind.INSECURE, "refusing plain nats:// to " + uri.getHost()
                    + ": notes and credentials would cross the network unencrypted; use tls:// with --ca, or"
                    + " --insecure if this network is trusted", null);
        }
        return s;
    }

    /** Whether the connection is encrypted ({@code tls://}, or a CA was given). */
    public boolean tls() {
        return "tls".equalsIgnoreCase(url.getScheme()) || ca.isPresent();
    }

    /** The URL without its user part, for messages and logs. */
    public String displayUrl() {
        return url.getScheme() + "://" + url.getHost() + (url.getPort() > 0 ? ":" + url.getPort() : "");
    }

    static boolean isLoopback(String host) {
        String h = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        if (h.equalsIgnoreCase("localhost")) {
            return true;
        }
        if (!h.matches("[0-9.]+") && !h.contains(":")) {
            return false; // a name other than localhost: never trusted as loopback without resolving
        }
        try {
            return InetAddress.getByName(h).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }
}
