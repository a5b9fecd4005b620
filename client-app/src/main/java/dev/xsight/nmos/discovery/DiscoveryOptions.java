package dev.xsight.nmos.discovery;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.time.Duration;
import java.util.Objects;

/**
 * How to look for NMOS APIs (IS-04 "Discovery", "Unicast vs. Multicast DNS-SD").
 *
 * @param searchDomain           the unicast DNS search domain ({@code example.com}), or null for none
 * @param dnsServer              the unicast DNS server, or null for none; unicast browsing needs both
 * @param multicast              whether to browse by mDNS when unicast found nothing
 * @param mdnsGroup              the mDNS group (224.0.0.251:5353; tests use another port)
 * @param mdnsInterface          the interface for mDNS, or null for the system's choice
 * @param timeout                how long one unicast query waits, and the mDNS browse window
 * @param allowDevelopment       whether registries with {@code pri} 100 and above may be used
 * @param apiVersion             the API version we speak ({@code v1.3})
 */
public record DiscoveryOptions(String searchDomain, InetSocketAddress dnsServer, boolean multicast,
        InetSocketAddress mdnsGroup, NetworkInterface mdnsInterface, Duration timeout, boolean allowDevelopment,
        String apiVersion) {
    public static final InetSocketAddress MDNS_GROUP = new InetSocketAddress(mdnsAddress(), 5353);

    public DiscoveryOptions {
        Objects.requireNonNull(mdnsGroup, "mdnsGroup");
        Objects.requireNonNull(timeout, "timeout");
        Objects.requireNonNull(apiVersion, "apiVersion");
    }

    /** mDNS only, on the standard group, one-second window, v1.3, production priorities only. */
    public static DiscoveryOptions defaults() {
        return new DiscoveryOptions(null, null, true, MDNS_GROUP, null, Duration.ofSeconds(1), false, "v1.3");
    }

    public DiscoveryOptions withUnicast(String domain, InetSocketAddress server) {
        return new DiscoveryOptions(domain, server, multicast, mdnsGroup, mdnsInterface, timeout, allowDevelopment,
                apiVersion);
    }

    public DiscoveryOptions withMulticast(boolean on, InetSocketAddress group, NetworkInterface nif) {
        return new DiscoveryOptions(searchDomain, dnsServer, on, group, nif, timeout, allowDevelopment, apiVersion);
    }

    public DiscoveryOptions withTimeout(Duration t) {
        return new DiscoveryOptions(searchDomain, dnsServer, multicast, mdnsGroup, mdnsInterface, t,
                allowDevelopment, apiVersion);
    }

    public DiscoveryOptions withDevelopmentPriorities(boolean allow) {
        return new DiscoveryOptions(searchDomain, dnsServer, multicast, mdnsGroup, mdnsInterface, timeout, allow,
                apiVersion);
    }

    boolean unicast() {
        return searchDomain != null && !searchDomain.isBlank() && dnsServer != null;
    }

    private static InetAddress mdnsAddress() {
        try {
            return InetAddress.getByAddress(new byte[] {(byte) 224, 0, 0, (byte) 251});
        } catch (java.net.UnknownHostException e) {
            throw new AssertionError(e);
        }
    }
}
