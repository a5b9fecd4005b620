package dev.xsight.nmos.discovery;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.SocketTimeoutException;
import java.net.StandardSocketOptions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * DNS-SD browsing over multicast DNS as a one-shot querier (RFC 6762 5.1): the questions go to the mDNS group from
 * an ephemeral port, and responders answer by unicast to that port (RFC 6762 6.7). Asks for PTR records of the
 * service type, then for whatever SRV, TXT or A record the answers lacked. Blocking, on the caller's thread, for at
 * most the browse window; a malformed answer from one responder is logged and skipped.
 */
public final class MdnsBrowser {
    private static final Logger LOG = LoggerFactory.getLogger(MdnsBrowser.class);

    private final InetSocketAddress group;
    private final NetworkInterface nif;

    /**
     * @param group the mDNS group and port (224.0.0.251:5353 in a facility)
     * @param nif   the interface to ask on, or null for the system's choice
     */
    public MdnsBrowser(InetSocketAddress group, NetworkInterface nif) {
        this.group = Objects.requireNonNull(group, "group");
        this.nif = nif;
    }

    /**
     * The instances of {@code serviceType} (for example {@code _nmos-register._tcp.local}) that answer within
     * {@code window}; returns early once {@code enough} are resolved.
     *
     * @throws IOException the socket could not be opened or the query not sent
     */
    public List<ServiceInstance> browse(DnsName serviceType, Duration window, int enough) throws IOException {
        long deadline = System.nanoTime() + window.toNanos();
        List<DnsRecord> records = new ArrayList<>();
        Set<DnsQuestion> asked = new HashSet<>();
        try (DatagramSocket socket = new DatagramSocket()) {
            if (nif != null) {
                socket.setOption(StandardSocketOptions.IP_MULTICAST_IF, nif);
            }
            socket.setOption(StandardSocketOptions.IP_MULTICAST_LOOP, true);
            int id = ThreadLocalRandom.current().nextInt(0x10000);
            ask(socket, id, asked, List.of(new DnsQuestion(serviceType, DnsRecord.PTR, DnsRecord.IN)));
            byte[] buf = new byte[9000];
            while (true) {
                List<ServiceInstance> resolved = ServiceInstance.resolve(serviceType, records);
                long left = deadline - System.nanoTime();
                if (resolved.size() >= enough || left <= 0) {
                    return resolved;
                }
                socket.setSoTimeout((int) Math.max(1, left / 1_000_000));
                DatagramPacket p = new DatagramPacket(buf, buf.length);
                try {
                    socket.receive(p);
                } catch (SocketTimeoutException windowOver) {
                    return ServiceInstance.resolve(serviceType, records);
                }
                try {
                    DnsMessage m = DnsMessage.decode(buf, p.getLength());
                    if (m.isResponse()) {
                        records.addAll(m.allRecords());
                        ask(socket, id, asked, missing(serviceType, records));
                    }
                } catch (DnsFormatException e) {
                    LOG.debug("mDNS answer from {} ignored: {}", p.getSocketAddress(), e.getMessage());
                }
            }
        }
    }

    /** The follow-up questions for instances whose SRV, TXT or A records have not arrived. */
    private static List<DnsQuestion> missing(DnsName serviceType, List<DnsRecord> records) {
        List<DnsQuestion> out = new ArrayList<>();
        for (DnsName instance : ServiceInstance.instanceNames(serviceType, records)) {
            DnsRecord.Srv srv = ServiceInstance.find(records, instance, DnsRecord.Srv.class);
            if (srv == null) {
                out.add(new DnsQuestion(instance, DnsRecord.SRV, DnsRecord.IN));
            } else if (ServiceInstance.addresses(srv.target(), records).isEmpty()) {
                out.add(new DnsQuestion(srv.target(), DnsRecord.A, DnsRecord.IN));
            }
            if (ServiceInstance.find(records, instance, DnsRecord.Txt.class) == null) {
                out.add(new DnsQuestion(instance, DnsRecord.TXT, DnsRecord.IN));
            }
        }
        return out;
    }

    private void ask(DatagramSocket socket, int id, Set<DnsQuestion> asked, List<DnsQuestion> questions)
            throws IOException {
        List<DnsQuestion> fresh = questions.stream().filter(asked::add).toList();
        if (!fresh.isEmpty()) {
            byte[] bytes = DnsMessage.query(id, 0, fresh).encode();
            socket.send(new DatagramPacket(bytes, bytes.length, group));
        }
    }
}
