package dev.xsight.qc.audio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.xsight.qc.QcEvent;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class LoudnessMeterTest {
    private static final LoudnessMeter.Settings R128 = LoudnessMeter.Settings.ebuR128();

    private static List<QcEvent> run(LoudnessMeter.Settings settings, Signals s) {
        List<QcEvent> events = Signals.list();
        s.feed(new LoudnessMeter(settings, events::add), 1000);
        return events;
    }

    @Test
    void eachProgrammeWindowIsJudgedOnItsOwn() {
        // 30 s on target, then 30 s 7 LU under: with 30 s windows only the second is reported, over its frames.
        var settings = new LoudnessMeter.Settings(-23, 1, Duration.ofSeconds(30), -18, Duration.ofSeconds(1), -1, 3);
        List<QcEvent> events = run(settings, new Signals(48000, 2).sine(1000, 30, 0, -23).sine(1000, 30, 0, -30));
        assertEquals(1, events.size(), "" + events);
        QcEvent e = events.get(0);
        assertEquals(QcEvent.Type.LOUDNESS, e.type());
        assertEquals(750, e.firstFrame());
        assertEquals(1499, e.lastFrame());
        assertEquals(-30.0, e.values().get("integrated_lufs"), 0.1);
        assertEquals(-7.0, e.values().get("deviation_lu"), 0.1);
        // The whole feed as one programme: −25.6 LUFS (both halves pass the relative gate), 2.6 LU under.
        List<QcEvent> whole = run(R128, new Signals(48000, 2).sine(1000, 30, 0, -23).sine(1000, 30, 0, -30));
        assertEquals(1, whole.size(), "" + whole);
        assertEquals(0, whole.get(0).firstFrame());
        assertEquals(1499, whole.get(0).lastFrame());
        double expected = 10 * Math.log10((Math.pow(10, -2.3) + Math.pow(10, -3.0)) / 2);
        assertEquals(expected, whole.get(0).values().get("integrated_lufs"), 0.1);
    }

    @Test
    void atscA85IsJustOtherSettings() {
        // −25.5 LUFS: 2.5 LU under R128's −23 ± 1, but within A/85's −24 ± 2.
        var s = new Signals(48000, 2).sine(1000, 20, 0, -25.5);
        assertEquals(1, run(R128, s).size());
        assertEquals(List.of(), run(LoudnessMeter.Settings.atscA85(), s));
    }

    @Test
    void shortTermAboveTheMaximumForLongEnough() {
        // 10 s at −23, 5 s at −15, 10 s at −23: a 3 s window holding x s of −15 reads above −18 LUFS when
        // x·10^−1.5 + (3−x)·10^−2.3 > 3·10^−1.8, i.e. x > 1.222 s: windows ending from 11.3 s to 16.7 s (100 ms
        // steps), which cover 11.2 s to 16.7 s, frames 280 to 417 at 25 fps; the highest reads −15.
        List<QcEvent> events = run(R128, new Signals(48000, 2).sine(1000, 10, 0, -23).sine(1000, 5, 0, -15)
                .sine(1000, 10, 0, -23));
        List<QcEvent> loud = events.stream().filter(e -> e.values().containsKey("limit_lufs")).toList();
        assertEquals(1, loud.size(), "" + events);
        assertEquals(280, loud.get(0).firstFrame(), 1);
        assertEquals(417, loud.get(0).lastFrame(), 1);
        assertEquals(-15.0, loud.get(0).values().get("short_term_lufs"), 0.1);
        // 1 s at −15 never lifts a 3 s window above −18 (x ≤ 1 s): nothing.
        assertEquals(List.of(), run(R128, new Signals(48000, 2).sine(1000, 10, 0, -23).sine(1000, 1, 0, -15)
                .sine(1000, 10, 0, -23)).stream().filter(e -> e.values().containsKey("limit_lufs")).toList());
    }

    @Test
    void oversLessThanASecondApartAreOneClippingEvent() {
        // −23 dBFS, with 0.2 s bursts at −0.5 dBFS (over −1 dBTP) at 5 s and 5.6 s (one event) and at 9 s (another).
        var s = new Signals(48000, 2).sine(1000, 5, 0, -23).sine(1000, 0.2, 0, -0.5).sine(1000, 0.4, 0, -23)
                .sine(1000, 0.2, 0, -0.5).sine(1000, 3.2, 0, -23).sine(1000, 0.2, 0, -0.5).sine(1000, 3, 0, -23);
        List<QcEvent> clips = run(R128, s).stream().filter(e -> e.type() == QcEvent.Type.CLIPPING).toList();
        assertEquals(2, clips.size(), "" + clips);
        // To the 100 ms step: 5.0–5.8 s is frames 125–144, 9.0–9.2 s frames 225–229.
        assertEquals(125, clips.get(0).firstFrame(), 3);
        assertEquals(144, clips.get(0).lastFrame(), 3);
        assertEquals(225, clips.get(1).firstFrame(), 3);
        assertEquals(229, clips.get(1).lastFrame(), 3);
        assertEquals(-0.5, clips.get(0).values().get("true_peak_dbtp"), 0.1);
        assertEquals(0.0, clips.get(0).values().get("full_scale_runs"));
    }

    @Test
    void runsOfFullScaleSamplesAreClipping() {
        // A sine at +6 dBFS, clipped by the 16-bit range: runs of 32767 and −32768 on both channels.
        List<QcEvent> clips = run(R128, new Signals(48000, 2).sine(1000, 5, 0, -23).sine(100, 0.5, 0, 6)
                .sine(1000, 5, 0, -23)).stream().filter(e -> e.type() == QcEvent.Type.CLIPPING).toList();
        assertEquals(1, clips.size(), "" + clips);
        // 100 Hz for 0.5 s: 50 positive and 50 negative runs per channel.
        assertEquals(200, clips.get(0).values().get("full_scale_runs"));
        // Two full-scale samples in a row are not a run of three; one is above −1 dBTP all the same.
        var s = new Signals(48000, 1).sine(1000, 2, 0, -23).constant(2, 32767).sine(1000, 2, 0, -23);
        List<QcEvent> two = run(R128, s).stream().filter(e -> e.type() == QcEvent.Type.CLIPPING).toList();
        assertEquals(1, two.size());
        assertEquals(0.0, two.get(0).values().get("full_scale_runs"));
    }

    @Test
    void phaseCorrelationOfLeftAndRight() {
        assertEquals(1.0, phase(new double[] {440, 440}, new double[] {0, 0}), 1e-3);
        assertEquals(-1.0, phase(new double[] {440, 440}, new double[] {0, 180}), 1e-3);
        assertEquals(0.0, phase(new double[] {440, 440}, new double[] {0, 90}), 0.02);
        assertEquals(0.0, phase(new double[] {440, 1000}, new double[] {0, 0}), 0.02);
    }

    private static double phase(double[] hz, double[] deg) {
        LoudnessMeter m = new LoudnessMeter(R128, e -> { });
        new Signals(48000, 2).tones(5, hz, deg, new double[] {-20, -20}).feed(m, 1000);
        double window = m.readings().read().correlation()[0];
        assertEquals(window, m.figures().get("phase_lr"), 0.02, "the whole feed as its windows");
        assertEquals(m.figures().get("phase_lr_min"), window, 0.02, "steady: the lowest window is the last");
        return window;
    }

    @Test
    void silenceHasNoPhaseFigures() {
        LoudnessMeter m = new LoudnessMeter(R128, e -> { });
        new Signals(48000, 2).constant(48000 * 3, 0).feed(m, 1000);
        assertEquals(0.0, m.readings().read().correlation()[0]);
        assertEquals(null, m.figures().get("phase_lr_min"), "no window with signal: " + m.figures());
    }

    @Test
    void fivePointOneHasSurroundPhaseToo() {
        LoudnessMeter m = new LoudnessMeter(R128, e -> { });
        new Signals(48000, 6).tones(3, new double[] {440, 440, 500, 60, 700, 700}, new double[] {0, 0, 0, 0, 0, 180},
                new double[] {-20, -20, -20, -20, -26, -26}).feed(m, 1000);
        double[] c = m.readings().read().correlation();
        assertEquals(2, c.length);
        assertEquals(1.0, c[0], 1e-3);
        assertEquals(-1.0, c[1], 1e-3);
        assertEquals(-1.0, m.figures().get("phase_lsrs"), 1e-3);
    }

    @Test
    void readingsAreConsistentWhileWritten() throws Exception {
        // Both channels carry the same signal, so every consistent reading has equal true peaks per channel; a
        // torn read (one channel's peak from one step, the other's from the next) would not.
        LoudnessMeter m = new LoudnessMeter(R128, e -> { });
        Signals s = new Signals(48000, 2);
        for (int i = 1; i <= 60; i++) {
            s.sine(1000, 0.5, 0, -60 + i);
        }
        AtomicBoolean done = new AtomicBoolean();
        AtomicReference<String> wrong = new AtomicReference<>();
        Thread reader = Thread.ofPlatform().start(() -> {
            double seconds = 0;
            while (!done.get() && wrong.get() == null) {
                var r = m.readings().read();
                if (r.truePeakDbtp().length == 2 && r.truePeakDbtp()[0] != r.truePeakDbtp()[1]
                        || r.seconds() < seconds) {
                    wrong.set("torn or backwards: " + r.seconds() + " " + java.util.Arrays.toString(r.truePeakDbtp()));
                }
                seconds = r.seconds();
            }
        });
        s.feed(m, 480);
        done.set(true);
        reader.join();
        assertEquals(null, wrong.get());
        assertEquals(30.0, m.readings().read().seconds(), 1e-9);
    }

    @Test
    void allocatesNothingPerBlock() {
        var threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        LoudnessMeter m = new LoudnessMeter(R128, e -> { });
        SilenceDetector silence = SilenceDetector.defaults(e -> { });
        short[] block = new short[1024 * 6];
        java.util.Random rnd = new java.util.Random(3);
        for (int i = 0; i < block.length; i++) {
            block[i] = (short) (rnd.nextGaussian() * 3000);
        }
        for (int i = 0; i < 2000; i++) { // warm: formats known, code compiled
            m.accept(block, 1024, 6, 48000, 0);
            silence.accept(block, 1024, 6, 48000, 0);
        }
        long before = threads.getCurrentThreadAllocatedBytes();
        for (int i = 0; i < 2000; i++) { // 43 s of 5.1
            m.accept(block, 1024, 6, 48000, 0);
            silence.accept(block, 1024, 6, 48000, 0);
        }
        long allocated = threads.getCurrentThreadAllocatedBytes() - before;
        assertTrue(allocated < 1024, allocated + " bytes allocated over 2000 blocks");
    }
}
