package dev.xsight.qc;

import dev.xsight.qc.audio.AudioCheck;
import dev.xsight.qc.transport.TimecodeCheck;
import dev.xsight.qc.transport.TransportCheck;
import dev.xsight.qc.transport.TransportProbe;
import dev.xsight.qc.video.BlackDetector;
import dev.xsight.qc.video.FreezeDetector;
import dev.xsight.qc.video.VideoCheck;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Which check stands behind each event type, the thresholds it takes from a profile (name, allowed range, default)
 * and how a profile's settings make it. The one place a new check is registered.
 */
public final class QcCatalogue {
    /** An allowed range of a threshold and its value when the profile leaves it out. */
    public record Range(double min, double max, double fallback) {
        boolean contains(double v) {
            return v >= min && v <= max;
        }
    }

    private QcCatalogue() {
    }

    /** The thresholds {@code type}'s check takes, by name. */
    public static Map<String, Range> thresholds(QcEvent.Type type) {
        Map<String, Range> m = new LinkedHashMap<>();
        switch (type) {
            case BLACK -> {
                m.put("pixel_threshold", new Range(0, 1, 0.10));
                m.put("picture_ratio", new Range(0, 1, 0.98));
            }
            case FREEZE -> m.put("noise_db", new Range(-120, -1, -60));
            case LOSS, CONCEALED -> m.put("merge_frames", new Range(0, 100_000, 12));
            default -> {
            }
        }
        return m;
    }

    /**
     * The checks {@code profile} enables, reporting to {@code out}.
     *
     * @param probe the source's transport totals, or null for a feed without transport (a file)
     * @param pollEvery read the probe every this many frames (1 where reading it allocates nothing)
     */
    public static QcChecks checks(QcProfile profile, Consumer<QcEvent> out, TransportProbe probe, int pollEvery) {
        List<VideoCheck> video = new ArrayList<>();
        List<AudioCheck> audio = new ArrayList<>();
        QcProfile.Check black = profile.check(QcEvent.Type.BLACK);
        if (black.enabled()) {
            video.add(new BlackDetector(value(black, QcEvent.Type.BLACK, "pixel_threshold"),
                    value(black, QcEvent.Type.BLACK, "picture_ratio"), black.minDuration(), out));
        }
        QcProfile.Check freeze = profile.check(QcEvent.Type.FREEZE);
        if (freeze.enabled()) {
            video.add(new FreezeDetector(Math.pow(10, value(freeze, QcEvent.Type.FREEZE, "noise_db") / 20),
                    freeze.minDuration(), out));
        }
        if (profile.enabled(QcEvent.Type.TIMECODE_BREAK)) {
            video.add(new TimecodeCheck(out));
        }
        if (probe != null && (profile.enabled(QcEvent.Type.LOSS) || profile.enabled(QcEvent.Type.CONCEALED))) {
            QcProfile.Check loss = profile.check(QcEvent.Type.LOSS);
            video.add(new TransportCheck(probe, pollEvery,
                    (long) value(loss, QcEvent.Type.LOSS, "merge_frames"), out));
        }
        return new QcChecks(video, audio);
    }

    private static double value(QcProfile.Check c, QcEvent.Type type, String key) {
        return c.threshold(key, thresholds(type).get(key).fallback());
    }
}
