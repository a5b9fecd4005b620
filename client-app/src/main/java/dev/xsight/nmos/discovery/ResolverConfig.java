package dev.xsight.nmos.discovery;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The system's unicast DNS set-up as IS-04 "Discovery" asks a node to use it ("configured with DNS server addresses
 * and a default search domain either manually or automatically via DHCP"): the first {@code nameserver} and the
 * first search domain ({@code search}, else {@code domain}) of a resolv.conf(5) file.
 */
public record ResolverConfig(String domain, InetSocketAddress server) {
    /** Where Linux keeps it. */
    public static final Path SYSTEM = Path.of("/etc/resolv.conf");

    /** The file's set-up; empty when it lacks a name server or a search domain, or cannot be read. */
    public static Optional<ResolverConfig> read(Path file) {
        try {
            return parse(Files.readAllLines(file));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** As {@link #read}, from the file's lines. */
    public static Optional<ResolverConfig> parse(List<String> lines) {
        String server = null;
        String search = null;
        String domain = null;
        for (String raw : lines) {
            String line = raw.strip();
            if (line.startsWith("#") || line.startsWith(";")) {
                continue;
            }
            String[] words = line.split("\\s+");
            if (words.length < 2) {
                continue;
            }
            switch (words[0]) {
                case "nameserver" -> server = server == null ? words[1] : server;
                case "search" -> search = search == null ? words[1] : search;
                case "domain" -> domain = domain == null ? words[1] : domain;
                default -> {
                }
            }
        }
        String chosen = search != null ? search : domain;
        if (server == null || chosen == null || chosen.equals(".")) {
            return Optional.empty();
        }
        try {
            // A literal address only (resolv.conf holds no names); ofLiteral does no lookup.
            return Optional.of(new ResolverConfig(chosen, new InetSocketAddress(InetAddress.ofLiteral(server), 53)));
        } catch (IllegalArgumentException notAnAddress) {
            return Optional.empty();
        }
    }
}
