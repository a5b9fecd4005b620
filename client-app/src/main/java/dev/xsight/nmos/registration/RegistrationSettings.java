package dev.xsight.nmos.registration;

import dev.xsight.nmos.discovery.DiscoveryOptions;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Objects;

/**
 * How a node finds its registry: one given URL ({@code --registry}), or DNS-SD with {@link DiscoveryOptions}; and
 * the registrar's timing.
 *
 * @param registry  the Registration API's base URL, or null to discover one
 * @param discovery how to discover (also the mDNS group and interface of peer-to-peer mode)
 * @param timing    heartbeat, timeouts, back-off
 */
public record RegistrationSettings(URI registry, DiscoveryOptions discovery, RegistrarOptions timing) {
    public RegistrationSettings {
        Objects.requireNonNull(discovery, "discovery");
        Objects.requireNonNull(timing, "timing");
    }

    /** Discovery by mDNS on the standard group, IS-04 default timing. */
    public static RegistrationSettings defaults() {
        return new RegistrationSettings(null, DiscoveryOptions.defaults(), RegistrarOptions.defaults());
    }

    public RegistrationSettings withRegistry(URI base) {
        return new RegistrationSettings(base, discovery, timing);
    }

    public RegistrationSettings withDiscovery(DiscoveryOptions d) {
        return new RegistrationSettings(registry, d, timing);
    }

    /**
     * Reads a {@code --registry} value: an {@code http} URL with a host and port and nothing after them, such as
     * {@code http://127.0.0.1:8235} (the client adds {@code /x-nmos/registration/v1.3/...}).
     *
     * @throws IllegalArgumentException with a message for the person who typed it
     */
    public static URI registryUrl(String text) {
        URI u;
        try {
            u = new URI(text.trim());
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("--registry " + text + " is not a URL: " + e.getReason());
        }
        if (!"http".equalsIgnoreCase(u.getScheme()) || u.getHost() == null) {
            throw new IllegalArgumentException("--registry needs an http URL with a host, such as "
                    + "http://127.0.0.1:8235, not " + text);
        }
        String path = u.getRawPath();
        if ((path != null && !path.isEmpty() && !path.equals("/")) || u.getRawQuery() != null) {
            throw new IllegalArgumentException("--registry is the registry's base URL (scheme, host, port); the "
                    + "node adds /x-nmos/registration/v1.3/ itself: not " + text);
        }
        return URI.create("http://" + u.getRawAuthority());
    }
}
