package dev.xsight.gl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.xsight.colour.ColourProgram;
import dev.xsight.colour.DisplayPipeline;
import dev.xsight.colour.MatrixOp;
import dev.xsight.colour.RangeOp;
import dev.xsight.colour.TransferOp;
import dev.xsight.media.Colorimetry;
import dev.xsight.media.PixelFormat;
import java.util.Random;
import org.junit.jupiter.api.Test;

class FoldedProgramTest {

    @Test
    void rec709FromABt709SignalIsTheYcbcrMatrixAndAClamp() {
        ColourProgram full = DisplayPipeline.rec709Bt1886().compile(PixelFormat.YUV422P10, Colorimetry.BT709);
        ColourProgram folded = FoldedProgram.of(full);
        assertEquals(2, folded.ops().size(), folded.toString());
        assertSame(full.ops().get(0), folded.ops().get(0), "the Y'CbCr matrix stays");
        assertEquals(RangeOp.clamp(0, 1), folded.ops().get(1), "BT.1886, identity gamut, clamp, BT.1886⁻¹");
        sameOnTheCpu(full, folded);
    }

    @Test
    void aTransferWithoutItsInverseStays() {
        // BT.709 signal to a PQ display: decode, gamut, encode with another curve. Nothing cancels.
        ColourProgram full = DisplayPipeline.rec2100Pq1000().compile(PixelFormat.YUV422P10, Colorimetry.BT709);
        ColourProgram folded = FoldedProgram.of(full);
        assertTrue(folded.ops().stream().anyMatch(op -> op instanceof TransferOp t && t.curve() == TransferOp.Curve.PQ),
                folded.toString());
        assertTrue(folded.ops().stream().anyMatch(op -> op instanceof TransferOp t
                && t.curve() == TransferOp.Curve.BT1886), folded.toString());
        sameOnTheCpu(full, folded);
    }

    @Test
    void aPairAroundARealGamutChangeStays() {
        ColourProgram p = ColourProgram.of(TransferOp.of(TransferOp.Curve.BT1886, false),
                MatrixOp.of(dev.xsight.colour.Matrix3.diagonal(0.9, 1, 1), "not identity"), RangeOp.clamp(0, 1),
                TransferOp.of(TransferOp.Curve.BT1886, true));
        assertSame(p, FoldedProgram.of(p));
    }

    @Test
    void aClampThatIsNotAtTheCurvesEndsFoldsToTheEncodedBounds() {
        ColourProgram p = ColourProgram.of(TransferOp.of(TransferOp.Curve.SRGB, false), RangeOp.clamp(0.25, 0.5),
                TransferOp.of(TransferOp.Curve.SRGB, true));
        ColourProgram folded = FoldedProgram.of(p);
        assertEquals(1, folded.ops().size(), folded.toString());
        RangeOp r = assertInstanceOf(RangeOp.class, folded.ops().get(0));
        assertEquals(TransferOp.of(TransferOp.Curve.SRGB, true).applyTo(0.25, 0, 0)[0], r.lo(), 0);
        sameOnTheCpu(p, folded);
    }

    /**
     * Same within 1e-6 (a thousandth of a 10-bit code) on codes from below 0 to above 1023: dropping an identity
     * matrix whose off-diagonal terms are 1e-16 moves a channel by at most that much near black after the pow.
     */
    private static void sameOnTheCpu(ColourProgram a, ColourProgram b) {
        Random r = new Random(7);
        for (int i = 0; i < 10_000; i++) {
            double x = r.nextDouble() * 1200 - 100, y = r.nextDouble() * 1200 - 100, z = r.nextDouble() * 1200 - 100;
            double[] pa = a.apply(x, y, z), pb = b.apply(x, y, z);
            for (int c = 0; c < 3; c++) {
                assertEquals(pa[c], pb[c], 1e-6, "(" + x + ", " + y + ", " + z + ") channel " + c);
            }
        }
    }
}
