package dev.xsight.jpegxs;

import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * JMH benchmark of the kernels of the wavelet synthesis and the output conversion, on rows of a 1080p luma line
 * (960 + 960 samples), with the Vector API kernels where the decoder uses them; {@link JpegXsStageBenchmark} measures
 * the entropy stage and the whole decode. Not a test: surefire never runs it. Run by hand:
 * {@code java -cp <test classpath> org.openjdk.jmh.Main JpegXsKernelBenchmark}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector"})
public class JpegXsKernelBenchmark {
    private static final int HALF = 960;

    private final int[] lo = new int[HALF + 1];
    private final int[] hi = new int[HALF];
    private final int[] ev = new int[HALF + 1];
    private final int[] od = new int[HALF];
    private final int[] above = new int[HALF];
    private final int[] below = new int[HALF];
    private final short[] out = new short[2 * HALF];

    @Setup(Level.Trial)
    public void setUp() {
        Random rnd = new Random(21122);
        for (int i = 0; i < HALF; i++) {
            lo[i] = rnd.nextInt(1 << 18) - (1 << 17);
            hi[i] = rnd.nextInt(1 << 12) - (1 << 11);
            above[i] = rnd.nextInt(1 << 18) - (1 << 17);
            below[i] = rnd.nextInt(1 << 18) - (1 << 17);
        }
        lo[HALF] = lo[HALF - 1];
    }

    /** The finest horizontal 5/3 synthesis into split even/odd rows: rows per second. */
    @Benchmark
    public int[] horizontalRow() {
        Lifting.horizontalSplit(lo, HALF, hi, HALF, ev, od, JpegXsDecoder.SIMD_BY_DEFAULT);
        return ev;
    }

    /** Both vertical lifting steps over one row of 960 samples: rows per second. */
    @Benchmark
    public int[] verticalRow() {
        Lifting.updateEven(ev, above, below, HALF);
        Lifting.predictOdd(od, above, below, HALF);
        return od;
    }

    /** The linear output conversion (level shift, clip, interleave) of one split row: rows per second. */
    @Benchmark
    public short[] outputRow() {
        int done = JpegXsDecoder.SIMD_BY_DEFAULT ? VectorKernels.linearPairs(ev, od, HALF, out, 0, 1 << 19, 10, 1023)
                : 0;
        for (int i = done; i < HALF; i++) {
            out[2 * i] = (short) Math.max(0, Math.min((ev[i] + (1 << 19)) >> 10, 1023));
            out[2 * i + 1] = (short) Math.max(0, Math.min((od[i] + (1 << 19)) >> 10, 1023));
        }
        return out;
    }
}
