package dev.xsight.colour;

import static dev.xsight.colour.GlslBuilder.lit;

import java.util.ArrayList;
import java.util.List;

/**
 * A monotone piecewise-quadratic curve in log10–log10 space through given points with given slopes, in the form
 * OpenColorIO builds its RGB grading curves: each interval between two points is one quadratic when that can meet
 * both slopes, else two quadratics joined with a continuous slope at a breakpoint chosen from the slopes; outside
 * the points the curve continues along its end slopes. OpenColorIO (2.1–2.4) renders the ACES 1.x HDR output
 * transforms' single-stage tone scale (ACESlib.SSTS) this way, through the SSTS's own knots with the SSTS's slopes
 * there, rather than evaluating the SSTS's uniform B-spline; {@link #throughKnotsOf} builds that form from an
 * {@link AcesOps.Spline}. Between knots the two differ by up to about 0.1 % in luminance — invisible on its own, but
 * after the D60→D65 adaptation mixes a bright channel into a dim one it moves dark PQ codes by up to about one
 * 10-bit code, so the output transforms use this form to agree with OpenColorIO's references.
 *
 * <p>Immutable; thread-safe.
 */
public final class QuadraticFit implements AcesOps.ToneCurve {
    private final double[] knots;
    private final double[] a;
    private final double[] b;
    private final double[] c;

    private QuadraticFit(double[] knots, double[] a, double[] b, double[] c) {
        this.knots = knots;
        this.a = a;
        this.b = b;
        this.c = c;
    }

    /** The fit through the knots of {@code s} with its slopes there ({@link AcesOps.Spline#knotPoints()}). */
    public static QuadraticFit throughKnotsOf(AcesOps.Spline s) {
        double[][] k = s.knotPoints();
        double[] x = new double[k.length], y = new double[k.length], slope = new double[k.length];
        for (int i = 0; i < k.length; i++) {
            x[i] = k[i][0];
            y[i] = k[i][1];
            slope[i] = k[i][2];
        }
        return through(x, y, slope);
    }

    /**
     * The fit through points {@code (x[i], y[i])} with slopes {@code slope[i]} (x strictly increasing, at least two
     * points).
     */
    public static QuadraticFit through(double[] x, double[] y, double[] slope) {
        int n = x.length;
        if (n < 2 || y.length != n || slope.length != n) {
            throw new IllegalArgumentException("need at least two points with one y and one slope each");
        }
        for (int i = 1; i < n; i++) {
            if (!(x[i] > x[i - 1])) {
                throw new IllegalArgumentException("x must increase: x[" + i + "] = " + x[i]);
            }
        }
        double[] s = slope.clone();
        Pieces p = fit(x, y, s);
        if (relaxSlopes(x, y, s, p.knots)) {
            p = fit(x, y, s);
        }
        return new QuadraticFit(toArray(p.knots), toArray(p.a), toArray(p.b), toArray(p.c));
    }

    private record Pieces(List<Double> knots, List<Double> a, List<Double> b, List<Double> c) {
    }

    private static Pieces fit(double[] x, double[] y, double[] s) {
        Pieces p = new Pieces(new ArrayList<>(), new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
        p.knots.add(x[0]);
        for (int i = 0; i + 1 < x.length; i++) {
            double dx = x[i + 1] - x[i];
            double secant = (y[i + 1] - y[i]) / dx;
            if (Math.abs(s[i] + s[i + 1] - 2 * secant) < 1e-6) {
                // One quadratic meets both end slopes and both points.
                piece(p, 0.5 * (s[i + 1] - s[i]) / dx, s[i], y[i]);
            } else {
                double over0 = s[i] - secant, over1 = s[i + 1] - secant;
                double ksi;
                if (over0 * over1 >= 0) {
                    ksi = 0.5 * (x[i] + x[i + 1]);
                } else if (Math.abs(over0) > Math.abs(over1)) {
                    ksi = x[i + 1] + over0 * dx / (s[i + 1] - s[i]);
                } else {
                    ksi = x[i] + over1 * dx / (s[i + 1] - s[i]);
                }
                double h = ksi - x[i];
                // The slope at the breakpoint that makes the two pieces end at y[i + 1].
                double sMid = 2 * secant - s[i + 1] + (s[i + 1] - s[i]) * h / dx;
                double curvature = (sMid - s[i]) / h;
                piece(p, 0.5 * curvature, s[i], y[i]);
                piece(p, 0.5 * (s[i + 1] - sMid) / (x[i + 1] - ksi), sMid, y[i] + s[i] * h + 0.5 * curvature * h * h);
                p.knots.add(ksi);
            }
            p.knots.add(x[i + 1]);
        }
        return p;
    }

    private static void piece(Pieces p, double a, double b, double c) {
        p.a.add(a);
        p.b.add(b);
        p.c.add(c);
    }

    /**
     * Where a breakpoint would need a negative slope (the curve would turn back), both end slopes of that interval
     * are scaled down so the breakpoint slope becomes a small positive fraction of theirs; true when any were. The
     * walk pairs each knot that is not the current point with the interval starting at that point (as OpenColorIO
     * does, so an interval without a breakpoint is judged at its end point).
     */
    private static boolean relaxSlopes(double[] x, double[] y, double[] s, List<Double> knots) {
        boolean changed = false;
        int i = 0;
        for (double knot : knots) {
            if (knot == x[i]) {
                continue;
            }
            double dx = x[i + 1] - x[i];
            double sMid = (2 * (y[i + 1] - y[i]) - (knot - x[i]) * s[i] - (x[i + 1] - knot) * s[i + 1]) / dx;
            if (sMid < 0) {
                changed = true;
                double secant = (y[i + 1] - y[i]) / dx;
                double blend = ((knot - x[i]) * s[i] + (x[i + 1] - knot) * s[i + 1]) / dx;
                double aim = Math.min(0.01 * 0.5 * (s[i] + s[i + 1]), secant);
                double scale = (2 * secant - aim) / blend;
                s[i] *= scale;
                s[i + 1] *= scale;
            }
            i++;
        }
        return changed;
    }

    private static double[] toArray(List<Double> v) {
        double[] out = new double[v.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = v.get(i);
        }
        return out;
    }

    /** The curve in log10 space. */
    public double evalLog(double lx) {
        int last = knots.length - 1;
        if (lx <= knots[0]) {
            return (lx - knots[0]) * b[0] + c[0];
        }
        if (lx >= knots[last]) {
            int k = a.length - 1;
            double t = knots[last] - knots[last - 1];
            return (lx - knots[last]) * (2 * a[k] * t + b[k]) + (a[k] * t + b[k]) * t + c[k];
        }
        int i = 0;
        while (i < last - 1 && lx >= knots[i + 1]) {
            i++;
        }
        double t = lx - knots[i];
        return (a[i] * t + b[i]) * t + c[i];
    }

    @Override
    public double eval(double x) {
        return Math.pow(10, evalLog(Math.log10(Math.max(x, AcesOps.HALF_MIN))));
    }

    /** Knots (log10 x) from the first point to the last, breakpoints included. */
    public double[] knots() {
        return knots.clone();
    }

    @Override
    public void emitGlsl(GlslBuilder out, String name) {
        int last = knots.length - 1, k = a.length - 1;
        double tEnd = knots[last] - knots[last - 1];
        StringBuilder g = new StringBuilder();
        g.append("float ").append(name).append("(float x) {\n");
        g.append("  float lx = log(max(x, ").append(lit(AcesOps.HALF_MIN)).append(")) / log(10.0);\n  float ly;\n");
        g.append("  if (lx <= ").append(lit(knots[0])).append(") ly = (lx - ").append(lit(knots[0])).append(") * ")
                .append(lit(b[0])).append(" + ").append(lit(c[0])).append(";\n");
        for (int i = 0; i < a.length; i++) {
            g.append("  else if (lx < ").append(lit(knots[i + 1])).append(") { float t = lx - ").append(lit(knots[i]))
                    .append("; ly = (").append(lit(a[i])).append(" * t + ").append(lit(b[i])).append(") * t + ")
                    .append(lit(c[i])).append("; }\n");
        }
        g.append("  else ly = (lx - ").append(lit(knots[last])).append(") * ").append(lit(2 * a[k] * tEnd + b[k]))
                .append(" + ").append(lit((a[k] * tEnd + b[k]) * tEnd + c[k])).append(";\n");
        g.append("  return pow(10.0, ly);\n}\n");
        out.append(g.toString());
    }
}
