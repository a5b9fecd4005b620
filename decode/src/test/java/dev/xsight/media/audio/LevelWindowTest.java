package dev.xsight.media.audio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** Meter ballistics: levels integrate over 400 ms, so single blocks of silence do not make a steady tone jump. */
class LevelWindowTest {
    private static final int RATE = 48_000;
    private static final int BLOCK = 1024;
    /** A sine at amplitude 1/8: peak 20·log10(1/8) = −18.06 dBFS, RMS 3.01 dB lower = −21.07 dBFS. */
    private static final double PEAK = 20 * Math.log10(1 / 8.0);
    private static final double RMS = PEAK - 10 * Math.log10(2);
    private long phase;

    private short[] sineBlock() {
        short[] s = new short[BLOCK * 2];
        for (int i = 0; i < BLOCK; i++, phase++) {
            short v = (short) Math.round(32768 / 8.0 * Math.sin(2 * Math.PI * 440 * phase / RATE));
            s[2 * i] = v;
            s[2 * i + 1] = v;
        }
        return s;
    }

    @Test
    void aSteadyToneReadsItsRmsThreeDecibelsBelowItsPeakThroughAShortGap() {
        LevelWindow w = new LevelWindow(400);
        for (int i = 0; i < 30; i++) {
            w.add(sineBlock(), BLOCK, 2, RATE);
        }
        assertEquals(PEAK, w.levels().peakDbfs()[0], 0.01);
        assertEquals(RMS, w.levels().rmsDbfs()[0], 0.02);
        // One block (21 ms) of silence: alone it would read −∞; in a 400 ms window the RMS dips by 10·log10(18/19).
        w.add(new short[BLOCK * 2], BLOCK, 2, RATE);
        assertEquals(RMS + 10 * Math.log10(18 / 19.0), w.levels().rmsDbfs()[1], 0.05);
        assertEquals(PEAK, w.levels().peakDbfs()[1], 0.01, "the peak of the window holds");
    }

    @Test
    void levelsFallToSilenceOnceTheWindowHoldsOnlySilence() {
        LevelWindow w = new LevelWindow(400);
        for (int i = 0; i < 30; i++) {
            w.add(sineBlock(), BLOCK, 2, RATE);
        }
        for (int i = 0; i < 19; i++) { // 19 × 1024 = 19 456 frames ≥ 400 ms at 48 kHz
            w.add(new short[BLOCK * 2], BLOCK, 2, RATE);
        }
        assertEquals(Double.NEGATIVE_INFINITY, w.levels().peakDbfs()[0]);
        assertEquals(Double.NEGATIVE_INFINITY, w.levels().rmsDbfs()[0]);
    }

    @Test
    void aChangeOfChannelsStartsAfresh() {
        LevelWindow w = new LevelWindow(400);
        w.add(sineBlock(), BLOCK, 2, RATE);
        w.add(new short[BLOCK * 6], BLOCK, 6, RATE);
        assertEquals(6, w.levels().channels());
        assertEquals(Double.NEGATIVE_INFINITY, w.levels().peakDbfs()[0], "no stereo block counts in 5.1");
    }

    @Test
    void blocksThatDoNotHoldWhatTheySayAreRefused() {
        LevelWindow w = new LevelWindow(400);
        assertThrows(IllegalArgumentException.class, () -> w.add(new short[100], 100, 2, RATE));
        assertThrows(IllegalArgumentException.class, () -> w.add(new short[100], 10, 0, RATE));
        assertThrows(IllegalArgumentException.class, () -> new LevelWindow(0));
    }
}
