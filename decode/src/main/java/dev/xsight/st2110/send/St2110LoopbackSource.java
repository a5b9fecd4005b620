package dev.xsight.st2110.send;

import dev.xsight.jpegxs.encode.EncoderSettings;
import dev.xsight.jpegxs.encode.JpegXsEncoder;
import dev.xsight.media.Frame;
import dev.xsight.media.FrameRate;
import dev.xsight.media.FrameSource;
import dev.xsight.media.SourceException;
import dev.xsight.media.SourceHealth;
import dev.xsight.st2110.PacketMode;
import dev.xsight.st2110.receive.St2110Receiver;
import dev.xsight.st2110.receive.St2110Source;
import dev.xsight.st2110.sdp.JxsvFormat;
import dev.xsight.st2110.sdp.JxsvStream;
import dev.xsight.st2110.sdp.SessionDescription;
import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.LongFunction;

/**
 * Runs another source's frames through the real ST 2110-22 path on loopback: JPEG XS encode, RFC 9134 packetization
 * and paced sending, then the Netty receiver, depacketizer and decoder. The demo uses it so that what the monitor
 * shows has been through the same code as a live stream.
 *
 * <p>Two ways to feed it: a live upstream source whose frames are encoded as they come ({@link
 * #St2110LoopbackSource(FrameSource, dev.xsight.media.PixelFormat, int, int, FrameRate, PacketMode, double)}), or a
 * loop of pictures encoded once before sending starts ({@link #looping}), so that the pure-Java encoder is not in the
 * real-time path and what is measured is the receive path alone.
 *
 * <p>Threading: upstream frames are queued (two at most; older ones are dropped) to a sender thread that encodes and
 * sends; in loop mode the sender thread first encodes the loop (progress in {@link #health()}), then sends it over and
 * over, one picture per frame period. Decoded frames arrive on the receiver's delivery thread.
 */
public final class St2110LoopbackSource implements FrameSource {
    private final FrameSource upstream;
    private final PacketMode mode;
    private final double bitsPerPixel;
    private final FrameRate rate;
    private final int width;
    private final int height;
    private final dev.xsight.media.PixelFormat format;
    private final ArrayBlockingQueue<Frame> queue = new ArrayBlockingQueue<>(2);
    /** Loop mode: renders picture n of the loop (null: encode the upstream source live). */
    private final LongFunction<Frame> producer;
    private final String loopName;
    private final EncodedLoop loop;
    private St2110Source receiver;
    private Thread sender;
    private volatile boolean closed;

    public St2110LoopbackSource(FrameSource upstream, dev.xsight.media.PixelFormat format, int width, int height,
            FrameRate rate, PacketMode mode, double bitsPerPixel) {
        this(upstream, null, null, null, format, width, height, rate, mode, bitsPerPixel);
    }

    /** Exactly one of {@code upstream} (live encode) and {@code producer} + {@code loop} (loop mode) is given. */
    private St2110LoopbackSource(FrameSource upstream, String loopName, LongFunction<Frame> producer,
            EncodedLoop loop, dev.xsight.media.PixelFormat format, int width, int height, FrameRate rate,
            PacketMode mode, double bitsPerPixel) {
        this.upstream = upstream;
        this.format = format;
        this.width = width;
        this.height = height;
        this.rate = rate;
        this.mode = mode;
        this.bitsPerPixel = bitsPerPixel;
        this.producer = producer;
        this.loopName = loopName;
        this.loop = loop;
    }

    /**
     * A loopback source that encodes {@code pictures} pictures from {@code producer} once (picture n is
     * {@code producer.apply(n)}, owned by the caller of apply), then sends them in a loop at {@code rate}.
     */
    public static St2110LoopbackSource looping(String name, LongFunction<Frame> producer, int pictures,
            dev.xsight.media.PixelFormat format, int width, int height, FrameRate rate, PacketMode mode,
            double bitsPerPixel) {
        return new St2110LoopbackSource(null, name, producer, new EncodedLoop(pictures), format, width, height, rate,
                mode, bitsPerPixel);
    }

    @Override
    public String name() {
        return (upstream != null ? upstream.name() : loopName) + " via ST 2110-22 loopback";
    }

    @Override
    public synchronized void start(FrameListener listener) throws IOException {
        int port;
        try (DatagramSocket s = new DatagramSocket(0)) {
            port = s.getLocalPort();
        }
        // The loop is encoded before anything is sent, so it may use every core; a live encode shares them with
        // the receiver and stays on one.
        int encodeThreads = loop != null ? Math.min(8, Runtime.getRuntime().availableProcessors()) : 1;
        JpegXsEncoder encoder = new JpegXsEncoder(EncoderSettings.of(bitsPerPixel).withThreads(encodeThreads), format,
                width, height);
        JxsvFormat f = JxsvFormat.progressive(mode, width, height, rate, format.sampling(), format.bitDepth());
        long kbps = St2110Sender.bandwidthKbps(f, encoder.maxCodestreamBytes(), St2110Sender.DEFAULT_DATAGRAM);
        SessionDescription sdp = new SessionDescription("127.0.0.1", System.currentTimeMillis() / 1000, name(),
                List.of(new JxsvStream(null, "127.0.0.1", port, 0, null, 112, kbps, null, "direct=0", f)), false);
        receiver = new St2110Source(sdp, St2110Receiver.Options.defaults(), 0);
        receiver.start(listener);
        St2110Sender out = new St2110Sender(f, 112, List.of(new InetSocketAddress("127.0.0.1", port)),
                St2110Sender.DEFAULT_DATAGRAM);
        if (loop != null) {
            sender = new Thread(() -> sendLoop(encoder, out, listener, port), "st2110-loopback-send");
            sender.setDaemon(true);
            sender.start();
            return;
        }
        byte[] buf = new byte[encoder.maxCodestreamBytes()];
        sender = new Thread(() -> {
            try (out) {
                while (!closed) {
                    Frame fr = queue.poll(100, TimeUnit.MILLISECONDS);
                    if (fr == null) {
                        continue;
                    }
                    int n;
                    try {
                        n = encoder.encode(fr, buf, 0);
                    } finally {
                        fr.release();
                    }
                    out.sendNext(buf, 0, n);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (IOException | RuntimeException e) {
                listener.onError(sendError(e, port));
            }
        }, "st2110-loopback-send");
        sender.setDaemon(true);
        sender.start();
        upstream.start(new FrameListener() {
            @Override
            public void onFrame(Frame frame) {
                if (closed || !queue.offer(frame)) {
                    frame.release();
                }
            }

            @Override
            public void onError(SourceException error) {
                listener.onError(error);
            }
        });
    }

    /** Loop mode, on the sender thread: encode every picture once, then send them round and round. */
    private void sendLoop(JpegXsEncoder encoder, St2110Sender out, FrameListener listener, int port) {
        try (out; encoder) {
            if (!loop.encodeAll(producer, encoder)) {
                return;
            }
            for (long i = 0; !closed; i++) {
                out.sendNext(loop.picture(i), 0, loop.length(i));
            }
        } catch (IOException | RuntimeException e) {
            if (!closed) {
                listener.onError(sendError(e, port));
            }
        }
    }

    /** The sender stopped: a socket that would not send, or an encoder that failed on a picture. */
    private static SourceException sendError(Exception e, int port) {
        return e instanceof IOException
                ? SourceException.of(SourceException.Kind.NETWORK, "127.0.0.1:" + port, false, e)
                : SourceException.of(SourceException.Kind.IO, "JPEG XS encoder", false, e);
    }

    @Override
    public SourceHealth health() {
        St2110Source r = receiver;
        if (loop != null && !loop.complete()) {
            return SourceHealth.starting(String.format(java.util.Locale.ROOT,
                    "encoding the loop before sending: %d of %d pictures", loop.encoded(), loop.count()));
        }
        return r == null ? SourceHealth.starting("starting") : r.health();
    }

    @Override
    public synchronized void close() {
        closed = true;
        if (upstream != null) {
            upstream.close();
        }
        if (sender != null) {
            sender.interrupt();
            try {
                sender.join(2000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        Frame f;
        while ((f = queue.poll()) != null) {
            f.release();
        }
        if (receiver != null) {
            receiver.close();
        }
    }
}
