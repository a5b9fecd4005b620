package dev.xsight.qc.video;

import dev.xsight.media.Frame;
import dev.xsight.media.Timecode;
import dev.xsight.qc.QcEvent;
import java.time.Duration;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Runs of consecutive failing frames of one check, reported when the time from a run's first frame to the first
 * frame after it reaches the minimum duration (as {@link BlackDetector} counts). The check keeps its own measures
 * of the run and gives them when a run is reported.
 *
 * <p>Threading: the check's feeding thread; allocates only when it reports.
 */
final class Runs {
    private final QcEvent.Type type;
    private final long minNanos;
    private final Consumer<QcEvent> out;
    private final Supplier<Map<String, Double>> values;
    private long frame = -1;
    private long start = -1;
    private Timecode startTc;
    private Timecode lastTc;
    private long frameNanos;

    /** @param values the check's measures of the run, asked for when a run is reported */
    Runs(QcEvent.Type type, Duration minDuration, Consumer<QcEvent> out, Supplier<Map<String, Double>> values) {
        if (minDuration.isNegative()) {
            throw new IllegalArgumentException(type.word() + ": negative minimum duration " + minDuration);
        }
        this.type = type;
        this.minNanos = minDuration.toNanos();
        this.out = out;
        this.values = values;
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

    /** The current frame passes: ends an open run before it, reported when long enough. */
    void pass() {
        end(frame);
    }

    /** The feed ended: ends an open run with it, reported when long enough. */
    void finish() {
        end(frame + 1);
    }

    private void end(long firstAfter) {
        if (start >= 0 && (firstAfter - start) * frameNanos >= minNanos) {
            out.accept(new QcEvent(type, start, firstAfter - 1, startTc, lastTc, values.get()));
        }
        start = -1;
    }
}
