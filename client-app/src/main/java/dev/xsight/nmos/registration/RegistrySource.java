package dev.xsight.nmos.registration;

import dev.xsight.nmos.discovery.NmosDiscovery;
import dev.xsight.nmos.discovery.NmosService;
import java.net.URI;
import java.util.List;
import java.util.Objects;

/**
 * Where a {@link Registrar} gets its registries: an ordered list of base URLs ({@code http://host:port}), best
 * first. Called on the registrar's thread each time the previous list is used up; may block (DNS-SD).
 */
@FunctionalInterface
public interface RegistrySource {
    List<URI> candidates();

    /** Always the one registry of {@code --registry URL}. */
    static RegistrySource fixed(URI base) {
        Objects.requireNonNull(base, "base");
        return () -> List.of(base);
    }

    /** The registries DNS-SD finds ({@code _nmos-register._tcp}), in IS-04 priority order. */
    static RegistrySource discovered(NmosDiscovery discovery) {
        Objects.requireNonNull(discovery, "discovery");
        return () -> discovery.find(NmosDiscovery.REGISTER).stream().map(NmosService::baseUri).toList();
    }
}
