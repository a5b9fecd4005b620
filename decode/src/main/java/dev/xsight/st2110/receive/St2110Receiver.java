package dev.xsight.st2110.receive;

import dev.xsight.rtp.PacketSlot;
import dev.xsight.st2110.sdp.JxsvFormat;
import dev.xsight.st2110.sdp.JxsvStream;
import dev.xsight.st2110.sdp.SessionDescription;
import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.FixedRecvByteBufAllocator;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollChannelOption;
import io.netty.channel.epoll.EpollDatagramChannel;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.DatagramChannel;
import io.netty.channel.socket.DatagramPacket;
import io.netty.channel.socket.SocketProtocolFamily;
import io.netty.channel.socket.nio.NioDatagramChannel;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Receives one ST 2110-22 stream (one leg, or both ST 2022-7 legs) with Netty: epoll with recvmmsg where the native
 * transport loads, NIO otherwise; unicast, any-source or source-specific multicast as the SDP says; the socket
 * receive buffer sized from b=AS; one event loop for the stream, so the whole receive path runs on one thread
 * without locks; pooled buffers, and packet slots from a fixed pool.
 */
public final class St2110Receiver implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(St2110Receiver.class.getName());
    /** Largest datagram accepted (jumbo frames not supported: ST 2110-10 limits datagrams to 1460 bytes). */
    public static final int MAX_DATAGRAM = ReceivePath.MAX_DATAGRAM;
    /** Datagrams read per recvmmsg call. */
    static final int BATCH = 32;

    /** ST 2022-7 merge window used unless set: covers the standard's moderate-skew receiver class (50 ms). */
    public static final java.time.Duration DEFAULT_MERGE_WINDOW = java.time.Duration.ofMillis(50);

    /**
     * Receiver settings.
     *
     * @param multicastInterface interface for multicast joins (null: the system's default)
     * @param decoderThreads JPEG XS slice workers
     * @param reorderWindow packets held to restore order before declaring a gap lost
     * @param reorderWaitMillis ... or the longest a packet after a gap waits
     * @param preferEpoll use epoll when available (false forces NIO)
     * @param pictureBuffers pictures that may wait for the decoder before new ones are dropped (at least 2)
     * @param mergeWindow ST 2022-7 (two legs): the largest skew between the legs that is repaired: a packet missing
     *     on the leading leg waits this long for the other leg's copy before it is declared lost (SMPTE ST 2022-7
     *     receiver skew classes: 10 ms low, 50 ms moderate; the default {@link #DEFAULT_MERGE_WINDOW} covers
     *     moderate); the reorder window grows to hold that much of the stream
     * @param clock the receiver's monotonic clock in nanoseconds: packet arrival times, reorder and merge waits,
     *     picture time-outs, SSRC take-over and leg health all read it ({@code System::nanoTime} unless set; a
     *     caller that drives it, such as a test or a capture replay, calls {@link St2110Receiver#tick()} after
     *     advancing it)
     */
    public record Options(NetworkInterface multicastInterface, int decoderThreads, int reorderWindow,
            int reorderWaitMillis, boolean preferEpoll, int pictureBuffers, java.time.Duration mergeWindow,
            java.util.function.LongSupplier clock) {
        public Options {
            if (decoderThreads < 1 || reorderWindow < 16 || reorderWaitMillis < 1 || pictureBuffers < 2
                    || pictureBuffers > 64) {
                throw new IllegalArgumentException("bad receiver options " + decoderThreads + "/" + reorderWindow
                        + "/" + reorderWaitMillis + "/" + pictureBuffers);
            }
            java.util.Objects.requireNonNull(clock, "clock");
            if (mergeWindow == null || mergeWindow.toMillis() < 1 || mergeWindow.toMillis() > 10_000) {
                throw new IllegalArgumentException("ST 2022-7 merge window " + mergeWindow
                        + " must be from 1 ms to 10 s");
            }
        }

        public static Options defaults() {
            return new Options(null, Math.max(1, Math.min(4, Runtime.getRuntime().availableProcessors())), 512, 20,
                    true, 3, DEFAULT_MERGE_WINDOW, System::nanoTime);
        }

        public Options withPictureBuffers(int n) {
            return new Options(multicastInterface, decoderThreads, reorderWindow, reorderWaitMillis, preferEpoll, n,
                    mergeWindow, clock);
        }

        public Options withEpoll(boolean epoll) {
            return new Options(multicastInterface, decoderThreads, reorderWindow, reorderWaitMillis, epoll,
                    pictureBuffers, mergeWindow, clock);
        }

        /** Reorder window in packets and longest wait for a missing packet on a single-leg stream. */
        public Options withReorder(int window, int waitMillis) {
            return new Options(multicastInterface, decoderThreads, window, waitMillis, preferEpoll, pictureBuffers,
                    mergeWindow, clock);
        }

        public Options withInterface(NetworkInterface ni) {
            return new Options(ni, decoderThreads, reorderWindow, reorderWaitMillis, preferEpoll, pictureBuffers,
                    mergeWindow, clock);
        }

        /** ST 2022-7: the largest skew between the legs that is repaired (see {@link Options}). */
        public Options withMergeWindow(java.time.Duration window) {
            return new Options(multicastInterface, decoderThreads, reorderWindow, reorderWaitMillis, preferEpoll,
                    pictureBuffers, window, clock);
        }

        /** The receiver's clock (see {@link Options}). */
        public Options withClock(java.util.function.LongSupplier nanoClock) {
            return new Options(multicastInterface, decoderThreads, reorderWindow, reorderWaitMillis, preferEpoll,
                    pictureBuffers, mergeWindow, nanoClock);
        }
    }

    private final SessionDescription sdp;
    private final StreamCounters counters;
    private final ReceivePath path;
    private final EventLoopGroup group;
    private final List<Channel> channels = new ArrayList<>();
    private final boolean epoll;
    private final java.util.function.LongSupplier clock;
    private ScheduledFuture<?> timer;
    private volatile boolean closed;

    /**
     * Binds the sockets and joins the groups; packets flow into {@code sink} on the stream's event loop.
     *
     * @throws IOException when a socket cannot be bound or a group joined (the message names which)
     */
    public St2110Receiver(SessionDescription sdp, Options options, StreamCounters counters,
            Depacketizer.PictureSink sink) throws IOException {
        this.sdp = sdp;
        this.counters = counters;
        JxsvFormat f = sdp.format();
        this.path = new ReceivePath(sdp, options, counters, sink, BATCH);
        this.clock = options.clock();
        this.epoll = options.preferEpoll() && Epoll.isAvailable();
        this.group = new MultiThreadIoEventLoopGroup(1, epoll ? EpollIoHandler.newFactory()
                : NioIoHandler.newFactory());
        try {
            int leg = 0;
            for (JxsvStream s : sdp.streams()) {
                channels.add(bind(s, leg++, options));
            }
        } catch (IOException | RuntimeException e) {
            close();
            throw e;
        }
        timer = group.next().scheduleAtFixedRate(this::pollNow, 2, 2, TimeUnit.MILLISECONDS);
        LOG.log(System.Logger.Level.INFO, "receiving {0} on {1} leg(s) with {2}", f, sdp.streams().size(),
                epoll ? "epoll/recvmmsg" : "NIO");
    }

    /** Timer tick, on the stream's loop. */
    private void pollNow() {
        if (!closed) {
            path.poll(clock.getAsLong());
        }
    }

    /**
     * Runs one timer tick now on the stream's event loop and waits for it: every datagram the loop has read is
     * processed, and gaps, pictures and legs overdue at the clock's current time are given up or marked down. For
     * callers that drive {@link Options#clock()} (the tick also runs every 2 ms by itself).
     *
     * @throws IOException when the loop did not run the tick within 60 s (a hang)
     */
    public void tick() throws IOException {
        try {
            group.submit(this::pollNow).get(60, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted waiting for the receive loop");
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            throw new IOException("the receive loop did not run a tick: " + e, e);
        }
    }

    private static long rawBytes(JxsvFormat f) {
        return ReceivePath.rawBytes(f);
    }

    /** Socket receive buffer: 50 ms of the stream at b=AS, at least 4 MiB, at most 256 MiB. */
    static int receiveBuffer(JxsvStream s, JxsvFormat f) {
        long bps = s.bandwidthKbps() > 0 ? s.bandwidthKbps() * 1000 : rawBytes(f) * 8 * f.rate().numerator()
                / f.rate().denominator() / 5;
        return (int) Math.max(4L << 20, Math.min(256L << 20, bps / 8 / 20));
    }

    private Channel bind(JxsvStream s, int leg, Options o) throws IOException {
        InetAddress dest = InetAddress.getByName(s.destination());
        boolean multicast = dest.isMulticastAddress();
        Bootstrap b = new Bootstrap().group(group)
                .channelFactory(() -> epoll ? new EpollDatagramChannel(family(dest))
                        : new NioDatagramChannel(family(dest)))
                .option(ChannelOption.SO_RCVBUF, receiveBuffer(s, sdp.format()))
                .option(ChannelOption.SO_REUSEADDR, true)
                .option(ChannelOption.ALLOCATOR, PooledByteBufAllocator.DEFAULT)
                .handler(new LegHandler(leg));
        if (epoll) {
            // recvmmsg: one syscall fills a buffer with up to BATCH datagrams of at most MAX_DATAGRAM bytes each.
            b.option(EpollChannelOption.MAX_DATAGRAM_PAYLOAD_SIZE, MAX_DATAGRAM);
            b.option(ChannelOption.RECVBUF_ALLOCATOR, new FixedRecvByteBufAllocator(MAX_DATAGRAM * BATCH));
        } else {
            b.option(ChannelOption.RECVBUF_ALLOCATOR, new FixedRecvByteBufAllocator(MAX_DATAGRAM + 1));
        }
        InetSocketAddress local = multicast ? new InetSocketAddress(dest, s.port()) : new InetSocketAddress(
                isLocal(dest) ? dest : null, s.port());
        Channel ch;
        try {
            ch = b.bind(local).sync().channel();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted binding " + local);
        } catch (Exception e) {
            throw new IOException("cannot receive on " + local + ": " + e.getMessage(), e);
        }
        // A leg whose socket closes while the receiver runs (an error, an interface gone) is marked failed; the other
        // leg carries on.
        ch.closeFuture().addListener(fut -> {
            if (!closed) {
                counters.legs[leg].state = LegState.FAILED;
                LOG.log(System.Logger.Level.WARNING, "leg {0} ({1}) stopped receiving: its socket closed", leg, local);
            }
        });
        if (multicast) {
            NetworkInterface ni = o.multicastInterface() != null ? o.multicastInterface() : defaultInterface(dest);
            InetAddress source = s.sourceFilter() != null ? InetAddress.getByName(s.sourceFilter()) : null;
            try {
                ((DatagramChannel) ch).joinGroup(dest, ni, source).sync();
            } catch (Exception e) {
                ch.close();
                throw new IOException("cannot join " + dest.getHostAddress() + (source != null ? " from "
                        + source.getHostAddress() : "") + " on " + ni.getName() + ": " + e.getMessage(), e);
            }
        }
        return ch;
    }

    /** The first up, multicast-capable, non-loopback interface of the group's family; else loopback. */
    static NetworkInterface defaultInterface(InetAddress group) throws IOException {
        for (NetworkInterface ni : java.util.Collections.list(NetworkInterface.getNetworkInterfaces())) {
            if (ni.isUp() && ni.supportsMulticast() && !ni.isLoopback() && ni.inetAddresses().anyMatch(
                    a -> a.getClass() == group.getClass())) {
                return ni;
            }
        }
        return NetworkInterface.getByInetAddress(InetAddress.getLoopbackAddress());
    }

    private static boolean isLocal(InetAddress a) {
        try {
            return a.isLoopbackAddress() || a.isAnyLocalAddress() || NetworkInterface.getByInetAddress(a) != null;
        } catch (IOException e) {
            return false;
        }
    }

    private static SocketProtocolFamily family(InetAddress a) {
        return a instanceof java.net.Inet6Address ? SocketProtocolFamily.INET6 : SocketProtocolFamily.INET;
    }

    /** Copies each datagram into a packet slot and hands it to the intake; runs on the stream's event loop. */
    private final class LegHandler extends SimpleChannelInboundHandler<DatagramPacket> {
        private final int leg;

        LegHandler(int leg) {
            this.leg = leg;
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, DatagramPacket msg) {
            if (closed) {
                return;
            }
            ByteBuf buf = msg.content();
            int n = buf.readableBytes();
            if (n > MAX_DATAGRAM) {
                path.oversizedDatagram();
                return;
            }
            PacketSlot slot = path.slot();
            if (slot == null) {
                return;
            }
            buf.getBytes(buf.readerIndex(), slot.data, 0, n);
            slot.length = n;
            slot.arrivalNanos = clock.getAsLong();
            slot.receivedNanos = System.nanoTime();
            path.accept(slot, leg);
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            // One leg's socket failing must not stop the other: count it, and keep reading (Netty closes the channel
            // itself when the error is fatal; the close listener then marks the leg failed).
            counters.legs[leg].errors++;
            LOG.log(System.Logger.Level.WARNING, "receive error on leg " + leg, cause);
        }
    }

    public boolean usesEpoll() {
        return epoll;
    }

    public StreamCounters counters() {
        return counters;
    }

    /** The socket of leg {@code leg} (tests close it as a failing interface would). */
    Channel legChannel(int leg) {
        return channels.get(leg);
    }

    /** Local port of leg {@code leg} (useful when the SDP said port 0 is not allowed, for tests). */
    public int localPort(int leg) {
        return ((InetSocketAddress) channels.get(leg).localAddress()).getPort();
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (timer != null) {
            timer.cancel(false);
        }
        for (Channel c : channels) {
            c.close().awaitUninterruptibly(2000);
        }
        try {
            group.submit(path::close).get(2, TimeUnit.SECONDS);
        } catch (Exception e) {
            // The loop is shutting down; the pool goes with the receiver.
        }
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly(3000);
    }
}
