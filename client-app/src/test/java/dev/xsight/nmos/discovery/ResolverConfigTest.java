package dev.xsight.nmos.discovery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The system's unicast DNS set-up as resolv.conf(5) writes it. */
class ResolverConfigTest {
    @Test
    void takesTheFirstNameServerAndTheFirstSearchDomain() {
        ResolverConfig c = ResolverConfig.parse(List.of("# from DHCP", "domain old.example",
                "search facility.example other.example", "nameserver 10.1.2.3", "nameserver 10.1.2.4",
                "options edns0")).orElseThrow();
        assertEquals("facility.example", c.domain(), "search wins over domain");
        assertEquals("10.1.2.3", c.server().getAddress().getHostAddress());
        assertEquals(53, c.server().getPort());
    }

    @Test
    void withoutASearchDomainOrServerThereIsNoUnicastBrowsing() {
        assertTrue(ResolverConfig.parse(List.of("nameserver 10.0.0.1")).isEmpty());
        assertTrue(ResolverConfig.parse(List.of("search example.com")).isEmpty());
        assertTrue(ResolverConfig.parse(List.of("nameserver dns.example", "search example.com")).isEmpty());
        assertEquals("example.com", ResolverConfig.parse(List.of("domain example.com", "nameserver ::1"))
                .orElseThrow().domain());
    }
}
