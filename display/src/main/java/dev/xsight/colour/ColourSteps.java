package dev.xsight.colour;
import dev.xsight.colour.io.CdlFile;
import dev.xsight.colour.io.ClfFile;
import dev.xsight.colour.io.LutFile;
import dev.xsight.media.Colorimetry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Parses the {@code colour eval --step} vocabulary into ops. Grammar (colon-separated):
 * <pre>
 * ycbcr:&lt;bt601|bt709|bt2020&gt;:&lt;narrow|full&gt;:&lt;bits&gt;
 * eotf:&lt;bt1886|srgb|pq|hlg:&lt;peak&gt;&gt;      inverse-eotf:&lt;same&gt;
 * oetf:hlg   inverse-oetf:hlg   ootf:hlg:&lt;peak&gt;   inverse-ootf:hlg:&lt;peak&gt;
 * gamut:&lt;from&gt;:&lt;to&gt;
 * acescct-to-aces  acescc-to-aces  acescg-to-aces  aces-to-acescct  aces-to-acescc  aces-to-acescg
 * aces-output:&lt;1.3|2.0&gt;:&lt;rec709-100|srgb-100|pq1000-p3d65lim|pq1000-rec2020lim&gt;
 * cdl:&lt;file&gt;[#id][:noclamp]   lut:&lt;file&gt;:&lt;linear|trilinear|tetrahedral&gt;   clf:&lt;file&gt;
 * </pre>
 */
public final class ColourSteps {
    private ColourSteps() {
    }

    public static ColourProgram parseAll(List<String> steps) {
        List<ColourOp> ops = new ArrayList<>();
        for (String s : steps) {
            ops.addAll(parse(s));
        }
        return new ColourProgram(ops);
    }

    public static List<ColourOp> parse(String step) {
        String[] t = step.split(":");
        String head = t[0].toLowerCase(Locale.ROOT);
        try {
            return switch (head) {
                case "ycbcr" -> {
                    need(step, t, 4);
                    int bits;
                    try {
                        bits = Integer.parseInt(t[3]);
                    } catch (NumberFormatException e) {
                        throw new IllegalArgumentException("bits must be an integer in step '" + step + "'");
                    }
                    Colorimetry.Range range = switch (t[2].toLowerCase(Locale.ROOT)) {
                        case "narrow", "limited", "video" -> Colorimetry.Range.NARROW;
                        case "full" -> Colorimetry.Range.FULL;
                        default -> throw new IllegalArgumentException("range must be narrow or full in step '" + step + "'");
                    };
                    yield List.of(YCbCr.toRgb(YCbCr.Coefficients.parse(t[1]), range, bits));
                }
                case "eotf", "inverse-eotf" -> List.of(eotf(step, t, head.startsWith("inverse")));
                case "oetf", "inverse-oetf" -> {
                    need(step, t, 2);
                    if (!t[1].equalsIgnoreCase("hlg")) {
                        throw new IllegalArgumentException("only oetf:hlg is defined, got '" + step + "'");
                    }
                    yield List.of(TransferOp.of(TransferOp.Curve.HLG_OETF, head.startsWith("inverse")));
                }
                case "ootf", "inverse-ootf" -> {
                    need(step, t, 3);
                    if (!t[1].equalsIgnoreCase("hlg")) {
                        throw new IllegalArgumentException("only ootf:hlg:<peak> is defined, got '" + step + "'");
                    }
                    yield List.of(new TransferOp(TransferOp.Curve.HLG_OOTF, head.startsWith("inverse"), peak(step, t[2])));
                }
                case "gamut" -> {
                    need(step, t, 3);
                    Gamut from = Gamut.parse(t[1]), to = Gamut.parse(t[2]);
                    yield List.of(MatrixOp.of(from.to(to), from + " to " + to));
                }
                case "acescct-to-aces" -> List.of(TransferOp.of(TransferOp.Curve.ACESCCT, false), ap1ToAp0());
                // OpenColorIO's ACEScc builtin ends (and its inverse starts) with a clamp at 0 in AP0.
                case "acescc-to-aces" -> List.of(TransferOp.of(TransferOp.Curve.ACESCC, false), ap1ToAp0(),
                        RangeOp.clamp(0, Double.POSITIVE_INFINITY));
                case "acescg-to-aces" -> List.of(ap1ToAp0());
                case "aces-to-acescct" -> List.of(ap0ToAp1(), TransferOp.of(TransferOp.Curve.ACESCCT, true));
                case "aces-to-acescc" -> List.of(RangeOp.clamp(0, Double.POSITIVE_INFINITY), ap0ToAp1(),
                        TransferOp.of(TransferOp.Curve.ACESCC, true));
                case "aces-to-acescg" -> List.of(ap0ToAp1());
                case "aces-output" -> {
                    need(step, t, 3);
                    yield AcesOutput.ops(AcesOutput.Version.parse(t[1]), AcesOutput.Target.parse(t[2]));
                }
                case "cdl" -> cdl(step);
                case "lut" -> lut(step);
                case "clf" -> {
                    String file = step.substring(4);
                    if (file.isEmpty()) {
                        throw new IllegalArgumentException("clf step needs a file");
                    }
                    yield ClfFile.read(Path.of(file));
                }
                default -> throw new IllegalArgumentException("unknown step '" + step + "'");
            };
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the file of step '" + step + "': " + e.getMessage(), e);
        }
    }

    private static MatrixOp ap1ToAp0() {
        return MatrixOp.of(Gamut.AP1.to(Gamut.AP0), "AP1 to AP0");
    }

    private static MatrixOp ap0ToAp1() {
        return MatrixOp.of(Gamut.AP0.to(Gamut.AP1), "AP0 to AP1");
    }

    private static TransferOp eotf(String step, String[] t, boolean inverse) {
        if (t.length < 2) {
            throw new IllegalArgumentException("step '" + step + "' needs a curve (bt1886, srgb, pq, hlg:<peak>)");
        }
        return switch (t[1].toLowerCase(Locale.ROOT)) {
            case "bt1886" -> {
                need(step, t, 2);
                yield TransferOp.of(TransferOp.Curve.BT1886, inverse);
            }
            case "srgb" -> {
                need(step, t, 2);
                yield TransferOp.of(TransferOp.Curve.SRGB, inverse);
            }
            case "pq" -> {
                need(step, t, 2);
                yield TransferOp.of(TransferOp.Curve.PQ, inverse);
            }
            case "hlg" -> {
                need(step, t, 3);
                yield new TransferOp(TransferOp.Curve.HLG_EOTF, inverse, peak(step, t[2]));
            }
            default -> throw new IllegalArgumentException("unknown curve in step '" + step + "' (bt1886, srgb, pq, hlg:<peak>)");
        };
    }

    private static double peak(String step, String s) {
        try {
            double p = Double.parseDouble(s);
            if (!(p > 0 && p <= 10000)) {
                throw new NumberFormatException();
            }
            return p;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("peak must be a number of cd/m² in (0, 10000] in step '" + step + "'");
        }
    }

    private static List<ColourOp> cdl(String step) throws IOException {
        String rest = step.substring(4);
        CdlOp.Style style = CdlOp.Style.ASC;
        if (rest.toLowerCase(Locale.ROOT).endsWith(":noclamp")) {
            style = CdlOp.Style.NO_CLAMP;
            rest = rest.substring(0, rest.length() - ":noclamp".length());
        } else if (rest.toLowerCase(Locale.ROOT).endsWith(":clamp")) {
            rest = rest.substring(0, rest.length() - ":clamp".length());
        }
        String id = null;
        int hash = rest.lastIndexOf('#');
        if (hash > 0) {
            id = rest.substring(hash + 1);
            rest = rest.substring(0, hash);
        }
        if (rest.isEmpty()) {
            throw new IllegalArgumentException("cdl step needs a file");
        }
        return List.of(new CdlOp(CdlFile.read(Path.of(rest), id), style, false));
    }

    private static List<ColourOp> lut(String step) throws IOException {
        int c = step.lastIndexOf(':');
        if (c <= 4) {
            throw new IllegalArgumentException("lut step needs lut:<file>:<linear|trilinear|tetrahedral>");
        }
        String file = step.substring(4, c);
        Lut3dOp.Interpolation interp = switch (step.substring(c + 1).toLowerCase(Locale.ROOT)) {
            case "linear", "trilinear" -> Lut3dOp.Interpolation.TRILINEAR;
            case "tetrahedral" -> Lut3dOp.Interpolation.TETRAHEDRAL;
            default -> throw new IllegalArgumentException("interpolation must be linear, trilinear or tetrahedral in '"
                    + step + "'");
        };
        return LutFile.read(Path.of(file), interp);
    }

    private static void need(String step, String[] t, int n) {
        if (t.length != n) {
            throw new IllegalArgumentException("step '" + step + "' should have " + n + " colon-separated parts");
        }
    }
}
