package dev.xsight.colour;


import java.util.ArrayList;
import java.util.List;

/**
 * The ACES 2.0 output transform's display rendering (ACES2065-1 in, linear limiting-primaries RGB out, 1.0 = 100
 * cd/m²): the Hellwig 2022 / CAM16-based JMh model, the Daniele–Siragusano tone scale on J, chroma compression
 * and the cusp-based gamut compression with its per-hue tables. The algorithm and its constants follow the
 * Academy's ACES 2.0 CTL as implemented in OpenColorIO 2.4 ({@code ops/fixedfunction/ACES2}); the code is ours.
 *
 * <p>Both back ends evaluate the model per pixel; the per-hue tables (reach M, hue samples, cusp J/M and upper-hull
 * gamma) are computed once on the CPU and go to the shader as two small float textures. Construction builds the hue tables (a few tens of milliseconds); instances are immutable and thread-safe.
 */
public final class Aces2Op implements ColourOp {

    // CAM: reference luminance, adapting field, background, dim surround (Hellwig 2022 with ACES 2.0 choices).
    static final double REF_LUM = 100, L_A = 100, Y_B = 20;
    static final double[] SURROUND = {0.9, 0.59, 0.9};
    static final double J_SCALE = 100, CAM_NL_OFFSET = 0.2713 * 100, CAM_NL_SCALE = 4.0 * 100;
    // Chroma compression.
    static final double CHROMA_COMPRESS = 2.4, CHROMA_COMPRESS_FACT = 3.3, CHROMA_EXPAND = 1.3,
            CHROMA_EXPAND_FACT = 0.69, CHROMA_EXPAND_THR = 0.5;
    // Gamut compression.
    static final double SMOOTH_CUSPS = 0.12, SMOOTH_M = 0.27, CUSP_MID_BLEND = 1.3, FOCUS_GAIN_BLEND = 0.3,
            FOCUS_DISTANCE = 1.35, FOCUS_DISTANCE_SCALING = 1.75, COMPRESSION_THRESHOLD = 0.75;
    static final double[] CAM16_PRIMARIES = {0.8336, 0.1735, 2.3854, -1.4659, 0.087, -0.125};
    static final double CAM16_WX = 0.333, CAM16_WY = 0.333;
    static final int TABLE = 360;

    private final AcesOutput.Target target;
    private final double peak;
    private final Jmh pIn;
    private final Jmh pOut;
    private final Tone ts;
    private final double limitJMax;
    private final double modelGammaInv;
    private final double[] reachM; // 362 entries, wrap at 0 and 361
    private final double sat, satThr, compr, chromaScale;
    private final double midJ, focusDist, lowerHullGammaInv;
    private final double[] hueTable = new double[TABLE + 2];
    private final double[][] cusp = new double[TABLE + 2][3]; // J, M, gamma_top_inv
    private final double upperBound;

    private Aces2Op(AcesOutput.Target target) {
        this.target = target;
        this.peak = target.peak();
        pIn = new Jmh(Gamut.AP0.primaries(), Gamut.AP0.white());
        pOut = new Jmh(target.limiting().primaries(), target.limiting().white());
        ts = new Tone(peak);
        Jmh reach = new Jmh(Gamut.AP1.primaries(), Gamut.AP1.white());
        limitJMax = pIn.yToJ(peak);
        modelGammaInv = 1 / modelGamma();
        reachM = makeReachMTable(reach, limitJMax);
        compr = CHROMA_COMPRESS + CHROMA_COMPRESS * CHROMA_COMPRESS_FACT * ts.logPeak;
        sat = Math.max(0.2, CHROMA_EXPAND - CHROMA_EXPAND * CHROMA_EXPAND_FACT * ts.logPeak);
        satThr = CHROMA_EXPAND_THR / ts.n;
        chromaScale = Math.pow(0.03379 * peak, 0.30596) - 0.45135;
        midJ = pIn.yToJ(ts.cT * REF_LUM);
        focusDist = FOCUS_DISTANCE + FOCUS_DISTANCE * FOCUS_DISTANCE_SCALING * ts.logPeak;
        lowerHullGammaInv = 1 / (1.14 + 0.07 * ts.logPeak);
        buildCuspTable(reach);
        makeUpperHullGamma();
        upperBound = 8 * (128 + 768 * (Math.log(peak / 100) / Math.log(10000.0 / 100)));
    }

    /** The ops of an ACES 2.0 output transform to the display code values of {@code t}. */
    public static List<ColourOp> outputTransform(AcesOutput.Target t) {
        List<ColourOp> ops = new ArrayList<>();
        ops.add(new Aces2Op(t));
        // OCIO clamps the rendering to [0, peak/100] in limiting primaries, then goes to the encoding primaries.
        ops.add(RangeOp.clamp(0, t.peak() / 100));
        if (t.limiting() != t.encoding()) {
            ops.add(MatrixOp.of(t.limiting().to(t.encoding()), t.limiting() + " to " + t.encoding()));
        }
        if (t.pq()) {
            ops.add(new RangeOp(100, 0, 0, Double.POSITIVE_INFINITY));
            ops.add(TransferOp.of(TransferOp.Curve.PQ, true));
        } else {
            ops.add(RangeOp.clamp(0, 1));
            ops.add(TransferOp.of(t == AcesOutput.Target.SRGB_100 ? TransferOp.Curve.SRGB : TransferOp.Curve.BT1886, true));
        }
        return ops;
    }

    static double modelGamma() {
        return SURROUND[1] * (1.48 + Math.sqrt(Y_B / REF_LUM));
    }

    // ---- CAM (JMh) ----

    static double compress(double v) {
        double a = Math.abs(v);
        double f = Math.pow(a, 0.42);
        return Math.copySign(f / (CAM_NL_OFFSET + f), v);
    }

    static double compressInv(double v) {
        double a = Math.min(Math.abs(v), 0.99);
        double f = CAM_NL_OFFSET * a / (1 - a);
        return Math.copySign(Math.pow(f, 1 / 0.42), v);
    }

    /** Model parameters for one set of primaries. */
    static final class Jmh {
        final Matrix3 toCam;
        final Matrix3 fromCam;
        final Matrix3 toAab;
        final Matrix3 fromAab;
        final double fLn;
        final double cz;
        final double aWJ;

        Jmh(double[] prims, Gamut.WhitePoint white) {
            Matrix3 npm = Gamut.npm(prims, white.x(), white.y());
            Matrix3 npm16 = Gamut.npm(CAM16_PRIMARIES, CAM16_WX, CAM16_WY);
            double[] xyzW = npm.apply(new double[] {REF_LUM, REF_LUM, REF_LUM});
            double yW = xyzW[1];
            double[] rgbW = npm16.inverse().apply(xyzW);
            double k = 1 / (5 * L_A + 1), k4 = k * k * k * k;
            double fL = 0.2 * k4 * (5 * L_A) + 0.1 * Math.pow(1 - k4, 2) * Math.pow(5 * L_A, 1.0 / 3);
            fLn = fL / REF_LUM;
            cz = modelGamma();
            double[] d = {fLn * yW / rgbW[0], fLn * yW / rgbW[1], fLn * yW / rgbW[2]};
            double[] aw = {compress(d[0] * rgbW[0]), compress(d[1] * rgbW[1]), compress(d[2] * rgbW[2])};
            Matrix3 base = Matrix3.of(2, 1, 1.0 / 20, 1, -12.0 / 11, 1.0 / 11, 1.0 / 9, 1.0 / 9, -2.0 / 9).scale(CAM_NL_SCALE);
            double aW = base.get(0, 0) * aw[0] + base.get(0, 1) * aw[1] + base.get(0, 2) * aw[2];
            aWJ = compress(fL);
            Matrix3 rgbToCam = npm16.inverse().times(npm).scale(REF_LUM);
            toCam = Matrix3.diagonal(d[0], d[1], d[2]).times(rgbToCam);
            fromCam = toCam.inverse();
            double s = 43 * SURROUND[2];
            toAab = Matrix3.of(base.get(0, 0) / aW, base.get(0, 1) / aW, base.get(0, 2) / aW,
                    base.get(1, 0) * s, base.get(1, 1) * s, base.get(1, 2) * s,
                    base.get(2, 0) * s, base.get(2, 1) * s, base.get(2, 2) * s);
            fromAab = toAab.inverse();
        }

        double[] rgbToAab(double r, double g, double b) {
            double[] m = toCam.apply(new double[] {r, g, b});
            return toAab.apply(new double[] {compress(m[0]), compress(m[1]), compress(m[2])});
        }

        double[] aabToJmh(double[] aab) {
            if (aab[0] <= 0) {
                return new double[3];
            }
            double j = J_SCALE * Math.pow(aab[0], cz);
            double m = Math.sqrt(aab[1] * aab[1] + aab[2] * aab[2]);
            double h = Math.toDegrees(Math.atan2(aab[2], aab[1]));
            if (h < 0) {
                h += 360;
            }
            return new double[] {j, m, h};
        }

        double[] rgbToJmh(double r, double g, double b) {
            return aabToJmh(rgbToAab(r, g, b));
        }

        double[] jmhToRgb(double j, double m, double h) {
            double hr = Math.toRadians(h);
            return aabToRgb(jToA(j), m * Math.cos(hr), m * Math.sin(hr));
        }

        double[] aabToRgb(double a, double aa, double bb) {
            double[] c = fromAab.apply(new double[] {a, aa, bb});
            return fromCam.apply(new double[] {compressInv(c[0]), compressInv(c[1]), compressInv(c[2])});
        }

        double jToA(double j) {
            return Math.pow(j / J_SCALE, 1 / cz);
        }

        double aToY(double a) {
            return compressInv(aWJ * a) / fLn;
        }

        double yToJ(double y) {
            double ay = Math.abs(y);
            double ra = compress(ay * fLn);
            return Math.copySign(J_SCALE * Math.pow(ra / aWJ, cz), y);
        }
    }

    // ---- Tone scale (Daniele–Siragusano, ACES 2.0 parameters) ----

    static final class Tone {
        final double n, nR = 100, g = 1.15, t1 = 0.04, cT, s2, u2, m2, forwardLimit, logPeak;

        Tone(double peak) {
            n = peak;
            double c = 0.18, cD = 10.013, wG = 0.14, rHitMin = 128, rHitMax = 896;
            double rHit = rHitMin + (rHitMax - rHitMin) * (Math.log(n / nR) / Math.log(10000.0 / 100));
            double m0 = n / nR;
            double m1 = 0.5 * (m0 + Math.sqrt(m0 * (m0 + 4 * t1)));
            double u = Math.pow((rHit / m1) / ((rHit / m1) + 1), g);
            double m = m1 / u;
            double wI = Math.log(n / 100) / Math.log(2);
            cT = cD / nR * (1 + wI * wG);
            double gIp = 0.5 * (cT + Math.sqrt(cT * (cT + 4 * t1)));
            double gIpp2 = -(m1 * Math.pow(gIp / m, 1 / g)) / (Math.pow(gIp / m, 1 / g) - 1);
            double w2 = c / gIpp2;
            s2 = w2 * m1 * REF_LUM;
            u2 = Math.pow((rHit / m1) / ((rHit / m1) + w2), g);
            m2 = m1 / u2;
            forwardLimit = 8 * rHit;
            logPeak = Math.log10(n / nR);
        }

        double fwd(double y) {
            double f = m2 * Math.pow(y / (y + s2), g);
            return Math.max(0, f * f / (f + t1)) * nR;
        }
    }

    // ---- Per-pixel rendering ----

    @Override
    public void apply(double[] p, int i) {
        // OCIO preamble: clamp in AP1 to [0, upper bound], back to AP0.
        double[] ap1 = AP0_TO_AP1.apply(new double[] {p[i], p[i + 1], p[i + 2]});
        for (int k = 0; k < 3; k++) {
            ap1[k] = Math.max(0, Math.min(upperBound, ap1[k]));
        }
        double[] rgb = AP1_TO_AP0.apply(ap1);
        double[] out = render(rgb[0], rgb[1], rgb[2]);
        p[i] = out[0];
        p[i + 1] = out[1];
        p[i + 2] = out[2];
    }

    static final Matrix3 AP0_TO_AP1 = Gamut.AP0.to(Gamut.AP1);
    static final Matrix3 AP1_TO_AP0 = Gamut.AP1.to(Gamut.AP0);

    double[] render(double r, double g, double b) {
        double[] aab = pIn.rgbToAab(r, g, b);
        double[] jmh = pIn.aabToJmh(aab);
        double h = jmh[2];
        double reach = reachMAt(h);
        double hr = Math.toRadians(h);
        double cos1 = Math.cos(hr), sin1 = Math.sin(hr);
        double mNorm = chromaCompressNorm(cos1, sin1);
        double jTs = Math.copySign(pIn.yToJ(ts.fwd(pIn.aToY(aab[0]))), aab[0]);
        double[] tm = chromaCompress(jmh, jTs, mNorm, reach);
        double[] cj = gamutCompress(tm, reach);
        return pOut.aabToRgb(pOut.jToA(cj[0]), cj[1] * cos1, cj[1] * sin1);
    }

    private double reachMAt(double h) {
        int base = (int) h;
        double t = h - base;
        int lo = base + 1;
        return reachM[lo] + (reachM[lo + 1] - reachM[lo]) * t;
    }

    private double chromaCompressNorm(double c1, double s1) {
        double c2 = 2 * c1 * c1 - 1, s2 = 2 * c1 * s1;
        double c3 = 4 * c1 * c1 * c1 - 3 * c1, s3 = 3 * s1 - 4 * s1 * s1 * s1;
        double m = 11.34072 * c1 + 16.46899 * c2 + 7.88380 * c3 + 14.66441 * s1 - 6.37224 * s2 + 9.19364 * s3 + 77.12896;
        return m * chromaScale;
    }

    private static double toeFwd(double x, double limit, double k1In, double k2In) {
        if (x > limit) {
            return x;
        }
        double k2 = Math.max(k2In, 0.001);
        double k1 = Math.sqrt(k1In * k1In + k2 * k2);
        double k3 = (limit + k1) / (limit + k2);
        double minusB = k3 * x - k1, minusAc = k2 * k3 * x;
        return 0.5 * (minusB + Math.sqrt(minusB * minusB + 4 * minusAc));
    }

    private double[] chromaCompress(double[] jmh, double jTs, double mNorm, double reach) {
        double j = jmh[0], m = jmh[1], h = jmh[2];
        double mCp = m;
        if (m != 0) {
            double nJ = jTs / limitJMax;
            double snJ = Math.max(0, 1 - nJ);
            double limit = Math.pow(nJ, modelGammaInv) * reach / mNorm;
            mCp = m * Math.pow(jTs / j, modelGammaInv);
            mCp = mCp / mNorm;
            mCp = limit - toeFwd(limit - mCp, limit - 0.001, snJ * sat, Math.sqrt(nJ * nJ + satThr));
            mCp = toeFwd(mCp, limit, nJ * compr, snJ);
            mCp = mCp * mNorm;
        }
        return new double[] {jTs, mCp, h};
    }

    // ---- Gamut compression ----

    private static double focusGain(double j, double threshold, double limitJMax, double focusDist) {
        double gain = limitJMax * focusDist;
        if (j > threshold) {
            double adj = Math.log10((limitJMax - threshold) / Math.max(0.0001, limitJMax - j));
            adj = adj * adj + 1;
            gain = gain * adj;
        }
        return gain;
    }

    private static double solveJIntersect(double j, double m, double focusJ, double maxJ, double slopeGain) {
        double mScaled = m / slopeGain;
        double a = mScaled / focusJ;
        if (j < focusJ) {
            double b = 1 - mScaled, c = -j;
            double root = Math.sqrt(b * b - 4 * a * c);
            return -2 * c / (b + root);
        }
        double b = -(1 + mScaled + maxJ * a), c = maxJ * mScaled + j;
        double root = Math.sqrt(b * b - 4 * a * c);
        return -2 * c / (b - root);
    }

    private static double sminScaled(double a, double b, double ref) {
        double s = SMOOTH_CUSPS * ref;
        double h = Math.max(s - Math.abs(a - b), 0) / s;
        return Math.min(a, b) - h * h * h * s / 6;
    }

    private static double slopeOf(double intersectJ, double focusJ, double limitJMax, double slopeGain) {
        double dir = intersectJ < focusJ ? intersectJ : limitJMax - intersectJ;
        return dir * (intersectJ - focusJ) / (focusJ * slopeGain);
    }

    private static double lineBoundaryM(double jAxis, double slope, double invGamma, double jMax, double mMax, double jRef) {
        double shifted = jRef * Math.pow(jAxis / jRef, invGamma);
        return shifted * mMax / (jMax - slope * mMax);
    }

    private static double boundaryIntersection(double cuspJ, double cuspM, double jMax, double gTopInv, double gBotInv,
            double jSrc, double slope, double jCusp) {
        double lower = lineBoundaryM(jSrc, slope, gBotInv, cuspJ, cuspM, jCusp);
        double upper = lineBoundaryM(jMax - jSrc, -slope, gTopInv, jMax - cuspJ, cuspM, jMax - jCusp);
        return sminScaled(lower, upper, cuspM);
    }

    private static double remapM(double m, double gamutM, double reachM) {
        double ratio = gamutM / reachM;
        double proportion = Math.max(ratio, COMPRESSION_THRESHOLD);
        double threshold = proportion * gamutM;
        if (m <= threshold || proportion >= 1) {
            return m;
        }
        double mOff = m - threshold, gOff = gamutM - threshold, rOff = reachM - threshold;
        double scale = rOff / ((rOff / gOff) - 1);
        double nd = mOff / scale;
        return threshold + scale * nd / (1 + nd);
    }

    private double[] gamutCompress(double[] jmh, double reach) {
        double j = jmh[0], m = jmh[1], h = jmh[2];
        if (j <= 0) {
            return new double[] {0, 0, h};
        }
        if (m <= 0 || j > limitJMax) {
            return new double[] {j, 0, h};
        }
        double[] c = cuspAt(h);
        double cuspJ = c[0], cuspM = c[1], gTopInv = c[2];
        double focusJ = focusJ(cuspJ);
        double threshold = cuspJ + (limitJMax - cuspJ) * FOCUS_GAIN_BLEND;
        double gain = focusGain(j, threshold, limitJMax, focusDist);
        double jSrc = solveJIntersect(j, m, focusJ, limitJMax, gain);
        double slope = slopeOf(jSrc, focusJ, limitJMax, gain);
        double jCusp = solveJIntersect(cuspJ, cuspM, focusJ, limitJMax, gain);
        double gamutM = boundaryIntersection(cuspJ, cuspM, limitJMax, gTopInv, lowerHullGammaInv, jSrc, slope, jCusp);
        if (gamutM <= 0) {
            return new double[] {j, 0, h};
        }
        double reachBoundary = lineBoundaryM(jSrc, slope, modelGammaInv, limitJMax, reach, limitJMax);
        double mr = remapM(m, gamutM, reachBoundary);
        return new double[] {jSrc + mr * slope, mr, h};
    }

    private double focusJ(double cuspJ) {
        double t = Math.min(1, CUSP_MID_BLEND - cuspJ / limitJMax);
        return cuspJ + (midJ - cuspJ) * t;
    }

    private double[] cuspAt(double h) {
        int lo = 0, hi = TABLE + 1;
        while (lo + 1 < hi) {
            int mid = (lo + hi) >>> 1;
            if (h > hueTable[mid]) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        hi = Math.max(1, hi);
        double t = (h - hueTable[hi - 1]) / (hueTable[hi] - hueTable[hi - 1]);
        double[] a = cusp[hi - 1], b = cusp[hi];
        return new double[] {a[0] + (b[0] - a[0]) * t, a[1] + (b[1] - a[1]) * t, a[2] + (b[2] - a[2]) * t};
    }

    // ---- Table construction ----

    private static double[] makeReachMTable(Jmh p, double limitJMax) {
        double[] t = new double[TABLE + 2];
        for (int i = 0; i < TABLE; i++) {
            double hue = i;
            double low = 0, high = 50;
            boolean outside = false;
            while (!outside && high < 1300) {
                outside = anyBelowZero(p.jmhToRgb(limitJMax, high, hue));
                if (!outside) {
                    low = high;
                    high += 50;
                }
            }
            while (high - low > 1e-2) {
                double mid = (high + low) / 2;
                if (anyBelowZero(p.jmhToRgb(limitJMax, mid, hue))) {
                    high = mid;
                } else {
                    low = mid;
                }
            }
            t[i + 1] = high;
        }
        t[0] = t[TABLE];
        t[TABLE + 1] = t[1];
        return t;
    }

    private static boolean anyBelowZero(double[] rgb) {
        return rgb[0] < 0 || rgb[1] < 0 || rgb[2] < 0;
    }

    private static double[] corner(int c) {
        return new double[] {(c + 1) % 6 < 3 ? 1 : 0, (c + 5) % 6 < 3 ? 1 : 0, (c + 3) % 6 < 3 ? 1 : 0};
    }

    private void buildCuspTable(Jmh reach) {
        // Reach corners at limitJMax (AP1), limiting-gamut cusp corners at peak.
        double[][] reachJmh = new double[8][];
        double limitA = reach.jToA(limitJMax);
        double[][] tmp = new double[6][];
        int minIdx = 0;
        for (int i = 0; i < 6; i++) {
            double[] v = corner(i);
            double lower = 0, upper = ts.forwardLimit;
            while (upper - lower > 1e-3) {
                double test = (lower + upper) / 2;
                double a = reach.rgbToAab(test * v[0], test * v[1], test * v[2])[0];
                if (a < limitA) {
                    lower = test;
                } else {
                    upper = test;
                }
                if (a == limitA) {
                    break;
                }
            }
            tmp[i] = reach.rgbToJmh(upper * v[0], upper * v[1], upper * v[2]);
            if (tmp[i][2] < tmp[minIdx][2]) {
                minIdx = i;
            }
        }
        for (int i = 0; i < 6; i++) {
            reachJmh[i + 1] = tmp[(i + minIdx) % 6];
        }
        reachJmh[0] = reachJmh[6].clone();
        reachJmh[7] = reachJmh[1].clone();
        reachJmh[0][2] -= 360;
        reachJmh[7][2] += 360;

        double[][] limRgb = new double[8][];
        double[][] limJmh = new double[8][];
        double[][] tr = new double[6][];
        double[][] tj = new double[6][];
        minIdx = 0;
        for (int i = 0; i < 6; i++) {
            double[] v = corner(i);
            double s = peak / REF_LUM;
            tr[i] = new double[] {v[0] * s, v[1] * s, v[2] * s};
            tj[i] = pOut.rgbToJmh(tr[i][0], tr[i][1], tr[i][2]);
            if (tj[i][2] < tj[minIdx][2]) {
                minIdx = i;
            }
        }
        for (int i = 0; i < 6; i++) {
            limRgb[i + 1] = tr[(i + minIdx) % 6];
            limJmh[i + 1] = tj[(i + minIdx) % 6];
        }
        limRgb[0] = limRgb[6];
        limRgb[7] = limRgb[1];
        limJmh[0] = limJmh[6].clone();
        limJmh[7] = limJmh[1].clone();
        limJmh[0][2] -= 360;
        limJmh[7][2] += 360;

        // Merge the two sorted corner hue lists.
        double[] sorted = new double[12];
        int n = 0, ri = 1, di = 1;
        while (ri < 7 || di < 7) {
            double rh = ri < 7 ? reachJmh[ri][2] : Double.POSITIVE_INFINITY;
            double dh = di < 7 ? limJmh[di][2] : Double.POSITIVE_INFINITY;
            if (rh == dh) {
                sorted[n] = rh;
                ri++;
                di++;
            } else if (rh < dh) {
                sorted[n] = rh;
                ri++;
            } else {
                sorted[n] = dh;
                di++;
            }
            n++;
        }
        buildHueTable(sorted, n);
        double[] previous = {0, 0};
        for (int i = 1; i <= TABLE; i++) {
            double hue = hueTable[i];
            double[] jm = displayCuspForHue(hue, limRgb, limJmh, previous);
            cusp[i][0] = jm[0];
            cusp[i][1] = jm[1] * (1 + SMOOTH_M * SMOOTH_CUSPS);
            cusp[i][2] = hue;
        }
        cusp[0][0] = cusp[TABLE][0];
        cusp[0][1] = cusp[TABLE][1];
        cusp[0][2] = hueTable[0];
        cusp[TABLE + 1][0] = cusp[1][0];
        cusp[TABLE + 1][1] = cusp[1][1];
        cusp[TABLE + 1][2] = hueTable[TABLE + 1];
    }

    private void buildHueTable(double[] sorted, int unique) {
        double ideal = TABLE / 360.0;
        int[] count = new int[14];
        int last = Integer.MIN_VALUE;
        int minIndex = sorted[0] == 0 ? 0 : 1;
        for (int k = 0; k < unique; k++) {
            int nominal = Math.min(Math.max((int) Math.round(sorted[k] * ideal), minIndex), TABLE - 1);
            if (last == nominal) {
                if (k > 1 && count[k - 2] != count[k - 1] - 1) {
                    count[k - 1] = count[k - 1] - 1;
                } else {
                    nominal = nominal + 1;
                }
            }
            count[k] = Math.min(nominal, TABLE - 1);
            last = minIndex = nominal;
        }
        int total = 0;
        int k = 0;
        sampleInterval(count[k], 0, sorted[k], total + 1);
        total += count[k];
        for (k = 1; k < unique; k++) {
            int samples = count[k] - count[k - 1];
            sampleInterval(samples, sorted[k - 1], sorted[k], total + 1);
            total += samples;
        }
        sampleInterval(TABLE - total, sorted[k - 1], 360, total + 1);
        hueTable[0] = hueTable[TABLE] - 360;
        hueTable[TABLE + 1] = hueTable[1] + 360;
    }

    private void sampleInterval(int samples, double lower, double upper, int base) {
        double delta = (upper - lower) / samples;
        for (int i = 0; i < samples; i++) {
            hueTable[base + i] = lower + i * delta;
        }
    }

    private double[] displayCuspForHue(double hue, double[][] rgbC, double[][] jmhC, double[] previous) {
        int upperC = 1;
        for (int i = 1; i < 8; i++) {
            if (jmhC[i][2] > hue) {
                upperC = i;
                break;
            }
        }
        int lowerC = upperC - 1;
        if (jmhC[lowerC][2] == hue) {
            return new double[] {jmhC[lowerC][0], jmhC[lowerC][1]};
        }
        double[] cl = rgbC[lowerC], cu = rgbC[upperC];
        double lowerT = upperC == previous[0] ? previous[1] : 0, upperT = 1;
        while (upperT - lowerT > 1e-7) {
            double st = (lowerT + upperT) / 2;
            double[] j = pOut.rgbToJmh(cl[0] + (cu[0] - cl[0]) * st, cl[1] + (cu[1] - cl[1]) * st,
                    cl[2] + (cu[2] - cl[2]) * st);
            if (j[2] < jmhC[lowerC][2]) {
                upperT = st;
            } else if (j[2] >= jmhC[upperC][2]) {
                lowerT = st;
            } else if (j[2] > hue) {
                upperT = st;
            } else {
                lowerT = st;
            }
        }
        double st = (lowerT + upperT) / 2;
        double[] j = pOut.rgbToJmh(cl[0] + (cu[0] - cl[0]) * st, cl[1] + (cu[1] - cl[1]) * st,
                cl[2] + (cu[2] - cl[2]) * st);
        previous[0] = upperC;
        previous[1] = st;
        return new double[] {j[0], j[1]};
    }

    private void makeUpperHullGamma() {
        double[] positions = {0.01, 0.1, 0.5, 0.8, 0.99};
        for (int i = 1; i <= TABLE; i++) {
            double hue = hueTable[i];
            double cj = cusp[i][0], cm = cusp[i][1];
            double threshold = cj + (limitJMax - cj) * FOCUS_GAIN_BLEND;
            double focusJ = focusJ(cj);
            double[][] data = new double[5][];
            for (int k = 0; k < 5; k++) {
                double testJ = cj + (limitJMax - cj) * positions[k];
                double gain = focusGain(testJ, threshold, limitJMax, focusDist);
                double jSrc = solveJIntersect(testJ, cm, focusJ, limitJMax, gain);
                data[k] = new double[] {jSrc, slopeOf(jSrc, focusJ, limitJMax, gain),
                    solveJIntersect(cj, cm, focusJ, limitJMax, gain)};
            }
            double low = 0, high = 0.4;
            boolean outside = false;
            while (!outside && high < 5) {
                if (!gammaFits(cj, cm, hue, data, 1 / high)) {
                    low = high;
                    high += 0.4;
                } else {
                    outside = true;
                }
            }
            while (high - low > 1e-5) {
                double test = (high + low) / 2;
                if (gammaFits(cj, cm, hue, data, 1 / test)) {
                    high = test;
                } else {
                    low = test;
                }
            }
            cusp[i][2] = 1 / high;
        }
        cusp[0][2] = cusp[TABLE][2];
        cusp[TABLE + 1][2] = cusp[1][2];
    }

    private boolean gammaFits(double cj, double cm, double hue, double[][] data, double topGammaInv) {
        double limit = peak / REF_LUM;
        for (double[] d : data) {
            double m = boundaryIntersection(cj, cm, limitJMax, topGammaInv, lowerHullGammaInv, d[0], d[1], d[2]);
            double j = d[0] + d[1] * m;
            double[] rgb = pOut.jmhToRgb(j, m, hue);
            if (!(rgb[0] > limit || rgb[1] > limit || rgb[2] > limit)) {
                return false;
            }
        }
        return true;
    }

    // ---- GPU: the same model in GLSL, tables uploaded as textures ----

    @Override
    public void emitGlsl(GlslBuilder out, String name) {
        float[] cuspTex = new float[(TABLE + 2) * 3];
        float[] hueTex = new float[(TABLE + 2) * 3];
        for (int i = 0; i < TABLE + 2; i++) {
            cuspTex[i * 3] = (float) cusp[i][0];
            cuspTex[i * 3 + 1] = (float) cusp[i][1];
            cuspTex[i * 3 + 2] = (float) cusp[i][2];
            hueTex[i * 3] = (float) hueTable[i];
            hueTex[i * 3 + 1] = (float) reachM[i];
        }
        String tc = name + "_cusp", th = name + "_hue";
        out.declare(new GlslBuilder.LutTexture(tc, 2, TABLE + 2, 1, 1, cuspTex));
        out.declare(new GlslBuilder.LutTexture(th, 2, TABLE + 2, 1, 1, hueTex));
        String n = name;
        StringBuilder b = new StringBuilder();
        b.append("#ifndef XS_ACES2\n#define XS_ACES2\n");
        b.append("float xs2_c(float v) { float f = pow(abs(v), 0.42); return sign(v) * f / (").append(lit(CAM_NL_OFFSET))
                .append(" + f); }\n");
        b.append("float xs2_ci(float v) { float a = min(abs(v), 0.99); return sign(v) * pow(")
                .append(lit(CAM_NL_OFFSET)).append(" * a / (1.0 - a), ").append(lit(1 / 0.42)).append("); }\n");
        b.append("vec3 xs2_c3(vec3 v) { return vec3(xs2_c(v.x), xs2_c(v.y), xs2_c(v.z)); }\n");
        b.append("vec3 xs2_ci3(vec3 v) { return vec3(xs2_ci(v.x), xs2_ci(v.y), xs2_ci(v.z)); }\n");
        b.append("float xs2_toe(float x, float limit, float k1In, float k2In) {\n"
                + "  if (x > limit) return x;\n  float k2 = max(k2In, 0.001); float k1 = sqrt(k1In * k1In + k2 * k2);\n"
                + "  float k3 = (limit + k1) / (limit + k2); float mb = k3 * x - k1; float mac = k2 * k3 * x;\n"
                + "  return 0.5 * (mb + sqrt(mb * mb + 4.0 * mac));\n}\n");
        b.append("float xs2_gain(float j, float thr, float lim, float fd) {\n  float gain = lim * fd;\n"
                + "  if (j > thr) { float a = log((lim - thr) / max(0.0001, lim - j)) / log(10.0); gain *= a * a + 1.0; }\n"
                + "  return gain;\n}\n");
        b.append("float xs2_jint(float j, float m, float fj, float mj, float sg) {\n  float ms = m / sg; float a = ms / fj;\n"
                + "  if (j < fj) { float bb = 1.0 - ms; float c = -j; return -2.0 * c / (bb + sqrt(bb * bb - 4.0 * a * c)); }\n"
                + "  float bb = -(1.0 + ms + mj * a); float c = mj * ms + j;\n"
                + "  return -2.0 * c / (bb - sqrt(bb * bb - 4.0 * a * c));\n}\n");
        b.append("float xs2_slope(float ij, float fj, float lim, float sg) {\n"
                + "  float d = ij < fj ? ij : lim - ij; return d * (ij - fj) / (fj * sg);\n}\n");
        b.append("float xs2_lbm(float ja, float slope, float ig, float jm, float mm, float jr) {\n"
                + "  float sh = jr * pow(max(ja / jr, 0.0), ig); return sh * mm / (jm - slope * mm);\n}\n");
        b.append("float xs2_bound(float cj, float cm, float jm, float gt, float gb, float js, float slope, float jc) {\n"
                + "  float lo = xs2_lbm(js, slope, gb, cj, cm, jc);\n"
                + "  float up = xs2_lbm(jm - js, -slope, gt, jm - cj, cm, jm - jc);\n"
                + "  float s = ").append(lit(SMOOTH_CUSPS)).append(" * cm; float h = max(s - abs(lo - up), 0.0) / s;\n"
                + "  return min(lo, up) - h * h * h * s / 6.0;\n}\n");
        b.append("#endif\n");
        b.append("vec3 ").append(n).append("(vec3 c) {\n");
        b.append("  vec3 ap1 = clamp(").append(GlslBuilder.mat3(AP0_TO_AP1)).append(" * c, 0.0, ").append(lit(upperBound))
                .append(");\n");
        b.append("  vec3 rgb = ").append(GlslBuilder.mat3(AP1_TO_AP0)).append(" * ap1;\n");
        b.append("  vec3 aab = ").append(GlslBuilder.mat3(pIn.toAab)).append(" * xs2_c3(").append(GlslBuilder.mat3(pIn.toCam))
                .append(" * rgb);\n");
        b.append("  if (aab.x <= 0.0) return vec3(0.0);\n");
        b.append("  float J = 100.0 * pow(aab.x, ").append(lit(pIn.cz)).append(");\n");
        b.append("  float M = length(aab.yz);\n  float h = degrees(atan(aab.z, aab.y)); if (h < 0.0) h += 360.0;\n");
        b.append("  int base = min(int(h), 359); float ht = h - float(base);\n");
        b.append("  float reach = mix(texelFetch(").append(th).append(", ivec2(base + 1, 0), 0).g, texelFetch(").append(th)
                .append(", ivec2(base + 2, 0), 0).g, ht);\n");
        b.append("  float hr = radians(h); float c1 = cos(hr); float s1 = sin(hr);\n");
        b.append("  float c2 = 2.0 * c1 * c1 - 1.0; float s2 = 2.0 * c1 * s1;\n");
        b.append("  float c3 = 4.0 * c1 * c1 * c1 - 3.0 * c1; float s3 = 3.0 * s1 - 4.0 * s1 * s1 * s1;\n");
        b.append("  float mNorm = (11.34072 * c1 + 16.46899 * c2 + 7.88380 * c3 + 14.66441 * s1 - 6.37224 * s2 + 9.19364 * s3"
                + " + 77.12896) * ").append(lit(chromaScale)).append(";\n");
        // tone scale on Y from A
        b.append("  float Y = xs2_ci(").append(lit(pIn.aWJ)).append(" * aab.x) / ").append(lit(pIn.fLn)).append(";\n");
        b.append("  float f = ").append(lit(ts.m2)).append(" * pow(Y / (Y + ").append(lit(ts.s2)).append("), ")
                .append(lit(ts.g)).append(");\n");
        b.append("  float Yts = max(0.0, f * f / (f + ").append(lit(ts.t1)).append(")) * ").append(lit(ts.nR)).append(";\n");
        b.append("  float jTs = 100.0 * pow(xs2_c(Yts * ").append(lit(pIn.fLn)).append(") / ").append(lit(pIn.aWJ))
                .append(", ").append(lit(pIn.cz)).append(");\n");
        // chroma compression
        String lim = lit(limitJMax), gInv = lit(modelGammaInv);
        b.append("  float Mc = M;\n  if (M != 0.0) {\n");
        b.append("    float nJ = jTs / ").append(lim).append("; float snJ = max(0.0, 1.0 - nJ);\n");
        b.append("    float limit = pow(nJ, ").append(gInv).append(") * reach / mNorm;\n");
        b.append("    Mc = M * pow(jTs / J, ").append(gInv).append(") / mNorm;\n");
        b.append("    Mc = limit - xs2_toe(limit - Mc, limit - 0.001, snJ * ").append(lit(sat)).append(", sqrt(nJ * nJ + ")
                .append(lit(satThr)).append("));\n");
        b.append("    Mc = xs2_toe(Mc, limit, nJ * ").append(lit(compr)).append(", snJ) * mNorm;\n  }\n");
        // gamut compression
        b.append("  float Jo = jTs; float Mo = Mc;\n");
        b.append("  if (Jo <= 0.0) { Jo = 0.0; Mo = 0.0; }\n");
        b.append("  else if (Mo <= 0.0 || Jo > ").append(lim).append(") { Mo = 0.0; }\n  else {\n");
        b.append("    int lo = 0; int hi = ").append(TABLE + 1).append(";\n");
        b.append("    for (int k = 0; k < 12; k++) { if (lo + 1 >= hi) break; int mid = (lo + hi) / 2;"
                + " if (h > texelFetch(").append(th).append(", ivec2(mid, 0), 0).r) lo = mid; else hi = mid; }\n");
        b.append("    hi = max(1, hi);\n");
        b.append("    float h0 = texelFetch(").append(th).append(", ivec2(hi - 1, 0), 0).r; float h1 = texelFetch(").append(th)
                .append(", ivec2(hi, 0), 0).r;\n");
        b.append("    vec3 cu = mix(texelFetch(").append(tc).append(", ivec2(hi - 1, 0), 0).rgb, texelFetch(").append(tc)
                .append(", ivec2(hi, 0), 0).rgb, (h - h0) / (h1 - h0));\n");
        b.append("    float fj = cu.x + (").append(lit(midJ)).append(" - cu.x) * min(1.0, ").append(lit(CUSP_MID_BLEND))
                .append(" - cu.x / ").append(lim).append(");\n");
        b.append("    float thr = cu.x + (").append(lim).append(" - cu.x) * ").append(lit(FOCUS_GAIN_BLEND)).append(";\n");
        b.append("    float sg = xs2_gain(Jo, thr, ").append(lim).append(", ").append(lit(focusDist)).append(");\n");
        b.append("    float js = xs2_jint(Jo, Mo, fj, ").append(lim).append(", sg);\n");
        b.append("    float slope = xs2_slope(js, fj, ").append(lim).append(", sg);\n");
        b.append("    float jc = xs2_jint(cu.x, cu.y, fj, ").append(lim).append(", sg);\n");
        b.append("    float gm = xs2_bound(cu.x, cu.y, ").append(lim).append(", cu.z, ").append(lit(lowerHullGammaInv))
                .append(", js, slope, jc);\n");
        b.append("    if (gm <= 0.0) { Mo = 0.0; }\n    else {\n");
        b.append("      float rb = xs2_lbm(js, slope, ").append(gInv).append(", ").append(lim).append(", reach, ").append(lim)
                .append(");\n");
        b.append("      float prop = max(gm / rb, ").append(lit(COMPRESSION_THRESHOLD)).append("); float th2 = prop * gm;\n");
        b.append("      float mr = Mo;\n      if (!(Mo <= th2 || prop >= 1.0)) {\n");
        b.append("        float mo = Mo - th2; float go = gm - th2; float ro = rb - th2;\n");
        b.append("        float sc = ro / ((ro / go) - 1.0); float nd = mo / sc; mr = th2 + sc * nd / (1.0 + nd);\n      }\n");
        b.append("      Jo = js + mr * slope; Mo = mr;\n    }\n  }\n");
        b.append("  vec3 outAab = vec3(pow(Jo / 100.0, ").append(lit(1 / pOut.cz)).append("), Mo * c1, Mo * s1);\n");
        b.append("  return ").append(GlslBuilder.mat3(pOut.fromCam)).append(" * xs2_ci3(").append(GlslBuilder.mat3(pOut.fromAab))
                .append(" * outAab);\n}\n");
        out.append(b.toString());
    }

    private static String lit(double v) {
        return GlslBuilder.lit(v);
    }

    @Override
    public String describe() {
        return "aces 2.0 rendering " + target.cliName();
    }
}
