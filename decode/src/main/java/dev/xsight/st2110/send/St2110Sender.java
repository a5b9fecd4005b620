package dev.xsight.st2110.send;

import dev.xsight.st2110.CodestreamFormatException;
import dev.xsight.st2110.PacketMode;
import dev.xsight.st2110.RtpTimecode;
import dev.xsight.st2110.sdp.JxsvFormat;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.util.List;
import java.util.concurrent.locks.LockSupport;

/**
 * Sends JPEG XS pictures as an ST 2110-22 stream: RFC 9134 packets in codestream or slice mode, to one destination
 * or two (ST 2022-7 legs carry identical packets), with RTP timestamps from the system clock taken as PTP time (TAI =
 * UTC + 37 s, x 90 kHz, mod 2^32, frames aligned to the ST 2059-1 epoch) and packets paced per the TP sender type.
 *
 * <p>Not thread-safe: one sending thread. {@link #sendNext} blocks until the picture's packets are out.
 */
public final class St2110Sender implements AutoCloseable {
    /** Datagram size used by default (RTP header included), well under a 1500-byte MTU. */
    public static final int DEFAULT_DATAGRAM = 1400;

    private final JxsvFormat format;
    private final List<InetSocketAddress> destinations;
    private final DatagramChannel channel;
    private final Packetizer packetizer;
    private final ByteBuffer out;
    private long frameIndex = -1;
    private long packetsSent;
    private long bytesSent;
    private long late;
    private final long[] sendErrors;
    private final IOException[] lastError;

    public St2110Sender(JxsvFormat format, int payloadType, List<InetSocketAddress> destinations, int maxDatagram)
            throws IOException {
        if (destinations.isEmpty() || destinations.size() > 2) {
            throw new IllegalArgumentException("one destination, or two for ST 2022-7, expected");
        }
        this.format = format;
        this.destinations = List.copyOf(destinations);
        this.channel = DatagramChannel.open();
        channel.setOption(java.net.StandardSocketOptions.SO_SNDBUF, 8 << 20);
        long ssrc = new java.security.SecureRandom().nextInt() & 0xFFFF_FFFFL;
        int seq = new java.security.SecureRandom().nextInt(65536);
        this.packetizer = new Packetizer(format.packetMode(), payloadType, ssrc, seq, maxDatagram);
        this.out = ByteBuffer.allocateDirect(maxDatagram);
        this.sendErrors = new long[this.destinations.size()];
        this.lastError = new IOException[this.destinations.size()];
    }

    /** UTC nanoseconds since the Unix epoch, from the system clock (standing in for PTP). */
    static long utcNanos() {
        java.time.Instant now = java.time.Instant.now();
        return now.getEpochSecond() * 1_000_000_000L + now.getNano();
    }

    /** Index of the frame period containing TAI time {@code taiNanos} since the ST 2059-1 epoch. */
    long frameAt(long taiNanos) {
        return format.rate().framesIn(taiNanos);
    }

    /** Start of frame period {@code n}, TAI nanoseconds. */
    long frameStart(long n) {
        // n * den / num seconds, exact for n below 2^63 / 1e9 / den.
        long den = format.rate().denominator();
        long num = format.rate().numerator();
        long q = Math.floorDiv(n * den, num);
        long r = n * den - q * num;
        return q * 1_000_000_000L + Math.floorDiv(r * 1_000_000_000L, num);
    }

    /** RTP timestamp of frame period {@code n}: its start x 90 kHz, mod 2^32 (ST 2110-10 7.2). */
    long rtpTimestamp(long n) {
        // n x den x 90000 overflows a long for today's frame numbers: split the quotient from the remainder.
        long den = format.rate().denominator();
        long num = format.rate().numerator();
        long q = Math.floorDiv(n * den, num);
        long r = n * den - q * num;
        return (q * 90_000L + Math.floorDiv(r * 90_000L, num)) & 0xFFFF_FFFFL;
    }

    /**
     * Waits for the next frame period, then sends the picture segment {@code b[off, off+len)} paced over it.
     *
     * @return the RTP timestamp used
     */
    public long sendNext(byte[] b, int off, int len) throws IOException {
        long tai = utcNanos() + RtpTimecode.TAI_UTC_SECONDS * 1_000_000_000L;
        long n = frameAt(tai) + 1;
        if (frameIndex >= n) {
            n = frameIndex + 1;
        }
        frameIndex = n;
        long startTai = frameStart(n);
        long startNano = System.nanoTime() + (startTai - tai);
        long ts = rtpTimestamp(n);
        long frameNanos = format.rate().frameDurationNanos();
        int packets = format.packetMode() == PacketMode.CODESTREAM ? packetizer.packetsFor(len)
                : packetizer.packetsFor(len) + 2 + (len / 4096);
        // ST 2110-21: narrow gapped senders leave the vertical blanking (about 1 - 1080/1125 of the frame) empty,
        // narrow linear ones spread over the whole frame, wide ones may burst (half the frame here).
        double active = switch (format.trafficShaping()) {
            case NARROW_GAPPED -> 1080.0 / 1125.0;
            case NARROW_LINEAR -> 1.0;
            case WIDE -> 0.5;
        };
        long spacing = (long) (frameNanos * active / Math.max(1, packets));
        int[] k = {0};
        try {
            packetizer.packetize(b, off, len, ts, (pb, po, pl, last) -> {
                long due = startNano + k[0]++ * spacing;
                long wait = due - System.nanoTime();
                if (wait > 50_000) {
                    LockSupport.parkNanos(wait - 20_000);
                }
                send(pb, po, pl);
            });
        } catch (CodestreamFormatException e) {
            throw new IOException("cannot send picture in slice mode: " + e.getMessage(), e);
        }
        if (System.nanoTime() - startNano > frameNanos) {
            late++;
        }
        return ts;
    }

    /**
     * Sends one packet to every destination. ST 2022-7: a send failing on one leg (no route, the interface gone) is
     * counted for that leg and the other leg still gets the packet; only when every leg fails does the picture fail.
     */
    private void send(byte[] b, int off, int len) {
        int failed = 0;
        for (int i = 0; i < destinations.size(); i++) {
            out.clear();
            out.put(b, off, len).flip();
            try {
                channel.send(out, destinations.get(i));
            } catch (IOException e) {
                sendErrors[i]++;
                lastError[i] = e;
                failed++;
            }
        }
        if (failed == destinations.size()) {
            throw new java.io.UncheckedIOException(lastError[0]);
        }
        packetsSent++;
        bytesSent += len;
    }

    /** Packets that could not be sent to destination {@code leg} (the other leg, if any, still carried them). */
    public long sendErrors(int leg) {
        return sendErrors[leg];
    }

    public long packetsSent() {
        return packetsSent;
    }

    public long bytesSent() {
        return bytesSent;
    }

    /** Pictures whose packets took longer than one frame period to send. */
    public long latePictures() {
        return late;
    }

    /** b=AS for pictures of {@code codestreamBytes}: payload plus RTP/UDP/IP overhead, kilobits per second. */
    public static long bandwidthKbps(JxsvFormat f, long codestreamBytes, int maxDatagram) {
        long packets = (codestreamBytes + maxDatagram - 17) / (maxDatagram - 16) + 4;
        double perFrameBits = (codestreamBytes + packets * (16 + 8 + 20)) * 8.0;
        return (long) Math.ceil(perFrameBits * f.rate().numerator() / f.rate().denominator() / 1000.0);
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
