package dev.xsight.qc;

import dev.xsight.colour.DisplayPipeline;
import dev.xsight.media.FrameRate;
import dev.xsight.qc.audio.AudioCheck;
import dev.xsight.qc.audio.LoudnessMeter;
import dev.xsight.qc.audio.SilenceDetector;
import dev.xsight.qc.transport.TimecodeCheck;
import dev.xsight.qc.transport.TransportCheck;
import dev.xsight.qc.transport.TransportCounts;
import dev.xsight.qc.transport.TransportProbe;
import dev.xsight.qc.video.BlackDetector;
import dev.xsight.qc.video.FlashDetector;
import dev.xsight.qc.video.FreezeDetector;
import dev.xsight.qc.video.GamutDetector;
import dev.xsight.qc.video.RangeDetector;
import dev.xsight.qc.video.VideoCheck;
import java.time.Duration;
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
            case LUMA_RANGE -> {
                m.put("luma_low", new Range(-0.5, 0.5, -0.01));
                m.put("luma_high", new Range(0.5, 1.5, 1.03));
                m.put("chroma_low", new Range(-1, 0, -0.5));
                m.put("chroma_high", new Range(0, 1, 0.5));
                m.put("area", new Range(0, 0.99, 0.01));
            }
            case GAMUT -> {
                m.put("low", new Range(-1, 0.5, -0.05));
                m.put("high", new Range(0.5, 2, 1.05));
                m.put("area", new Range(0, 0.99, 0.01));
            }
            case FLASH -> {
                m.put("min_change_nits", new Range(1, 10_000, 20));
                m.put("dark_limit_nits", new Range(1, 10_000, 160));
                m.put("max_flashes", new Range(0, 100, 3));
                m.put("area", new Range(0, 0.99, 0.25));
            }
            case RED_FLASH -> {
                m.put("red_change", new Range(0.001, 10_000, 20));
                m.put("red_saturation", new Range(0.01, 1, 0.8));
            }
            case SILENCE -> {
                m.put("noise_db", new Range(-120, 0, -60));
                m.put("per_channel", new Range(0, 1, 0));
            }
            case LOUDNESS -> {
                m.put("target_lufs", new Range(-70, 0, -23));
                m.put("tolerance_lu", new Range(0, 20, 1));
                m.put("programme_window_s", new Range(0, 86_400, 0));
                m.put("short_term_max_lufs", new Range(-70, 0, -18)); // 0: no short-term limit
                m.put("short_term_min_s", new Range(0, 60, 1));
            }
            case CLIPPING -> {
                m.put("max_true_peak_dbtp", new Range(-20, 3, -1));
                m.put("full_scale_run", new Range(1, 10_000, 3));
            }
            case LOSS, CONCEALED -> m.put("merge_frames", new Range(0, 100_000, 12));
            default -> {
            }
        }
        return m;
    }

    /**
     * The checks {@code profile} enables, reporting to {@code out}; audio findings are placed on the frames of
     * {@code rate}.
     *
     * @param probe the source's transport totals, or null for a feed without transport (a file)
     * @param pollEvery read the probe every this many frames (1 where reading it allocates nothing)
     */
    public static QcChecks checks(QcProfile profile, Consumer<QcEvent> out, FrameRate rate, TransportProbe probe,
            int pollEvery) {
        return checks(profile, out, rate, probe, pollEvery, null);
    }

    /**
     * As {@link #checks(QcProfile, Consumer, FrameRate, TransportProbe, int)}, with the flash luminance measured on
     * the target of {@code display} (the viewer's pipeline; null: the Rec.709 BT.1886 100 cd/m² display).
     */
    public static QcChecks checks(QcProfile profile, Consumer<QcEvent> out, FrameRate rate, TransportProbe probe,
            int pollEvery, DisplayPipeline display) {
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
        QcProfile.Check range = profile.check(QcEvent.Type.LUMA_RANGE);
        if (range.enabled()) {
            QcEvent.Type t = QcEvent.Type.LUMA_RANGE;
            video.add(new RangeDetector(new RangeDetector.Settings(value(range, t, "luma_low"),
                    value(range, t, "luma_high"), value(range, t, "chroma_low"), value(range, t, "chroma_high"),
                    value(range, t, "area"), range.minDuration()), out));
        }
        QcProfile.Check gamut = profile.check(QcEvent.Type.GAMUT);
        if (gamut.enabled()) {
            QcEvent.Type t = QcEvent.Type.GAMUT;
            video.add(new GamutDetector(new GamutDetector.Settings(value(gamut, t, "low"), value(gamut, t, "high"),
                    value(gamut, t, "area"), gamut.minDuration()), out));
        }
        if (profile.enabled(QcEvent.Type.FLASH) || profile.enabled(QcEvent.Type.RED_FLASH)) {
            FlashDetector.Settings f = flash(profile);
            video.add(new FlashDetector(display == null ? f : f.withPipeline(display), out));
        }
        if (profile.enabled(QcEvent.Type.TIMECODE_BREAK)) {
            video.add(probe == null ? new TimecodeCheck(out) : new TimecodeCheck(out, droppedBy(probe)));
        }
        if (probe != null && (profile.enabled(QcEvent.Type.LOSS) || profile.enabled(QcEvent.Type.CONCEALED))) {
            QcProfile.Check loss = profile.check(QcEvent.Type.LOSS);
            video.add(new TransportCheck(probe, pollEvery,
                    (long) value(loss, QcEvent.Type.LOSS, "merge_frames"), out));
        }
        QcProfile.Check silence = profile.check(QcEvent.Type.SILENCE);
        if (silence.enabled()) {
            QcEvent.Type t = QcEvent.Type.SILENCE;
            audio.add(new SilenceDetector(new SilenceDetector.Settings(value(silence, t, "noise_db"),
                    silence.minDuration(), value(silence, t, "per_channel") >= 0.5), rate, out));
        }
        if (profile.enabled(QcEvent.Type.LOUDNESS) || profile.enabled(QcEvent.Type.CLIPPING)) {
            audio.add(new LoudnessMeter(loudness(profile), rate, out));
        }
        return new QcChecks(video, audio);
    }

    /** BT.1702 on the Rec.709 BT.1886 display, with the profile's thresholds. */
    private static FlashDetector.Settings flash(QcProfile p) {
        QcProfile.Check f = p.check(QcEvent.Type.FLASH);
        QcProfile.Check r = p.check(QcEvent.Type.RED_FLASH);
        QcEvent.Type ft = QcEvent.Type.FLASH;
        QcEvent.Type rt = QcEvent.Type.RED_FLASH;
        return new FlashDetector.Settings(value(f, ft, "min_change_nits"), value(f, ft, "dark_limit_nits"),
                (int) value(f, ft, "max_flashes"), value(f, ft, "area"), value(r, rt, "red_change"),
                value(r, rt, "red_saturation"), FlashDetector.Settings.BT1702.pipeline());
    }

    /** R128 (or the profile's target) for the loudness and clipping events of one meter. */
    private static LoudnessMeter.Settings loudness(QcProfile p) {
        QcProfile.Check l = p.check(QcEvent.Type.LOUDNESS);
        QcProfile.Check c = p.check(QcEvent.Type.CLIPPING);
        QcEvent.Type lt = QcEvent.Type.LOUDNESS;
        QcEvent.Type ct = QcEvent.Type.CLIPPING;
        double shortMax = value(l, lt, "short_term_max_lufs");
        return new LoudnessMeter.Settings(value(l, lt, "target_lufs"), value(l, lt, "tolerance_lu"),
                Duration.ofNanos(Math.round(value(l, lt, "programme_window_s") * 1e9)),
                shortMax >= 0 ? Double.POSITIVE_INFINITY : shortMax,
                Duration.ofNanos(Math.round(value(l, lt, "short_term_min_s") * 1e9)),
                value(c, ct, "max_true_peak_dbtp"), (int) value(c, ct, "full_scale_run"));
    }

    private static double value(QcProfile.Check c, QcEvent.Type type, String key) {
        return c.threshold(key, thresholds(type).get(key).fallback());
    }

    /** The frames a source reports as dropped so far, through its probe (read rarely: at a timecode jump). */
    private static java.util.function.LongSupplier droppedBy(TransportProbe probe) {
        TransportCounts counts = new TransportCounts();
        return () -> {
            probe.read(counts);
            return counts.framesDropped;
        };
    }
}
