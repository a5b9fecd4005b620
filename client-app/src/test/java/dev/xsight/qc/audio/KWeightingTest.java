package dev.xsight.qc.audio;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class KWeightingTest {
    /** ITU-R BS.1770-4 Tables 1 and 2: b0 b1 b2 a1 a2 of the pre-filter, then of the RLB filter, at 48 kHz. */
    private static final double[] BS1770_48K = {1.53512485958697, -2.69169618940638, 1.19839281085285,
        -1.69065929318241, 0.73248077421585, 1.0, -2.0, 1.0, -1.99004745483398, 0.99007225036621};

    @Test
    void coefficientsAt48kHzAreThoseOfBs1770Tables1And2() {
        assertArrayEquals(BS1770_48K, KWeighting.coefficients(48000), 1e-8);
    }

    /** Magnitude in dB of the two biquads at {@code hz}. */
    private static double responseDb(double[] c, int rate, double hz) {
        double w = 2 * Math.PI * hz / rate;
        return 20 * Math.log10(biquad(c, 0, w) * biquad(c, 5, w));
    }

    private static double biquad(double[] c, int at, double w) {
        double nr = c[at] + c[at + 1] * Math.cos(w) + c[at + 2] * Math.cos(2 * w);
        double ni = -c[at + 1] * Math.sin(w) - c[at + 2] * Math.sin(2 * w);
        double dr = 1 + c[at + 3] * Math.cos(w) + c[at + 4] * Math.cos(2 * w);
        double di = -c[at + 3] * Math.sin(w) - c[at + 4] * Math.sin(2 * w);
        return Math.hypot(nr, ni) / Math.hypot(dr, di);
    }

    @Test
    void otherRatesHaveTheResponseOfTheTableAt48kHz() {
        // The same analog filters at 44.1 and 96 kHz: within 0.03 dB of the 48 kHz table from 20 Hz to 10 kHz (the
        // table is itself a bilinear transform, whose small warping differs from rate to rate; 0.03 dB is a
        // thousandth of the 0.1 LU a meter may err by).
        for (int rate : new int[] {44100, 96000}) {
            double[] c = KWeighting.coefficients(rate);
            for (double hz : new double[] {20, 50, 100, 500, 1000, 2000, 5000, 10000}) {
                assertEquals(responseDb(BS1770_48K, 48000, hz), responseDb(c, rate, hz), 0.03, rate + " Hz at " + hz);
            }
        }
    }

    @Test
    void gainAt997HzIsTheBs1770Offset() {
        // BS.1770-4 §2.4: the constant −0.691 cancels the K-weighting gain at 997 Hz.
        assertEquals(0.691, responseDb(BS1770_48K, 48000, 997), 0.001);
        // At 44.1 kHz the bilinear warping of the shelf moves it by 0.003 dB there: a 0.003 LU reading error.
        assertEquals(0.691, responseDb(KWeighting.coefficients(44100), 44100, 997), 0.005);
    }

    @Test
    void filteringASineGivesTheResponse() {
        KWeighting k = new KWeighting(48000);
        double sum = 0;
        int n = 48000;
        for (int i = 0; i < 2 * n; i++) {
            double y = k.next(Math.sin(2 * Math.PI * 997 * i / 48000.0));
            if (i >= n) {
                sum += y * y;
            }
        }
        assertEquals(0.691, 10 * Math.log10(sum / n / 0.5), 0.002);
    }
}
