package dev.xsight.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.xsight.nmos.registration.RegistrationSettings;
import java.net.URI;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** The NMOS registration options as a node command parses them. */
class NmosRegistrationOptionsTest {
    @Command(name = "node")
    static final class Node {
        @Mixin
        NmosRegistrationOptions registration;
    }

    private static RegistrationSettings parse(String... args) {
        Node n = new Node();
        new CommandLine(n).parseArgs(args);
        return n.registration.settings();
    }

    @Test
    void registryUrlIsTakenAsTheBase() {
        assertEquals(URI.create("http://127.0.0.1:8235"), parse("--registry", "http://127.0.0.1:8235").registry());
    }

    @Test
    void withoutRegistryDiscoveryByMdnsOnly() {
        RegistrationSettings s = parse("--no-system-dns");
        assertNull(s.registry());
        assertTrue(s.discovery().multicast());
        assertNull(s.discovery().dnsServer());
        assertFalse(s.discovery().allowDevelopment());
    }

    @Test
    void unicastNeedsServerAndDomain() {
        RegistrationSettings s = parse("--dns-server", "127.0.0.1:5300", "--dns-domain", "facility.test",
                "--no-mdns", "--allow-dev-registries");
        assertEquals(5300, s.discovery().dnsServer().getPort());
        assertEquals("facility.test", s.discovery().searchDomain());
        assertFalse(s.discovery().multicast());
        assertTrue(s.discovery().allowDevelopment());
        assertEquals(53, parse("--dns-server", "127.0.0.1", "--dns-domain", "x").discovery().dnsServer().getPort());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> parse("--dns-server", "127.0.0.1"));
        assertTrue(e.getMessage().contains("--dns-domain"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> parse("--registry", "http://r:1/x-nmos/registration/v1.3"));
    }
}
