package dev.xsight.hls.fetch;

/**
 * Estimates network throughput from segment downloads: an exponentially weighted average of bits per second where
 * each sample weighs by its size (as ExoPlayer's bandwidth meter weighs by bytes), with a half-life of about
 * {@link #HALF_LIFE_BYTES}.
 *
 * <p>Thread-safe.
 */
public final class ThroughputMeter {
    static final double HALF_LIFE_BYTES = 4.0 * 1024 * 1024;
    private double estimate;
    private double weight;

    /** Adds one download of {@code bytes} that took {@code nanos}. Tiny or instant downloads are ignored. */
    public synchronized void add(long bytes, long nanos) {
        if (bytes < 2048 || nanos <= 0) {
            return;
        }
        double bps = bytes * 8.0 * 1e9 / nanos;
        double alpha = Math.pow(0.5, bytes / HALF_LIFE_BYTES);
        estimate = weight == 0 ? bps : alpha * estimate + (1 - alpha) * bps;
        weight += bytes;
    }

    /** Bits per second, or 0 before the first sample. */
    public synchronized long estimateBps() {
        return (long) estimate;
    }
}
