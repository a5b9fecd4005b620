package dev.xsight.qc.audio;

import dev.xsight.media.FrameRate;
import dev.xsight.qc.QcEvent;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Loudness, true peak, clipping and channel phase of a feed, per ITU-R BS.1770-4, EBU R128, EBU Tech 3341 (meter)
 * and EBU Tech 3342 (loudness range).
 *
 * <p>Measures: each channel is K-weighted ({@link KWeighting}, state kept across blocks) and its mean square taken
 * in 100 ms steps; channels are summed with the BS.1770-4 weights (L, R, C 1.0; Ls, Rs and other surrounds 1.41;
 * LFE 0; by channel count, in FFmpeg's decoded order: see {@link #weights}). Every 100 ms: momentary loudness (the last
 * 400 ms), short-term (the last 3 s), integrated since the start (400 ms blocks with 75 % overlap, absolute gate
 * −70 LUFS, relative gate −10 LU), loudness range (short-term values every 100 ms, absolute gate −70 LUFS,
 * relative gate −20 LU, 10th to 95th percentile), true peak per channel ({@link TruePeak}: 4× oversampling) and the
 * phase correlation of L/R (and of Ls/Rs for 5.1) over the last 400 ms. A partial 100 ms step at the end of the
 * feed is not measured (as in Tech 3341 meters and FFmpeg's {@code ebur128}). All of it is readable at any time
 * through {@link #readings()}.
 *
 * <p>Events ({@link QcEvent.Type#LOUDNESS}, {@link QcEvent.Type#CLIPPING}), each over the picture frames of the
 * audio it concerns ({@link PictureGrid}):
 * <ul>
 * <li>integrated loudness outside target ± tolerance, judged per <em>programme window</em>: with
 * {@code programmeWindow} zero (the default) the whole feed is one programme, judged when the feed ends; otherwise
 * the feed is cut into consecutive windows of that length, each gated on its own and judged when it ends (the last,
 * partial one at the end of the feed only if it is at least half a window long). Values: {@code integrated_lufs},
 * {@code target_lufs}, {@code deviation_lu} and the figures of the feed so far ({@link #figures()}: range, true
 * peak, maxima, phase);</li>
 * <li>short-term loudness above {@code shortTermMaxLufs} for at least {@code shortTermMinDuration}: a run of 100 ms
 * steps whose short-term value is above the maximum, covering the last 100 ms of each of those 3 s windows. Values:
 * {@code short_term_lufs} (the highest), {@code limit_lufs} (only this kind of loudness event has it),
 * {@code duration_s};</li>
 * <li>clipping: a true peak above {@code truePeakMaxDbtp}, or a run of {@code fullScaleRun} or more consecutive
 * samples of one channel at the same full-scale value (32767, or −32768). Overs less than 1 s apart are one event
 * (to the 100 ms step). Values: {@code true_peak_dbtp} (the highest in the event), {@code channel} (1-based, where
 * it was), {@code full_scale_runs}.</li>
 * </ul>
 * Every event also carries {@code start_s} and {@code end_s} (seconds from the first sample, end exclusive).
 *
 * <p>Threading: one feeding thread (the QC worker); {@link #readings()} may be read from any thread. Nothing is
 * allocated per block once the format (channels, rate) is known; a change of format starts the measurement again.
 */
public final class LoudnessMeter implements AudioCheck {
    /** Overs closer than this are one clipping event. */
    private static final double CLIP_MERGE_SECONDS = 1.0;
    private static final double INTEGRATED_GATE_LU = -10;
    private static final double RANGE_GATE_LU = -20;
    private static final double RANGE_LOW = 0.10;
    private static final double RANGE_HIGH = 0.95;
    /** A channel whose mean square over a phase window is below −70 dBFS has no phase (correlation 0). */
    private static final double PHASE_FLOOR = 1e-7;

    /**
     * @param targetLufs the integrated loudness aimed at (EBU R128: −23 LUFS; ATSC A/85: −24 LKFS)
     * @param toleranceLu how far the integrated loudness may be from the target (R128 live: 1 LU)
     * @param programmeWindow length of the windows judged on their own; zero for the whole feed
     * @param shortTermMaxLufs the highest short-term loudness allowed (R128 s1: −18 LUFS); +Infinity for none
     * @param shortTermMinDuration how long the short-term loudness must stay above it to be reported
     * @param truePeakMaxDbtp the highest true peak allowed (R128: −1 dBTP; A/85: −2 dBTP)
     * @param fullScaleRun consecutive full-scale samples of a channel that count as clipping
     */
    public record Settings(double targetLufs, double toleranceLu, Duration programmeWindow, double shortTermMaxLufs,
            Duration shortTermMinDuration, double truePeakMaxDbtp, int fullScaleRun) {
        public Settings {
            Objects.requireNonNull(programmeWindow, "programmeWindow");
            Objects.requireNonNull(shortTermMinDuration, "shortTermMinDuration");
            if (!Double.isFinite(targetLufs) || !(toleranceLu >= 0) || Double.isNaN(shortTermMaxLufs)
                    || !Double.isFinite(truePeakMaxDbtp) || fullScaleRun < 1 || programmeWindow.isNegative()
                    || shortTermMinDuration.isNegative()) {
                throw new IllegalArgumentException("loudness settings out of range: " + targetLufs + " LUFS ± "
                        + toleranceLu + ", window " + programmeWindow + ", short-term max " + shortTermMaxLufs
                        + " for " + shortTermMinDuration + ", true peak " + truePeakMaxDbtp + ", full-scale run "
                        + fullScaleRun);
            }
        }

        /** EBU R128 live: −23 LUFS ± 1 LU over the feed, short-term at most −18 LUFS for 1 s, −1 dBTP, 3 samples. */
        public static Settings ebuR128() {
            return new Settings(-23, 1, Duration.ZERO, -18, Duration.ofSeconds(1), -1, 3);
        }

        /** ATSC A/85: −24 LKFS ± 2 dB, no short-term limit, −2 dBTP, 3 samples. */
        public static Settings atscA85() {
            return new Settings(-24, 2, Duration.ZERO, Double.POSITIVE_INFINITY, Duration.ofSeconds(1), -2, 3);
        }
    }

    private final Settings settings;
    private final FrameRate rate;
    private final Consumer<QcEvent> out;
    private final LoudnessReadings readings = new LoudnessReadings();
    private final GatingHistogram whole = new GatingHistogram();
    private final GatingHistogram window = new GatingHistogram();
    private final GatingHistogram shortTerms = new GatingHistogram();
    private final double truePeakMaxLinear;

    private int channels;
    private int sampleRate;
    private int stepSamples;
    /** The programme window in samples; 0 for the whole feed. */
    private long windowSamples;
    private double[] weights;
    private KWeighting[] filters;
    private TruePeak[] peaks;
    private double[] squares;
    private int[] fullScale;
    private double[] peakDb;
    /** Weighted sums of squares of the last 30 steps (3 s), a ring indexed by step number. */
    private final double[] steps = new double[30];
    private long stepCount;
    private int stepFill;
    private long position;

    private int[] pairA;
    private int[] pairB;
    /** Per pair, the last 4 steps of Σab, Σa², Σb²; then the totals since the start. */
    private double[][] pairRing;
    private double[] pairTotal;
    private double[] correlation;
    private double[] correlationMin;

    private double momentary = Double.NEGATIVE_INFINITY;
    private double shortTerm = Double.NEGATIVE_INFINITY;
    private double maxMomentary = Double.NEGATIVE_INFINITY;
    private double maxShortTerm = Double.NEGATIVE_INFINITY;
    private long windowStart;
    private long loudStart = -1;
    private long loudLast;
    private double loudMax;
    private long clipStart = -1;
    private long clipLast;
    private double clipPeak;
    private int clipChannel;
    private int clipRuns;

    public LoudnessMeter(Settings settings, FrameRate rate, Consumer<QcEvent> out) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.rate = Objects.requireNonNull(rate, "rate");
        this.out = Objects.requireNonNull(out, "out");
        this.truePeakMaxLinear = Math.pow(10, settings.truePeakMaxDbtp() / 20);
    }

    /** Events on a 25 fps picture grid. */
    public LoudnessMeter(Settings settings, Consumer<QcEvent> out) {
        this(settings, FrameRate.FPS_25, out);
    }

    /** EBU R128 live settings. */
    public static LoudnessMeter defaults(Consumer<QcEvent> out) {
        return new LoudnessMeter(Settings.ebuR128(), out);
    }

    /** The live readings, for meters (any thread). */
    public LoudnessReadings readings() {
        return readings;
    }

    /**
     * BS.1770-4 Table 3 channel weights by channel count, channels in the order FFmpeg decodes AAC's channel
     * configurations to: 1 mono, 2 L R, 3 L R C, 4 L R C S (4.0), 5 L R C Ls Rs, 6 L R C LFE Ls Rs (5.1), 8 L R C LFE
     * and four surrounds (7.1); other counts weigh every channel 1.0.
     */
    static double[] weights(int channels) {
        double s = 1.41;
        return switch (channels) {
            case 4 -> new double[] {1, 1, 1, s};
            case 5 -> new double[] {1, 1, 1, s, s};
            case 6 -> new double[] {1, 1, 1, 0, s, s};
            case 8 -> new double[] {1, 1, 1, 0, s, s, s, s};
            default -> {
                double[] w = new double[channels];
                java.util.Arrays.fill(w, 1);
                yield w;
            }
        };
    }

    private void configure(int channels, int sampleRate) {
        if (channels < 1 || sampleRate < 1000) {
            throw new IllegalArgumentException("loudness: " + channels + " channels at " + sampleRate + " Hz");
        }
        if (this.channels != 0) {
            finish(); // a change of format ends the programme measured so far
        }
        this.channels = channels;
        this.sampleRate = sampleRate;
        stepSamples = sampleRate / 10; // rounded down where the rate is not a multiple of 10 Hz, as FFmpeg does
        windowSamples = Math.round(settings.programmeWindow().toNanos() / 1e9 * sampleRate);
        weights = weights(channels);
        filters = new KWeighting[channels];
        peaks = new TruePeak[channels];
        for (int c = 0; c < channels; c++) {
            filters[c] = new KWeighting(sampleRate);
            peaks[c] = new TruePeak();
        }
        squares = new double[channels];
        fullScale = new int[channels];
        peakDb = new double[channels];
        java.util.Arrays.fill(peakDb, Double.NEGATIVE_INFINITY);
        int pairs = channels == 6 ? 2 : channels >= 2 ? 1 : 0;
        pairA = new int[] {0, 4};
        pairB = new int[] {1, 5};
        pairRing = new double[pairs][12];
        pairTotal = new double[pairs * 3];
        correlation = new double[pairs];
        correlationMin = new double[pairs];
        java.util.Arrays.fill(correlationMin, Double.NaN); // no window with signal yet
        java.util.Arrays.fill(steps, 0);
        whole.clear();
        window.clear();
        shortTerms.clear();
        stepCount = 0;
        stepFill = 0;
        position = 0;
        windowStart = 0;
        momentary = shortTerm = maxMomentary = maxShortTerm = Double.NEGATIVE_INFINITY;
        loudStart = -1;
        clipStart = -1;
    }

    @Override
    public void accept(short[] interleaved, int frames, int channels, int sampleRate, long ptsNanos) {
        if (channels != this.channels || sampleRate != this.sampleRate) {
            configure(channels, sampleRate);
        }
        int done = 0;
        while (done < frames) {
            int n = Math.min(frames - done, stepSamples - stepFill);
            measure(interleaved, done * channels, n);
            position += n;
            stepFill += n;
            done += n;
            if (stepFill == stepSamples) {
                endStep();
            }
        }
    }

    /** K-weighted squares, true peaks, full-scale runs and phase sums of n frames from {@code offset}. */
    private void measure(short[] buf, int offset, int n) {
        int ch = channels;
        double worst = 0;
        int worstChannel = 0;
        int runs = 0;
        int fsRun = settings.fullScaleRun();
        for (int c = 0; c < ch; c++) {
            KWeighting k = filters[c];
            double sum = 0;
            int run = fullScale[c];
            for (int i = 0, j = offset + c; i < n; i++, j += ch) {
                int s = buf[j];
                double y = k.next(s * (1.0 / 32768));
                sum += y * y;
                // A run is of one value: positive counts for +full scale, negative for −full scale.
                run = s >= Short.MAX_VALUE ? Math.max(run, 0) + 1 : s <= Short.MIN_VALUE ? Math.min(run, 0) - 1 : 0;
                if (run == fsRun || run == -fsRun) {
                    runs++;
                }
            }
            k.settle();
            fullScale[c] = run;
            squares[c] += sum;
            double p = peaks[c].feed(buf, offset + c, ch, n);
            if (p > worst) {
                worst = p;
                worstChannel = c;
            }
        }
        for (int p = 0; p < correlation.length; p++) {
            int a = offset + pairA[p];
            int b = offset + pairB[p];
            double ab = 0;
            double aa = 0;
            double bb = 0;
            for (int i = 0; i < n; i++, a += ch, b += ch) {
                double x = buf[a];
                double y = buf[b];
                ab += x * y;
                aa += x * x;
                bb += y * y;
            }
            double[] r = pairRing[p];
            int slot = (int) (stepCount & 3) * 3;
            r[slot] += ab;
            r[slot + 1] += aa;
            r[slot + 2] += bb;
        }
        if (worst > truePeakMaxLinear || runs > 0) {
            over(position, position + n, worst, worstChannel, runs);
        }
    }

    private void over(long from, long to, double peak, int channel, int runs) {
        if (clipStart < 0) {
            clipStart = from;
            clipPeak = 0;
            clipRuns = 0;
        }
        clipLast = to;
        clipRuns += runs;
        if (peak > clipPeak) {
            clipPeak = peak;
            clipChannel = channel;
        }
    }

    private void endStep() {
        double power = 0;
        for (int c = 0; c < channels; c++) {
            power += weights[c] * squares[c];
            squares[c] = 0;
        }
        steps[(int) (stepCount % 30)] = power;
        stepCount++;
        stepFill = 0;
        if (stepCount >= 4) {
            double block = windowSum(4) / (4.0 * stepSamples);
            momentary = GatingHistogram.loudness(block);
            maxMomentary = Math.max(maxMomentary, momentary);
            whole.add(block);
            window.add(block);
        }
        if (stepCount >= 30) {
            double st = windowSum(30) / (30.0 * stepSamples);
            shortTerm = GatingHistogram.loudness(st);
            maxShortTerm = Math.max(maxShortTerm, shortTerm);
            shortTerms.add(st);
            shortTermLimit();
        }
        for (int p = 0; p < correlation.length; p++) {
            phase(p);
        }
        for (int c = 0; c < channels; c++) {
            peakDb[c] = 20 * Math.log10(peaks[c].max());
        }
        readings.publish((double) position / sampleRate, momentary, shortTerm, whole.integrated(INTEGRATED_GATE_LU),
                shortTerms.range(RANGE_GATE_LU, RANGE_LOW, RANGE_HIGH), peakDb, channels, correlation,
                correlation.length);
        if (clipStart >= 0 && position - clipLast >= CLIP_MERGE_SECONDS * sampleRate) {
            closeClipping();
        }
        if (windowSamples > 0 && position - windowStart >= windowSamples) {
            judge(window, windowStart, position);
            window.clear();
            windowStart = position;
        }
    }

    private double windowSum(int count) {
        double sum = 0;
        for (int i = 1; i <= count; i++) {
            sum += steps[(int) ((stepCount - i) % 30)];
        }
        return sum;
    }

    private void phase(int p) {
        double[] r = pairRing[p];
        double ab = 0;
        double aa = 0;
        double bb = 0;
        for (int s = 0; s < 12; s += 3) {
            ab += r[s];
            aa += r[s + 1];
            bb += r[s + 2];
        }
        // The step just measured joins the totals; the oldest slot is emptied for the coming step.
        int last = (int) ((stepCount - 1) & 3) * 3;
        int next = (int) (stepCount & 3) * 3;
        for (int i = 0; i < 3; i++) {
            pairTotal[p * 3 + i] += r[last + i];
            r[next + i] = 0;
        }
        double floor = PHASE_FLOOR * Math.min(stepCount, 4) * stepSamples * 32768.0 * 32768.0;
        if (aa > floor && bb > floor) {
            correlation[p] = ab / Math.sqrt(aa * bb);
            if (stepCount >= 4) {
                correlationMin[p] = Double.isNaN(correlationMin[p]) ? correlation[p]
                        : Math.min(correlationMin[p], correlation[p]);
            }
        } else {
            correlation[p] = 0;
        }
    }

    private void shortTermLimit() {
        if (shortTerm > settings.shortTermMaxLufs()) {
            if (loudStart < 0) {
                loudStart = position;
                loudMax = shortTerm;
            }
            loudLast = position;
            loudMax = Math.max(loudMax, shortTerm);
        } else {
            closeShortTermRun();
        }
    }

    private void closeShortTermRun() {
        if (loudStart < 0) {
            return;
        }
        long from = loudStart - stepSamples;
        long to = loudLast;
        loudStart = -1;
        if ((to - from) * 1_000_000_000L / sampleRate >= settings.shortTermMinDuration().toNanos()) {
            Map<String, Double> v = times(from, to);
            v.put("short_term_lufs", loudMax);
            v.put("limit_lufs", settings.shortTermMaxLufs());
            v.put("duration_s", (double) (to - from) / sampleRate);
            emit(QcEvent.Type.LOUDNESS, from, to, v);
        }
    }

    private void closeClipping() {
        Map<String, Double> v = times(clipStart, clipLast);
        v.put("true_peak_dbtp", 20 * Math.log10(clipPeak));
        v.put("channel", (double) (clipChannel + 1));
        v.put("full_scale_runs", (double) clipRuns);
        emit(QcEvent.Type.CLIPPING, clipStart, clipLast, v);
        clipStart = -1;
    }

    private void judge(GatingHistogram h, long from, long to) {
        double integrated = h.integrated(INTEGRATED_GATE_LU);
        if (Double.isFinite(integrated)
                && Math.abs(integrated - settings.targetLufs()) > settings.toleranceLu()) {
            Map<String, Double> v = times(from, to);
            v.put("integrated_lufs", integrated);
            v.put("target_lufs", settings.targetLufs());
            v.put("deviation_lu", integrated - settings.targetLufs());
            v.putAll(figures());
            v.remove("integrated_lufs_feed");
            emit(QcEvent.Type.LOUDNESS, from, to, v);
        }
    }

    private Map<String, Double> times(long from, long to) {
        Map<String, Double> v = new HashMap<>();
        v.put("start_s", (double) from / sampleRate);
        v.put("end_s", (double) to / sampleRate);
        return v;
    }

    private void emit(QcEvent.Type type, long from, long to, Map<String, Double> values) {
        out.accept(new QcEvent(type, PictureGrid.frameOf(from, sampleRate, rate),
                PictureGrid.frameOf(Math.max(from, to - 1), sampleRate, rate), null, null, values));
    }

    /** The feed ended: open runs are reported and the programme (or its last window) is judged. */
    @Override
    public void finish() {
        if (sampleRate == 0) {
            return;
        }
        closeShortTermRun();
        if (clipStart >= 0) {
            closeClipping();
        }
        if (windowSamples == 0) {
            judge(whole, 0, position);
        } else if (position - windowStart >= windowSamples / 2) {
            judge(window, windowStart, position);
        }
        window.clear();
        windowStart = position;
    }

    /**
     * The measured figures since the start, for a summary (only those with a value): {@code integrated_lufs_feed},
     * {@code lra_lu}, {@code true_peak_dbtp} (the highest of all channels), {@code momentary_max_lufs},
     * {@code short_term_max_lufs}, {@code phase_lr} (L/R correlation over the whole feed) and {@code phase_lr_min}
     * (the lowest over 400 ms windows with signal on both channels; absent without such a window), and for 5.1
     * {@code phase_lsrs} and {@code phase_lsrs_min}. On the feeding thread only (other threads read
     * {@link #readings()}); allocates, so not for every block.
     */
    public Map<String, Double> figures() {
        Map<String, Double> v = new HashMap<>();
        if (sampleRate == 0) {
            return v;
        }
        putFinite(v, "integrated_lufs_feed", whole.integrated(INTEGRATED_GATE_LU));
        v.put("lra_lu", shortTerms.range(RANGE_GATE_LU, RANGE_LOW, RANGE_HIGH));
        double tp = 0;
        for (TruePeak p : peaks) {
            tp = Math.max(tp, p.max());
        }
        putFinite(v, "true_peak_dbtp", 20 * Math.log10(tp));
        putFinite(v, "momentary_max_lufs", maxMomentary);
        putFinite(v, "short_term_max_lufs", maxShortTerm);
        String[] names = {"phase_lr", "phase_lsrs"};
        for (int p = 0; p < correlation.length; p++) {
            double aa = pairTotal[p * 3 + 1];
            double bb = pairTotal[p * 3 + 2];
            v.put(names[p], aa > 0 && bb > 0 ? pairTotal[p * 3] / Math.sqrt(aa * bb) : 0);
            putFinite(v, names[p] + "_min", correlationMin[p]);
        }
        return v;
    }

    private static void putFinite(Map<String, Double> v, String key, double value) {
        if (Double.isFinite(value)) {
            v.put(key, value);
        }
    }
}
