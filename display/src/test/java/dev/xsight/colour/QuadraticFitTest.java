package dev.xsight.colour;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The SSTS in the form OpenColorIO renders it: a quadratic fit through the SSTS's knots with its slopes. */
class QuadraticFitTest {

    @Test
    void theSstsKnotsAt1000NitsAreTheControlPointsOpenColorIoUses() {
        // OpenColorIO 2.1 transforms/builtins/ACES.cpp, Generate_hdr_tonecurve_ops for Y_MAX = 1000: seven control
        // points (log10 ACES, log10 cd/m²) and their slopes, published as float literals.
        double[][] ocio = {{-5.60050155, -4.00000000}, {-4.09535157, -3.57868829}, {-2.59020159, -1.82131329},
            {-1.08505161, 0.68124124}, {0.22347059, 2.22673503}, {1.53199279, 2.87906206}, {2.84051500, 3.00000000}};
        double[] ocioSlopes = {0, 0.55982688, 1.77532247, 1.55, 0.81219728, 0.1848466, 0};
        double[][] ours = AcesOps.Spline.ssts(0.0001, 15, 1000).knotPoints();
        assertEquals(7, ours.length);
        for (int i = 0; i < 7; i++) {
            assertEquals(ocio[i][0], ours[i][0], 2e-6, "log10 x of knot " + i);
            assertEquals(ocio[i][1], ours[i][1], 2e-6, "log10 y of knot " + i);
            assertEquals(ocioSlopes[i], ours[i][2], 2e-6, "slope at knot " + i);
        }
    }

    @Test
    void theFitPassesThroughEveryPointWithItsSlopeAndIsSmoothBetween() {
        double[] x = {-5.6, -4.1, -2.6, -1.1, 0.2, 1.5, 2.8};
        double[] y = {-4, -3.58, -1.82, 0.68, 2.23, 2.88, 3};
        double[] s = {0, 0.56, 1.78, 1.55, 0.81, 0.18, 0};
        QuadraticFit f = QuadraticFit.through(x, y, s);
        double h = 1e-6;
        for (int i = 0; i < x.length; i++) {
            assertEquals(y[i], f.evalLog(x[i]), 1e-9, "through point " + i);
            double slope = (f.evalLog(x[i] + h) - f.evalLog(x[i] - h)) / (2 * h);
            assertEquals(s[i], slope, 1e-4, "slope at point " + i);
        }
        double prev = Double.NEGATIVE_INFINITY;
        for (double lx = -7; lx <= 4; lx += 0.001) {
            double v = f.evalLog(lx);
            assertTrue(v >= prev - 1e-12, "monotone at " + lx);
            prev = v;
        }
        // Flat ends continue as the end slopes say (0 here): black at 10^-4, peak at 10^3.
        assertEquals(-4, f.evalLog(-9), 1e-12);
        assertEquals(3, f.evalLog(6), 1e-12);
    }

    @Test
    void aQuadraticThatMeetsBothSlopesNeedsNoBreakpoint() {
        // y = x² on [0, 1]: slopes 0 and 2, secant 1 — one piece, knots are the two points only.
        QuadraticFit f = QuadraticFit.through(new double[] {0, 1}, new double[] {0, 1}, new double[] {0, 2});
        assertEquals(2, f.knots().length);
        assertEquals(0.25, f.evalLog(0.5), 1e-12);
    }

    @Test
    void theFitStaysCloseToTheSstsItself() {
        AcesOps.Spline ssts = AcesOps.Spline.ssts(0.0001, 15, 1000);
        QuadraticFit fit = QuadraticFit.throughKnotsOf(ssts);
        for (double x = 1e-5; x < 1e4; x *= 1.05) {
            double a = ssts.eval(x), b = fit.eval(x);
            assertEquals(a, b, 0.01 * a, "within 1% of the SSTS at " + x);
        }
    }

    @Test
    void pointsOutOfOrderOrMismatchedAreRefused() {
        assertThrows(IllegalArgumentException.class,
                () -> QuadraticFit.through(new double[] {0, 0}, new double[] {0, 1}, new double[] {1, 1}));
        assertThrows(IllegalArgumentException.class,
                () -> QuadraticFit.through(new double[] {0}, new double[] {0}, new double[] {1}));
        assertThrows(IllegalArgumentException.class,
                () -> QuadraticFit.through(new double[] {0, 1}, new double[] {0, 1}, new double[] {1}));
    }
}
