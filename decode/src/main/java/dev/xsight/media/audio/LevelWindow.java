package dev.xsight.media.audio;

/**
 * Meter ballistics: peak and RMS per channel over the last {@code windowMillis} of audio, fed decoded block by
 * block. A meter that showed only the latest block (about 21 ms of AAC) would jump with every block that happens to
 * hold part of a gap or the priming of a restarted decoder; integrating over a window (400 ms, the EBU Tech 3341
 * "momentary" span) reads a steady tone steadily: a sine's RMS 3.01 dB below its peak.
 *
 * <p>Threading: {@link #add} from one thread (the decode thread); {@link #levels()} from any thread.
 */
public final class LevelWindow {
    private static final int MAX_BLOCKS = 256;
    private final int windowMillis;
    private final long[] blockFrames = new long[MAX_BLOCKS];
    private double[][] sumSquares = new double[MAX_BLOCKS][0];
    private long[][] peaks = new long[MAX_BLOCKS][0];
    private int head;
    private int count;
    private int channels;
    private int rate;
    private volatile AudioLevels levels = AudioLevels.NONE;

    public LevelWindow(int windowMillis) {
        if (windowMillis < 1 || windowMillis > 10_000) {
            throw new IllegalArgumentException("meter window " + windowMillis + " ms (1..10000)");
        }
        this.windowMillis = windowMillis;
    }

    /** Adds one block of interleaved 16-bit samples and refreshes {@link #levels()}. */
    public void add(short[] interleaved, int frames, int channels, int rate) {
        if (channels <= 0 || frames < 0 || rate <= 0 || interleaved.length < frames * channels) {
            throw new IllegalArgumentException("audio block of " + frames + " frames x " + channels
                    + " channels in " + interleaved.length + " samples at " + rate + " Hz");
        }
        if (channels != this.channels || rate != this.rate) {
            this.channels = channels;
            this.rate = rate;
            sumSquares = new double[MAX_BLOCKS][channels];
            peaks = new long[MAX_BLOCKS][channels];
            count = 0;
        }
        head = (head + 1) % MAX_BLOCKS;
        count = Math.min(count + 1, MAX_BLOCKS);
        double[] sums = sumSquares[head];
        long[] peak = peaks[head];
        for (int c = 0; c < channels; c++) {
            double sum = 0;
            long max = 0;
            for (int i = 0; i < frames; i++) {
                int v = interleaved[i * channels + c];
                sum += (double) v * v;
                max = Math.max(max, Math.abs((long) v));
            }
            sums[c] = sum;
            peak[c] = max;
        }
        blockFrames[head] = frames;
        levels = integrate();
    }

    /** Newest blocks back until they cover the window (or all that were seen). */
    private AudioLevels integrate() {
        long want = (long) rate * windowMillis / 1000;
        double[] sum = new double[channels];
        long[] max = new long[channels];
        long frames = 0;
        for (int k = 0, i = head; k < count && frames < want; k++, i = (i - 1 + MAX_BLOCKS) % MAX_BLOCKS) {
            frames += blockFrames[i];
            for (int c = 0; c < channels; c++) {
                sum[c] += sumSquares[i][c];
                max[c] = Math.max(max[c], peaks[i][c]);
            }
        }
        double[] peakDb = new double[channels];
        double[] rmsDb = new double[channels];
        for (int c = 0; c < channels; c++) {
            peakDb[c] = AudioLevels.dbfs(max[c] / 32768.0);
            rmsDb[c] = frames == 0 ? Double.NEGATIVE_INFINITY : AudioLevels.dbfs(Math.sqrt(sum[c] / frames) / 32768.0);
        }
        return new AudioLevels(peakDb, rmsDb);
    }

    public AudioLevels levels() {
        return levels;
    }
}
