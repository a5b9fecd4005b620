package dev.xsight.colour;

import dev.xsight.media.ColourModel;
import dev.xsight.media.Colorimetry;
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
 * @param source colorimetry override; empty = take it from the frame
 */
public record DisplayPipeline(Optional<Colorimetry> source, Input input, Optional<CdlStep> cdl, List<LutStep> luts,
        Output output) {

    public DisplayPipeline {
        luts = List.copyOf(luts);
    }

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
     * Plain display encoding: gamut conversion (Bradford if whites differ) then the inverse EOTF. For PQ, relative
     * 1.0 is placed at {@code referenceWhiteNits}.
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
                new DisplayEncoding(Gamut.REC2020, Colorimetry.Transfer.PQ, 203));
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

    /** Source signal → relative linear light (1.0 = reference white; PQ: 1.0 = 100 cd/m²). */
    static List<ColourOp> toLinear(Colorimetry.Transfer t) {
        return switch (t) {
            case SRGB -> List.of(TransferOp.of(TransferOp.Curve.SRGB, false));
            case PQ -> List.of(TransferOp.of(TransferOp.Curve.PQ, false),
                    new RangeOp(0.01, 0, Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY));
            case HLG -> List.of(new TransferOp(TransferOp.Curve.HLG_EOTF, false, 1000),
                    new RangeOp(0.01, 0, Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY));
            case LINEAR -> List.of();
            case GAMMA26 -> List.of(new ExponentOp(ExponentOp.Style.BASIC, false, new double[] {2.6, 2.6, 2.6}, null));
            default -> List.of(TransferOp.of(TransferOp.Curve.BT1886, false));
        };
    }

    private static List<ColourOp> encode(DisplayEncoding d) {
        return switch (d.transfer()) {
            case SRGB -> List.of(RangeOp.clamp(0, 1), TransferOp.of(TransferOp.Curve.SRGB, true));
            case PQ -> List.of(new RangeOp(d.referenceWhiteNits(), 0, 0, 10000), TransferOp.of(TransferOp.Curve.PQ, true));
            case HLG -> List.of(new RangeOp(d.referenceWhiteNits(), 0, 0, 1000),
                    new TransferOp(TransferOp.Curve.HLG_EOTF, true, 1000));
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
            default -> Gamut.REC709;
        };
    }
}
