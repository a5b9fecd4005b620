package dev.xsight.nmos.discovery;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A unicast DNS server stand-in on loopback UDP for tests: answers each question from a zone the test writes, with
 * the matching records only (no additional section, so a browser must ask for SRV, TXT and A itself), NXDOMAIN
 * when nothing matches. Records every question it was asked.
 */
public final class DnsStandIn implements AutoCloseable {
    private final DatagramSocket socket;
    private final List<DnsRecord> zone = new CopyOnWriteArrayList<>();
    private final List<DnsQuestion> asked = new CopyOnWriteArrayList<>();
    private final Thread thread;

    public DnsStandIn() throws IOException {
        socket = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        thread = Thread.ofPlatform().daemon().name("dns-stand-in").start(this::serve);
    }

    public InetSocketAddress address() {
        return (InetSocketAddress) socket.getLocalSocketAddress();
    }

    public void add(List<DnsRecord> records) {
        zone.addAll(records);
    }

    public List<DnsQuestion> asked() {
        return List.copyOf(asked);
    }

    private void serve() {
        byte[] buf = new byte[1500];
        while (!socket.isClosed()) {
            try {
                DatagramPacket p = new DatagramPacket(buf, buf.length);
                socket.receive(p);
                DnsMessage q = DnsMessage.decode(buf, p.getLength());
                List<DnsRecord> answers = new ArrayList<>();
                for (DnsQuestion question : q.questions()) {
                    asked.add(question);
                    zone.stream().filter(question::matches).forEach(answers::add);
                }
                int flags = DnsMessage.RESPONSE | DnsMessage.AUTHORITATIVE | (answers.isEmpty() ? 3 : 0);
                byte[] out = new DnsMessage(q.id(), flags, q.questions(), answers, List.of(), List.of()).encode();
                socket.send(new DatagramPacket(out, out.length, p.getSocketAddress()));
            } catch (IOException | DnsFormatException e) {
                if (socket.isClosed()) {
                    return;
                }
            }
        }
    }

    @Override
    public void close() throws InterruptedException {
        socket.close();
        thread.join();
    }
}
