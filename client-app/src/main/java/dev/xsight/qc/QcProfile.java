package dev.xsight.qc;

import dev.xsight.review.Severity;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;

/**
 * A QC profile: for each event type, whether its check runs, its thresholds, the shortest finding reported and the
 * severity its notes get. Loaded and checked by {@link QcProfiles}.
 *
 * @param id short name ({@code broadcast}); a user file's name without {@code .json} by default
 * @param name what a person reads ("EBU R128 / R103 broadcast")
 * @param checks one entry per event type (a type the file leaves out is disabled)
 */
public record QcProfile(String id, String name, int version, Map<QcEvent.Type, Check> checks) {

    /**
     * The settings of one check.
     *
     * @param enabled whether the check runs (and its events are reported)
     * @param severity the severity of its findings' notes
     * @param minDuration shortest finding reported (zero: every one)
     * @param thresholds the check's own thresholds by name ({@code pixel_threshold}, {@code target_lufs} ...)
     */
    public record Check(boolean enabled, Severity severity, Duration minDuration, Map<String, Double> thresholds) {
        public Check {
            Objects.requireNonNull(severity, "severity");
            Objects.requireNonNull(minDuration, "minDuration");
            thresholds = Map.copyOf(thresholds);
        }

        /** A threshold, or {@code fallback} when the profile does not set it. */
        public double threshold(String key, double fallback) {
            Double v = thresholds.get(key);
            return v == null ? fallback : v;
        }
    }

    private static final Check OFF = new Check(false, Severity.FYI, Duration.ZERO, Map.of());

    public QcProfile {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        EnumMap<QcEvent.Type, Check> m = new EnumMap<>(QcEvent.Type.class);
        m.putAll(checks);
        checks = java.util.Collections.unmodifiableMap(m);
    }

    /** The settings for {@code type} (disabled when the profile leaves it out). */
    public Check check(QcEvent.Type type) {
        return checks.getOrDefault(type, OFF);
    }

    public boolean enabled(QcEvent.Type type) {
        return check(type).enabled();
    }

    /** The severity of {@code type}'s notes. */
    public Severity severity(QcEvent.Type type) {
        return check(type).severity();
    }

    /**
     * Whether an event is reported: its check is enabled and it lasts at least the minimum duration at
     * {@code frameNanos} per frame.
     */
    public boolean reports(QcEvent e, long frameNanos) {
        Check c = check(e.type());
        return c.enabled() && (frameNanos <= 0 || e.frames() * frameNanos >= c.minDuration().toNanos());
    }
}
