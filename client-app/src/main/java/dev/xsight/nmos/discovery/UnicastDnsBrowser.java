package dev.xsight.nmos.discovery;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;

/**
 * DNS-SD browsing over unicast DNS (RFC 6763 4 and 5 over RFC 1035 UDP): a PTR query for the service type in the
 * search domain, then SRV, TXT and A queries for whatever the answers and additional sections left out.
 * Blocking, on the caller's thread; one socket per browse.
 */
public final class UnicastDnsBrowser {
    private static final int MAX_UDP = 65_535;

    private final InetSocketAddress server;
    private final Duration timeout;
    private final int tries;

    /**
     * @param server  the DNS server
     * @param timeout how long to wait for each answer
     * @param tries   how many times a query is sent before it counts as unanswered
     */
    public UnicastDnsBrowser(InetSocketAddress server, Duration timeout, int tries) {
        this.server = Objects.requireNonNull(server, "server");
        this.timeout = Objects.requireNonNull(timeout, "timeout");
        this.tries = Math.max(1, tries);
    }

    /**
     * The instances of {@code serviceType} (for example {@code _nmos-register._tcp.example.com}).
     *
     * @throws IOException        the server did not answer or the socket failed
     * @throws DnsFormatException the server's answer is not a well-formed DNS message
     */
    public List<ServiceInstance> browse(DnsName serviceType) throws IOException, DnsFormatException {
        try (DatagramSocket socket = new DatagramSocket()) {
            socket.setSoTimeout((int) Math.max(1, timeout.toMillis()));
            List<DnsRecord> records = new ArrayList<>(query(socket, serviceType, DnsRecord.PTR));
            for (DnsName instance : ServiceInstance.instanceNames(serviceType, records)) {
                if (ServiceInstance.find(records, instance, DnsRecord.Srv.class) == null) {
                    records.addAll(query(socket, instance, DnsRecord.SRV));
                }
                if (ServiceInstance.find(records, instance, DnsRecord.Txt.class) == null) {
                    records.addAll(query(socket, instance, DnsRecord.TXT));
                }
                DnsRecord.Srv srv = ServiceInstance.find(records, instance, DnsRecord.Srv.class);
                if (srv != null && ServiceInstance.addresses(srv.target(), records).isEmpty()) {
                    records.addAll(query(socket, srv.target(), DnsRecord.A));
                }
            }
            return ServiceInstance.resolve(serviceType, records);
        }
    }

    /** One question, asked up to {@code tries} times; the records of the matching response (none on NXDOMAIN). */
    private List<DnsRecord> query(DatagramSocket socket, DnsName name, int type)
            throws IOException, DnsFormatException {
        int id = ThreadLocalRandom.current().nextInt(0x10000);
        DnsQuestion question = new DnsQuestion(name, type, DnsRecord.IN);
        byte[] out = DnsMessage.query(id, DnsMessage.RECURSION_DESIRED, List.of(question)).encode();
        byte[] in = new byte[MAX_UDP];
        for (int attempt = 0; attempt < tries; attempt++) {
            socket.send(new DatagramPacket(out, out.length, server));
            try {
                while (true) {
                    DatagramPacket p = new DatagramPacket(in, in.length);
                    socket.receive(p);
                    if (!p.getSocketAddress().equals(server)) {
                        continue;
                    }
                    DnsMessage m = DnsMessage.decode(in, p.getLength());
                    if (m.isResponse() && m.id() == id && m.questions().contains(question)) {
                        return m.allRecords();
                    }
                }
            } catch (SocketTimeoutException unanswered) {
                // send again
            }
        }
        throw new IOException("no answer from " + server + " to " + name + " type " + type + " after " + tries
                + " tries");
    }
}
