package dev.xsight.qc.audio;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class TruePeakTest {
    /**
     * The interpolator gives the ideal 4× oversampled values: the largest of |A·sin| at the quarter-sample instants
     * (4× sampling itself may miss a high tone's crest: by 0.44 dB at 0.4 fs, a limit of BS.1770-4 Annex 2's method,
     * not of the filter).
     */
    @Test
    void aSineReadsItsIdealOversampledPeakUpTo041OfTheRate() {
        for (double f : new double[] {0.02, 0.1, 0.25, 0.33, 0.4, 0.41}) {
            for (int k = 0; k < 8; k++) {
                double phase = k * Math.PI / 8 + 0.1;
                int n = 48000;
                short[] x = new short[n];
                for (int i = 0; i < n; i++) {
                    double fade = Math.min(1, i / 960.0); // 20 ms: no onset click
                    x[i] = (short) Math.round(0.5 * 32768 * fade * Math.sin(2 * Math.PI * f * i + phase));
                }
                TruePeak tp = new TruePeak();
                tp.feed(x, 0, 1, n / 2);
                tp.feed(x, n / 2, 1, n / 2); // two blocks: the history carries over
                double ideal = 0;
                for (int i = 960; i < n; i++) {
                    for (int p = 0; p < 4; p++) {
                        ideal = Math.max(ideal, Math.abs(0.5 * Math.sin(2 * Math.PI * f * (i + p / 4.0) + phase)));
                    }
                }
                assertEquals(20 * Math.log10(ideal), 20 * Math.log10(tp.max()), 0.05, "f " + f + " fs, phase "
                        + phase);
            }
        }
    }

    @Test
    void aPeakBetweenSamplesIsFound() {
        // Samples of a 1/4-rate sine at 45°: every sample is 0.707 of the peak, the peak lies between them.
        short[] x = new short[4800];
        for (int i = 0; i < x.length; i++) {
            x[i] = (short) Math.round(16384 * Math.min(1, i / 960.0) * Math.sin(Math.PI / 2 * i + Math.PI / 4));
        }
        TruePeak tp = new TruePeak();
        tp.feed(x, 0, 1, x.length);
        assertEquals(20 * Math.log10(0.5), 20 * Math.log10(tp.max()), 0.05);
    }
}
