package dev.xsight.nmos.discovery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * mDNS with real multicast sockets on the loopback interface: responders join 224.0.0.251 on {@code lo}, browsers
 * ask there as one-shot queriers. The port is a free one rather than 5353, so that the tests neither disturb nor
 * are disturbed by a system responder. Browses wait for the expected number of answers, with a long window only
 * as a limit.
 */
class MdnsTest {
    private static final Duration LIMIT = Duration.ofSeconds(10);
    private final List<AutoCloseable> open = new ArrayList<>();
    private InetSocketAddress group;
    private NetworkInterface lo;

    @BeforeEach
    void group() throws Exception {
        try (DatagramSocket s = new DatagramSocket(0)) {
            group = new InetSocketAddress(DiscoveryOptions.MDNS_GROUP.getAddress(), s.getLocalPort());
        }
        lo = NetworkInterface.getByInetAddress(Zone.loopback());
    }

    @AfterEach
    void close() throws Exception {
        for (AutoCloseable c : open) {
            c.close();
        }
    }

    private MdnsResponder advertise(String type, String instance, int port, Map<String, String> txt)
            throws Exception {
        ServiceAdvertisement ad = new ServiceAdvertisement(DnsName.of(type), instance,
                DnsName.of(instance.replace(' ', '-') + ".local"), port, Zone.loopback(), txt);
        MdnsResponder r = MdnsResponder.start(group, lo, ad);
        open.add(r);
        return r;
    }

    private static Map<String, String> txt(String... kv) {
        Map<String, String> out = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            out.put(kv[i], kv[i + 1]);
        }
        return out;
    }

    @Test
    void browserFindsAnAdvertisedNodeWithItsTxtRecord() throws Exception {
        advertise("_nmos-node._tcp.local", "xsight monitor", 8080,
                txt("api_proto", "http", "api_ver", "v1.3", "api_auth", "false", "ver_slf", "0", "ver_rcv", "0"));
        List<ServiceInstance> found = new MdnsBrowser(group, lo)
                .browse(DnsName.of("_nmos-node._tcp.local"), LIMIT, 1);
        assertEquals(1, found.size());
        ServiceInstance s = found.get(0);
        assertEquals("xsight monitor", s.name().first());
        assertEquals(8080, s.port());
        assertEquals("0", s.txt().get("ver_rcv"));
        assertEquals(Zone.loopback(), s.addresses().get(0));
    }

    @Test
    void anUpdatedTxtRecordIsWhatTheNextBrowseSees() throws Exception {
        MdnsResponder r = advertise("_nmos-node._tcp.local", "xsight", 8080, txt("ver_rcv", "0"));
        r.update(r.advertisement().withTxt(txt("ver_rcv", "1")));
        ServiceInstance s = new MdnsBrowser(group, lo).browse(DnsName.of("_nmos-node._tcp.local"), LIMIT, 1).get(0);
        assertEquals("1", s.txt().get("ver_rcv"));
    }

    @Test
    void registriesFoundByMdnsAreOrderedByPriority() throws Exception {
        advertise("_nmos-register._tcp.local", "second", 8002,
                txt("api_proto", "http", "api_ver", "v1.3", "api_auth", "false", "pri", "20"));
        advertise("_nmos-register._tcp.local", "first", 8001,
                txt("api_proto", "http", "api_ver", "v1.3", "api_auth", "false", "pri", "10"));
        assertEquals(2, new MdnsBrowser(group, lo).browse(DnsName.of("_nmos-register._tcp.local"), LIMIT, 2).size());
        DiscoveryOptions o = DiscoveryOptions.defaults().withMulticast(true, group, lo)
                .withTimeout(Duration.ofMillis(500));
        List<Integer> ports = new NmosDiscovery(o, new Random(1)).find(NmosDiscovery.REGISTER).stream()
                .map(NmosService::port).toList();
        assertEquals(List.of(8001, 8002), ports);
    }

    @Test
    void unicastAnswersMeanNoMulticastBrowse() throws Exception {
        advertise("_nmos-register._tcp.local", "local one", 8009,
                txt("api_proto", "http", "api_ver", "v1.3", "api_auth", "false", "pri", "0"));
        try (DnsStandIn dns = new DnsStandIn()) {
            dns.add(Zone.service("_nmos-register._tcp.example.com", "unicast one", "u.example.com", 8010,
                    "api_proto=http api_ver=v1.3 api_auth=false pri=50"));
            DiscoveryOptions o = DiscoveryOptions.defaults().withUnicast("example.com", dns.address())
                    .withMulticast(true, group, lo).withTimeout(Duration.ofSeconds(2));
            List<Integer> ports = new NmosDiscovery(o, new Random(1)).find(NmosDiscovery.REGISTER).stream()
                    .map(NmosService::port).toList();
            assertEquals(List.of(8010), ports);
        }
    }

    @Test
    void aMalformedQueryIsCountedAndTheResponderKeepsAnswering() throws Exception {
        MdnsResponder r = advertise("_nmos-node._tcp.local", "xsight", 8080, txt("api_ver", "v1.3"));
        try (DatagramSocket s = new DatagramSocket()) {
            s.setOption(java.net.StandardSocketOptions.IP_MULTICAST_IF, lo);
            byte[] junk = {0, 1, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, (byte) 0xC0, 12};
            s.send(new DatagramPacket(junk, junk.length, group));
        }
        // One thread reads packets in order: once this browse is answered, the junk before it was read.
        assertEquals(1, new MdnsBrowser(group, lo).browse(DnsName.of("_nmos-node._tcp.local"), LIMIT, 1).size());
        assertEquals(1, r.malformedPackets());
    }

    @Test
    void aQueryFromTheMdnsPortIsAnsweredToTheGroupWithCacheFlushRecords() throws Exception {
        advertise("_nmos-node._tcp.local", "xsight", 8080, txt("api_ver", "v1.3"));
        try (java.net.MulticastSocket peer = new java.net.MulticastSocket(null)) {
            peer.setReuseAddress(true);
            peer.bind(new InetSocketAddress(group.getPort()));
            peer.joinGroup(new InetSocketAddress(group.getAddress(), 0), lo);
            peer.setNetworkInterface(lo);
            peer.setSoTimeout(10_000);
            byte[] q = DnsMessage.query(0, 0, List.of(new DnsQuestion(DnsName.of("_nmos-node._tcp.local"),
                    DnsRecord.PTR, DnsRecord.IN))).encode();
            peer.send(new DatagramPacket(q, q.length, group));
            byte[] buf = new byte[9000];
            while (true) {
                DatagramPacket p = new DatagramPacket(buf, buf.length);
                peer.receive(p); // the group also loops our own query back: skip it
                DnsMessage m = DnsMessage.decode(buf, p.getLength());
                if (!m.isResponse() || m.answers().isEmpty()) {
                    continue;
                }
                assertEquals(0, m.id(), "RFC 6762 18.1: multicast responses carry id 0");
                assertTrue(m.questions().isEmpty(), "RFC 6762 6: multicast responses carry no questions");
                assertEquals(DnsRecord.PTR, m.answers().get(0).type());
                DnsRecord srv = m.additionals().stream().filter(r -> r.type() == DnsRecord.SRV).findFirst()
                        .orElseThrow();
                assertTrue(srv.cacheFlush(), "unique records carry the cache-flush bit");
                assertEquals(120, srv.ttl());
                return;
            }
        }
    }

    @Test
    void aOneShotQueryGetsAUnicastLegacyAnswer() throws Exception {
        advertise("_nmos-node._tcp.local", "xsight", 8080, txt("api_ver", "v1.3"));
        try (DatagramSocket s = new DatagramSocket()) {
            s.setOption(java.net.StandardSocketOptions.IP_MULTICAST_IF, lo);
            s.setSoTimeout(10_000);
            DnsQuestion question = new DnsQuestion(DnsName.of("_nmos-node._tcp.local"), DnsRecord.PTR, DnsRecord.IN);
            byte[] q = DnsMessage.query(0x4242, 0, List.of(question)).encode();
            s.send(new DatagramPacket(q, q.length, group));
            byte[] buf = new byte[9000];
            DatagramPacket p = new DatagramPacket(buf, buf.length);
            s.receive(p);
            DnsMessage m = DnsMessage.decode(buf, p.getLength());
            // RFC 6762 6.7: the query's id and question, TTLs of at most 10 s, no cache-flush bits.
            assertEquals(0x4242, m.id());
            assertEquals(List.of(question), m.questions());
            for (DnsRecord r : m.allRecords()) {
                assertTrue(r.ttl() <= 10, r.toString());
                assertTrue(!r.cacheFlush(), r.toString());
            }
        }
    }

    @Test
    void goodbyeOnCloseMeansTheServiceIsGone() throws Exception {
        MdnsResponder r = advertise("_nmos-node._tcp.local", "xsight", 8080, txt("api_ver", "v1.3"));
        assertEquals(1, new MdnsBrowser(group, lo).browse(DnsName.of("_nmos-node._tcp.local"), LIMIT, 1).size());
        r.close();
        assertTrue(new MdnsBrowser(group, lo).browse(DnsName.of("_nmos-node._tcp.local"), Duration.ofMillis(300),
                1).isEmpty());
    }
}
