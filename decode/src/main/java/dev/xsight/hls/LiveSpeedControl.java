package dev.xsight.hls;

/**
 * Keeps a live stream at its target offset behind the live edge by nudging the playback speed, as ExoPlayer's
 * {@code DefaultLivePlaybackSpeedControl} does: speed = 1 + {@link #PROPORTIONAL_GAIN} x (offset error in seconds),
 * held within [{@link #MIN_SPEED}, {@link #MAX_SPEED}], changed at most once per {@link #UPDATE_INTERVAL_NANOS} and
 * left at 1.0 inside a small dead band so the picture does not wobble.
 *
 * <p>Not thread-safe: owned by the presentation thread.
 */
public final class LiveSpeedControl {
    public static final double PROPORTIONAL_GAIN = 0.1;
    public static final double MIN_SPEED = 0.97;
    public static final double MAX_SPEED = 1.03;
    public static final long UPDATE_INTERVAL_NANOS = 1_000_000_000L;
    /** Offset errors below this leave the speed at 1.0. */
    public static final long DEAD_BAND_NANOS = 20_000_000L;

    private final long targetNanos;
    private double speed = 1.0;
    private long lastUpdate = Long.MIN_VALUE;

    public LiveSpeedControl(long targetOffsetNanos) {
        this.targetNanos = targetOffsetNanos;
    }

    /**
     * The speed to present at now.
     *
     * @param currentOffsetNanos how far behind the live edge the picture now is
     * @param nowNanos a monotonic clock
     */
    public double speed(long currentOffsetNanos, long nowNanos) {
        if (lastUpdate != Long.MIN_VALUE && nowNanos - lastUpdate < UPDATE_INTERVAL_NANOS) {
            return speed;
        }
        lastUpdate = nowNanos;
        long error = currentOffsetNanos - targetNanos;
        if (Math.abs(error) < DEAD_BAND_NANOS) {
            speed = 1.0;
        } else {
            // Behind the target (error > 0): play faster to catch up; ahead: slower.
            speed = Math.clamp(1.0 + PROPORTIONAL_GAIN * error / 1e9, MIN_SPEED, MAX_SPEED);
        }
        return speed;
    }

    public long targetNanos() {
        return targetNanos;
    }
}
