package dev.xsight.cli;

import dev.xsight.jpegxs.encode.EncoderSettings;
import dev.xsight.jpegxs.encode.JpegXsEncoder;
import dev.xsight.media.Frame;
import dev.xsight.media.PixelFormat;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code xsight jxs encode}: raw planar video (FFmpeg layout) to JPEG XS codestreams, one constant-bit-rate
 * codestream per frame, concatenated. Prints one JSON summary line.
 */
@Command(name = "encode", mixinStandardHelpOptions = true,
        description = "Encode raw planar frames (yuv422p10le, yuv444p10le, yuv444p12le, yuv420p10le, yuv420p, "
                + "yuv444p) into concatenated JPEG XS codestreams at a constant bit rate.")
final class JxsEncodeCommand implements Callable<Integer> {
    static final Set<String> FORMATS =
            Set.of("yuv422p10le", "yuv444p10le", "yuv444p12le", "yuv420p10le", "yuv420p", "yuv444p");

    @Parameters(index = "0", paramLabel = "IN", description = "Raw planar input, one or more frames back to back.")
    Path input;

    @Option(names = {"-o", "--output"}, required = true, paramLabel = "OUT.jxs", description = "Output codestreams.")
    Path output;

    @Option(names = "--width", required = true, description = "Picture width in pixels.")
    int width;

    @Option(names = "--height", required = true, description = "Picture height in lines.")
    int height;

    @Option(names = "--format", required = true, description = "Input pixel format: ${COMPLETION-CANDIDATES}.",
            completionCandidates = FormatNames.class)
    String format;

    @Option(names = "--bpp", required = true, description = "Bits per pixel (e.g. 2 is about 10:1 for 4:2:2 10-bit).")
    double bpp;

    @Option(names = "--slice-height", defaultValue = "16",
            description = "Slice height in lines, a multiple of 2^nly (default ${DEFAULT-VALUE}).")
    int sliceHeight;

    @Option(names = "--nlx", defaultValue = "5", description = "Horizontal wavelet levels 1..5 (default ${DEFAULT-VALUE}).")
    int nlx;

    @Option(names = "--nly", defaultValue = "2", description = "Vertical wavelet levels 0..2 (default ${DEFAULT-VALUE}).")
    int nly;

    @Option(names = "--frames", description = "Encode at most this many frames.")
    Integer maxFrames;

    @Option(names = "--threads", defaultValue = "1",
            description = "Threads sharing each frame, 1..64 (default ${DEFAULT-VALUE}); the output is the same.")
    int threads;

    static final class FormatNames implements Iterable<String> {
        @Override
        public java.util.Iterator<String> iterator() {
            return new java.util.TreeSet<>(FORMATS).iterator();
        }
    }

    @Override
    public Integer call() throws IOException {
        String name = format.toLowerCase(Locale.ROOT);
        if (!FORMATS.contains(name)) {
            throw new IllegalArgumentException("unsupported --format '" + format + "': expected one of "
                    + new java.util.TreeSet<>(FORMATS));
        }
        PixelFormat f = PixelFormat.parseFfmpegName(name);
        Frame.checkSize(f, width, height);
        long frameBytes = f.rawFrameBytes(width, height);
        long inputBytes;
        try {
            inputBytes = Files.size(input);
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException("input " + input + " does not exist");
        }
        if (inputBytes == 0 || inputBytes % frameBytes != 0) {
            throw new IllegalArgumentException(input + " holds " + inputBytes + " bytes, not a whole number of "
                    + width + "x" + height + " " + name + " frames (" + frameBytes + " bytes each); the last frame "
                    + "would start at byte " + (inputBytes / frameBytes) * frameBytes);
        }
        EncoderSettings settings = new EncoderSettings(bpp, sliceHeight, nlx, nly, true, true, true, threads);
        try (JpegXsEncoder encoder = new JpegXsEncoder(settings, f, width, height)) {
            return encode(encoder, f, name, inputBytes / frameBytes);
        }
    }

    private int encode(JpegXsEncoder encoder, PixelFormat f, String name, long available)
            throws IOException {
        long frames = available;
        if (maxFrames != null) {
            if (maxFrames < 1) {
                throw new IllegalArgumentException("--frames must be at least 1");
            }
            frames = Math.min(frames, maxFrames);
        }
        Frame frame = Frame.allocate(f, width, height);
        byte[] codestream = new byte[encoder.maxCodestreamBytes()];
        long encodeNanos = 0;
        long warmNanos = 0;
        long warmFrames = 0;
        long warmCpuNanos = 0;
        java.lang.management.ThreadMXBean mx = java.lang.management.ManagementFactory.getThreadMXBean();
        try (InputStream in = new BufferedInputStream(Files.newInputStream(input), 1 << 20);
                OutputStream out = new BufferedOutputStream(Files.newOutputStream(output), 1 << 20)) {
            for (long i = 0; i < frames; i++) {
                frame.readRaw(in);
                long c0 = mx.getCurrentThreadCpuTime();
                long t0 = System.nanoTime();
                int n = encoder.encode(frame, codestream, 0);
                long dt = System.nanoTime() - t0;
                long dc = mx.getCurrentThreadCpuTime() - c0;
                encodeNanos += dt;
                if (i >= WARM_UP_FRAMES) {
                    warmNanos += dt;
                    warmCpuNanos += dc;
                    warmFrames++;
                }
                out.write(codestream, 0, n);
            }
        }
        // Speed after JIT warm-up: wall clock, and frames per second of the calling thread's CPU time (one core,
        // robust on a shared machine; with --threads above 1 the other workers are not counted). With no more
        // frames than the warm-up, all frames count.
        double fps = warmFrames > 0 ? warmFrames / (warmNanos / 1e9) : frames / (encodeNanos / 1e9);
        double cpuFps = warmFrames > 0 && warmCpuNanos > 0 ? warmFrames / (warmCpuNanos / 1e9) : fps;
        System.out.printf(Locale.ROOT, "{\"frames\":%d,\"bytes_per_frame\":%d,\"bpp\":%s,\"width\":%d,\"height\":%d,"
                + "\"format\":\"%s\",\"slice_height\":%d,\"nlx\":%d,\"nly\":%d,\"encode_fps\":%.1f,"
                + "\"threads\":%d,\"encode_cpu_fps\":%.1f}%n", frames, encoder.maxCodestreamBytes(), bpp, width,
                height, name, sliceHeight, nlx, nly, fps, threads, cpuFps);
        return 0;
    }

    /** Frames encoded before the speed figure starts counting (JIT warm-up). */
    static final int WARM_UP_FRAMES = 5;
}
