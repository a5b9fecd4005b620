package dev.xsight.colour;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.xsight.media.ChromaSampling;
import dev.xsight.media.Colorimetry;
import dev.xsight.media.Frame;
import dev.xsight.media.PixelFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Values published in the specifications (not produced by this code) for the transforms and options. */
class SpecAnchorsTest {

    private static double[] run(String step, double... in) {
        return ColourSteps.parseAll(List.of(step)).apply(in[0], in[1], in[2]);
    }

    @Test
    void hlgSeventyFivePercentIsReferenceWhiteOf203NitsOnA1000NitDisplay() {
        // ITU-R BT.2408-7 §2.2: HLG reference white at 75% signal, 203 cd/m² on a 1000 cd/m² display.
        double[] v = run("eotf:hlg:1000", 0.75, 0.75, 0.75);
        assertEquals(203, v[1], 0.5);
        assertArrayEquals(new double[] {0.75, 0.75, 0.75}, run("inverse-eotf:hlg:1000", v[0], v[1], v[2]), 1e-9);
    }

    @Test
    void hlgOetfReachesOneAtUnitSceneLightAndHalfAtOneTwelfth() {
        // BT.2100 Table 5: E' = sqrt(3E) up to 1/12 (E' = 0.5), a·ln(12E − b) + c above; E = 1 gives 1.0.
        assertEquals(1.0, run("oetf:hlg", 1, 1, 1)[0], 1e-7);
        assertEquals(0.5, run("oetf:hlg", 1.0 / 12, 0, 0)[0], 1e-12);
        assertEquals(0.3, run("inverse-oetf:hlg", run("oetf:hlg", 0.3, 0, 0))[0], 1e-12);
    }

    @Test
    void pqMaps100And203And10000NitsToTheirPublishedSignals() {
        // BT.2408 Table 1: 203 cd/m² = 58% PQ; 100 cd/m² = 0.508; 10000 cd/m² = 1.
        assertEquals(0.5081, run("inverse-eotf:pq", 100, 100, 100)[0], 1e-4);
        assertEquals(0.58, run("inverse-eotf:pq", 203, 0, 0)[0], 0.005);
        assertEquals(1.0, run("inverse-eotf:pq", 10000, 0, 0)[0], 1e-12);
    }

    @Test
    void acesCctAnchorsFromS2016001() {
        // S-2016-001 Table: ACEScct(0) = 0.0729055341958355, ACEScct(0.18) = 0.4135884.
        double[] cct = run("aces-to-acescct", 0.18, 0.18, 0.18);
        assertEquals(0.4135884, cct[0], 1e-6);
        assertEquals(0.0729055341958355, run("aces-to-acescct", 0, 0, 0)[1], 1e-12);
        assertArrayEquals(new double[] {0.18, 0.18, 0.18}, run("acescct-to-aces", cct), 1e-9);
        assertEquals(0.4135884, run("aces-to-acescc", 0.18, 0.18, 0.18)[2], 1e-6);
    }

    @Test
    void bradfordKeepsWhiteWhiteBetweenDciAndD65Gamuts() {
        assertArrayEquals(new double[] {1, 1, 1}, run("gamut:dcip3:rec709", 1, 1, 1), 1e-12);
        assertArrayEquals(new double[] {1, 1, 1}, run("gamut:ap0:rec2020", 1, 1, 1), 1e-12);
        double[] p3 = run("gamut:rec709:p3d65", 0.2, 0.5, 0.7);
        assertArrayEquals(new double[] {0.2, 0.5, 0.7}, run("gamut:p3d65:rec709", p3), 1e-12);
    }

    @Test
    void yCbCrRangesAndDepthsFollowTheQuantisationEquations() {
        // Full range 8-bit BT.601: Y 255, Cb = Cr = 128 is white; narrow 12-bit BT.2020: Y 256 is black, 3760 white.
        assertArrayEquals(new double[] {1, 1, 1}, run("ycbcr:bt601:full:8", 255, 128, 128), 1e-12);
        assertArrayEquals(new double[] {0, 0, 0}, run("ycbcr:bt2020:narrow:12", 256, 2048, 2048), 1e-12);
        assertArrayEquals(new double[] {1, 1, 1}, run("ycbcr:bt2020:narrow:12", 3760, 2048, 2048), 1e-12);
        // BT.601 red: Y' = 0.299, Cr = 0.5 → narrow 8-bit (16 + 219·0.299, 128 − 224·0.1687, 240).
        double y = 16 + 219 * 0.299, cb = 128 + 224 * (-0.299 / 1.772), cr = 128 + 224 * 0.5;
        assertArrayEquals(new double[] {1, 0, 0}, run("ycbcr:bt601:narrow:8", y, cb, cr), 1e-9);
    }

    @Test
    void chromaOfA422FrameIsInterpolatedBetweenCoSitedSamples() {
        Frame f = Frame.allocate(PixelFormat.YUV422P10, 4, 1).colorimetry(Colorimetry.BT709);
        f.plane(1)[0] = 100;
        f.plane(1)[1] = 300;
        ChromaSiting s = ChromaSiting.of(ChromaSampling.S422, Colorimetry.ChromaSiting.LEFT);
        assertEquals(100, s.sample(f, 1, 0, 0), 1e-12, "co-sited with luma 0");
        assertEquals(200, s.sample(f, 1, 1, 0), 1e-12, "between chroma 0 and 1");
        assertEquals(300, s.sample(f, 1, 3, 0), 1e-12, "clamped at the right edge");
        ChromaSiting centre = ChromaSiting.of(ChromaSampling.S422, Colorimetry.ChromaSiting.CENTER);
        assertEquals(150, centre.sample(f, 1, 1, 0), 1e-12, "centred siting puts chroma 0 at luma 0.5");
    }

    @Test
    void acesOutputsPutMidGreyWhereTheirTonescalesSay() {
        // ACES 1.3 HDR: 18% grey at Y_MID = 15 cd/m² (RRTODT.Academy.*_1000nits_15nits_ST2084).
        double[] pq = ColourSteps.parseAll(List.of("aces-output:1.3:pq1000-p3d65lim", "eotf:pq")).apply(0.18, 0.18, 0.18);
        assertEquals(15, pq[1], 0.01);
        // ACES 1.3 SDR: 18% grey renders to 10% of 48 cd/m² on the cinema curve → about 0.1 in display light.
        double[] sdr = ColourSteps.parseAll(List.of("aces-output:1.3:rec709-100", "eotf:bt1886")).apply(0.18, 0.18, 0.18);
        assertEquals(0.1, sdr[1], 0.01);
    }

    @Test
    void standardDefinitionPrimariesGiveTheirPublishedNormalisedPrimaryMatrices() {
        // SMPTE RP 145 / ST 170M ("SMPTE C") and EBU Tech 3213 primaries with D65: the RGB→XYZ matrices as
        // published by B. Lindbloom ("RGB/XYZ Matrices": SMPTE-C RGB, PAL/SECAM RGB), rounded to 4 decimals. Those
        // use D65 from ASTM E308 (xy 0.31271, 0.32902); BT.709's four-digit D65 (ours) moves the Z row by up to
        // 2.3e-4, so the luminance row is held to 1e-4 and the others to 3e-4.
        double[][] smpteC = {{0.3936, 0.3652, 0.1916}, {0.2124, 0.7010, 0.0865}, {0.0187, 0.1119, 0.9582}};
        double[][] ebu = {{0.4306, 0.3415, 0.1783}, {0.2220, 0.7066, 0.0713}, {0.0202, 0.1296, 0.9391}};
        for (int r = 0; r < 3; r++) {
            double tolerance = r == 1 ? 1e-4 : 3e-4;
            for (int c = 0; c < 3; c++) {
                assertEquals(smpteC[r][c], Gamut.REC601_525.toXyz().get(r, c), tolerance,
                        "SMPTE C [" + r + "][" + c + "]");
                assertEquals(ebu[r][c], Gamut.REC601_625.toXyz().get(r, c), tolerance, "EBU [" + r + "][" + c + "]");
            }
        }
    }

    @Test
    void a525LineSourceIsConvertedToRec709InsteadOfBeingTakenAsRec709() {
        // Pure SMPTE C green lies inside Rec.709's gamut but is not Rec.709 green: the pipeline must convert it.
        Frame f = Frame.allocate(PixelFormat.YUV444P10, 2, 2).colorimetry(Colorimetry.BT709);
        // R'G'B' = (0, 1, 0) in BT.601 Y'CbCr, narrow 10-bit (Kr 0.299, Kb 0.114).
        double y = 0.587, cb = -0.587 / 1.772, cr = -0.587 / 1.402;
        java.util.Arrays.fill(f.plane(0), (short) Math.round(64 + 876 * y));
        java.util.Arrays.fill(f.plane(1), (short) Math.round(512 + 896 * cb));
        java.util.Arrays.fill(f.plane(2), (short) Math.round(512 + 896 * cr));
        Colorimetry ntsc = new Colorimetry(Colorimetry.Primaries.BT601_525, Colorimetry.BT709.transfer(),
                Colorimetry.Matrix.BT601, Colorimetry.BT709.range(), Colorimetry.BT709.siting());
        f.colorimetry(ntsc);
        double[] out = FrameColour.render(f, DisplayPipeline.rec709Bt1886().compile(f.format(), ntsc));
        // Expected from the matrices alone: linear (0, 1, 0) in SMPTE C → Rec.709, BT.1886 encoded (gamma 1/2.4).
        double[] lin = Gamut.REC601_525.to(Gamut.REC709).apply(new double[] {0, 1, 0});
        assertEquals(Math.pow(Math.max(0, lin[1]), 1 / 2.4), out[1], 2e-3, "green");
        assertEquals(Math.pow(Math.max(0, Math.min(1, lin[0])), 1 / 2.4), out[0], 2e-3, "red of SMPTE C green");
        assertTrue(out[0] > 0.2, "SMPTE C green has red in Rec.709 terms: " + out[0]);
    }
}
