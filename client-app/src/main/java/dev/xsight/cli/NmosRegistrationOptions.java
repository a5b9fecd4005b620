package dev.xsight.cli;

import dev.xsight.nmos.discovery.DiscoveryOptions;
import dev.xsight.nmos.discovery.ResolverConfig;
import dev.xsight.nmos.registration.RegistrationSettings;
import java.net.InetSocketAddress;
import picocli.CommandLine.Option;

/**
 * The registration options of an NMOS node command, as a picocli mixin: {@code --registry URL}, or DNS-SD
 * ({@code --dns-server}, {@code --dns-domain} for unicast, else the system resolver's server and search domain
 * unless {@code --no-system-dns}; mDNS unless {@code --no-mdns}).
 */
final class NmosRegistrationOptions {
    @Option(names = "--registry", paramLabel = "URL", description = "Registration API base URL, such as "
            + "http://127.0.0.1:8235 (the node adds /x-nmos/registration/v1.3/). Without it the registry is found by "
            + "DNS-SD (_nmos-register._tcp): unicast with --dns-server and --dns-domain (or the system's resolver "
            + "settings when they name a search domain), else mDNS; with none found "
            + "the node advertises itself by mDNS (peer-to-peer).")
    String registry;

    @Option(names = "--dns-server", paramLabel = "HOST[:PORT]",
            description = "DNS server for unicast DNS-SD (port 53 unless given).")
    String dnsServer;

    @Option(names = "--dns-domain", paramLabel = "DOMAIN", description = "Search domain for unicast DNS-SD.")
    String dnsDomain;

    @Option(names = "--no-system-dns", description = "Do not take a DNS server and search domain for unicast DNS-SD "
            + "from the system's resolver configuration.")
    boolean noSystemDns;

    @Option(names = "--no-mdns", description = "Do not browse or advertise by multicast DNS.")
    boolean noMdns;

    @Option(names = "--allow-dev-registries",
            description = "Also use registries advertised with pri 100 or more (IS-04 reserves them for development).")
    boolean allowDevelopment;

    /** The settings these options stand for; a bad URL or server is an {@link IllegalArgumentException}. */
    RegistrationSettings settings() {
        RegistrationSettings s = RegistrationSettings.defaults();
        DiscoveryOptions d = s.discovery().withDevelopmentPriorities(allowDevelopment)
                .withMulticast(!noMdns, DiscoveryOptions.MDNS_GROUP, null);
        if ((dnsServer == null) != (dnsDomain == null)) {
            throw new IllegalArgumentException("unicast DNS-SD needs both --dns-server and --dns-domain");
        }
        if (dnsServer != null) {
            d = d.withUnicast(dnsDomain, server(dnsServer));
        } else if (!noSystemDns) {
            // IS-04 Discovery: use the configured (or DHCP-given) server and search domain when there are both.
            var system = ResolverConfig.read(ResolverConfig.SYSTEM);
            if (system.isPresent()) {
                d = d.withUnicast(system.get().domain(), system.get().server());
            }
        }
        s = s.withDiscovery(d);
        return registry == null ? s : s.withRegistry(RegistrationSettings.registryUrl(registry));
    }

    private static InetSocketAddress server(String text) {
        int colon = text.lastIndexOf(':');
        boolean hasPort = colon > 0 && text.indexOf(':') == colon;
        String host = hasPort ? text.substring(0, colon) : text;
        int port = 53;
        if (hasPort) {
            try {
                port = Integer.parseInt(text.substring(colon + 1));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("--dns-server " + text + ": the port is not a number");
            }
        }
        if (port < 1 || port > 65535 || host.isBlank()) {
            throw new IllegalArgumentException("--dns-server " + text + " is not HOST[:PORT]");
        }
        return new InetSocketAddress(host, port);
    }
}
