package dev.xsight.cli;

import dev.xsight.jpegxs.encode.EncoderSettings;
import dev.xsight.jpegxs.JpegXsDecoder;
import dev.xsight.jpegxs.encode.JpegXsEncoder;
import dev.xsight.jpegxs.JpegXsFormatException;
import dev.xsight.media.Frame;
import dev.xsight.media.FrameRate;
import dev.xsight.media.PixelFormat;
import dev.xsight.media.Timecode;
import dev.xsight.signal.TestSignal;
import dev.xsight.st2110.PacketMode;
import dev.xsight.st2110.TrafficShaping;
import dev.xsight.st2110.sdp.JxsvFormat;
import dev.xsight.st2110.sdp.JxsvStream;
import dev.xsight.st2110.sdp.SdpWriter;
import dev.xsight.st2110.sdp.SessionDescription;
import dev.xsight.st2110.send.St2110Sender;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code xsight send}: sends JPEG XS over RTP (RFC 9134) as an ST 2110-22 stream and writes its SDP. */
@Command(name = "send", mixinStandardHelpOptions = true,
        description = "Send an ST 2110-22 JPEG XS stream (RFC 9134) to one or two (ST 2022-7) destinations and"
                + " write the matching SDP.")
final class SendCommand implements Callable<Integer> {
    @Option(names = "--to", required = true, description = "Destination HOST:PORT; give it twice for ST 2022-7.")
    List<String> to;

    @Option(names = "--sdp", required = true, description = "Where to write the SDP of the stream.")
    Path sdp;

    @Option(names = "--source", required = true, arity = "1..*",
            description = "bars (the test signal), a raw FILE.yuv, or one or more FILE.jxs codestreams.")
    List<String> source;

    @Option(names = "--width", description = "Width of a .yuv source (bars: 1920).")
    Integer width;

    @Option(names = "--height", description = "Height of a .yuv source (bars: 1080).")
    Integer height;

    @Option(names = "--format", defaultValue = "yuv422p10le",
            description = "Pixel format of a .yuv source, FFmpeg name (default ${DEFAULT-VALUE}).")
    String format;

    @Option(names = "--rate", defaultValue = "60000/1001", description = "Frame rate (default ${DEFAULT-VALUE}).")
    String rate;

    @Mixin
    SharedOptions.JxsSending jxs;

    @Option(names = "--frames", description = "Pictures to send (default: the source once; bars: 600).")
    Long frames;

    @Option(names = "--loop", description = "Repeat the source (until --frames, or forever).")
    boolean loop;

    @Option(names = "--tp", defaultValue = "2110TPN", description = "Sender type: 2110TPN, 2110TPNL or 2110TPW.")
    String tp;

    @Override
    public Integer call() throws Exception {
        FrameRate r = FrameRate.parse(rate);
        PacketMode m = jxs.packetMode();
        TrafficShaping shaping = TrafficShaping.ofSdp(tp);
        if (shaping == null) {
            throw new IllegalArgumentException("--tp must be 2110TPN, 2110TPNL or 2110TPW, got '" + tp + "'");
        }
        if (to.size() > 2) {
            throw new IllegalArgumentException("at most two --to destinations (ST 2022-7 legs)");
        }
        List<InetSocketAddress> dests = new ArrayList<>();
        for (String t : to) {
            dests.add(parseHostPort(t));
        }
        try (PictureSource pictures = openSource(r)) {
            JxsvFormat f = new JxsvFormat(m, true, null, null, null, pictures.format().bitDepth(), pictures.width(),
                    pictures.height(), r, false, false, pictures.format().model() == dev.xsight.media.ColourModel.RGB
                    ? "RGB" : "YCbCr-" + pictures.format().sampling().label(), "BT709", "SDR", "NARROW",
                    "ST2110-22:2019", shaping);
            long kbps = St2110Sender.bandwidthKbps(f, pictures.maxBytes(), St2110Sender.DEFAULT_DATAGRAM);
            List<JxsvStream> legs = new ArrayList<>();
            for (int i = 0; i < dests.size(); i++) {
                InetSocketAddress d = dests.get(i);
                legs.add(new JxsvStream(dests.size() > 1 ? (i == 0 ? "primary" : "secondary") : null,
                        d.getAddress().getHostAddress(), d.getPort(), d.getAddress().isMulticastAddress() ? 16 : 0,
                        null, 112, kbps, "localmac=00-00-00-00-00-00", "direct=0", f));
            }
            SessionDescription desc = new SessionDescription(localAddress(), System.currentTimeMillis() / 1000,
                    "Xsight " + pictures.describe(), legs, legs.size() == 2);
            Path parent = sdp.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            writeAtomically(sdp, SdpWriter.write(desc));
            long limit = frames != null ? frames : (pictures.count() > 0 && !loop ? pictures.count()
                    : loop ? Long.MAX_VALUE : 600);
            try (St2110Sender sender = new St2110Sender(f, 112, dests, St2110Sender.DEFAULT_DATAGRAM)) {
                byte[] buf = new byte[(int) pictures.maxBytes()];
                // An interrupt (an embedding program, a test) stops the stream after the current picture.
                for (long i = 0; i < limit && !Thread.currentThread().isInterrupted(); i++) {
                    int len = pictures.next(buf, i);
                    if (len < 0) {
                        if (!loop) {
                            break;
                        }
                        pictures.rewind();
                        len = pictures.next(buf, i);
                        if (len < 0) {
                            break;
                        }
                    }
                    try {
                        sender.sendNext(buf, 0, len);
                    } catch (java.io.UncheckedIOException | IOException e) {
                        if (Thread.currentThread().isInterrupted()) {
                            break; // interrupted mid-picture: the channel closed under the send; a stop, not a failure
                        }
                        throw e;
                    }
                }
                System.err.println("sent " + sender.packetsSent() + " packets, " + sender.bytesSent() + " bytes");
            }
        }
        return 0;
    }

    /**
     * Writes {@code text} to {@code file} so that it appears whole or not at all (a temporary file in the same folder,
     * then a rename): a receiver or script that waits for the SDP to exist never reads half of it.
     */
    static void writeAtomically(Path file, String text) throws IOException {
        Path abs = file.toAbsolutePath();
        Path tmp = Files.createTempFile(abs.getParent(), "." + abs.getFileName(), ".tmp");
        try {
            Files.writeString(tmp, text);
            try {
                Files.move(tmp, abs, java.nio.file.StandardCopyOption.ATOMIC_MOVE,
                        java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            } catch (java.nio.file.AtomicMoveNotSupportedException e) {
                Files.move(tmp, abs, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    static InetSocketAddress parseHostPort(String t) throws IOException {
        int colon = t.lastIndexOf(':');
        if (colon <= 0) {
            throw new IllegalArgumentException("--to must be HOST:PORT, got '" + t + "'");
        }
        int port;
        try {
            port = Integer.parseInt(t.substring(colon + 1));
        } catch (NumberFormatException e) {
            port = -1;
        }
        if (port <= 0 || port > 65535) {
            throw new IllegalArgumentException("--to port must be 1..65535 in '" + t + "'");
        }
        String host = t.substring(0, colon);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        return new InetSocketAddress(InetAddress.getByName(host), port);
    }

    private static String localAddress() {
        try {
            return InetAddress.getLocalHost().getHostAddress();
        } catch (IOException e) {
            return "127.0.0.1";
        }
    }

    private PictureSource openSource(FrameRate r) throws IOException, JpegXsFormatException {
        if (source.size() == 1 && source.getFirst().equals("bars")) {
            return new EncodedFrames(new BarsFrames(r), EncoderSettings.of(jxs.bpp));
        }
        if (source.size() == 1 && source.getFirst().toLowerCase(java.util.Locale.ROOT).endsWith(".yuv")) {
            if (width == null || height == null) {
                throw new IllegalArgumentException("a .yuv source needs --width and --height (and --format)");
            }
            PixelFormat pf = PixelFormat.parseFfmpegName(format);
            return new EncodedFrames(new YuvFrames(Path.of(source.getFirst()), pf, width, height),
                    EncoderSettings.of(jxs.bpp));
        }
        return JxsFiles.open(source);
    }

    /** Encoded pictures to send. */
    interface PictureSource extends AutoCloseable {
        PixelFormat format();

        int width();

        int height();

        /** Upper bound of a picture's bytes. */
        long maxBytes();

        /** Pictures in one pass, or -1 when endless. */
        long count();

        /** Writes picture {@code index} into {@code buf}; returns its length, or -1 at the end of the source. */
        int next(byte[] buf, long index) throws IOException;

        void rewind() throws IOException;

        String describe();

        @Override
        void close() throws IOException;
    }

    /** One or more .jxs files, each holding one or more codestreams back to back (split by Lcod). */
    static final class JxsFiles implements PictureSource {
        private final List<byte[]> pictures;
        private final dev.xsight.jpegxs.CodestreamInfo info;
        private int pos;

        private JxsFiles(List<byte[]> pictures, dev.xsight.jpegxs.CodestreamInfo info) {
            this.pictures = pictures;
            this.info = info;
        }

        static JxsFiles open(List<String> files) throws IOException, JpegXsFormatException {
            List<byte[]> pics = new ArrayList<>();
            dev.xsight.jpegxs.CodestreamInfo first = null;
            for (String name : files) {
                Path p = Path.of(name);
                if (!name.toLowerCase(java.util.Locale.ROOT).endsWith(".jxs")) {
                    throw new IllegalArgumentException("--source must be bars, FILE.yuv or FILE.jxs..., got '" + name
                            + "'");
                }
                long size = Files.size(p);
                if (size > 1L << 30) {
                    throw new IOException(p + ": " + size + " bytes is more than the 1 GiB a .jxs source may hold");
                }
                byte[] all = Files.readAllBytes(p);
                int off = 0;
                while (off < all.length) {
                    int len;
                    try {
                        len = JpegXsDecoder.codestreamLength(all, off, all.length - off);
                    } catch (JpegXsFormatException e) {
                        throw new IOException(p + " at byte " + off + ": " + e.getMessage(), e);
                    }
                    dev.xsight.jpegxs.CodestreamInfo info = JpegXsDecoder.probe(all, off, len);
                    if (first == null) {
                        first = info;
                    } else if (info.width() != first.width() || info.height() != first.height()
                            || !info.pixelFormat().equals(first.pixelFormat())) {
                        throw new IOException(p + " at byte " + off + ": picture " + info.width() + "x"
                                + info.height() + " differs from the first " + first.width() + "x" + first.height());
                    }
                    pics.add(java.util.Arrays.copyOfRange(all, off, off + len));
                    off += len;
                }
            }
            if (pics.isEmpty()) {
                throw new IOException("no codestreams in " + files);
            }
            return new JxsFiles(pics, first);
        }

        @Override
        public PixelFormat format() {
            try {
                return info.pixelFormat();
            } catch (JpegXsFormatException e) {
                throw new IllegalArgumentException(e.getMessage(), e);
            }
        }

        @Override
        public int width() {
            return info.width();
        }

        @Override
        public int height() {
            return info.height();
        }

        @Override
        public long maxBytes() {
            long m = 0;
            for (byte[] p : pictures) {
                m = Math.max(m, p.length);
            }
            return m;
        }

        @Override
        public long count() {
            return pictures.size();
        }

        @Override
        public int next(byte[] buf, long index) {
            if (pos >= pictures.size()) {
                return -1;
            }
            byte[] p = pictures.get(pos++);
            System.arraycopy(p, 0, buf, 0, p.length);
            return p.length;
        }

        @Override
        public void rewind() {
            pos = 0;
        }

        @Override
        public String describe() {
            return pictures.size() + " JPEG XS picture(s) " + info.width() + "x" + info.height();
        }

        @Override
        public void close() {
        }
    }

    /** Raw frames to encode. */
    interface RawFrames extends AutoCloseable {
        PixelFormat format();

        int width();

        int height();

        long count();

        /** Fills {@code f} with picture {@code index}; false at the end. */
        boolean next(Frame f, long index) throws IOException;

        void rewind() throws IOException;

        String describe();

        @Override
        void close() throws IOException;
    }

    /** Frames encoded as they are sent. */
    static final class EncodedFrames implements PictureSource {
        private final RawFrames raw;
        private final JpegXsEncoder encoder;
        private final Frame frame;

        EncodedFrames(RawFrames raw, EncoderSettings s) {
            this.raw = raw;
            this.encoder = new JpegXsEncoder(s, raw.format(), raw.width(), raw.height());
            this.frame = Frame.allocate(raw.format(), raw.width(), raw.height());
        }

        @Override
        public PixelFormat format() {
            return raw.format();
        }

        @Override
        public int width() {
            return raw.width();
        }

        @Override
        public int height() {
            return raw.height();
        }

        @Override
        public long maxBytes() {
            return encoder.maxCodestreamBytes();
        }

        @Override
        public long count() {
            return raw.count();
        }

        @Override
        public int next(byte[] buf, long index) throws IOException {
            if (!raw.next(frame, index)) {
                return -1;
            }
            return encoder.encode(frame, buf, 0);
        }

        @Override
        public void rewind() throws IOException {
            raw.rewind();
        }

        @Override
        public String describe() {
            return raw.describe() + " at " + encoder.settings().bitsPerPixel() + " bpp";
        }

        @Override
        public void close() throws IOException {
            raw.close();
        }
    }

    /** The shell's test signal (SMPTE RP 219 bars with motion and burnt-in timecode). */
    static final class BarsFrames implements RawFrames {
        private final TestSignal signal = new TestSignal(true);
        private final FrameRate rate;

        BarsFrames(FrameRate rate) {
            this.rate = rate;
        }

        @Override
        public PixelFormat format() {
            return TestSignal.FORMAT;
        }

        @Override
        public int width() {
            return TestSignal.WIDTH;
        }

        @Override
        public int height() {
            return TestSignal.HEIGHT;
        }

        @Override
        public long count() {
            return -1;
        }

        @Override
        public boolean next(Frame f, long index) {
            signal.render(f, index, Timecode.fromFrameCount(index, rate, rate.supportsDropFrame()));
            return true;
        }

        @Override
        public void rewind() {
        }

        @Override
        public String describe() {
            return "bars 1920x1080";
        }

        @Override
        public void close() {
        }
    }

    /** A raw planar file (FFmpeg layout), read frame by frame. */
    static final class YuvFrames implements RawFrames {
        private final Path file;
        private final PixelFormat format;
        private final int width;
        private final int height;
        private final long count;
        private InputStream in;

        YuvFrames(Path file, PixelFormat format, int width, int height) throws IOException {
            Frame.checkSize(format, width, height);
            this.file = file;
            this.format = format;
            this.width = width;
            this.height = height;
            long size = Files.size(file);
            long frame = format.rawFrameBytes(width, height);
            if (size < frame) {
                throw new IOException(file + ": " + size + " bytes is less than one " + width + "x" + height + " "
                        + format.ffmpegName() + " frame (" + frame + " bytes)");
            }
            this.count = size / frame;
            this.in = new BufferedInputStream(Files.newInputStream(file), 1 << 20);
        }

        @Override
        public PixelFormat format() {
            return format;
        }

        @Override
        public int width() {
            return width;
        }

        @Override
        public int height() {
            return height;
        }

        @Override
        public long count() {
            return count;
        }

        @Override
        public boolean next(Frame f, long index) throws IOException {
            if (in.available() <= 0) {
                return false;
            }
            try {
                f.readRaw(in);
                return true;
            } catch (java.io.EOFException e) {
                return false;
            } catch (IOException e) {
                throw new IOException(file + ": " + e.getMessage(), e);
            }
        }

        @Override
        public void rewind() throws IOException {
            in.close();
            in = new BufferedInputStream(Files.newInputStream(file), 1 << 20);
        }

        @Override
        public String describe() {
            return file.getFileName() + " " + width + "x" + height;
        }

        @Override
        public void close() throws IOException {
            in.close();
        }
    }
}
