package dev.xsight.colour;

import static dev.xsight.colour.GlslBuilder.lit;

/**
 * A transfer function per channel (HLG OOTF: on luminance), forward or inverse. Forward directions: EOTF curves
 * map signal → display light (PQ and HLG in cd/m², BT.1886 and sRGB normalised); the HLG OETF maps scene light
 * → signal; the HLG OOTF maps scene light → display light in cd/m²; ACEScct/ACEScc map log → linear.
 *
 * @param peak display peak in cd/m² for the HLG EOTF/OOTF (ignored otherwise)
 */
public record TransferOp(Curve curve, boolean inverse, double peak) implements ColourOp {

    /** The curves. */
    public enum Curve { BT1886, SRGB, PQ, HLG_OETF, HLG_EOTF, HLG_OOTF, ACESCCT, ACESCC }

    // ITU-R BT.1886 Annex 1 with L_B = 0, L_W = 1.
    static final double GAMMA = 2.4;
    // SMPTE ST 2084 Table 1 / BT.2100 Table 4.
    static final double M1 = 2610.0 / 16384, M2 = 2523.0 / 4096 * 128, C1 = 3424.0 / 4096, C2 = 2413.0 / 4096 * 32,
            C3 = 2392.0 / 4096 * 32;
    // ITU-R BT.2100-2 Table 5 (HLG).
    static final double HA = 0.17883277, HB = 1 - 4 * HA, HC = 0.5 - HA * Math.log(4 * HA);
    static final double KR2020 = 0.2627, KG2020 = 0.6780, KB2020 = 0.0593;
    // S-2016-001 ACEScct and S-2014-003 ACEScc.
    static final double CCT_X_BRK = 0.0078125, CCT_Y_BRK = 0.155251141552511, CCT_A = 10.5402377416545,
            CCT_B = 0.0729055341958355;
    static final double HALF_MAX = 65504;
    static final double ACESCC_MIN = -0.36, ACESCC_MAX = 1.5;

    public TransferOp {
        if ((curve == Curve.HLG_EOTF || curve == Curve.HLG_OOTF) && !(peak > 0 && peak < 1e5)) {
            throw new IllegalArgumentException("HLG needs a display peak in cd/m², got " + peak);
        }
    }

    public static TransferOp of(Curve c, boolean inverse) {
        return new TransferOp(c, inverse, 1000);
    }

    /** Reference white of an SDR display, cd/m² (100 % signal on BT.1886, as the display pipeline places it). */
    public static final double SDR_WHITE_NITS = 100;
    /** Reference white of an sRGB display, cd/m² (IEC 61966-2-1). */
    public static final double SRGB_WHITE_NITS = 80;

    /**
     * The light in cd/m² a display encoding {@code t} emits for a neutral signal {@code v} (0–1): BT.1886 (L_B = 0)
     * and gamma 2.6 at the SDR reference white of {@value #SDR_WHITE_NITS} cd/m² (the display pipeline's "100 %
     * signal = 100 cd/m²"), sRGB at the {@value #SRGB_WHITE_NITS} cd/m² of IEC 61966-2-1, PQ absolute (ST 2084),
     * HLG through the BT.2100 EOTF (inverse OETF, then the OOTF on a grey: L_W·E^γ) at its nominal 1000 cd/m² peak,
     * linear at the SDR white. The one place a display code becomes cd/m² (the probe, the QC flash check).
     */
    public static double displayNits(dev.xsight.media.Colorimetry.Transfer t, double v) {
        double c = Math.max(v, 0);
        return switch (t) {
            case PQ -> pqToNits(c);
            case HLG -> 1000 * Math.pow(hlgInverseOetf(c), hlgGamma(1000));
            case SRGB -> SRGB_WHITE_NITS * (c <= 0.04045 ? c / 12.92 : Math.pow((c + 0.055) / 1.055, 2.4));
            case LINEAR -> SDR_WHITE_NITS * c;
            case GAMMA26 -> SDR_WHITE_NITS * Math.pow(c, 2.6);
            default -> SDR_WHITE_NITS * Math.pow(c, GAMMA);
        };
    }

    /** BT.2100 system gamma for a nominal peak {@code lw}: 1.2 + 0.42·log10(Lw/1000) (Table 5 note 5c). */
    public static double hlgGamma(double lw) {
        return 1.2 + 0.42 * Math.log10(lw / 1000);
    }

    @Override
    public void apply(double[] p, int i) {
        switch (curve) {
            case HLG_OOTF -> {
                if (inverse) {
                    hlgInverseOotf(p, i);
                } else {
                    hlgOotf(p, i);
                }
            }
            case HLG_EOTF -> {
                if (inverse) {
                    hlgInverseOotf(p, i);
                    for (int k = i; k < i + 3; k++) {
                        p[k] = hlgOetf(p[k]);
                    }
                } else {
                    for (int k = i; k < i + 3; k++) {
                        p[k] = hlgInverseOetf(Math.max(0, p[k]));
                    }
                    hlgOotf(p, i);
                }
            }
            default -> {
                for (int k = i; k < i + 3; k++) {
                    p[k] = inverse ? inverse(p[k]) : forward(p[k]);
                }
            }
        }
    }

    private double forward(double v) {
        return switch (curve) {
            case BT1886 -> Math.pow(Math.max(v, 0), GAMMA);
            case SRGB -> v <= 0.04045 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4);
            case PQ -> Math.copySign(pqToNits(Math.abs(v)), v);
            case HLG_OETF -> Math.copySign(hlgOetf(Math.abs(v)), v);
            // S-2016-001 (ACEScsc.Academy.ACEScct_to_ACES.ctl): no clamp at the top, as in OpenColorIO.
            case ACESCCT -> v <= CCT_Y_BRK ? (v - CCT_B) / CCT_A : Math.pow(2, v * 17.52 - 9.72);
            // S-2014-003, with OpenColorIO's input range [-0.36, 1.5] instead of the HALF_MAX clamp.
            case ACESCC -> {
                double c = Math.max(ACESCC_MIN, Math.min(ACESCC_MAX, v));
                yield c < (9.72 - 15) / 17.52 ? (Math.pow(2, c * 17.52 - 9.72) - Math.pow(2, -16)) * 2
                        : Math.pow(2, c * 17.52 - 9.72);
            }
            default -> throw new IllegalStateException();
        };
    }

    private double inverse(double l) {
        return switch (curve) {
            case BT1886 -> Math.pow(Math.max(l, 0), 1 / GAMMA);
            case SRGB -> l <= 0.0031308 ? l * 12.92 : 1.055 * Math.pow(l, 1 / 2.4) - 0.055;
            case PQ -> Math.copySign(nitsToPq(Math.abs(l)), l);
            case HLG_OETF -> Math.copySign(hlgInverseOetf(Math.abs(l)), l);
            case ACESCCT -> l <= CCT_X_BRK ? CCT_A * l + CCT_B : (log2(l) + 9.72) / 17.52;
            case ACESCC -> Math.max(ACESCC_MIN, Math.min(ACESCC_MAX, l <= 0 ? (-16 + 9.72) / 17.52
                    : (l < Math.pow(2, -15) ? (log2(Math.pow(2, -16) + l * 0.5) + 9.72) / 17.52 : (log2(l) + 9.72) / 17.52)));
            default -> throw new IllegalStateException();
        };
    }

    private static double log2(double x) {
        return Math.log(x) / Math.log(2);
    }

    static double pqToNits(double e) {
        double ep = Math.pow(e, 1 / M2);
        return 10000 * Math.pow(Math.max(ep - C1, 0) / (C2 - C3 * ep), 1 / M1);
    }

    static double nitsToPq(double nits) {
        double y = Math.pow(nits / 10000, M1);
        return Math.pow((C1 + C2 * y) / (1 + C3 * y), M2);
    }

    static double hlgOetf(double e) {
        return e <= 1.0 / 12 ? Math.sqrt(3 * e) : HA * Math.log(12 * e - HB) + HC;
    }

    static double hlgInverseOetf(double s) {
        return s <= 0.5 ? s * s / 3 : (Math.exp((s - HC) / HA) + HB) / 12;
    }

    private void hlgOotf(double[] p, int i) {
        double g = hlgGamma(peak);
        double ys = KR2020 * p[i] + KG2020 * p[i + 1] + KB2020 * p[i + 2];
        double k = ys <= 0 ? 0 : peak * Math.pow(ys, g - 1);
        p[i] *= k;
        p[i + 1] *= k;
        p[i + 2] *= k;
    }

    private void hlgInverseOotf(double[] p, int i) {
        double g = hlgGamma(peak);
        double yd = KR2020 * p[i] + KG2020 * p[i + 1] + KB2020 * p[i + 2];
        double k = yd <= 0 ? 0 : Math.pow(yd / peak, (1 - g) / g) / peak;
        p[i] *= k;
        p[i + 1] *= k;
        p[i + 2] *= k;
    }

    @Override
    public void emitGlsl(GlslBuilder out, String name) {
        String body = switch (curve) {
            case BT1886 -> inverse ? "return pow(max(c, 0.0), vec3(" + lit(1 / GAMMA) + "));"
                    : "return pow(max(c, 0.0), vec3(" + lit(GAMMA) + "));";
            case SRGB -> inverse
                    ? "return mix(1.055 * pow(max(c, 1e-30), vec3(" + lit(1 / 2.4) + ")) - 0.055, c * 12.92, "
                            + "vec3(lessThanEqual(c, vec3(0.0031308))));"
                    : "return mix(pow((max(c, 0.0) + 0.055) / 1.055, vec3(2.4)), c / 12.92, "
                            + "vec3(lessThanEqual(c, vec3(0.04045))));";
            case PQ -> inverse
                    ? "vec3 y = pow(abs(c) / 10000.0, vec3(" + lit(M1) + ")); return sign(c) * pow(("
                            + lit(C1) + " + " + lit(C2) + " * y) / (1.0 + " + lit(C3) + " * y), vec3(" + lit(M2)
                            + "));"
                    : "vec3 e = pow(abs(c), vec3(" + lit(1 / M2) + ")); return sign(c) * 10000.0 * pow(max(e - "
                            + lit(C1) + ", 0.0) / (" + lit(C2) + " - " + lit(C3) + " * e), vec3(" + lit(1 / M1)
                            + "));";
            case HLG_OETF -> inverse ? "return sign(c) * hlg_inv_oetf(abs(c));" : "return sign(c) * hlg_oetf(abs(c));";
            case HLG_OOTF -> inverse ? "return hlg_inv_ootf(c, " + lit(peak) + ", " + lit(hlgGamma(peak)) + ");"
                    : "return hlg_ootf(c, " + lit(peak) + ", " + lit(hlgGamma(peak)) + ");";
            case HLG_EOTF -> inverse
                    ? "return hlg_oetf(hlg_inv_ootf(c, " + lit(peak) + ", " + lit(hlgGamma(peak)) + "));"
                    : "return hlg_ootf(hlg_inv_oetf(max(c, 0.0)), " + lit(peak) + ", " + lit(hlgGamma(peak)) + ");";
            case ACESCCT -> inverse
                    ? "return mix((log2(max(c, 1e-30)) + 9.72) / 17.52, " + lit(CCT_A) + " * c + " + lit(CCT_B)
                            + ", vec3(lessThanEqual(c, vec3(" + lit(CCT_X_BRK) + "))));"
                    : "return mix(exp2(c * 17.52 - 9.72), (c - " + lit(CCT_B) + ") / " + lit(CCT_A)
                            + ", lessThanEqual(c, vec3(" + lit(CCT_Y_BRK) + ")));";
            case ACESCC -> inverse
                    ? "vec3 lo = (log2(exp2(-16.0) + max(c, 0.0) * 0.5) + 9.72) / 17.52; "
                            + "vec3 hi = (log2(max(c, 1e-30)) + 9.72) / 17.52; "
                            + "return clamp(mix(mix(hi, lo, lessThan(c, vec3(exp2(-15.0)))), vec3("
                            + lit((-16 + 9.72) / 17.52) + "), lessThanEqual(c, vec3(0.0))), " + lit(ACESCC_MIN) + ", "
                            + lit(ACESCC_MAX) + ");"
                    : "vec3 x = clamp(c, " + lit(ACESCC_MIN) + ", " + lit(ACESCC_MAX) + "); vec3 e = exp2(x * 17.52 - 9.72);"
                            + " return mix(e, (e - exp2(-16.0)) * 2.0, lessThan(x, vec3(" + lit((9.72 - 15) / 17.52) + ")));";
        };
        if (curve == Curve.HLG_OETF || curve == Curve.HLG_OOTF || curve == Curve.HLG_EOTF) {
            out.append(HLG_HELPERS_GUARD_START).append(hlgHelpers()).append("#endif\n");
        }
        out.append("vec3 " + name + "(vec3 c) { " + body + " }\n");
    }

    private static final String HLG_HELPERS_GUARD_START = "#ifndef XS_HLG\n#define XS_HLG\n";

    private static String hlgHelpers() {
        return "vec3 hlg_oetf(vec3 e) { return mix(" + lit(HA) + " * log(max(12.0 * e - " + lit(HB) + ", 1e-30)) + "
                + lit(HC) + ", sqrt(3.0 * e), vec3(lessThanEqual(e, vec3(" + lit(1.0 / 12) + ")))); }\n"
                + "vec3 hlg_inv_oetf(vec3 s) { return mix((exp((s - " + lit(HC) + ") / " + lit(HA) + ") + " + lit(HB)
                + ") / 12.0, s * s / 3.0, vec3(lessThanEqual(s, vec3(0.5)))); }\n"
                + "vec3 hlg_ootf(vec3 e, float lw, float g) { float y = dot(e, vec3(" + lit(KR2020) + ", "
                + lit(KG2020) + ", " + lit(KB2020) + ")); return y <= 0.0 ? vec3(0.0) : e * lw * pow(y, g - 1.0); }\n"
                + "vec3 hlg_inv_ootf(vec3 d, float lw, float g) { float y = dot(d, vec3(" + lit(KR2020) + ", "
                + lit(KG2020) + ", " + lit(KB2020)
                + ")); return y <= 0.0 ? vec3(0.0) : d * pow(y / lw, (1.0 - g) / g) / lw; }\n";
    }

    @Override
    public String describe() {
        return (inverse ? "inverse " : "") + curve.name().toLowerCase(java.util.Locale.ROOT)
                + (curve == Curve.HLG_EOTF || curve == Curve.HLG_OOTF ? " " + peak + " cd/m2" : "");
    }
}
