package dev.xsight.qc.video;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.xsight.media.Colorimetry;
import dev.xsight.media.Frame;
import dev.xsight.media.FrameRate;
import dev.xsight.media.PixelFormat;
import dev.xsight.qc.QcEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.BiFunction;
import org.junit.jupiter.api.Test;

/**
 * The Vector API kernels ({@link VideoKernels}) and the scalar loops give the same results: the same frames through
 * each check built both ways, the same fractions and the same events (the scalar loops are the fallback where the
 * module is absent; the rules tests hold the default path against independent expectations).
 */
class VectorKernelsTest {
    private static List<Frame> frames(PixelFormat format, int w, int h, long seed, int count) {
        Random rnd = new Random(seed);
        List<Frame> frames = new ArrayList<>();
        for (int n = 0; n < count; n++) {
            Frame f = Frame.allocate(format, w, h).colorimetry(Colorimetry.BT709).frameRate(new FrameRate(30, 1));
            for (int p = 0; p < 3; p++) {
                short[] a = f.plane(p);
                for (int i = 0; i < a.length; i++) {
                    // Alternately dark and bright noise (flashing), with codes over the whole 10-bit range.
                    a[i] = (short) (p == 0 ? ((n & 1) == 0 ? rnd.nextInt(200) : 700 + rnd.nextInt(324))
                            : rnd.nextInt(1024));
                }
            }
            frames.add(f);
        }
        return frames;
    }

    private static List<QcEvent> run(BiFunction<java.util.function.Consumer<QcEvent>, Boolean, VideoCheck> make,
            boolean simd, List<Frame> frames, List<Double> fractions) {
        List<QcEvent> events = new ArrayList<>();
        VideoCheck c = make.apply(events::add, simd);
        for (Frame f : frames) {
            c.accept(f);
            if (c instanceof RangeDetector r) {
                fractions.add(r.lastFraction());
            } else if (c instanceof GamutDetector g) {
                fractions.add(g.lastFraction());
            }
        }
        c.finish();
        return events;
    }

    @Test
    void freezeSumsAgree() {
        assumeTrue(Simd.BY_DEFAULT, "jdk.incubator.vector not in the boot layer");
        // A picture held for 45 frames with a few samples changing (below -60 dB), then another for 50: two freezes.
        List<Frame> pictures = frames(PixelFormat.YUV422P10, 77, 18, 9, 2);
        Random rnd = new Random(3);
        List<Frame> frames = new ArrayList<>();
        for (int n = 0; n < 95; n++) {
            Frame p = pictures.get(n < 45 ? 0 : 1);
            Frame f = Frame.allocate(p.format(), 77, 18).colorimetry(Colorimetry.BT709).frameRate(new FrameRate(30, 1));
            for (int c = 0; c < 3; c++) {
                System.arraycopy(p.plane(c), 0, f.plane(c), 0, p.plane(c).length);
            }
            f.plane(0)[rnd.nextInt(77 * 18)] += 1;
            frames.add(f);
        }
        List<QcEvent> a = run((out, simd) -> new FreezeDetector(0.001, java.time.Duration.ofSeconds(1), out, simd),
                true, frames, new ArrayList<>());
        List<QcEvent> b = run((out, simd) -> new FreezeDetector(0.001, java.time.Duration.ofSeconds(1), out, simd),
                false, frames, new ArrayList<>());
        assertEquals(1, a.size()); // the second freeze is still open at the end: FFmpeg reports none, nor do we
        assertEquals(b, a);
    }

    @Test
    void kernelsAndScalarLoopsAgree() {
        assumeTrue(Simd.BY_DEFAULT, "jdk.incubator.vector not in the boot layer");
        List<BiFunction<java.util.function.Consumer<QcEvent>, Boolean, VideoCheck>> checks = List.of(
                (out, simd) -> new RangeDetector(RangeDetector.Settings.R103, out, simd),
                (out, simd) -> new GamutDetector(GamutDetector.Settings.R103, out, simd),
                (out, simd) -> new FlashDetector(FlashDetector.Settings.BT1702, out, simd));
        for (PixelFormat format : List.of(PixelFormat.YUV422P10, PixelFormat.YUV420P10, PixelFormat.YUV444P10)) {
            // Odd width: full vectors, then the scalar tail and an odd last chroma site.
            List<Frame> frames = frames(format, 77, 18, 5, 40);
            for (var make : checks) {
                List<Double> vector = new ArrayList<>();
                List<Double> scalar = new ArrayList<>();
                List<QcEvent> a = run(make, true, frames, vector);
                List<QcEvent> b = run(make, false, frames, scalar);
                assertFalse(a.isEmpty(), format.ffmpegName());
                assertEquals(b, a, format.ffmpegName());
                assertEquals(scalar, vector, format.ffmpegName());
            }
        }
    }
}
