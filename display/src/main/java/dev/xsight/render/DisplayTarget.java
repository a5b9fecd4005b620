package dev.xsight.render;

import dev.xsight.colour.AcesOutput;
import dev.xsight.colour.DisplayPipeline;
import dev.xsight.colour.Gamut;
import dev.xsight.colour.TransferOp;
import dev.xsight.media.Colorimetry;

/**
 * What the display is that a pipeline renders for: the transfer it encodes, the gamut of its primaries (whose luma
 * coefficients the scopes and zebras use) and the code depth of the target. Derived once from the pipeline's output
 * step when the render parameters are made, then carried with them (never recovered from a compiled program).
 *
 * @param transfer the encoding of the displayed codes (for the probe's cd/m²)
 * @param gamut the primaries the codes are in
 * @param bitDepth bits per channel of the rendered codes (10: the GL target and the CPU reference)
 */
public record DisplayTarget(Colorimetry.Transfer transfer, Gamut gamut, int bitDepth) {
    /** The default display: Rec.709 primaries, BT.1886, 10-bit codes. */
    public static final DisplayTarget REC709 = new DisplayTarget(Colorimetry.Transfer.BT1886, Gamut.REC709, 10);

    public DisplayTarget {
        if (bitDepth < 8 || bitDepth > 16) {
            throw new IllegalArgumentException("display depth " + bitDepth + " bits (8..16)");
        }
    }

    /** The display {@code output} encodes for, at 10 bits. */
    public static DisplayTarget of(DisplayPipeline.Output output) {
        return switch (output) {
            case DisplayPipeline.DisplayEncoding d -> new DisplayTarget(d.transfer(), d.gamut(), 10);
            case DisplayPipeline.AcesOutputStep a -> new DisplayTarget(a.target().pq() ? Colorimetry.Transfer.PQ
                    : a.target() == AcesOutput.Target.SRGB_100 ? Colorimetry.Transfer.SRGB
                    : Colorimetry.Transfer.BT1886, a.target().encoding(), 10);
        };
    }

    /**
     * The light in cd/m² this display emits for a neutral signal {@code v} (0–1) of its encoding: {@link
     * TransferOp#displayNits}, the colour ops' EOTFs at the display's reference levels.
     */
    public double nits(double v) {
        return TransferOp.displayNits(transfer, v);
    }

    /** Whether this display encodes high dynamic range (PQ or HLG), whose reference white is BT.2408's 203 cd/m². */
    public boolean hdr() {
        return transfer == Colorimetry.Transfer.PQ || transfer == Colorimetry.Transfer.HLG;
    }

    /** Whether the display's luma coefficients are BT.2020's (else BT.709's). */
    public boolean bt2020() {
        return gamut == Gamut.REC2020;
    }
}
