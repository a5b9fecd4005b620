package dev.xsight.qc.audio;

import dev.xsight.media.FrameRate;
import dev.xsight.qc.QcEvent;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Silence: runs of samples whose amplitude stays below the noise threshold for at least the minimum duration. The
 * definition is FFmpeg's {@code silencedetect}: each sample is compared on its own (no averaging) with the threshold
 * {@code noise} (−60 dB is an amplitude of 0.001 of full scale; on 16-bit samples FFmpeg compares against the
 * threshold times 32767, truncated to an integer, with a strict "<", and so do we); by default a sample frame is
 * silent only when every channel is, and with {@code perChannel} (FFmpeg's {@code mono=1}) each channel has runs
 * of its own. A run is reported when it ends (or the feed ends) if it lasted at least {@code minDuration}.
 *
 * <p>The event covers the picture frames from the first silent sample to the last ({@link PictureGrid}); its values
 * are {@code duration_s}, {@code start_s} and {@code end_s} (seconds from the first sample, end exclusive),
 * {@code peak_dbfs} (the loudest sample in the run; −96.3, the 16-bit floor, for digital zero) and, per channel,
 * {@code channel} (1-based; FFmpeg 5 prints it 0-based).
 *
 * <p>Threading: one feeding thread; no allocation per block once the channel count is known.
 */
public final class SilenceDetector implements AudioCheck {
    /**
     * @param noiseDb the threshold, dB of full scale (FFmpeg {@code noise}, default −60)
     * @param minDuration the shortest run reported ({@code d}, default 1 s)
     * @param perChannel each channel on its own ({@code mono}, default false)
     */
    public record Settings(double noiseDb, Duration minDuration, boolean perChannel) {
        public Settings {
            Objects.requireNonNull(minDuration, "minDuration");
            if (!(noiseDb <= 0) || minDuration.isNegative()) {
                throw new IllegalArgumentException("silence: noise must be ≤ 0 dB and the duration ≥ 0, not "
                        + noiseDb + " dB and " + minDuration);
            }
        }

        /** −60 dB, 1 s, all channels together. */
        public static Settings defaults() {
            return new Settings(-60, Duration.ofSeconds(1), false);
        }
    }

    private final Settings settings;
    private final FrameRate rate;
    private final Consumer<QcEvent> out;
    private final int threshold;
    private int sampleRate;
    private int channels;
    private long minSamples;
    private long position;
    /** Per run (one, or one per channel): the first silent sample, or −1 outside a run. */
    private long[] runStart = new long[0];
    private int[] runPeak = new int[0];

    public SilenceDetector(Settings settings, FrameRate rate, Consumer<QcEvent> out) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.rate = Objects.requireNonNull(rate, "rate");
        this.out = Objects.requireNonNull(out, "out");
        this.threshold = (int) (Math.pow(10, settings.noiseDb() / 20) * Short.MAX_VALUE);
    }

    /** Events on a 25 fps picture grid. */
    public SilenceDetector(Settings settings, Consumer<QcEvent> out) {
        this(settings, FrameRate.FPS_25, out);
    }

    public static SilenceDetector defaults(Consumer<QcEvent> out) {
        return new SilenceDetector(Settings.defaults(), out);
    }

    @Override
    public void accept(short[] interleaved, int frames, int channels, int sampleRate, long ptsNanos) {
        if (channels != this.channels || sampleRate != this.sampleRate) {
            configure(channels, sampleRate);
        }
        if (settings.perChannel()) {
            for (int c = 0; c < channels; c++) {
                for (int i = 0, j = c; i < frames; i++, j += channels) {
                    step(c, Math.abs(interleaved[j]), position + i);
                }
            }
        } else {
            for (int i = 0, j = 0; i < frames; i++) {
                int loudest = 0;
                for (int c = 0; c < channels; c++, j++) {
                    loudest = Math.max(loudest, Math.abs(interleaved[j]));
                }
                step(0, loudest, position + i);
            }
        }
        position += frames;
    }

    private void step(int run, int amplitude, long sample) {
        if (amplitude < threshold) {
            if (runStart[run] < 0) {
                runStart[run] = sample;
                runPeak[run] = 0;
            }
            runPeak[run] = Math.max(runPeak[run], amplitude);
        } else if (runStart[run] >= 0) {
            close(run, sample);
        }
    }

    private void configure(int channels, int sampleRate) {
        if (channels < 1 || sampleRate < 1) {
            throw new IllegalArgumentException("silence: " + channels + " channels at " + sampleRate + " Hz");
        }
        finish(); // a change of format ends what was open
        this.channels = channels;
        this.sampleRate = sampleRate;
        // FFmpeg: av_rescale(duration, rate, AV_TIME_BASE), rounded to the nearest sample.
        this.minSamples = Math.round(settings.minDuration().toNanos() / 1e9 * sampleRate);
        int runs = settings.perChannel() ? channels : 1;
        runStart = new long[runs];
        runPeak = new int[runs];
        java.util.Arrays.fill(runStart, -1);
    }

    /** The feed ended: a silence still open is reported if it is long enough. */
    @Override
    public void finish() {
        for (int r = 0; r < runStart.length; r++) {
            if (runStart[r] >= 0) {
                close(r, position);
            }
        }
    }

    private void close(int run, long end) {
        long start = runStart[run];
        runStart[run] = -1;
        if (end - start < Math.max(1, minSamples)) {
            return;
        }
        Map<String, Double> v = new HashMap<>();
        v.put("duration_s", (double) (end - start) / sampleRate);
        v.put("start_s", (double) start / sampleRate);
        v.put("end_s", (double) end / sampleRate);
        v.put("peak_dbfs", runPeak[run] == 0 ? -96.3 : 20 * Math.log10(runPeak[run] / 32768.0));
        if (settings.perChannel()) {
            v.put("channel", (double) (run + 1));
        }
        out.accept(new QcEvent(QcEvent.Type.SILENCE, PictureGrid.frameOf(start, sampleRate, rate),
                PictureGrid.frameOf(end - 1, sampleRate, rate), null, null, v));
    }
}
