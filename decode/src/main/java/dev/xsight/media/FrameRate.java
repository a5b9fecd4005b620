package dev.xsight.media;

import java.util.List;

/**
 * An exact rational frame rate such as {@code 24000/1001} or {@code 50/1}.
 *
 * @param numerator frames per {@code denominator} seconds
 * @param denominator 1 or 1001 for the rates in use
 */
public record FrameRate(int numerator, int denominator) {

    public static final FrameRate FPS_23_976 = new FrameRate(24000, 1001);
    public static final FrameRate FPS_24 = new FrameRate(24, 1);
    public static final FrameRate FPS_25 = new FrameRate(25, 1);
    public static final FrameRate FPS_29_97 = new FrameRate(30000, 1001);
    public static final FrameRate FPS_30 = new FrameRate(30, 1);
    public static final FrameRate FPS_47_95 = new FrameRate(48000, 1001);
    public static final FrameRate FPS_48 = new FrameRate(48, 1);
    public static final FrameRate FPS_50 = new FrameRate(50, 1);
    public static final FrameRate FPS_59_94 = new FrameRate(60000, 1001);
    public static final FrameRate FPS_60 = new FrameRate(60, 1);

    /** The rates SMPTE ST 12-1 timecode is defined for here. */
    public static final List<FrameRate> SUPPORTED = List.of(FPS_23_976, FPS_24, FPS_25, FPS_29_97, FPS_30,
            FPS_47_95, FPS_48, FPS_50, FPS_59_94, FPS_60);

    public FrameRate {
        if (numerator <= 0 || denominator <= 0) {
            throw new IllegalArgumentException("frame rate must be positive, got " + numerator + "/" + denominator);
        }
        int g = gcd(numerator, denominator);
        numerator /= g;
        denominator /= g;
    }

    private static int gcd(int a, int b) {
        return b == 0 ? a : gcd(b, a % b);
    }

    /**
     * Parses {@code 24000/1001}, {@code 30000/1001}, {@code 25}, {@code 29.97}, {@code 59.94}, {@code 23.976} ...
     * The result must be one of {@link #SUPPORTED}.
     *
     * @throws IllegalArgumentException naming the accepted rates
     */
    public static FrameRate parse(String text) {
        FrameRate r;
        try {
            String t = text.trim();
            int slash = t.indexOf('/');
            if (slash >= 0) {
                r = new FrameRate(Integer.parseInt(t.substring(0, slash).trim()),
                        Integer.parseInt(t.substring(slash + 1).trim()));
            } else if (t.contains(".")) {
                double v = Double.parseDouble(t);
                int nominal = (int) Math.round(v);
                r = Math.abs(v - nominal) < 1e-9 ? new FrameRate(nominal, 1) : new FrameRate(nominal * 1000, 1001);
                if (Math.abs(r.toDouble() - v) > 0.006) {
                    throw new IllegalArgumentException();
                }
            } else {
                r = new FrameRate(Integer.parseInt(t), 1);
            }
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("bad frame rate '" + text + "': expected one of " + supportedList());
        }
        if (!SUPPORTED.contains(r)) {
            throw new IllegalArgumentException("unsupported frame rate '" + text + "': expected one of "
                    + supportedList());
        }
        return r;
    }

    private static String supportedList() {
        return "24000/1001, 24, 25, 30000/1001, 30, 48000/1001, 48, 50, 60000/1001, 60";
    }

    /** Frames per second as a double (for display and rough timing only). */
    public double toDouble() {
        return (double) numerator / denominator;
    }

    /** The integer frame count per timecode second: 24 for 23.976, 30 for 29.97, 60 for 59.94. */
    public int nominal() {
        return (numerator + denominator - 1) / denominator;
    }

    /** Whether SMPTE drop-frame counting applies (29.97 and 59.94 only). */
    public boolean supportsDropFrame() {
        return denominator == 1001 && (nominal() == 30 || nominal() == 60);
    }

    /** Frame labels dropped at each minute not divisible by ten: 2 at 29.97, 4 at 59.94. */
    public int droppedPerMinute() {
        return supportsDropFrame() ? nominal() / 15 : 0;
    }

    /** Duration of one frame in nanoseconds (rounded). */
    public long frameDurationNanos() {
        return Math.round(1e9 * denominator / numerator);
    }

    /** Frames elapsed after {@code nanos} nanoseconds (floor), exact for any duration below a few days. */
    public long framesIn(long nanos) {
        // nanos * numerator overflows past ~3 days at 60000: split whole seconds from the remainder.
        long seconds = Math.floorDiv(nanos, 1_000_000_000L);
        long rest = Math.floorMod(nanos, 1_000_000_000L);
        long whole = seconds * numerator;
        long q = Math.floorDiv(whole, denominator);
        long r = whole - q * denominator;
        return q + Math.floorDiv(r * 1_000_000_000L + rest * numerator, denominator * 1_000_000_000L);
    }

    /** Label for a format string: {@code 59.94}, {@code 25}, {@code 23.976}. */
    public String label() {
        if (denominator == 1) {
            return Integer.toString(numerator);
        }
        String s = String.format(java.util.Locale.ROOT, "%.3f", toDouble());
        return s.endsWith("0") ? s.substring(0, s.length() - 1) : s;
    }

    @Override
    public String toString() {
        return numerator + "/" + denominator;
    }
}
