package dev.xsight.qc.audio;

import java.util.ArrayList;
import java.util.List;

/** Test signals as 16-bit interleaved sample frames (full scale 32768, as FFmpeg scales), and a way to feed them. */
final class Signals {
    private final int rate;
    private final int channels;
    private short[] samples = new short[0];
    private int frames;

    Signals(int rate, int channels) {
        this.rate = rate;
        this.channels = channels;
    }

    private double fadeSeconds;

    /**
     * Later sines start with a raised-cosine fade of this length: the abrupt onset of a high-frequency sine is a
     * broadband click whose band-limited reconstruction overshoots the sine's peak, which a true-peak test must not
     * measure.
     */
    Signals fadeIn(double seconds) {
        fadeSeconds = seconds;
        return this;
    }

    int frames() {
        return frames;
    }

    /**
     * Appends {@code seconds} of a sine of {@code hz} whose peak is {@code dbfs[c]} on channel c (−Infinity for
     * silence), starting at {@code phaseDeg}, counted from this segment's first sample.
     */
    Signals sine(double hz, double seconds, double phaseDeg, double... dbfs) {
        int n = (int) Math.round(seconds * rate);
        grow(n);
        for (int i = 0; i < n; i++) {
            double s = Math.sin(2 * Math.PI * hz * i / rate + Math.toRadians(phaseDeg));
            if (i < fadeSeconds * rate) {
                s *= 0.5 - 0.5 * Math.cos(Math.PI * i / (fadeSeconds * rate));
            }
            for (int c = 0; c < channels; c++) {
                double a = Math.pow(10, dbfs[Math.min(c, dbfs.length - 1)] / 20) * 32768;
                samples[(frames + i) * channels + c] = (short) Math.max(-32768, Math.min(32767, Math.round(a * s)));
            }
        }
        frames += n;
        return this;
    }

    /** Appends {@code seconds} of one sine per channel: frequency, phase and peak level of each. */
    Signals tones(double seconds, double[] hz, double[] phaseDeg, double[] dbfs) {
        int n = (int) Math.round(seconds * rate);
        grow(n);
        for (int i = 0; i < n; i++) {
            for (int c = 0; c < channels; c++) {
                double a = Math.pow(10, dbfs[c] / 20) * 32768;
                double v = a * Math.sin(2 * Math.PI * hz[c] * i / rate + Math.toRadians(phaseDeg[c]));
                samples[(frames + i) * channels + c] = (short) Math.max(-32768, Math.min(32767, Math.round(v)));
            }
        }
        frames += n;
        return this;
    }

    /** Appends {@code count} frames of the same value on every channel. */
    Signals constant(int count, int value) {
        grow(count);
        java.util.Arrays.fill(samples, frames * channels, (frames + count) * channels, (short) value);
        frames += count;
        return this;
    }

    private void grow(int n) {
        if ((frames + n) * channels > samples.length) {
            samples = java.util.Arrays.copyOf(samples, Math.max(2 * samples.length, (frames + n) * channels));
        }
    }

    /** Feeds everything in blocks of {@code block} frames (a size that does not divide 100 ms), then finishes. */
    void feed(AudioCheck check, int block) {
        short[] buf = new short[block * channels];
        for (int at = 0; at < frames; at += block) {
            int n = Math.min(block, frames - at);
            System.arraycopy(samples, at * channels, buf, 0, n * channels);
            check.accept(buf, n, channels, rate, at * 1_000_000_000L / rate);
        }
        check.finish();
    }

    static <T> List<T> list() {
        return new ArrayList<>();
    }
}
