package dev.xsight.qc.audio;

/**
 * The K-weighting of ITU-R BS.1770-4 (§2.1, Tables 1 and 2) for one channel: the "pre-filter" (a high shelf of about
 * +4 dB above 1.5 kHz, modelling the head) followed by the RLB high-pass, each a biquad in direct form I, with state
 * kept across blocks.
 *
 * <p>BS.1770 gives the coefficients only at 48 kHz. They are the bilinear transforms (with frequency pre-warping) of
 * two analog second-order sections; solving the 48 kHz table for those sections gives a shelf centred at 1681.97 Hz
 * with a high-frequency gain of +4.00 dB and Q 0.7072, and a high-pass at 38.135 Hz with Q 0.5003. The coefficients
 * at any other rate are the transforms of the same sections, which reproduce the 48 kHz table to 1e-8
 * ({@code KWeightingTest}).
 *
 * <p>Threading: one feeding thread.
 */
final class KWeighting {
    static final double SHELF_HZ = 1681.974450955533;
    static final double SHELF_GAIN_DB = 3.999843853973347;
    static final double SHELF_Q = 0.7071752369554196;
    /** How the shelf's mid-band gain splits between the two zeros: Vb = Vh^this. */
    static final double SHELF_MID_EXPONENT = 0.4996667741545416;
    static final double HIGH_PASS_HZ = 38.13547087602444;
    static final double HIGH_PASS_Q = 0.5003270373238773;

    /** Pre-filter b0 b1 b2 a1 a2, then RLB b0 b1 b2 a1 a2 (a0 normalised to 1). */
    final double[] coefficients;
    private final double b0;
    private final double b1;
    private final double b2;
    private final double a1;
    private final double a2;
    private final double c1;
    private final double c2;
    private double x1;
    private double x2;
    private double y1;
    private double y2;
    private double z1;
    private double z2;

    KWeighting(int sampleRate) {
        coefficients = coefficients(sampleRate);
        b0 = coefficients[0];
        b1 = coefficients[1];
        b2 = coefficients[2];
        a1 = coefficients[3];
        a2 = coefficients[4];
        c1 = coefficients[8];
        c2 = coefficients[9];
    }

    static double[] coefficients(int sampleRate) {
        double[] c = new double[10];
        double k = Math.tan(Math.PI * SHELF_HZ / sampleRate);
        double vh = Math.pow(10, SHELF_GAIN_DB / 20);
        double vb = Math.pow(vh, SHELF_MID_EXPONENT);
        double a0 = 1 + k / SHELF_Q + k * k;
        c[0] = (vh + vb * k / SHELF_Q + k * k) / a0;
        c[1] = 2 * (k * k - vh) / a0;
        c[2] = (vh - vb * k / SHELF_Q + k * k) / a0;
        c[3] = 2 * (k * k - 1) / a0;
        c[4] = (1 - k / SHELF_Q + k * k) / a0;
        k = Math.tan(Math.PI * HIGH_PASS_HZ / sampleRate);
        a0 = 1 + k / HIGH_PASS_Q + k * k;
        c[5] = 1;
        c[6] = -2;
        c[7] = 1;
        c[8] = 2 * (k * k - 1) / a0;
        c[9] = (1 - k / HIGH_PASS_Q + k * k) / a0;
        return c;
    }

    /** Filters the next sample (full scale 1.0) and returns the K-weighted value. */
    double next(double x) {
        double y = b0 * x + b1 * x1 + b2 * x2 - a1 * y1 - a2 * y2;
        x2 = x1;
        x1 = x;
        // The RLB stage has b = 1, -2, 1 (BS.1770-4 Table 2).
        double z = y - 2 * y1 + y2 - c1 * z1 - c2 * z2;
        y2 = y1;
        y1 = y;
        z2 = z1;
        z1 = z;
        return z;
    }

    /**
     * Called between blocks: a state that has decayed below 1e-30 (after long digital silence) becomes 0, so that
     * the filters never run on subnormal numbers, which are many times slower on common processors.
     */
    void settle() {
        if (Math.abs(z1) + Math.abs(z2) + Math.abs(y1) + Math.abs(y2) < 1e-30) {
            y1 = y2 = z1 = z2 = 0;
        }
    }
}
