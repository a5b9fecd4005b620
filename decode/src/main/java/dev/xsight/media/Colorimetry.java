package dev.xsight.media;

/**
 * The colour meaning of a frame's code values, carried from the bitstream or SDP to the renderer and never guessed
 * downstream (as libplacebo's {@code pl_color_space}).
 *
 * @param primaries colour primaries and white point
 * @param transfer transfer characteristic (OETF/EOTF family)
 * @param matrix Y'CbCr matrix coefficients ({@link Matrix#IDENTITY} for R'G'B')
 * @param range narrow (video) or full code range
 * @param siting position of the chroma samples relative to luma
 */
public record Colorimetry(Primaries primaries, Transfer transfer, Matrix matrix, Range range, ChromaSiting siting) {

    /** Rec.709 HD video: BT.709 primaries, BT.1886 display, BT.709 matrix, narrow range, left-sited chroma. */
    public static final Colorimetry BT709 =
            new Colorimetry(Primaries.BT709, Transfer.BT1886, Matrix.BT709, Range.NARROW, ChromaSiting.LEFT);
    /** Rec.2100 PQ with BT.2020 non-constant-luminance matrix, narrow range. */
    public static final Colorimetry BT2100_PQ =
            new Colorimetry(Primaries.BT2020, Transfer.PQ, Matrix.BT2020_NCL, Range.NARROW, ChromaSiting.LEFT);
    /** Rec.2100 HLG with BT.2020 non-constant-luminance matrix, narrow range. */
    public static final Colorimetry BT2100_HLG =
            new Colorimetry(Primaries.BT2020, Transfer.HLG, Matrix.BT2020_NCL, Range.NARROW, ChromaSiting.LEFT);

    public Colorimetry {
        if (primaries == null || transfer == null || matrix == null || range == null || siting == null) {
            throw new IllegalArgumentException("every colorimetry field is required (use UNSPECIFIED values)");
        }
    }

    public Colorimetry withRange(Range r) {
        return new Colorimetry(primaries, transfer, matrix, r, siting);
    }

    public Colorimetry withTransfer(Transfer t) {
        return new Colorimetry(primaries, t, matrix, range, siting);
    }

    /** Short label for a status bar, e.g. {@code BT.709 narrow}. */
    public String describe() {
        String p = primaries.label();
        String t = transfer == Transfer.PQ || transfer == Transfer.HLG ? " " + transfer.label() : "";
        return p + t + " " + range.name().toLowerCase(java.util.Locale.ROOT);
    }

    /** Colour primaries and white point. */
    public enum Primaries {
        BT709("BT.709"), BT2020("BT.2020"), P3_D65("P3-D65"), DCI_P3("DCI-P3"), BT601_625("BT.601-625"),
        BT601_525("BT.601-525"), ACES_AP0("ACES AP0"), ACES_AP1("ACES AP1"), UNSPECIFIED("unspecified");

        private final String label;

        Primaries(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    /** Transfer characteristics. */
    public enum Transfer {
        BT1886("BT.1886"), SRGB("sRGB"), PQ("PQ"), HLG("HLG"), LINEAR("linear"), GAMMA26("gamma 2.6"),
        UNSPECIFIED("unspecified");

        private final String label;

        Transfer(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    /** Y'CbCr matrix coefficients. */
    public enum Matrix {
        BT601, BT709, BT2020_NCL, IDENTITY, UNSPECIFIED
    }

    /** Code range: narrow (video, 64–940 at 10 bits) or full. */
    public enum Range {
        NARROW, FULL
    }

    /** Horizontal/vertical siting of chroma samples. */
    public enum ChromaSiting {
        /** Co-sited horizontally with the left luma sample, vertically centred (MPEG-2, BT.709 4:2:0). */
        LEFT,
        /** Co-sited with the top-left luma sample (BT.2020 4:2:0, 4:2:2 everywhere). */
        TOP_LEFT,
        /** Centred between luma samples (JPEG / MPEG-1). */
        CENTER,
        UNSPECIFIED
    }
}
