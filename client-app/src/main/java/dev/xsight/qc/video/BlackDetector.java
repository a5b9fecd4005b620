package dev.xsight.qc.video;

import dev.xsight.colour.YCbCr;
import dev.xsight.qc.QcEvent;
import dev.xsight.media.Colorimetry;
import dev.xsight.media.Frame;
import dev.xsight.media.Timecode;
import java.time.Duration;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Black: runs of frames in which at least {@code pictureRatio} of the luma samples are at or below the black
 * threshold, lasting at least {@code minDuration}. The definition is FFmpeg's {@code blackdetect}: the pixel
 * threshold {@code pixelThreshold} is a fraction of the luma range above its black level (narrow range: code 16
 * scaled to the bit depth plus the fraction of 219 steps; full range: the fraction of the maximum code), and a run
 * counts when the time from its first frame to the first frame after it reaches the minimum duration.
 *
 * <p>Threading: one feeding thread; no allocation per frame.
 */
public final class BlackDetector implements VideoCheck {
    private final double pixelThreshold;
    private final double pictureRatio;
    private final long minDurationNanos;
    private final Consumer<QcEvent> out;
    private long frame = -1;
    private long runStart = -1;
    private Timecode runTc;
    private Timecode lastTc;
    private long frameNanos;
    private double darkestRatio;

    /**
     * @param pixelThreshold fraction of the luma range counted as black (FFmpeg {@code pix_th}, default 0.10)
     * @param pictureRatio fraction of black samples that makes a black picture ({@code pic_th}, default 0.98)
     * @param minDuration shortest run reported ({@code d})
     */
    public BlackDetector(double pixelThreshold, double pictureRatio, Duration minDuration, Consumer<QcEvent> out) {
        if (!(pixelThreshold >= 0 && pixelThreshold <= 1) || !(pictureRatio >= 0 && pictureRatio <= 1)) {
            throw new IllegalArgumentException("black thresholds must be 0..1, not " + pixelThreshold + " and "
                    + pictureRatio);
        }
        this.pixelThreshold = pixelThreshold;
        this.pictureRatio = pictureRatio;
        this.minDurationNanos = minDuration.toNanos();
        this.out = out;
    }

    /** The broadcast defaults: 0.10, 0.98, 1 s. */
    public static BlackDetector defaults(Consumer<QcEvent> out) {
        return new BlackDetector(0.10, 0.98, Duration.ofSeconds(1), out);
    }

    /** The black threshold in codes of {@code bits}-bit luma. */
    static int thresholdCode(int bits, boolean fullRange, double fraction) {
        return (int) (fullRange ? YCbCr.fullCode(bits, fraction) : YCbCr.narrowLumaCode(bits, fraction));
    }

    @Override
    public void accept(Frame f) {
        frame++;
        frameNanos = f.frameRate() == null ? frameNanos : f.frameRate().frameDurationNanos();
        Colorimetry c = f.colorimetry();
        int th = thresholdCode(f.format().bitDepth(), c != null && c.range() == Colorimetry.Range.FULL,
                pixelThreshold);
        short[] y = f.plane(0);
        int n = f.planeWidth(0) * f.planeHeight(0);
        int black = 0;
        for (int i = 0; i < n; i++) {
            black += (y[i] - th - 1) >>> 31; // 1 when y <= th, without a branch (noise mispredicts one)
        }
        double ratio = (double) black / n;
        if (ratio >= pictureRatio) {
            if (runStart < 0) {
                runStart = frame;
                runTc = f.timecode();
                darkestRatio = ratio;
            }
            darkestRatio = Math.min(darkestRatio, ratio);
            lastTc = f.timecode();
        } else {
            close(frame);
        }
    }

    /** The feed ended: a black run still open is reported if it is long enough. */
    @Override
    public void finish() {
        close(frame + 1);
    }

    private void close(long firstAfter) {
        if (runStart >= 0 && (firstAfter - runStart) * frameNanos >= minDurationNanos) {
            out.accept(new QcEvent(QcEvent.Type.BLACK, runStart, firstAfter - 1, runTc, lastTc,
                    Map.of("min_black_ratio", darkestRatio)));
        }
        runStart = -1;
    }
}
