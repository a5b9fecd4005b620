package dev.xsight.qc.video;

import dev.xsight.media.Frame;
import dev.xsight.media.Timecode;
import dev.xsight.qc.QcEvent;
import java.time.Duration;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Runs of consecutive failing frames of one check, reported when the time from a run's first frame to the first
 * frame after it reaches the minimum duration (as {@link BlackDetector} counts). The check keeps its own measures
 * of the run and hands them over when the run closes.
 *
 * <p>Threading: the check's feeding thread; allocates only when it reports.
 */
final class Runs {
    private final QcEvent.Type type;
    private final long minNanos;
    private final Consumer<QcEvent> out;
    private long frame = -1;
    private long start = -1;
    private Timecode startTc;
    private Timecode lastTc;
    private long frameNanos;

    Runs(QcEvent.Type type, Duration minDuration, Consumer<QcEvent> out) {
        if (minDuration.isNegative()) {
            throw new IllegalArgumentException(type.word() + ": negative minimum duration " + minDuration);
        }
        this.type = type;
        this.minNanos = minDuration.toNanos();
        this.out = out;
    }

    /** Counts the next frame; returns its index from the first frame seen. */
    long next(Frame f) {
        frameNanos = f.frameRate() == null ? frameNanos : f.frameRate().frameDurationNanos();
        return ++frame;
    }

    /** The current frame fails; returns whether it opened a run (so the check starts its measures afresh). */
    boolean fail(Frame f) {
        lastTc = f.timecode();
        if (start >= 0) {
            return false;
        }
        start = frame;
        startTc = lastTc;
        return true;
    }

    /** Whether a run is open and would be reported if it ended before the current frame. */
    boolean reportable() {
        return reportable(frame);
    }

    /** Whether a run is open and would be reported if it ended at the end of the feed. */
    boolean reportableAtEnd() {
        return reportable(frame + 1);
    }

    private boolean reportable(long firstAfter) {
        return start >= 0 && (firstAfter - start) * frameNanos >= minNanos;
    }

    /** Whether a run is open. */
    boolean open() {
        return start >= 0;
    }

    /** Ends the open run before the current frame, reporting it with {@code values} when it is long enough. */
    void close(Map<String, Double> values) {
        end(frame, values);
    }

    /** Ends the open run with the feed, reporting it with {@code values} when it is long enough. */
    void closeAtEnd(Map<String, Double> values) {
        end(frame + 1, values);
    }

    private void end(long firstAfter, Map<String, Double> values) {
        if (reportable(firstAfter)) {
            out.accept(new QcEvent(type, start, firstAfter - 1, startTc, lastTc, values));
        }
        start = -1;
    }

    /** Frame duration of the feed in nanoseconds (0 before a frame with a rate). */
    long frameNanos() {
        return frameNanos;
    }
}
