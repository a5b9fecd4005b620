package dev.xsight.gl;

/**
 * When each frame goes on the glass. The first frame anchors the source's timestamps to the local clock with a
 * latency of {@code latencyFrames} frame periods (room for arrival jitter); every later frame is due at its
 * timestamp's distance from the anchor, so pictures leave at the source's own rate, whatever the rate of arrival.
 * A timestamp that lands more than {@link #REANCHOR_NANOS} away from where the clock expects it (a new source, a
 * discontinuity, a stalled sender resuming) re-anchors instead of racing or stalling.
 *
 * <p>It also keeps the present counters: a frame is <em>late</em> when it went out more than half a frame period
 * after it was due; <em>dropped</em> when it was never shown (overtaken by a later due frame, or pushed out of a
 * full queue); each extra frame period the previous picture stayed up beyond its own time is a <em>repeat</em>.
 *
 * <p>Threading: confined to the output thread; {@link #snapshot()} is a value.
 */
public final class PresentationClock {
    /** Distance from the expected due time beyond which the clock re-anchors (one second). */
    public static final long REANCHOR_NANOS = 1_000_000_000L;
    private final int latencyFrames;
    private long anchorPts;
    private long anchorWall;
    private boolean anchored;
    private long lastPresentWall;
    private long droppedSinceLast;
    private long periodNanos = 16_683_333L;
    private long presented, late, repeated, dropped, reanchors;

    /** Counters since the output opened. */
    public record Counts(long presented, long late, long repeated, long dropped, long reanchors) {
    }

    public PresentationClock(int latencyFrames) {
        if (latencyFrames < 0 || latencyFrames > 10) {
            throw new IllegalArgumentException("latency " + latencyFrames + " frames (0..10)");
        }
        this.latencyFrames = latencyFrames;
    }

    /** Sets the source frame period (from the frames' rate); the default is 1/59.94 s. */
    public void period(long nanos) {
        if (nanos > 0) {
            periodNanos = nanos;
        }
    }

    public long periodNanos() {
        return periodNanos;
    }

    /** When the frame stamped {@code ptsNanos} is due, on the {@link System#nanoTime()} scale, given now. */
    public long due(long ptsNanos, long nowNanos) {
        if (anchored) {
            long due = anchorWall + (ptsNanos - anchorPts);
            if (Math.abs(due - nowNanos) <= REANCHOR_NANOS) {
                return due;
            }
            reanchors++;
        }
        anchored = true;
        anchorPts = ptsNanos;
        anchorWall = nowNanos + latencyFrames * periodNanos;
        return anchorWall;
    }

    /** A frame that will never be shown. */
    public void dropped() {
        dropped++;
        droppedSinceLast++;
    }

    /** A frame due at {@code dueNanos} went out at {@code nowNanos}. */
    public void presented(long dueNanos, long nowNanos) {
        presented++;
        if (nowNanos - dueNanos > periodNanos / 2) {
            late++;
        }
        if (lastPresentWall != 0) {
            long periods = Math.round((double) (nowNanos - lastPresentWall) / periodNanos);
            repeated += Math.max(0, periods - 1 - droppedSinceLast);
        }
        lastPresentWall = nowNanos;
        droppedSinceLast = 0;
    }

    /** Forgets the anchor (a new source): the next frame anchors afresh. Counters stay. */
    public void reset() {
        anchored = false;
        lastPresentWall = 0;
        droppedSinceLast = 0;
    }

    public long presentedCount() {
        return presented;
    }

    public long lateCount() {
        return late;
    }

    public long repeatedCount() {
        return repeated;
    }

    public long droppedCount() {
        return dropped;
    }

    public long reanchorCount() {
        return reanchors;
    }

    public Counts snapshot() {
        return new Counts(presented, late, repeated, dropped, reanchors);
    }
}
