package dev.xsight.nmos.discovery;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.InetSocketAddress;
import java.net.MulticastSocket;
import java.net.NetworkInterface;
import java.net.SocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers multicast DNS queries for one {@link ServiceAdvertisement} (RFC 6762): joins the mDNS group on one
 * interface, announces on start and on every {@link #update}, answers questions for the service type, the instance,
 * its host and the service enumeration name, and says goodbye (TTL 0) on {@link #close}.
 *
 * <p>Answers go where RFC 6762 says: to a query from a port other than the mDNS port (a one-shot querier, 6.7) as a
 * unicast reply with the query's id and question and TTLs of at most 10 s; to a query whose questions all ask for
 * unicast (5.4) unicast to its source; otherwise multicast to the group.
 *
 * <p>Threading: one daemon thread, {@code xsight-nmos-mdns}, owns the socket's receive side; {@link #update} and
 * {@link #close} may be called from any thread. A malformed packet is logged and counted, never fatal.
 */
public final class MdnsResponder implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(MdnsResponder.class);
    /** RFC 6762 6.7: TTL cap for legacy unicast answers. */
    private static final long LEGACY_TTL = 10;

    private final MulticastSocket socket;
    private final InetSocketAddress group;
    private final Thread thread;
    private final AtomicLong malformed = new AtomicLong();
    private volatile ServiceAdvertisement ad;
    private volatile boolean closed;

    private MdnsResponder(MulticastSocket socket, InetSocketAddress group, ServiceAdvertisement ad) {
        this.socket = socket;
        this.group = group;
        this.ad = ad;
        this.thread = Thread.ofPlatform().daemon().name("xsight-nmos-mdns").unstarted(this::receiveLoop);
    }

    /**
     * Joins {@code group} (224.0.0.251:5353 in a facility) on {@code nif} and starts answering.
     *
     * @throws IOException              the socket could not be bound or the group joined
     * @throws IllegalArgumentException the advertisement cannot be encoded (a label over 63 bytes, TXT over 255)
     */
    public static MdnsResponder start(InetSocketAddress group, NetworkInterface nif, ServiceAdvertisement ad)
            throws IOException {
        Objects.requireNonNull(nif, "nif");
        check(ad);
        MulticastSocket socket = new MulticastSocket(null);
        try {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(group.getPort()));
            socket.setNetworkInterface(nif);
            socket.setTimeToLive(255);
            socket.setOption(java.net.StandardSocketOptions.IP_MULTICAST_LOOP, true);
            socket.joinGroup(new InetSocketAddress(group.getAddress(), 0), nif);
        } catch (IOException | RuntimeException e) {
            socket.close();
            throw e;
        }
        MdnsResponder r = new MdnsResponder(socket, group, ad);
        r.thread.start();
        r.announce();
        return r;
    }

    /** The advertisement now answered with. */
    public ServiceAdvertisement advertisement() {
        return ad;
    }

    /** Replaces the advertisement (new TXT pairs: peer-to-peer {@code ver_*} counters) and announces it. */
    public void update(ServiceAdvertisement next) {
        check(Objects.requireNonNull(next, "next"));
        this.ad = next;
        announce();
    }

    /** Fails now, not in the receive loop, when an advertisement cannot be encoded (a label over 63 bytes ...). */
    private static void check(ServiceAdvertisement ad) {
        new DnsMessage(0, DnsMessage.RESPONSE, List.of(), ad.records(true, 1), List.of(), List.of()).encode();
    }

    /** Packets that could not be read since start. */
    public long malformedPackets() {
        return malformed.get();
    }

    private void announce() {
        send(new DnsMessage(0, DnsMessage.RESPONSE | DnsMessage.AUTHORITATIVE, List.of(), ad.records(true, 1),
                List.of(), List.of()), group);
    }

    private void receiveLoop() {
        byte[] buf = new byte[9000];
        while (!closed) {
            DatagramPacket p = new DatagramPacket(buf, buf.length);
            try {
                socket.receive(p);
            } catch (IOException e) {
                if (!closed) {
                    LOG.warn("mDNS receive failed, responder stops: {}", e.toString());
                }
                return;
            }
            try {
                answer(DnsMessage.decode(buf, p.getLength()), p.getSocketAddress());
            } catch (DnsFormatException e) {
                malformed.incrementAndGet();
                LOG.debug("mDNS packet from {} ignored: {}", p.getSocketAddress(), e.getMessage());
            } catch (RuntimeException e) {
                LOG.warn("mDNS query from {} not answered", p.getSocketAddress(), e);
            }
        }
    }

    private void answer(DnsMessage query, SocketAddress from) {
        if (query.isResponse() || query.questions().isEmpty()) {
            return;
        }
        ServiceAdvertisement now = ad;
        boolean legacy = from instanceof InetSocketAddress isa && isa.getPort() != group.getPort();
        List<DnsRecord> own = now.records(!legacy, 1);
        List<DnsRecord> answers = new ArrayList<>();
        boolean allUnicast = true;
        for (DnsQuestion q : query.questions()) {
            allUnicast &= q.unicastResponse();
            for (DnsRecord r : own) {
                if (q.matches(r) && !answers.contains(r)) {
                    answers.add(legacy ? capTtl(r) : r);
                }
            }
        }
        if (answers.isEmpty()) {
            return;
        }
        // RFC 6763 12: with a PTR or SRV answer, the records a browser asks for next ride along as additionals.
        List<DnsRecord> additionals = new ArrayList<>();
        for (DnsRecord r : own) {
            if (r.type() != DnsRecord.PTR && answers.stream().noneMatch(a -> a.name().equals(r.name())
                    && a.type() == r.type())) {
                additionals.add(legacy ? capTtl(r) : r);
            }
        }
        int flags = DnsMessage.RESPONSE | DnsMessage.AUTHORITATIVE;
        if (legacy) {
            send(new DnsMessage(query.id(), flags, query.questions(), answers, List.of(), additionals), from);
        } else {
            send(new DnsMessage(0, flags, List.of(), answers, List.of(), additionals), allUnicast ? from : group);
        }
    }

    private static DnsRecord capTtl(DnsRecord r) {
        return new DnsRecord(r.name(), r.type(), r.dnsClass() & 0x7FFF, Math.min(r.ttl(), LEGACY_TTL), r.data());
    }

    private void send(DnsMessage m, SocketAddress to) {
        byte[] bytes = m.encode();
        try {
            socket.send(new DatagramPacket(bytes, bytes.length, to));
        } catch (IOException e) {
            LOG.debug("mDNS send to {} failed: {}", to, e.toString());
        }
    }

    /** Says goodbye (RFC 6762 10.1: the records with TTL 0), leaves the group and stops the thread. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        send(new DnsMessage(0, DnsMessage.RESPONSE | DnsMessage.AUTHORITATIVE, List.of(), ad.records(true, 0),
                List.of(), List.of()), group);
        closed = true;
        socket.close();
        try {
            thread.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
