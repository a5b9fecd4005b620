package dev.xsight.cli;

import dev.xsight.jpegxs.encode.EncoderSettings;
import dev.xsight.jpegxs.encode.JpegXsEncoder;
import dev.xsight.media.ChromaSampling;
import dev.xsight.media.Frame;
import dev.xsight.media.FrameRate;
import dev.xsight.media.PixelFormat;
import dev.xsight.st2110.JxsFraming;
import dev.xsight.st2110.PacketMode;
import dev.xsight.st2110.RtpTimecode;
import dev.xsight.st2110.receive.DecodePipeline;
import dev.xsight.st2110.receive.Depacketizer;
import dev.xsight.st2110.receive.DropReason;
import dev.xsight.st2110.receive.PacketIntake;
import dev.xsight.st2110.receive.PictureBuffer;
import dev.xsight.st2110.receive.St2110Receiver;
import dev.xsight.st2110.receive.StreamCounters;
import dev.xsight.st2110.receive.StreamStatistics;
import dev.xsight.st2110.sdp.JxsvFormat;
import dev.xsight.st2110.sdp.JxsvStream;
import dev.xsight.st2110.sdp.SessionDescription;
import dev.xsight.st2110.send.Packetizer;
import dev.xsight.st2110.send.St2110Sender;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code xsight st2110-bench}: loopback measurements of the ST 2110-22 receive path (packets per second received and
 * depacketized, with or without decode; paced real-time runs with loss, drops and last-packet-to-frame latency).
 */
@Command(name = "st2110-bench", mixinStandardHelpOptions = true,
        description = "Measure the ST 2110-22 receive path on loopback (throughput, loss at a paced rate, latency).")
final class St2110BenchCommand implements Callable<Integer> {
    @Option(names = "--picture", description = "A .jxs codestream to send (default: encode a ramp at --size/--bpp).")
    Path picture;

    @Option(names = "--size", defaultValue = "1920x1080", description = "Picture size when encoding (default 1080p).")
    String size;

    @Mixin
    SharedOptions.JxsSending jxs;

    @Option(names = "--run", defaultValue = "blast",
            description = "blast: send as fast as possible, count what is received; paced: real time at --rate;"
                    + " inproc: feed packets straight into the receive path (no sockets) to time its per-packet cost;"
                    + " external: `send --loop` in another process at --rate (the --picture files in turn), received"
                    + " and decoded here, measured after --warmup.")
    String run;

    @Option(names = "--pictures", arity = "1..*", paramLabel = "FILE.jxs",
            description = "external: the codestreams the sender alternates (default: --picture).")
    List<Path> pictures;

    @Option(names = "--warmup", defaultValue = "2", description = "external: seconds received before measuring.")
    double warmup;

    @Option(names = "--decode", description = "Decode the pictures while receiving.")
    boolean decode;

    @Option(names = "--seconds", defaultValue = "5", description = "Measurement length.")
    double seconds;

    @Option(names = "--rate", defaultValue = "60000/1001", description = "Frame rate of paced runs.")
    String rate;

    @Override
    public Integer call() throws Exception {
        PacketMode m = jxs.packetMode();
        FrameRate r = FrameRate.parse(rate);
        if (run.equals("external")) {
            return external(m, r);
        }
        byte[] cs = picture != null ? Files.readAllBytes(picture) : encodeRamp();
        JxsFraming.Header h = JxsFraming.header(cs, 0, cs.length);
        JxsvFormat f = JxsvFormat.progressive(m, h.width(), h.height(), r, ChromaSampling.S422, 10);
        int port;
        try (java.net.DatagramSocket s = new java.net.DatagramSocket(0)) {
            port = s.getLocalPort();
        }
        long kbps = St2110Sender.bandwidthKbps(f, cs.length, St2110Sender.DEFAULT_DATAGRAM);
        SessionDescription d = new SessionDescription("127.0.0.1", 1, "bench", List.of(new JxsvStream(null,
                "127.0.0.1", port, 0, null, 112, kbps, null, "direct=0", f)), false);
        StreamCounters counters = new StreamCounters(1);
        Depacketizer.PictureSink sink;
        DecodePipeline pipeline = null;
        if (decode) {
            pipeline = new DecodePipeline(f, Math.max(1, Runtime.getRuntime().availableProcessors()),
                    cs.length + (1 << 20), RtpTimecode.forRate(r, 0), counters, Frame::release);
            sink = pipeline;
        } else {
            sink = new CountingSink();
        }
        if (run.equals("inproc")) {
            return inproc(m, cs);
        }
        InetSocketAddress to = new InetSocketAddress("127.0.0.1", port);
        long pictures;
        long t0;
        long t1;
        try (St2110Receiver rx = new St2110Receiver(d, St2110Receiver.Options.defaults(), counters, sink)) {
            t0 = System.nanoTime();
            pictures = run.equals("paced") ? paced(f, cs, to) : blast(m, cs, to);
            if (rx.usesEpoll()) {
                System.err.println("receiving with epoll/recvmmsg");
            }
            t1 = System.nanoTime();
            Thread.sleep(500);
        } finally {
            if (pipeline != null) {
                pipeline.close();
            }
        }
        StreamStatistics st = counters.snapshot();
        double secs = (t1 - t0) / 1e9;
        System.out.println(String.format(Locale.ROOT, "%s %dx%d %.2f bpp %s %s decode=%s: sent %d pictures in %.2f s;"
                + " received %d packets = %.0f packets/s (%.1f Mbit/s), lost %d (%.3f%%), frames complete %d,"
                + " dropped %d, concealed %d, decoded %d, decode p50 %.2f ms, latency p50 %.2f ms p99 %.2f ms",
                run, h.width(), h.height(), cs.length * 8.0 / h.width() / h.height(), m.name().toLowerCase(Locale.ROOT),
                r.label(), decode, pictures, secs, st.packets(), st.packets() / secs, st.bytes() * 8 / secs / 1e6,
                st.lost(), 100.0 * st.lost() / Math.max(1, st.packets() + st.lost()), st.framesComplete(),
                st.framesDropped(), st.framesConcealed(), st.framesDecoded(), st.decodeP50Ms(), st.latencyP50Ms(),
                st.latencyP99Ms()));
        System.out.println(st.toJson());
        return 0;
    }

    /** Times RTP parse + A.1 + reorder + depacketize per packet, in-process, no decode. */
    private int inproc(PacketMode m, byte[] cs) throws Exception {
        java.util.List<byte[]> pk = new java.util.ArrayList<>();
        new Packetizer(m, 112, 7, 0, St2110Sender.DEFAULT_DATAGRAM).packetize(cs, 0, cs.length, 0,
                (b, off, len, last) -> pk.add(java.util.Arrays.copyOfRange(b, off, off + len)));
        StreamCounters counters = new StreamCounters(1);
        dev.xsight.rtp.PacketPool pool = new dev.xsight.rtp.PacketPool(4096, 1500);
        Depacketizer dp = new Depacketizer(m, pool, counters, 3, cs.length + 65536, new CountingSink());
        PacketIntake intake = new PacketIntake(112, 1, pool, counters, 512,
                20_000_000L, dp);
        int seq = 0;
        long ts = 0;
        long packets = 0;
        long t0 = 0;
        long warmEnd = System.nanoTime() + 2_000_000_000L;
        long end = warmEnd + (long) (seconds * 1e9);
        boolean warm = true;
        while (true) {
            long now = System.nanoTime();
            if (warm && now >= warmEnd) {
                warm = false;
                packets = 0;
                t0 = now;
            }
            if (now >= end) {
                break;
            }
            ts += 1501;
            for (byte[] d : pk) {
                dev.xsight.rtp.RtpPacket.writeHeader(d, 0, (d[1] & 0x80) != 0, 112, seq++ & 0xFFFF, ts, 7);
                dev.xsight.rtp.PacketSlot sl = intake.slot();
                System.arraycopy(d, 0, sl.data, 0, d.length);
                sl.length = d.length;
                sl.arrivalNanos = now;
                sl.receivedNanos = now;
                intake.accept(sl, 0);
                packets++;
            }
        }
        double secs = (System.nanoTime() - t0) / 1e9;
        StreamStatistics st = counters.snapshot();
        System.out.println(String.format(Locale.ROOT, "inproc %s %d-byte pictures: %.0f packets/s depacketized"
                + " (%.2f us/packet, %.0f pictures/s), lost %d, frames complete %d", m.name().toLowerCase(Locale.ROOT),
                cs.length, packets / secs, secs * 1e6 / packets, packets / secs / pk.size(), st.lost(),
                st.framesComplete()));
        return 0;
    }

    /**
     * A sender in another process ({@code send --loop}, the same launcher's JVM and class path), this process only
     * receives and decodes, as in a suite where the stream comes from the network. Figures are taken after the
     * warm-up: pictures dropped (network or decode), decoded, and last-packet-to-decoded-picture latency.
     */
    private int external(PacketMode m, FrameRate r) throws Exception {
        List<Path> files = pictures != null ? pictures : picture != null ? List.of(picture) : List.of();
        if (files.isEmpty()) {
            throw new IllegalArgumentException("--run external needs --picture or --pictures FILE.jxs...");
        }
        int port;
        try (java.net.DatagramSocket sock = new java.net.DatagramSocket(0)) {
            port = sock.getLocalPort();
        }
        Path sdpFile = Files.createTempFile("xsight-bench", ".sdp");
        List<String> cmd = new java.util.ArrayList<>(List.of(
                ProcessHandle.current().info().command().orElse("java"), "--enable-native-access=ALL-UNNAMED",
                "-cp", System.getProperty("java.class.path"), Main.class.getName(), "send",
                "--to", "127.0.0.1:" + port, "--sdp", sdpFile.toString(), "--mode", m.name().toLowerCase(Locale.ROOT),
                "--rate", rate, "--loop", "--source"));
        for (Path f : files) {
            cmd.add(f.toAbsolutePath().toString());
        }
        Process sender = new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        try {
            // The sender writes its SDP before the first packet: wait until it parses (or the sender fails).
            long deadline = System.nanoTime() + 60_000_000_000L;
            SessionDescription d = null;
            while (d == null) {
                if (!sender.isAlive()) {
                    throw new IllegalStateException("the sender exited with " + sender.exitValue());
                }
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("the sender wrote no SDP in 60 s");
                }
                try {
                    d = Files.size(sdpFile) == 0 ? null
                            : dev.xsight.st2110.sdp.SdpParser.parse(Files.readString(sdpFile));
                } catch (dev.xsight.st2110.sdp.SdpException partlyWritten) {
                    d = null;
                }
                if (d == null) {
                    Thread.sleep(20);
                }
            }
            JxsvFormat f = d.streams().get(0).format();
            int maxBytes = 0;
            for (Path p : files) {
                maxBytes = (int) Math.max(maxBytes, Files.size(p));
            }
            StreamCounters counters = new StreamCounters(1);
            St2110Receiver.Options o = St2110Receiver.Options.defaults();
            try (DecodePipeline pipeline = new DecodePipeline(f, o.decoderThreads(), maxBytes + (1 << 20),
                    RtpTimecode.forRate(r, 0), counters, Frame::release);
                    St2110Receiver rx = warmedReceiver(pipeline, d, o, counters)) {
                Thread.sleep((long) (warmup * 1000));
                StreamStatistics a = counters.snapshot();
                StreamCounters.LatencyMark mark = counters.latencyMark();
                Thread.sleep((long) (seconds * 1000));
                StreamStatistics b = counters.snapshot();
                double[] lat = counters.latencySinceMs(mark);
                System.out.println(String.format(Locale.ROOT, "external %s %s %s, %d codestream(s), %s: over %.1f s"
                        + " after %.1f s warm-up: complete %d, decoded %d, dropped %d, concealed %d, lost packets %d;"
                        + " latency p50 %.2f ms p99 %.2f ms max %.2f ms", f.width() + "x" + f.height(),
                        m.name().toLowerCase(Locale.ROOT), r.label(), files.size(),
                        rx.usesEpoll() ? "epoll/recvmmsg" : "NIO", seconds, warmup,
                        b.framesComplete() - a.framesComplete(), b.framesDecoded() - a.framesDecoded(),
                        b.framesDropped() - a.framesDropped(), b.framesConcealed() - a.framesConcealed(),
                        b.lost() - a.lost(), lat[0], lat[1], lat[2]));
                System.out.println(b.toJson());
            }
        } finally {
            sender.destroy();
            sender.waitFor();
            Files.deleteIfExists(sdpFile);
        }
        return 0;
    }

    /** As a live receive does it: the decoder warmed up, then the sockets opened. */
    private static St2110Receiver warmedReceiver(DecodePipeline pipeline, SessionDescription d,
            St2110Receiver.Options o, StreamCounters counters) throws java.io.IOException {
        pipeline.warmUp();
        return new St2110Receiver(d, o, counters, pipeline);
    }

    private long blast(PacketMode m, byte[] cs, InetSocketAddress to) throws Exception {
        Packetizer p = new Packetizer(m, 112, 0xBE7C4, 0, St2110Sender.DEFAULT_DATAGRAM);
        long end = System.nanoTime() + (long) (seconds * 1e9);
        long n = 0;
        try (DatagramChannel ch = DatagramChannel.open()) {
            ch.setOption(StandardSocketOptions.SO_SNDBUF, 4 << 20);
            ByteBuffer out = ByteBuffer.allocateDirect(2048);
            while (System.nanoTime() < end) {
                p.packetize(cs, 0, cs.length, n * 1501, (b, off, len, last) -> {
                    out.clear();
                    out.put(b, off, len).flip();
                    try {
                        ch.send(out, to);
                    } catch (java.io.IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                });
                n++;
            }
        }
        return n;
    }

    private long paced(JxsvFormat f, byte[] cs, InetSocketAddress to) throws Exception {
        long end = System.nanoTime() + (long) (seconds * 1e9);
        long n = 0;
        try (St2110Sender s = new St2110Sender(f, 112, List.of(to), St2110Sender.DEFAULT_DATAGRAM)) {
            while (System.nanoTime() < end) {
                s.sendNext(cs, 0, cs.length);
                n++;
            }
        }
        return n;
    }

    private byte[] encodeRamp() {
        String[] wh = size.toLowerCase(Locale.ROOT).split("x");
        int w = Integer.parseInt(wh[0]);
        int h = Integer.parseInt(wh[1]);
        Frame f = Frame.allocate(PixelFormat.YUV422P10, w, h);
        for (int p = 0; p < 3; p++) {
            short[] s = f.plane(p);
            int pw = f.planeWidth(p);
            for (int i = 0; i < s.length; i++) {
                int x = i % pw;
                int y = i / pw;
                s[i] = (short) (p == 0 ? 64 + (x * 876 / pw + y) % 876 : 512 + ((x + y) % 64) - 32);
            }
        }
        JpegXsEncoder e = new JpegXsEncoder(EncoderSettings.of(jxs.bpp), PixelFormat.YUV422P10, w, h);
        byte[] out = new byte[e.maxCodestreamBytes()];
        int n = e.encode(f, out, 0);
        return java.util.Arrays.copyOf(out, n);
    }

    /** Counts and releases pictures without decoding. */
    static final class CountingSink implements Depacketizer.PictureSink {
        @Override
        public void picture(PictureBuffer buf) {
            buf.release();
        }

        @Override
        public void header(PictureBuffer buf, JxsFraming.Header header) {
        }

        @Override
        public void slice(PictureBuffer buf, int slice, int off, int len) {
        }

        @Override
        public void end(PictureBuffer buf, boolean[] delivered, int sliceCount) {
            buf.release();
        }

        @Override
        public void dropped(long rtpTimestamp, DropReason reason, int pictures) {
        }
    }
}
