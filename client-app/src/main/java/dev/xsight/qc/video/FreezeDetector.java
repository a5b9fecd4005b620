package dev.xsight.qc.video;

import dev.xsight.qc.QcEvent;
import dev.xsight.media.Frame;
import dev.xsight.media.Timecode;
import java.time.Duration;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Freeze: runs of frames that differ from the run's first frame by at most {@code noise}, lasting at least
 * {@code minDuration}. The definition is FFmpeg's {@code freezedetect}: the difference is the mean absolute
 * difference over all samples of all planes divided by 2^bit-depth, each frame is compared with the first frame of
 * the run (not with the previous one, so a slow drift ends a freeze), and a run counts when the time from its first
 * frame to the first differing frame reaches the minimum duration. Noise is given as a ratio (0.001 = -60 dB).
 *
 * <p>Threading: one feeding thread; the reference planes are allocated once per picture size.
 */
public final class FreezeDetector implements VideoCheck {
    /** Samples summed between two looks at the running difference. */
    private static final int CHUNK = 8192;

    private final double noise;
    private final boolean simd;
    private final int[] acc = new int[1];
    private final long minDurationNanos;
    private final Consumer<QcEvent> out;
    private short[][] reference;
    private int refWidth;
    private int refHeight;
    private long frame = -1;
    private long refFrame = -1;
    private Timecode refTc;
    private Timecode lastTc;
    private long frameNanos;
    private double largestDifference;

    /**
     * @param noise largest mean absolute difference counted as frozen, as a ratio of the code range
     * @param minDuration shortest run reported
     */
    public FreezeDetector(double noise, Duration minDuration, Consumer<QcEvent> out) {
        this(noise, minDuration, out, Simd.BY_DEFAULT);
    }

    /** With the Vector API sum or without it (only with where {@link Simd#BY_DEFAULT} can be). */
    FreezeDetector(double noise, Duration minDuration, Consumer<QcEvent> out, boolean simd) {
        this.simd = Simd.checked(simd);
        if (!(noise > 0 && noise < 1)) {
            throw new IllegalArgumentException("freeze noise must be between 0 and 1 (0.001 = -60 dB), not " + noise);
        }
        this.noise = noise;
        this.minDurationNanos = minDuration.toNanos();
        this.out = out;
    }

    /** The broadcast defaults: -60 dB, 1 s. */
    public static FreezeDetector defaults(Consumer<QcEvent> out) {
        return new FreezeDetector(Math.pow(10, -60 / 20.0), Duration.ofSeconds(1), out);
    }

    @Override
    public void accept(Frame f) {
        frame++;
        frameNanos = f.frameRate() == null ? frameNanos : f.frameRate().frameDurationNanos();
        int planes = f.format().planeCount();
        if (reference == null || refWidth != f.width() || refHeight != f.height() || reference.length != planes) {
            reference = new short[planes][];
            for (int p = 0; p < planes; p++) {
                reference[p] = new short[f.planeWidth(p) * f.planeHeight(p)];
            }
            refWidth = f.width();
            refHeight = f.height();
            close(frame);
            keep(f);
            return;
        }
        double mafd = difference(f);
        if (mafd <= noise) {
            largestDifference = Math.max(largestDifference, mafd);
            lastTc = f.timecode();
        } else {
            close(frame);
            keep(f);
        }
    }

    /** The feed ended: FFmpeg reports no freeze without its end, and neither does this. */
    @Override
    public void finish() {
        refFrame = -1;
    }

    /**
     * The mean absolute difference from the reference as a ratio of the code range, or a value above
     * {@code noise} as soon as the sum so far proves the frame differs (the sum only grows, so the answer is the
     * same; a changing picture is known different after a few rows and costs no more than that).
     */
    private double difference(Frame f) {
        long count = 0;
        for (short[] r : reference) {
            count += r.length;
        }
        double scale = (double) count * (1 << f.format().bitDepth());
        long sad = 0;
        for (int p = 0; p < reference.length; p++) {
            short[] a = f.plane(p);
            short[] r = reference[p];
            for (int from = 0; from < r.length; from += CHUNK) {
                int to = Math.min(r.length, from + CHUNK);
                int part = 0; // CHUNK differences of at most 2^16 fit an int
                int i = from;
                if (simd) {
                    acc[0] = 0;
                    i = VideoKernels.sad(a, r, from, to, acc);
                    part = acc[0];
                }
                for (; i < to; i++) {
                    part += Math.abs(a[i] - r[i]);
                }
                sad += part;
                if (sad / scale > noise) {
                    return sad / scale;
                }
            }
        }
        return sad / scale;
    }

    private void keep(Frame f) {
        for (int p = 0; p < reference.length; p++) {
            System.arraycopy(f.plane(p), 0, reference[p], 0, reference[p].length);
        }
        refFrame = frame;
        refTc = f.timecode();
        lastTc = f.timecode();
        largestDifference = 0;
    }

    private void close(long firstDiffering) {
        if (refFrame >= 0 && firstDiffering - refFrame > 1
                && (firstDiffering - refFrame) * frameNanos >= minDurationNanos) {
            out.accept(new QcEvent(QcEvent.Type.FREEZE, refFrame, firstDiffering - 1, refTc, lastTc,
                    Map.of("max_difference", largestDifference)));
        }
        refFrame = -1;
    }
}
