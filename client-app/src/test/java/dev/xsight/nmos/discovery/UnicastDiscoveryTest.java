package dev.xsight.nmos.discovery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Unicast DNS-SD against a DNS server stand-in on loopback UDP, and the IS-04 ordering of what it finds
 * ("Discovery: Registered Operation", client interaction procedure).
 */
class UnicastDiscoveryTest {
    private static final String TYPE = "_nmos-register._tcp.example.com";
    private DnsStandIn dns;

    private void add(String instance, String host, int port, String txt) {
        dns.add(Zone.service(TYPE, instance, host, port, txt));
    }

    @BeforeEach
    void zone() throws Exception {
        dns = new DnsStandIn();
        add("reg A", "a.example.com", 8001, "api_proto=http api_ver=v1.2,v1.3 api_auth=false pri=10");
        add("reg B", "b.example.com", 8002, "api_proto=http api_ver=v1.3 api_auth=false pri=5");
        add("reg C", "c.example.com", 8003, "api_proto=http api_ver=v1.3 api_auth=false pri=10");
        add("dev", "d.example.com", 8004, "api_proto=http api_ver=v1.3 api_auth=false pri=100");
        add("old", "e.example.com", 8005, "api_proto=http api_ver=v1.2 api_auth=false pri=0");
        add("secure", "f.example.com", 8006, "api_proto=https api_ver=v1.3 api_auth=true pri=0");
        add("no pri", "g.example.com", 8007, "api_proto=http api_ver=v1.3 api_auth=false");
    }

    @AfterEach
    void stop() throws Exception {
        dns.close();
    }

    private DiscoveryOptions options() {
        return DiscoveryOptions.defaults().withUnicast("example.com", dns.address())
                .withMulticast(false, DiscoveryOptions.MDNS_GROUP, null).withTimeout(Duration.ofSeconds(2));
    }

    @Test
    void browsesPtrThenAsksForSrvTxtAndAOfEachInstance() throws Exception {
        List<ServiceInstance> found = new UnicastDnsBrowser(dns.address(), Duration.ofSeconds(2), 2)
                .browse(DnsName.of(TYPE));
        assertEquals(7, found.size());
        ServiceInstance b = found.stream().filter(s -> s.name().first().equals("reg B")).findFirst().orElseThrow();
        assertEquals(8002, b.port());
        assertEquals("5", b.txt().get("pri"));
        assertEquals(DnsName.of("b.example.com"), b.host());
        assertEquals(Zone.loopback(), b.addresses().get(0));
        // The stand-in sends no additional records, so each instance needed its own SRV, TXT and A questions.
        assertEquals(1 + 7 * 3, dns.asked().size());
    }

    @Test
    void ordersByPriorityDropsDevelopmentUnsupportedAndBadAdvertisements() {
        List<Integer> ports = new NmosDiscovery(options(), new Random(1)).find(NmosDiscovery.REGISTER).stream()
                .map(NmosService::port).toList();
        assertEquals(3, ports.size(), "v1.2 only, https with auth, pri 100 and a missing pri are left out");
        assertEquals(8002, ports.get(0), "pri 5 before pri 10");
        assertEquals(Set.of(8001, 8003), new HashSet<>(ports.subList(1, 3)));
    }

    @Test
    void developmentPrioritiesComeLastWhenAllowed() {
        List<Integer> ports = new NmosDiscovery(options().withDevelopmentPriorities(true), new Random(1))
                .find(NmosDiscovery.REGISTER).stream().map(NmosService::port).toList();
        assertEquals(List.of(8002), ports.subList(0, 1));
        assertEquals(8004, ports.get(3));
    }

    @Test
    void equalPrioritiesAreChosenAtRandom() {
        Set<Integer> firstAmongEquals = new HashSet<>();
        NmosService a = service(8001, 10);
        NmosService c = service(8003, 10);
        for (int seed = 0; seed < 64 && firstAmongEquals.size() < 2; seed++) {
            List<NmosService> ordered = NmosDiscovery.order(List.of(a, c, service(8002, 5)), options(),
                    new SplittableRandom(seed));
            firstAmongEquals.add(ordered.get(1).port());
        }
        assertEquals(Set.of(8001, 8003), firstAmongEquals);
    }

    @Test
    void anUnansweredServerIsAnEmptyResultNotAFailure() throws Exception {
        InetSocketAddress nobody;
        try (java.net.DatagramSocket s = new java.net.DatagramSocket(0, Zone.loopback())) {
            nobody = (InetSocketAddress) s.getLocalSocketAddress();
        }
        DiscoveryOptions o = options().withUnicast("example.com", nobody).withTimeout(Duration.ofMillis(200));
        assertTrue(new NmosDiscovery(o, new Random(1)).find(NmosDiscovery.REGISTER).isEmpty());
    }

    private static NmosService service(int port, int pri) {
        return new NmosService(DnsName.of("x"), "http", Zone.loopback(), port, pri, List.of("v1.3"), false);
    }
}
