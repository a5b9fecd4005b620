package dev.xsight.colour.io;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.xsight.colour.AcesOutput;
import dev.xsight.colour.CdlOp;
import dev.xsight.colour.ChromaSiting;
import dev.xsight.colour.DisplayPipeline;
import dev.xsight.colour.Gamut;
import dev.xsight.colour.Lut3dOp;
import dev.xsight.media.Colorimetry;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Reads and writes a {@link DisplayPipeline} as JSON. File paths are resolved against the JSON file's folder.
 * <pre>
 * {"input": "video|acescct|acescc|acescg|aces",
 *  "source": {"matrix": "bt709", "range": "narrow", "transfer": "bt1886", "primaries": "bt709", "siting": "left"},
 *  "cdl": {"file": "grade.cdl", "id": "sh010", "style": "asc|noclamp"},
 *  "luts": [{"file": "show.cube", "interpolation": "tetrahedral"}, {"file": "look.clf"}],
 *  "output": {"aces": "1.3", "target": "rec709-100"}  or  {"gamut": "rec2020", "transfer": "pq", "white": 203}}
 * </pre>
 */
public final class DisplayPipelineJson {
    private DisplayPipelineJson() {
    }

    public static DisplayPipeline read(Path file) throws IOException {
        JsonNode root;
        try {
            root = new ObjectMapper().readTree(file.toFile());
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new ColourFileException(file.toString(), e.getLocation() == null ? 0 : e.getLocation().getLineNr(),
                    "malformed JSON: " + e.getOriginalMessage());
        } catch (java.io.CharConversionException e) {
            // The JSON reader guesses UTF-8/16/32 from the first bytes; text it cannot decode is not a pipeline.
            throw new ColourFileException(file.toString(), 0, "not JSON text (" + e.getMessage() + ")");
        }
        if (root == null || !root.isObject()) {
            throw new ColourFileException(file.toString(), 1, "pipeline must be a JSON object");
        }
        Path base = file.toAbsolutePath().getParent();
        String f = file.toString();
        try {
            DisplayPipeline.Input input = switch (text(root, "input", "video").toLowerCase(Locale.ROOT)) {
                case "video" -> DisplayPipeline.Input.VIDEO;
                case "acescct" -> DisplayPipeline.Input.ACESCCT;
                case "acescc" -> DisplayPipeline.Input.ACESCC;
                case "acescg" -> DisplayPipeline.Input.ACESCG;
                case "aces", "aces2065-1" -> DisplayPipeline.Input.ACES2065;
                default -> throw new IllegalArgumentException("unknown input '" + root.get("input").asText() + "'");
            };
            Optional<Colorimetry> source = Optional.empty();
            if (root.has("source")) {
                JsonNode s = root.get("source");
                source = Optional.of(new Colorimetry(
                        Colorimetry.Primaries.valueOf(enumName(text(s, "primaries", "bt709"))),
                        Colorimetry.Transfer.valueOf(enumName(text(s, "transfer", "bt1886"))),
                        matrix(text(s, "matrix", "bt709")),
                        Colorimetry.Range.valueOf(enumName(text(s, "range", "narrow"))),
                        Colorimetry.ChromaSiting.valueOf(enumName(text(s, "siting", "left")))));
            }
            Optional<DisplayPipeline.CdlStep> cdl = Optional.empty();
            if (root.has("cdl")) {
                JsonNode c = root.get("cdl");
                cdl = Optional.of(new DisplayPipeline.CdlStep(base.resolve(required(c, "file")),
                        c.has("id") ? c.get("id").asText() : null,
                        "noclamp".equalsIgnoreCase(text(c, "style", "asc")) ? CdlOp.Style.NO_CLAMP : CdlOp.Style.ASC));
            }
            List<DisplayPipeline.LutStep> luts = new ArrayList<>();
            if (root.has("luts")) {
                for (JsonNode l : root.get("luts")) {
                    luts.add(new DisplayPipeline.LutStep(base.resolve(required(l, "file")),
                            "tetrahedral".equalsIgnoreCase(text(l, "interpolation", "tetrahedral"))
                                    ? Lut3dOp.Interpolation.TETRAHEDRAL : Lut3dOp.Interpolation.TRILINEAR));
                }
            }
            JsonNode o = root.get("output");
            if (o == null) {
                throw new IllegalArgumentException("no \"output\"");
            }
            DisplayPipeline.Output output;
            if (o.has("aces")) {
                output = new DisplayPipeline.AcesOutputStep(AcesOutput.Version.parse(o.get("aces").asText()),
                        AcesOutput.Target.parse(required(o, "target")));
            } else {
                Colorimetry.Transfer transfer = Colorimetry.Transfer.valueOf(enumName(text(o, "transfer", "bt1886")));
                // Default reference white: BT.2408's 203 cd/m² for HDR encodings, 100 for SDR.
                double hdrWhite = transfer == Colorimetry.Transfer.PQ || transfer == Colorimetry.Transfer.HLG
                        ? DisplayPipeline.HDR_REFERENCE_WHITE_NITS : 100;
                output = new DisplayPipeline.DisplayEncoding(Gamut.parse(text(o, "gamut", "rec709")), transfer,
                        o.has("white") ? o.get("white").asDouble() : hdrWhite);
            }
            return new DisplayPipeline(source, input, cdl, luts, output);
        } catch (IllegalArgumentException e) {
            if (e instanceof ColourFileException c) {
                throw c;
            }
            throw new ColourFileException(f, 0, e.getMessage(), e);
        }
    }

    private static Colorimetry.Matrix matrix(String s) {
        return switch (s.toLowerCase(Locale.ROOT)) {
            case "bt601", "601" -> Colorimetry.Matrix.BT601;
            case "bt2020", "bt2020ncl", "2020" -> Colorimetry.Matrix.BT2020_NCL;
            case "identity", "rgb" -> Colorimetry.Matrix.IDENTITY;
            default -> Colorimetry.Matrix.BT709;
        };
    }

    private static String enumName(String s) {
        String u = s.toUpperCase(Locale.ROOT).replace('-', '_');
        return switch (u) {
            case "REC709" -> "BT709";
            case "REC2020" -> "BT2020";
            case "P3D65" -> "P3_D65";
            case "DCIP3" -> "DCI_P3";
            default -> u;
        };
    }

    private static String text(JsonNode n, String field, String dflt) {
        JsonNode v = n.get(field);
        return v == null || v.isNull() ? dflt : v.asText();
    }

    private static String required(JsonNode n, String field) {
        JsonNode v = n.get(field);
        if (v == null || !v.isTextual()) {
            throw new IllegalArgumentException("missing \"" + field + "\"");
        }
        return v.asText();
    }
}
