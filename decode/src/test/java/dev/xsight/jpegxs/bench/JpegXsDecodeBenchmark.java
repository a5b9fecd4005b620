package dev.xsight.jpegxs.bench;

import dev.xsight.jpegxs.CodestreamInfo;
import dev.xsight.jpegxs.JpegXsDecoder;
import dev.xsight.jpegxs.JpegXsFormatException;
import dev.xsight.media.Frame;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * JMH benchmark of whole-frame decoding of shared conformance codestreams. Not a test: surefire never runs it.
 * Run by hand (see docs/bench/jpegxs-decoder.md):
 * {@code java -cp <test classpath> org.openjdk.jmh.Main JpegXsDecodeBenchmark}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector"})
public class JpegXsDecodeBenchmark {
    @Param({"s01_1080p422p10_bpp2_f0.jxs", "s12_2160p422p10_bpp2.jxs"})
    public String file;

    @Param({"1", "2"})
    public int threads;

    private byte[] codestream;
    private Frame frame;
    private JpegXsDecoder decoder;

    @Setup(Level.Trial)
    public void setUp() throws IOException, JpegXsFormatException {
        Path dir = Path.of(System.getProperty("xsight.testdata.dir", "../testdata"), "conformance", "jpegxs");
        codestream = Files.readAllBytes(dir.resolve(file));
        CodestreamInfo info = JpegXsDecoder.probe(codestream, 0, codestream.length);
        frame = Frame.allocate(info.pixelFormat(), info.width(), info.height());
        decoder = new JpegXsDecoder(threads);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        decoder.close();
    }

    /** Frames per second. */
    @Benchmark
    public Frame decodeFrame() throws JpegXsFormatException {
        decoder.decode(codestream, 0, codestream.length, frame);
        return frame;
    }
}
