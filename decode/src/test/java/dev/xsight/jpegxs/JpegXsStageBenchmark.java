package dev.xsight.jpegxs;

import dev.xsight.media.Frame;
import java.io.IOException;
import java.nio.file.Files;
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
 * JMH benchmark of the decoder's stages on one thread, beside the whole decode on several
 * ({@code bench.JpegXsDecodeBenchmark}): the entropy stage of a whole picture alone (every slice through the precinct
 * decoder, no synthesis) and the whole decode on one thread; the difference is the wavelet synthesis and the output
 * conversion, whose kernels {@link JpegXsKernelBenchmark} measures. In this package because the stages are
 * package-private. Not a test: surefire never runs it. Run by hand
 * (see docs/notes/jpegxs-decoder.md, "Reproducing measurements"):
 * {@code java -cp <test classpath> org.openjdk.jmh.Main JpegXsStageBenchmark}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector"})
public class JpegXsStageBenchmark {
    @Param({"s01_1080p422p10_bpp2_f0.jxs", "s01_1080p422p10_bpp2_f2.jxs", "s12_2160p422p10_bpp2.jxs"})
    public String file;

    private byte[] codestream;
    private int[] starts;
    private PrecinctDecoder entropy;
    private int slices;
    private JpegXsDecoder decoder;
    private Frame frame;

    @Setup(Level.Trial)
    public void setUp() throws IOException, JpegXsFormatException {
        codestream = Files.readAllBytes(TestPictures.conformanceJpegXs().resolve(file));
        frame = TestStreams.frameFor(codestream);
        CodestreamInfo info = JpegXsDecoder.probe(codestream, 0, codestream.length);
        Layout layout = Layout.of(info);
        slices = info.sliceCount();
        starts = new int[slices + 1];
        SliceScanner.scan(layout, codestream, 0, info.headerBytes(), codestream.length, starts);
        entropy = new PrecinctDecoder(layout, new CoefficientStore(layout, 1));
        decoder = new JpegXsDecoder(1);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        decoder.close();
    }

    /** Entropy decoding and dequantisation of every slice of the picture: pictures per second. */
    @Benchmark
    public int entropyPicture() throws JpegXsFormatException {
        int bytes = 0;
        for (int s = 0; s < slices; s++) {
            bytes += entropy.decodeSlice(codestream, starts[s], starts[s + 1], s, 0);
        }
        return bytes;
    }

    /** The whole decode on one thread: pictures per second. */
    @Benchmark
    public Frame wholePicture() throws JpegXsFormatException {
        decoder.decode(codestream, 0, codestream.length, frame);
        return frame;
    }
}
