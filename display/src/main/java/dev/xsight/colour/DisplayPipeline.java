package dev.xsight.colour;
import dev.xsight.colour.io.CdlFile;
import dev.xsight.colour.io.ClfFile;
import dev.xsight.colour.io.LutFile;
import dev.xsight.media.Colorimetry;
import dev.xsight.media.ColourModel;
import dev.xsight.media.PixelFormat;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What the monitor does to a picture, as a value: how to read the source (its colorimetry, or an ACES encoding),
 * an optional CDL, optional LUTs, and the output (an ACES output transform or a plain display encoding). Compile
 * it for a pixel format to get the op list run by the CPU reference and the shader.
 *
 * <p>Order: Y'CbCr → R'G'B' (frame colorimetry) → CDL → LUTs (both on the source signal, or on ACEScct for ACES
 * input) → to linear → output. For a video source with an ACES output the linear source is converted to AP0 with
 * 1.0 = source reference white.
 *
 * <p><b>Linear light between source and output</b> is display-referred and relative to reference white: 1.0 = the
 * source's reference (diffuse) white. For SDR sources (BT.1886, sRGB, gamma 2.6) that is 100% signal, i.e. the
 * 100 cd/m² of a reference SDR display. For HDR sources it is the ITU-R BT.2408 reference white of 203 cd/m²
 * (BT.2408-7 §2.2, Table 1: PQ 58%, HLG 75%): a PQ source is decoded with the ST 2084 EOTF to cd/m² and divided by
 * {@value #HDR_REFERENCE_WHITE_NITS}; an HLG source goes through the BT.2100 HLG EOTF (inverse OETF then OOTF) at
 * its nominal peak of {@value #HLG_NOMINAL_PEAK_NITS} cd/m² and is divided the same way. The display encodings
 * place 1.0 at their {@link DisplayEncoding#referenceWhiteNits()} (203 for the PQ and HLG presets, BT.2408 §2.2),
 * so PQ → PQ 1000 and HLG → HLG 1000 are identities, SDR white lands at 203 cd/m² on an HDR display (BT.2408
 * §5.1, SDR-to-HDR mapping of reference white), and HDR reference white becomes 100% on an SDR display (values
 * above it clip; no tone mapping).
 *
 * @param source colorimetry override; empty = take it from the frame
 */
public record DisplayPipeline(Optional<Colorimetry> source, Input input, Optional<CdlStep> cdl, List<LutStep> luts,
        Output output) {

    public DisplayPipeline {
        luts = List.copyOf(luts);
    }

    /** ITU-R BT.2408 reference white for HDR (PQ and HLG) signals, cd/m²: linear 1.0 of an HDR source. */
    public static final double HDR_REFERENCE_WHITE_NITS = 203;
    /** Nominal peak of the HLG reference display (BT.2100 Table 5, L_W = 1000 cd/m²) used to decode HLG sources. */
    public static final double HLG_NOMINAL_PEAK_NITS = 1000;

    /** How source R'G'B' is to be read. */
    public enum Input { VIDEO, ACESCCT, ACESCC, ACESCG, ACES2065 }

    /** A CDL file reference. */
    public record CdlStep(Path file, String id, CdlOp.Style style) {
    }

    /** A LUT or CLF file reference. */
    public record LutStep(Path file, Lut3dOp.Interpolation interpolation) {
    }

    /** The display side. */
    public sealed interface Output permits AcesOutputStep, DisplayEncoding {
    }

    /** An ACES output transform. */
    public record AcesOutputStep(AcesOutput.Version version, AcesOutput.Target target) implements Output {
    }

    /**
     * Plain display encoding: gamut conversion (Bradford if whites differ) then the inverse EOTF. For PQ and HLG,
     * relative 1.0 (reference white) is placed at {@code referenceWhiteNits} (203 in the presets, ITU-R BT.2408);
     * SDR encodings clip linear light to [0, 1].
     */
    public record DisplayEncoding(Gamut gamut, Colorimetry.Transfer transfer, double referenceWhiteNits) implements Output {
    }

    /** Presets for the shell. */
    public static DisplayPipeline rec709Bt1886() {
        return new DisplayPipeline(Optional.empty(), Input.VIDEO, Optional.empty(), List.of(),
                new DisplayEncoding(Gamut.REC709, Colorimetry.Transfer.BT1886, 100));
    }

    public static DisplayPipeline srgb() {
        return new DisplayPipeline(Optional.empty(), Input.VIDEO, Optional.empty(), List.of(),
                new DisplayEncoding(Gamut.REC709, Colorimetry.Transfer.SRGB, 80));
    }

    public static DisplayPipeline rec2100Pq1000() {
        return new DisplayPipeline(Optional.empty(), Input.VIDEO, Optional.empty(), List.of(),
                new DisplayEncoding(Gamut.REC2020, Colorimetry.Transfer.PQ, HDR_REFERENCE_WHITE_NITS));
    }

    /** Rec.2100 HLG on a 1000 cd/m² display, reference white at 203 cd/m² (HLG 75%, BT.2408). */
    public static DisplayPipeline rec2100Hlg1000() {
        return new DisplayPipeline(Optional.empty(), Input.VIDEO, Optional.empty(), List.of(),
                new DisplayEncoding(Gamut.REC2020, Colorimetry.Transfer.HLG, HDR_REFERENCE_WHITE_NITS));
    }

    public static DisplayPipeline aces(AcesOutput.Version v, AcesOutput.Target t, Input input) {
        return new DisplayPipeline(Optional.empty(), input, Optional.empty(), List.of(), new AcesOutputStep(v, t));
    }

    public DisplayPipeline withLuts(List<LutStep> l) {
        return new DisplayPipeline(source, input, cdl, l, output);
    }

    public DisplayPipeline withCdl(CdlStep c) {
        return new DisplayPipeline(source, input, Optional.ofNullable(c), luts, output);
    }

    /** The ops for frames of {@code format} carrying {@code frameColorimetry}. Reads referenced files. */
    public ColourProgram compile(PixelFormat format, Colorimetry frameColorimetry) {
        Colorimetry c = source.orElse(frameColorimetry);
        List<ColourOp> ops = new ArrayList<>();
        if (format.model() == ColourModel.YCBCR) {
            ops.add(YCbCr.toRgb(YCbCr.Coefficients.of(c.matrix()), c.range(), format.bitDepth()));
        } else {
            double max = format.maxCode();
            ops.add(new RangeOp(1 / max, 0, Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY));
        }
        ops.addAll(grade());
        Gamut linearGamut;
        switch (input) {
            case VIDEO -> {
                ops.addAll(toLinear(c.transfer()));
                linearGamut = gamutOf(c.primaries());
            }
            case ACESCCT -> {
                ops.add(TransferOp.of(TransferOp.Curve.ACESCCT, false));
                linearGamut = Gamut.AP1;
            }
            case ACESCC -> {
                ops.add(TransferOp.of(TransferOp.Curve.ACESCC, false));
                linearGamut = Gamut.AP1;
            }
            case ACESCG -> linearGamut = Gamut.AP1;
            default -> linearGamut = Gamut.AP0;
        }
        switch (output) {
            case AcesOutputStep a -> {
                ops.add(MatrixOp.of(linearGamut.to(Gamut.AP0), linearGamut + " to AP0"));
                ops.addAll(AcesOutput.ops(a.version(), a.target()));
            }
            case DisplayEncoding d -> {
                ops.add(MatrixOp.of(linearGamut.to(d.gamut()), linearGamut + " to " + d.gamut()));
                ops.addAll(encode(d));
            }
        }
        return new ColourProgram(ops);
    }

    private List<ColourOp> grade() {
        List<ColourOp> ops = new ArrayList<>();
        try {
            if (cdl.isPresent()) {
                CdlStep s = cdl.get();
                ops.add(new CdlOp(CdlFile.read(s.file(), s.id()), s.style(), false));
            }
            for (LutStep l : luts) {
                String n = l.file().getFileName().toString().toLowerCase(java.util.Locale.ROOT);
                if (n.endsWith(".clf") || n.endsWith(".ctf") || n.endsWith(".xml")) {
                    ops.addAll(ClfFile.read(l.file()));
                } else {
                    ops.addAll(LutFile.read(l.file(), l.interpolation()));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return ops;
    }

    /**
     * Source signal → relative display linear light, 1.0 = reference white (SDR: 100% signal; PQ and HLG: the
     * BT.2408 203 cd/m², HLG decoded at its nominal 1000 cd/m² peak).
     */
    static List<ColourOp> toLinear(Colorimetry.Transfer t) {
        double perNit = 1 / HDR_REFERENCE_WHITE_NITS;
        return switch (t) {
            case SRGB -> List.of(TransferOp.of(TransferOp.Curve.SRGB, false));
            case PQ -> List.of(TransferOp.of(TransferOp.Curve.PQ, false),
                    new RangeOp(perNit, 0, Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY));
            case HLG -> List.of(new TransferOp(TransferOp.Curve.HLG_EOTF, false, HLG_NOMINAL_PEAK_NITS),
                    new RangeOp(perNit, 0, Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY));
            case LINEAR -> List.of();
            case GAMMA26 -> List.of(new ExponentOp(ExponentOp.Style.BASIC, false, new double[] {2.6, 2.6, 2.6}, null));
            default -> List.of(TransferOp.of(TransferOp.Curve.BT1886, false));
        };
    }

    private static List<ColourOp> encode(DisplayEncoding d) {
        return switch (d.transfer()) {
            case SRGB -> List.of(RangeOp.clamp(0, 1), TransferOp.of(TransferOp.Curve.SRGB, true));
            case PQ -> List.of(new RangeOp(d.referenceWhiteNits(), 0, 0, 10000), TransferOp.of(TransferOp.Curve.PQ, true));
            case HLG -> List.of(new RangeOp(d.referenceWhiteNits(), 0, 0, HLG_NOMINAL_PEAK_NITS),
                    new TransferOp(TransferOp.Curve.HLG_EOTF, true, HLG_NOMINAL_PEAK_NITS));
            case LINEAR -> List.of();
            case GAMMA26 -> List.of(RangeOp.clamp(0, 1),
                    new ExponentOp(ExponentOp.Style.BASIC, true, new double[] {2.6, 2.6, 2.6}, null));
            default -> List.of(RangeOp.clamp(0, 1), TransferOp.of(TransferOp.Curve.BT1886, true));
        };
    }

    static Gamut gamutOf(Colorimetry.Primaries p) {
        return switch (p) {
            case BT2020 -> Gamut.REC2020;
            case P3_D65 -> Gamut.P3D65;
            case DCI_P3 -> Gamut.DCIP3;
            case ACES_AP0 -> Gamut.AP0;
            case ACES_AP1 -> Gamut.AP1;
            case BT601_625 -> Gamut.REC601_625;
            case BT601_525 -> Gamut.REC601_525;
            default -> Gamut.REC709; // BT.709 and unspecified: the HD default (ITU-R BT.709, H.273 note)
        };
    }
}
