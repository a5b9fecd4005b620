package dev.xsight.nmos.registration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.xsight.nmos.NmosResource;
import dev.xsight.nmos.ResourceType;
import dev.xsight.nmos.discovery.DiscoveryOptions;
import dev.xsight.nmos.discovery.DnsName;
import dev.xsight.nmos.discovery.MdnsBrowser;
import java.net.InetAddress;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** What the node command starts: registration with {@code --registry}, and how that URL is read. */
class NodeRegistrationTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void registryUrlIsABaseUrlWithoutAPath() {
        assertEquals(URI.create("http://127.0.0.1:8235"), RegistrationSettings.registryUrl("http://127.0.0.1:8235"));
        assertEquals(URI.create("http://reg.example:80"), RegistrationSettings.registryUrl("http://reg.example:80/"));
        IllegalArgumentException path = assertThrows(IllegalArgumentException.class,
                () -> RegistrationSettings.registryUrl("http://127.0.0.1:8235/x-nmos/registration/v1.3"));
        assertTrue(path.getMessage().contains("adds /x-nmos/registration/v1.3/"), path.getMessage());
        assertThrows(IllegalArgumentException.class, () -> RegistrationSettings.registryUrl("127.0.0.1:8235"));
        assertThrows(IllegalArgumentException.class, () -> RegistrationSettings.registryUrl("https://r:1"));
    }

    @Test
    void defaultsAreTheIs04Ones() {
        RegistrarOptions d = RegistrarOptions.defaults();
        assertEquals(Duration.ofSeconds(5), d.heartbeat(), "IS-04: heartbeat every 5 s by default");
        assertEquals(d.heartbeat(), d.requestTimeout(), "IS-04: request timeouts follow the heartbeat interval");
        assertEquals(null, RegistrationSettings.defaults().registry(), "without --registry the registry is discovered");
        assertEquals(5353, RegistrationSettings.defaults().discovery().mdnsGroup().getPort());
        assertEquals("224.0.0.251", RegistrationSettings.defaults().discovery().mdnsGroup().getAddress()
                .getHostAddress());
    }

    @Test
    void withoutARegistryTheNodeAdvertisesItselfByMdnsUnlessMdnsIsOff() throws Exception {
        java.net.InetSocketAddress group;
        try (java.net.DatagramSocket s = new java.net.DatagramSocket(0)) {
            group = new java.net.InetSocketAddress(DiscoveryOptions.MDNS_GROUP.getAddress(), s.getLocalPort());
        }
        java.net.NetworkInterface lo = java.net.NetworkInterface.getByInetAddress(InetAddress.getLoopbackAddress());
        DiscoveryOptions mdns = DiscoveryOptions.defaults().withMulticast(true, group, lo)
                .withTimeout(Duration.ofMillis(200));
        DnsName nodeType = DnsName.of("_nmos-node._tcp.local");
        MdnsBrowser browser = new MdnsBrowser(group, lo);

        try (NodeRegistration on = startUntilPeerToPeer(mdns)) {
            assertEquals(1, browser.browse(nodeType, Duration.ofSeconds(10), 1).size());
        }
        try (NodeRegistration off = startUntilPeerToPeer(mdns.withMulticast(false, group, lo))) {
            assertTrue(browser.browse(nodeType, Duration.ofMillis(300), 1).isEmpty(),
                    "with mDNS off nothing is advertised");
        }
    }

    private static NodeRegistration startUntilPeerToPeer(DiscoveryOptions discovery) throws InterruptedException {
        UUID node = UUID.randomUUID();
        ObjectNode n = JSON.createObjectNode().put("id", node.toString()).put("version", "1:0");
        RegistrationSettings settings = RegistrationSettings.defaults().withDiscovery(discovery);
        BlockingQueue<RegistrationStatus> statuses = new LinkedBlockingQueue<>();
        NodeRegistration r = NodeRegistration.start(settings, () -> List.of(new NmosResource(ResourceType.NODE, node,
                n)), "monitor", node, InetAddress.getLoopbackAddress(), 8080);
        r.addListener(statuses::add);
        while (r.status().state() != RegistrationState.PEER_TO_PEER) {
            assertNotNull(statuses.poll(10, TimeUnit.SECONDS), "never reached peer-to-peer mode");
        }
        return r;
    }

    @Test
    void registersWithTheGivenRegistryAndUnregistersOnClose() throws Exception {
        UUID node = UUID.randomUUID();
        ObjectNode n = JSON.createObjectNode().put("id", node.toString()).put("version", "1:0");
        List<NmosResource> resources = List.of(new NmosResource(ResourceType.NODE, node, n));
        try (RegistryStandIn reg = RegistryStandIn.start(0)) {
            RegistrationSettings settings = RegistrationSettings.defaults().withRegistry(reg.base());
            settings = new RegistrationSettings(settings.registry(), settings.discovery(), new RegistrarOptions(
                    Duration.ofMillis(50), Duration.ofSeconds(10), Duration.ofMillis(20), Duration.ofMillis(100)));
            BlockingQueue<RegistrationStatus> statuses = new LinkedBlockingQueue<>();
            NodeRegistration running = NodeRegistration.start(settings, () -> resources, "monitor", node,
                    InetAddress.getLoopbackAddress(), 8080);
            running.addListener(statuses::add);
            assertEquals("POST node", reg.next().summary());
            assertEquals("HEARTBEAT", reg.next().summary());
            while (running.status().state() != RegistrationState.REGISTERED) {
                assertNotNull(statuses.poll(10, TimeUnit.SECONDS));
            }
            running.close();
            assertEquals(RegistrationState.STOPPED, running.status().state());
            assertTrue(!reg.holds(node.toString()), "the node unregistered itself");
        }
    }
}
