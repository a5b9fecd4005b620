package dev.xsight.st2110.receive;

import dev.xsight.st2110.sdp.JxsvFormat;
import dev.xsight.st2110.send.Packetizer;
import dev.xsight.st2110.send.St2110Sender;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * An ST 2022-7 sender paced by the test: one thread sends each picture's packets to the legs, applies each leg's
 * impairment (drop a packet, or hold the leg back by whole pictures), then waits until the receiver has taken every
 * datagram it sent and advances the receiver's {@link Await.ManualClock} by one frame period. Nothing depends on
 * how fast the machine runs: the legs' skew is exactly what the test asks for, in stream time. Test infrastructure.
 */
final class DupSender implements AutoCloseable {
    /**
     * Whether leg {@code leg} carries the packet with RTP sequence {@code seq} of picture {@code picture}
     * ({@code last}: the picture's last packet).
     */
    interface Policy {
        boolean carries(int leg, int picture, int seq, boolean last);
    }

    private final JxsvFormat format;
    private final List<InetSocketAddress> legs;
    private final DatagramChannel channel;
    private final Packetizer packetizer;
    private final St2110Receiver rx;
    private final Await.ManualClock clock;
    private final int[] delayPictures;
    private final List<ArrayDeque<List<byte[]>>> backlog = new ArrayList<>();
    private final long[] sent;
    private final boolean[] watched;
    private int picture;
    private long ts = 90_000;

    /**
     * @param delayPictures per leg: pictures this leg lags behind (0 for none), a constant delay between the legs
     *     of {@code delay x frame period} in stream time
     */
    DupSender(JxsvFormat format, List<InetSocketAddress> legs, St2110Receiver rx, Await.ManualClock clock,
            int[] delayPictures, NetworkInterface multicastInterface) throws IOException {
        this.format = format;
        this.legs = List.copyOf(legs);
        this.rx = rx;
        this.clock = clock;
        this.delayPictures = delayPictures.clone();
        this.channel = DatagramChannel.open(StandardProtocolFamily.INET);
        channel.setOption(StandardSocketOptions.SO_SNDBUF, 4 << 20);
        if (multicastInterface != null) {
            channel.setOption(StandardSocketOptions.IP_MULTICAST_IF, multicastInterface);
            channel.setOption(StandardSocketOptions.IP_MULTICAST_LOOP, true);
        }
        this.packetizer = new Packetizer(format.packetMode(), 112, 0x2022_0007L, 65_000, St2110Sender.DEFAULT_DATAGRAM);
        this.sent = new long[legs.size()];
        this.watched = new boolean[legs.size()];
        for (int i = 0; i < legs.size(); i++) {
            backlog.add(new ArrayDeque<>());
            watched[i] = true;
        }
    }

    /** Stop expecting leg {@code leg}'s datagrams to be taken (its receiving socket was closed). */
    void unwatch(int leg) {
        watched[leg] = false;
    }

    long sent(int leg) {
        return sent[leg];
    }

    /**
     * Sends the next picture: each leg's share per {@code policy} (a delayed leg sends the picture it holds back
     * instead), waits until the receiver has taken all of it, then advances the clock by one frame period and runs a
     * receiver tick.
     *
     * @return the picture's RTP timestamp
     */
    long send(byte[] cs, Policy policy) throws Exception {
        int n = picture++;
        long t = ts;
        ts += 90_000L * format.rate().denominator() / format.rate().numerator();
        List<List<byte[]>> perLeg = new ArrayList<>();
        for (int i = 0; i < legs.size(); i++) {
            perLeg.add(new ArrayList<>());
        }
        packetizer.packetize(cs, 0, cs.length, t, (b, off, len, last) -> {
            int seq = (b[off + 2] & 0xFF) << 8 | b[off + 3] & 0xFF;
            byte[] d = java.util.Arrays.copyOfRange(b, off, off + len);
            for (int i = 0; i < legs.size(); i++) {
                if (policy.carries(i, n, seq, last)) {
                    perLeg.get(i).add(d);
                }
            }
        });
        for (int i = 0; i < legs.size(); i++) {
            backlog.get(i).add(perLeg.get(i));
            if (backlog.get(i).size() > delayPictures[i]) {
                transmit(i, backlog.get(i).poll());
            }
        }
        settle();
        return t;
    }

    /** Sends what delayed legs still hold back, then settles. */
    void flush() throws Exception {
        for (int i = 0; i < legs.size(); i++) {
            while (!backlog.get(i).isEmpty()) {
                transmit(i, backlog.get(i).poll());
            }
        }
        settle();
    }

    private void transmit(int leg, List<byte[]> datagrams) throws IOException {
        for (byte[] d : datagrams) {
            channel.send(ByteBuffer.wrap(d), legs.get(leg));
            sent[leg]++;
        }
    }

    /** Waits until the receiver took every datagram sent on the watched legs; one frame period passes; a tick. */
    private void settle() throws IOException {
        StreamCounters c = rx.counters();
        Await.until(() -> {
            for (int i = 0; i < legs.size(); i++) {
                if (watched[i] && c.legs[i].packets < sent[i]) {
                    return false;
                }
            }
            return true;
        }, () -> "receipt of every datagram sent (sent " + java.util.Arrays.toString(sent) + ", received "
                + c.snapshot().toJson() + ")");
        clock.advanceMillis(format.rate().frameDurationNanos() / 1e6);
        rx.tick();
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
