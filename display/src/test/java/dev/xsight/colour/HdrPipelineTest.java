package dev.xsight.colour;

import static dev.xsight.colour.HdrSignals.code10;
import static dev.xsight.colour.HdrSignals.pqNits;
import static dev.xsight.colour.HdrSignals.pqSignal;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.xsight.media.Colorimetry;
import dev.xsight.media.Frame;
import dev.xsight.media.PixelFormat;
import org.junit.jupiter.api.Test;

/**
 * The display pipeline's linear-light convention (1.0 = reference white: 100% SDR, 203 cd/m² for HDR, ITU-R
 * BT.2408) seen from outside: HDR signals pass through their own display unchanged, SDR white lands at 203 cd/m²
 * on a PQ display and HDR reference white at 100% on an SDR display. Expected codes come from the ST 2084 and
 * BT.1886 formulas written in the test.
 */
class HdrPipelineTest {

    private static double[] render(Frame f, DisplayPipeline p) {
        return FrameColour.render(f, p.compile(f.format(), f.colorimetry()));
    }

    private static void assertSameCodes(Frame f, double[] out) {
        double[] in = FrameColour.codes(f);
        for (int i = 0; i < in.length; i++) {
            int got = code10(out[i]);
            assertTrue(Math.abs(got - (int) in[i]) <= 1,
                    "pixel " + i / 3 + " ch " + i % 3 + ": in " + (int) in[i] + " out " + got);
        }
    }

    @Test
    void pqCodesThroughThePq1000PresetComeBackUnchanged() {
        Frame f = HdrSignals.grid(HdrSignals.rgb(Colorimetry.Transfer.PQ), HdrSignals.LEVELS);
        assertSameCodes(f, render(f, DisplayPipeline.rec2100Pq1000()));
    }

    @Test
    void hlgCodesThroughTheHlg1000PresetComeBackUnchanged() {
        Frame f = HdrSignals.grid(HdrSignals.rgb(Colorimetry.Transfer.HLG), HdrSignals.LEVELS);
        assertSameCodes(f, render(f, DisplayPipeline.rec2100Hlg1000()));
    }

    @Test
    void narrowRangePqYCbCrWhiteAtReferenceLevelStaysAt203Nits() {
        // BT.2100 narrow range: Y' = 64 + 876·E', Cb = Cr = 512 for a grey.
        int y = (int) Math.round(64 + 876 * pqSignal(203));
        Frame f = Frame.allocate(PixelFormat.YUV444P10, 8, 4).colorimetry(Colorimetry.BT2100_PQ);
        java.util.Arrays.fill(f.plane(0), (short) y);
        java.util.Arrays.fill(f.plane(1), (short) 512);
        java.util.Arrays.fill(f.plane(2), (short) 512);
        double[] out = render(f, DisplayPipeline.rec2100Pq1000());
        double expected = pqSignal(pqNits((y - 64) / 876.0)) * 1023;
        for (double v : out) {
            assertEquals(expected, v * 1023, 1.0);
        }
    }

    @Test
    void sdrHundredPercentWhiteThroughPqLandsOnThePqCodeOf203Nits() {
        // Rec.709 narrow-range 10-bit 100% white: Y' = 940, Cb = Cr = 512.
        Frame f = Frame.allocate(PixelFormat.YUV422P10, 8, 4).colorimetry(Colorimetry.BT709);
        java.util.Arrays.fill(f.plane(0), (short) 940);
        java.util.Arrays.fill(f.plane(1), (short) 512);
        java.util.Arrays.fill(f.plane(2), (short) 512);
        double[] out = render(f, DisplayPipeline.rec2100Pq1000());
        int expected = code10(pqSignal(203)); // BT.2408 Table 1: 58% PQ
        for (double v : out) {
            assertTrue(Math.abs(code10(v) - expected) <= 1, "got " + code10(v) + ", PQ(203 cd/m²) = " + expected);
        }
    }

    @Test
    void pqReferenceWhiteThroughRec709IsHundredPercentWhiteAndBrighterClips() {
        int white = code10(pqSignal(203));
        int bright = code10(pqSignal(1000));
        int dim = code10(pqSignal(50));
        Frame f = HdrSignals.flat(HdrSignals.rgb(Colorimetry.Transfer.PQ), 3, 1, 0, 0, 0);
        for (int p = 0; p < 3; p++) {
            f.plane(p)[0] = (short) white;
            f.plane(p)[1] = (short) bright;
            f.plane(p)[2] = (short) dim;
        }
        double[] out = render(f, DisplayPipeline.rec709Bt1886());
        // The 10-bit PQ code is within a fraction of a cd/m² of 203: inverse BT.1886 of its relative light.
        double whiteLinear = pqNits(white / 1023.0) / 203;
        double dimLinear = pqNits(dim / 1023.0) / 203;
        for (int c = 0; c < 3; c++) {
            assertEquals(code10(Math.pow(Math.min(1, whiteLinear), 1 / 2.4)), code10(out[c]), 1);
            assertEquals(1023, code10(out[c]), 1, "203 cd/m² is 100% white");
            assertEquals(1023, code10(out[3 + c]), "1000 cd/m² clips to 100%");
            assertEquals(code10(Math.pow(dimLinear, 1 / 2.4)), code10(out[6 + c]), 1);
        }
    }
}
