package dev.xsight.media.audio;

/**
 * Per-channel audio levels of the most recent audio block, in dBFS (0 = full scale; {@link Double#NEGATIVE_INFINITY}
 * for digital silence).
 *
 * @param peakDbfs sample peak per channel
 * @param rmsDbfs RMS per channel (a full-scale sine reads -3.01 dBFS)
 */
public record AudioLevels(double[] peakDbfs, double[] rmsDbfs) {
    public static final AudioLevels NONE = new AudioLevels(new double[0], new double[0]);

    public AudioLevels {
        peakDbfs = peakDbfs.clone();
        rmsDbfs = rmsDbfs.clone();
    }

    @Override
    public double[] peakDbfs() {
        return peakDbfs.clone();
    }

    @Override
    public double[] rmsDbfs() {
        return rmsDbfs.clone();
    }

    public int channels() {
        return peakDbfs.length;
    }

    /** Measures 16-bit interleaved samples ({@code frames} frames of {@code channels}). */
    public static AudioLevels measure(short[] interleaved, int frames, int channels) {
        double[] peak = new double[channels];
        double[] rms = new double[channels];
        for (int c = 0; c < channels; c++) {
            long max = 0;
            double sum = 0;
            for (int i = 0; i < frames; i++) {
                int v = interleaved[i * channels + c];
                max = Math.max(max, Math.abs((long) v));
                sum += (double) v * v;
            }
            peak[c] = dbfs(max / 32768.0);
            rms[c] = frames == 0 ? Double.NEGATIVE_INFINITY : dbfs(Math.sqrt(sum / frames) / 32768.0);
        }
        return new AudioLevels(peak, rms);
    }

    static double dbfs(double linear) {
        return linear <= 0 ? Double.NEGATIVE_INFINITY : 20 * Math.log10(linear);
    }
}
