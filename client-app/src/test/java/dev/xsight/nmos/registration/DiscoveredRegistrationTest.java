package dev.xsight.nmos.registration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.xsight.nmos.NmosResource;
import dev.xsight.nmos.ResourceType;
import dev.xsight.nmos.discovery.DiscoveryOptions;
import dev.xsight.nmos.discovery.DnsName;
import dev.xsight.nmos.discovery.DnsStandIn;
import dev.xsight.nmos.discovery.MdnsBrowser;
import dev.xsight.nmos.discovery.NmosDiscovery;
import dev.xsight.nmos.discovery.ServiceInstance;
import dev.xsight.nmos.discovery.Zone;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Registration with registries found by DNS-SD: unicast DNS from a zone the test writes (the registry with the
 * lower {@code pri} first, the other on failure), and peer-to-peer mDNS advertisement while none is found.
 */
class DiscoveredRegistrationTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final RegistrarOptions FAST = new RegistrarOptions(Duration.ofMillis(40), Duration.ofSeconds(10),
            Duration.ofMillis(20), Duration.ofMillis(100));
    private final UUID node = UUID.randomUUID();
    private final UUID device = UUID.randomUUID();
    private final List<AutoCloseable> open = new ArrayList<>();
    private final BlockingQueue<RegistrationStatus> statuses = new LinkedBlockingQueue<>();

    @AfterEach
    void closeAll() throws Exception {
        for (int i = open.size() - 1; i >= 0; i--) {
            open.get(i).close();
        }
    }

    private List<NmosResource> resources() {
        ObjectNode n = JSON.createObjectNode().put("id", node.toString()).put("version", "1:0");
        ObjectNode d = JSON.createObjectNode().put("id", device.toString()).put("version", "1:0")
                .put("node_id", node.toString());
        return List.of(new NmosResource(ResourceType.NODE, node, n), new NmosResource(ResourceType.DEVICE, device, d));
    }

    private RegistryStandIn registry() throws Exception {
        RegistryStandIn r = RegistryStandIn.start(0);
        open.add(r);
        return r;
    }

    private void awaitRegisteredWith(RegistryStandIn r) throws InterruptedException {
        while (true) {
            RegistrationStatus s = statuses.poll(10, TimeUnit.SECONDS);
            assertNotNull(s, "never registered with " + r.base());
            if (s.state() == RegistrationState.REGISTERED && s.registry().equals(r.base())) {
                return;
            }
        }
    }

    @Test
    void registersWithTheHighestPriorityRegistryAndFailsOverToTheNext() throws Exception {
        RegistryStandIn backup = registry();
        RegistryStandIn primary = registry();
        DnsStandIn dns = new DnsStandIn();
        open.add(dns);
        String type = "_nmos-register._tcp.facility.test";
        dns.add(Zone.service(type, "backup", "backup.facility.test", backup.port(),
                "api_proto=http api_ver=v1.3 api_auth=false pri=20"));
        dns.add(Zone.service(type, "primary", "primary.facility.test", primary.port(),
                "api_proto=http api_ver=v1.2,v1.3 api_auth=false pri=10"));
        DiscoveryOptions options = DiscoveryOptions.defaults().withUnicast("facility.test", dns.address())
                .withMulticast(false, DiscoveryOptions.MDNS_GROUP, null);
        Registrar r = new Registrar(this::resources,
                RegistrySource.discovered(new NmosDiscovery(options, new Random(7))), PeerToPeer.NONE, FAST);
        r.addListener(statuses::add);
        open.add(r);
        r.start();

        assertEquals("POST node", primary.next().summary());
        assertEquals("POST device", primary.next().summary());
        awaitRegisteredWith(primary);

        primary.close();
        assertEquals("HEARTBEAT", backup.next().summary());
        assertEquals("POST node", backup.next().summary());
        assertEquals("POST device", backup.next().summary());
        awaitRegisteredWith(backup);
    }

    @Test
    void advertisesTheNodeByMdnsWhileNoRegistryIsFoundAndWithdrawsOnceRegistered() throws Exception {
        InetSocketAddress group;
        try (DatagramSocket s = new DatagramSocket(0)) {
            group = new InetSocketAddress(DiscoveryOptions.MDNS_GROUP.getAddress(), s.getLocalPort());
        }
        NetworkInterface lo = NetworkInterface.getByInetAddress(Zone.loopback());
        MdnsPeerToPeer p2p = new MdnsPeerToPeer(group, lo,
                MdnsPeerToPeer.nodeAdvertisement("Studio monitor", node, Zone.loopback(), 12345));
        open.add(p2p);
        DiscoveryOptions options = DiscoveryOptions.defaults().withMulticast(true, group, lo)
                .withTimeout(Duration.ofMillis(200));
        RegistryStandIn reg = registry();
        BlockingQueue<Boolean> allowRegistry = new LinkedBlockingQueue<>();
        NmosDiscovery discovery = new NmosDiscovery(options, new Random(1));
        Registrar r = new Registrar(this::resources, () -> allowRegistry.isEmpty()
                ? RegistrySource.discovered(discovery).candidates() : List.of(reg.base()), p2p, FAST);
        r.addListener(statuses::add);
        open.add(r);
        r.start();
        while (true) {
            RegistrationStatus s = statuses.poll(10, TimeUnit.SECONDS);
            assertNotNull(s);
            if (s.state() == RegistrationState.PEER_TO_PEER) {
                break;
            }
        }
        MdnsBrowser browser = new MdnsBrowser(group, lo);
        DnsName nodeType = DnsName.of(NmosDiscovery.NODE + ".local");
        List<ServiceInstance> found = browser.browse(nodeType, Duration.ofSeconds(10), 1);
        assertEquals(1, found.size());
        assertEquals(12345, found.get(0).port());
        assertEquals("0", found.get(0).txt().get("ver_rcv"));
        assertTrue(found.get(0).name().first().startsWith("Studio monitor "));

        p2p.changed(ResourceType.RECEIVER);
        assertEquals("1", browser.browse(nodeType, Duration.ofSeconds(10), 1).get(0).txt().get("ver_rcv"));

        allowRegistry.add(true);
        awaitRegisteredWith(reg);
        assertTrue(browser.browse(nodeType, Duration.ofMillis(300), 1).isEmpty(),
                "a registered node withdraws its peer-to-peer advertisement");
    }
}
