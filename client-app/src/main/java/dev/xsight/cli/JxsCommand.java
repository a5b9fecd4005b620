package dev.xsight.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.xsight.jpegxs.CodestreamInfo;
import dev.xsight.jpegxs.JpegXsDecoder;
import dev.xsight.jpegxs.JpegXsFormatException;
import dev.xsight.jpegxs.SliceDecode;
import dev.xsight.media.Frame;
import dev.xsight.st2110.CodestreamFormatException;
import dev.xsight.st2110.JxsFraming;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code xsight jxs}: JPEG XS (ISO/IEC 21122) codestream tools. */
@Command(name = "jxs", mixinStandardHelpOptions = true,
        description = "JPEG XS codestreams: header info, decode to raw planar, decoder benchmark, encode.",
        subcommands = {JxsCommand.Info.class, JxsCommand.Decode.class, JxsCommand.Bench.class,
            JxsEncodeCommand.class})
final class JxsCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** Reads a whole file of concatenated codestreams, refusing files beyond what one array can hold. */
    static byte[] readCodestreams(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("no such file: " + file);
        }
        long size = Files.size(file);
        if (size > Integer.MAX_VALUE - 16) {
            throw new IllegalArgumentException(file + " is " + size + " bytes; at most 2 GiB supported");
        }
        return Files.readAllBytes(file);
    }

    private static IOException bad(Path file, int frame, int offset, JpegXsFormatException e) {
        return new IOException(file + ": codestream " + frame + " (file offset " + offset + "): " + e.getMessage(), e);
    }

    /** {@code jxs info FILE}: the main header as JSON. */
    @Command(name = "info", mixinStandardHelpOptions = true,
            description = "Print the main header of the first codestream as JSON (and how many codestreams follow).")
    static final class Info implements Callable<Integer> {
        @Parameters(paramLabel = "FILE", description = "JPEG XS codestream file (.jxs), possibly several concatenated.")
        Path file;

        @Override
        public Integer call() throws IOException {
            byte[] b = readCodestreams(file);
            CodestreamInfo info;
            try {
                info = JpegXsDecoder.probe(b, 0, b.length);
            } catch (JpegXsFormatException e) {
                throw bad(file, 0, 0, e);
            }
            int count = 0;
            int pos = 0;
            while (pos < b.length) {
                try {
                    pos += JpegXsDecoder.codestreamLength(b, pos, b.length - pos);
                    count++;
                } catch (JpegXsFormatException e) {
                    break;
                }
            }
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("file", file.toString());
            m.put("codestreams", count);
            m.put("profile", info.profileName());
            m.put("profile_code", String.format("0x%04X", info.profile()));
            m.put("level", info.level());
            m.put("sublevel", info.sublevel());
            m.put("width", info.width());
            m.put("height", info.height());
            m.put("components", info.components());
            m.put("sampling", info.samplingLabel());
            m.put("bit_depth", info.bitDepth());
            m.put("slice_height", info.sliceHeightLines());
            m.put("slices", info.sliceCount());
            m.put("decomposition_levels", Map.of("horizontal", info.nlx(), "vertical", info.nly()));
            m.put("quantizer", info.quantizer() == 0 ? "deadzone" : "uniform");
            m.put("markers", info.markers());
            m.put("codestream_bytes", info.codestreamBytes());
            m.put("header_bytes", info.headerBytes());
            m.put("colour_transform", switch (info.cpih()) {
                case 1 -> "RCT";
                case 3 -> "Star-Tetrix";
                default -> "none";
            });
            m.put("nonlinearity", switch (info.nlt().type()) {
                case 1 -> "quadratic";
                case 2 -> "extended";
                default -> "linear";
            });
            m.put("precinct_width", info.precinctWidth());
            m.put("Bw", info.bw());
            m.put("Fq", info.fq());
            m.put("long_headers", info.longHeaders());
            m.put("raw_mode_switch", info.rawModeAllowed());
            m.put("separate_signs", info.separateSigns());
            m.put("run_mode", info.runMode() ? 1 : 0);
            m.put("bands", info.gains().length);
            System.out.println(new ObjectMapper().writerWithDefaultPrettyPrinter().writeValueAsString(m));
            return 0;
        }
    }

    /** {@code jxs decode FILE -o OUT}: raw planar output of every codestream in the file. */
    @Command(name = "decode", mixinStandardHelpOptions = true,
            description = "Decode every codestream of FILE to raw planar samples (Y, Cb, Cr[, A] or R, G, B; 16-bit"
                    + " little-endian above 8 bits, else 8-bit; no padding), frames back to back.")
    static final class Decode implements Callable<Integer> {
        @Parameters(paramLabel = "FILE", description = "JPEG XS codestream file; several codestreams may follow"
                + " each other.")
        Path file;

        @Option(names = {"-o", "--output"}, required = true, paramLabel = "OUT", description = "Raw output file.")
        Path out;

        @Mixin
        SharedOptions.DecoderThreads decoder;

        @Override
        public Integer call() throws IOException {
            byte[] b = readCodestreams(file);
            int frames = 0;
            Frame frame = null;
            String described = "";
            try (JpegXsDecoder dec = new JpegXsDecoder(decoder.threads);
                    OutputStream os = new BufferedOutputStream(Files.newOutputStream(out), 1 << 20)) {
                int pos = 0;
                while (pos < b.length) {
                    int len;
                    try {
                        len = JpegXsDecoder.codestreamLength(b, pos, b.length - pos);
                        CodestreamInfo info = JpegXsDecoder.probe(b, pos, len);
                        if (frame == null || !frame.format().equals(info.pixelFormat())
                                || frame.width() != info.width() || frame.height() != info.height()) {
                            frame = Frame.allocate(info.pixelFormat(), info.width(), info.height());
                            described = frame.describe();
                        }
                        dec.decode(b, pos, len, frame);
                    } catch (JpegXsFormatException e) {
                        throw bad(file, frames, pos, e);
                    }
                    frame.writeRaw(os);
                    frames++;
                    pos += len;
                }
            }
            if (frames == 0) {
                throw new IOException(file + ": empty file, no codestream");
            }
            System.out.println("decoded " + frames + " frame(s) " + described + " to " + out);
            return 0;
        }
    }

    /** {@code jxs bench FILE}: repeated decoding, one JSON line of throughput. */
    @Command(name = "bench", mixinStandardHelpOptions = true,
            description = "Decode the first codestream of FILE repeatedly (after a warm-up) and print one JSON line:"
                    + " fps, msamples_per_s, threads, frames (plus cpu_fps: frames per second of this thread's CPU"
                    + " time with --threads 1; process_cpu_fps: frames per second of the whole process's CPU time).")
    static final class Bench implements Callable<Integer> {
        @Parameters(paramLabel = "FILE", description = "JPEG XS codestream file.")
        Path file;

        @Mixin
        SharedOptions.DecoderThreads decoder;

        @Option(names = "--seconds", defaultValue = "5", description = "Measured seconds (default ${DEFAULT-VALUE});"
                + " a warm-up of half as long, at most 3 s (of wall-clock and of the process's CPU time), comes"
                + " first.")
        double seconds;

        @Option(names = "--slices", description = "Decode slice by slice, as ST 2110-22 slice mode does (begin,"
                + " one call per slice, wait for the picture), instead of whole codestreams.")
        boolean slices;

        @Override
        public Integer call() throws IOException {
            if (!(seconds > 0) || seconds > 3600) {
                throw new IllegalArgumentException("--seconds must be in (0, 3600], got " + seconds);
            }
            byte[] b = readCodestreams(file);
            try (JpegXsDecoder dec = new JpegXsDecoder(decoder.threads)) {
                int len = JpegXsDecoder.codestreamLength(b, 0, b.length);
                CodestreamInfo info = JpegXsDecoder.probe(b, 0, len);
                Frame frame = Frame.allocate(info.pixelFormat(), info.width(), info.height());
                int[] starts = new int[info.sliceCount() + 1];
                if (slices) {
                    JxsFraming.Header h = JxsFraming.header(b, 0, len);
                    JxsFraming.sliceOffsets(b, 0, len, h, starts);
                }
                Decode once = slices ? () -> bySlice(dec, b, starts, frame) : () -> dec.decode(b, 0, len, frame);
                long samples = 0;
                for (int p = 0; p < info.components(); p++) {
                    samples += (long) frame.planeWidth(p) * frame.planeHeight(p);
                }
                ThreadMXBean mx = ManagementFactory.getThreadMXBean();
                com.sun.management.OperatingSystemMXBean os = ManagementFactory.getPlatformMXBean(
                        com.sun.management.OperatingSystemMXBean.class);
                // The warm-up lasts its time in wall clock and in the process's CPU time (the JIT compiles in
                // it): on a shared machine the process may get a small share of the CPUs, and a wall-clock warm-up
                // alone then measures half-compiled code. At most ten times as long in wall-clock time.
                long warmNanos = (long) (Math.min(3, seconds / 2) * 1e9);
                long start = System.nanoTime();
                long warmCpu = os.getProcessCpuTime() + warmNanos;
                long now = start;
                while (now - start < 10 * warmNanos
                        && (now - start < warmNanos || os.getProcessCpuTime() < warmCpu)) {
                    once.run();
                    now = System.nanoTime();
                }
                long cpu0 = mx.getCurrentThreadCpuTime();
                long proc0 = os.getProcessCpuTime();
                long t0 = System.nanoTime();
                long until = t0 + (long) (seconds * 1e9);
                int frames = 0;
                long t;
                do {
                    once.run();
                    frames++;
                    t = System.nanoTime();
                } while (t < until);
                double wall = (t - t0) / 1e9;
                double cpu = (mx.getCurrentThreadCpuTime() - cpu0) / 1e9;
                double proc = (os.getProcessCpuTime() - proc0) / 1e9;
                double fps = frames / wall;
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("fps", Math.round(fps * 10) / 10.0);
                m.put("msamples_per_s", Math.round(fps * samples / 1e5) / 10.0);
                m.put("threads", decoder.threads);
                if (slices) {
                    m.put("mode", "slices");
                }
                m.put("frames", frames);
                if (decoder.threads == 1 && cpu > 0) {
                    m.put("cpu_fps", Math.round(frames / cpu * 10) / 10.0);
                }
                if (proc > 0) {
                    // With several workers: the decoder's cost per frame in CPU time on a machine shared with
                    // other work, where the wall-clock rate only shows the CPU share the process got.
                    m.put("process_cpu_fps", Math.round(frames / proc * 10) / 10.0);
                }
                System.out.println(new ObjectMapper().writeValueAsString(m));
            } catch (JpegXsFormatException e) {
                throw bad(file, 0, 0, e);
            } catch (CodestreamFormatException e) {
                throw new IOException(file + ": codestream 0 (file offset " + e.offset() + "): " + e.getMessage(), e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while decoding " + file, e);
            }
            return 0;
        }

        /** One picture through the slice-streaming interface, the slices in order. */
        private static void bySlice(JpegXsDecoder dec, byte[] b, int[] starts, Frame frame)
                throws JpegXsFormatException, InterruptedException {
            SliceDecode s = dec.begin(b, 0, starts[0], frame);
            int n = s.sliceCount();
            for (int i = 0; i < n; i++) {
                s.slice(i, b, starts[i], starts[i + 1] - starts[i]);
            }
            s.awaitComplete();
        }

        /** One decode of the benchmark's picture. */
        private interface Decode {
            void run() throws JpegXsFormatException, InterruptedException;
        }
    }
}
