package dev.xsight.st2110.receive;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;

/**
 * A forwarding relay on loopback that can drop, hold back (reorder) or duplicate datagrams: the impairments a real
 * network adds, applied to real UDP traffic. Test infrastructure.
 */
final class UdpRelay implements AutoCloseable {
    /**
     * What to do with datagram number {@code index} (0-based) carrying RTP sequence {@code seq}, timestamp
     * {@code ts} and RFC 9134 payload header {@code header}.
     */
    interface Policy {
        Action decide(long index, int seq, long ts, int header);
    }

    enum Action {
        FORWARD, DROP, DUPLICATE, HOLD
    }

    private final DatagramChannel in;
    private final DatagramChannel out;
    private final InetSocketAddress target;
    private final Policy policy;
    private final Thread thread;
    private volatile boolean closed;
    /** Datagrams taken in (each decided on), sent on, dropped: what a test waits on. */
    volatile long received;
    volatile long forwarded;
    volatile long dropped;

    UdpRelay(InetSocketAddress target, Policy policy) throws IOException {
        this.target = target;
        this.policy = policy;
        in = DatagramChannel.open();
        in.setOption(StandardSocketOptions.SO_RCVBUF, 4 << 20);
        in.bind(new InetSocketAddress("127.0.0.1", 0));
        out = DatagramChannel.open();
        out.setOption(StandardSocketOptions.SO_SNDBUF, 4 << 20);
        thread = new Thread(this::run, "udp-relay");
        thread.setDaemon(true);
        thread.start();
    }

    int port() throws IOException {
        return ((InetSocketAddress) in.getLocalAddress()).getPort();
    }

    InetSocketAddress address() throws IOException {
        return new InetSocketAddress("127.0.0.1", port());
    }

    private void run() {
        ByteBuffer buf = ByteBuffer.allocate(2048);
        ByteBuffer held = ByteBuffer.allocate(2048);
        boolean holding = false;
        long index = 0;
        try {
            while (!closed) {
                buf.clear();
                in.receive(buf);
                buf.flip();
                int seq = buf.remaining() >= 4 ? (buf.get(2) & 0xFF) << 8 | buf.get(3) & 0xFF : 0;
                long ts = buf.remaining() >= 8 ? buf.getInt(4) & 0xFFFF_FFFFL : 0;
                int hdr = buf.remaining() >= 16 ? buf.getInt(12) : 0;
                Action a = policy.decide(index++, seq, ts, hdr);
                switch (a) {
                    case DROP -> dropped++;
                    case HOLD -> {
                        if (holding) {
                            send(held);
                        }
                        held.clear();
                        held.put(buf).flip();
                        holding = true;
                    }
                    case DUPLICATE -> {
                        send(buf.duplicate());
                        send(buf);
                    }
                    case FORWARD -> send(buf);
                }
                if (holding && a != Action.HOLD) {
                    // A held datagram goes out after its successor: the two arrive swapped.
                    send(held);
                    holding = false;
                }
                received++;
            }
        } catch (IOException e) {
            // closed
        }
    }

    private void send(ByteBuffer b) throws IOException {
        out.send(b, target);
        forwarded++;
    }

    @Override
    public void close() throws IOException {
        closed = true;
        in.close();
        out.close();
        try {
            thread.join(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
