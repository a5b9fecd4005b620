package dev.xsight.colour.io;
import dev.xsight.colour.AcesOutput;
import dev.xsight.colour.Cdl;
import dev.xsight.colour.CdlOp;
import dev.xsight.colour.DisplayPipeline;
import dev.xsight.colour.Lut3dOp;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Reads an ACES Metadata File (SMPTE ST 2136-? / Academy S-2019-001 AMF v1/v2) into a {@link DisplayPipeline}: the
 * input transform (ACEScct, ACEScc, ACEScg or ACES2065-1 working data; camera IDTs are refused by name), the
 * non-applied look transforms (ASC CDL inline or by file, LUT/CLF files) and the output transform (combined
 * RRTODT / Output id, or RRT + ODT). Transform ids are matched on their descriptive part. Safe XML (no DOCTYPE).
 */
public final class AmfFile {
    private AmfFile() {
    }

    public static DisplayPipeline read(Path path) throws IOException {
        try (InputStream in = Files.newInputStream(path)) {
            return read(in, path.toString(), path.toAbsolutePath().getParent());
        }
    }

    public static DisplayPipeline read(InputStream in, String file, Path base) throws IOException {
        XmlTree root = XmlTree.parse(in, file);
        if (!root.name().equals("acesMetadataFile")) {
            throw new ColourFileException(file, root.line(), "root element is <" + root.name() + ">, not <acesMetadataFile>");
        }
        XmlTree pipeline = root.child("pipeline").orElseThrow(
                () -> new ColourFileException(file, root.line(), "no <pipeline>"));
        DisplayPipeline.Input input = DisplayPipeline.Input.ACES2065;
        Optional<XmlTree> it = pipeline.child("inputTransform");
        if (it.isPresent() && !"true".equalsIgnoreCase(it.get().attr("applied"))) {
            String id = transformId(it.get(), file);
            String l = id.toLowerCase(Locale.ROOT);
            if (l.contains("acescct_to_aces")) {
                input = DisplayPipeline.Input.ACESCCT;
            } else if (l.contains("acescc_to_aces")) {
                input = DisplayPipeline.Input.ACESCC;
            } else if (l.contains("acescg_to_aces")) {
                input = DisplayPipeline.Input.ACESCG;
            } else {
                throw new ColourFileException(file, it.get().line(), "unsupported input transform '"
                        + LutFile.abbreviate(id) + "' (ACEScct, ACEScc, ACEScg or ACES2065-1 data)");
            }
        }
        Optional<DisplayPipeline.CdlStep> cdl = Optional.empty();
        List<DisplayPipeline.LutStep> luts = new ArrayList<>();
        for (XmlTree look : pipeline.all("lookTransform")) {
            if ("true".equalsIgnoreCase(look.attr("applied"))) {
                continue;
            }
            Optional<XmlTree> sop = look.find("SOPNode");
            Optional<XmlTree> fileRef = look.child("file");
            if (sop.isPresent() || look.find("SatNode").isPresent()) {
                if (cdl.isPresent() || !luts.isEmpty()) {
                    throw new ColourFileException(file, look.line(), "only one CDL look before any LUT looks is supported");
                }
                XmlTree holder = look.find("ColorCorrection").orElse(look);
                Cdl c = CdlFile.parse(holder.name().equals("ColorCorrection") ? holder
                        : new XmlTree("ColorCorrection", java.util.Map.of(), "", collectCdlNodes(look), look.line()), file);
                Path tmp = writeCc(c);
                cdl = Optional.of(new DisplayPipeline.CdlStep(tmp, null, CdlOp.Style.ASC));
            } else if (fileRef.isPresent()) {
                Path p = base.resolve(fileRef.get().text());
                luts.add(new DisplayPipeline.LutStep(p, Lut3dOp.Interpolation.TETRAHEDRAL));
            } else {
                throw new ColourFileException(file, look.line(), "look transform with neither CDL nor file");
            }
        }
        XmlTree ot = pipeline.child("outputTransform").orElseThrow(
                () -> new ColourFileException(file, pipeline.line(), "no <outputTransform>"));
        String id = ot.child("transformId").map(XmlTree::text)
                .or(() -> ot.find("outputDeviceTransform").flatMap(o -> o.child("transformId")).map(XmlTree::text))
                .orElseThrow(() -> new ColourFileException(file, ot.line(), "output transform without a transformId"));
        DisplayPipeline.Output output = outputFor(id, file, ot.line());
        return new DisplayPipeline(Optional.empty(), input, cdl, luts, output);
    }

    private static List<XmlTree> collectCdlNodes(XmlTree look) {
        List<XmlTree> out = new ArrayList<>();
        look.find("SOPNode").ifPresent(out::add);
        look.find("SatNode").ifPresent(out::add);
        return out;
    }

    /** The CDL of an AMF look goes to a temporary .cc so that the pipeline stays a value of file references. */
    private static Path writeCc(Cdl c) throws IOException {
        Path p = Files.createTempFile("xsight-amf-", ".cc");
        p.toFile().deleteOnExit();
        double[] s = c.slope(), o = c.offset(), w = c.power();
        Files.writeString(p, String.format(Locale.ROOT, "<ColorCorrection id=\"amf\"><SOPNode><Slope>%s %s %s</Slope>"
                + "<Offset>%s %s %s</Offset><Power>%s %s %s</Power></SOPNode><SatNode><Saturation>%s</Saturation>"
                + "</SatNode></ColorCorrection>", s[0], s[1], s[2], o[0], o[1], o[2], w[0], w[1], w[2], c.saturation()));
        return p;
    }

    private static String transformId(XmlTree t, String file) {
        return t.child("transformId").map(XmlTree::text).orElseThrow(
                () -> new ColourFileException(file, t.line(), "<" + t.name() + "> without <transformId>"));
    }

    static DisplayPipeline.Output outputFor(String id, String file, int line) {
        String l = id.toLowerCase(Locale.ROOT);
        boolean v2 = l.contains(":v2.") || l.contains(".a2.") || l.contains("output.academy");
        AcesOutput.Version v = v2 ? AcesOutput.Version.V2_0 : AcesOutput.Version.V1_3;
        AcesOutput.Target t;
        if (l.contains("rec709_100nits") || l.contains("rec709-d65_100nit")) {
            t = AcesOutput.Target.REC709_100;
        } else if (l.contains("srgb_100nits") || l.contains("srgb-d65_100nit")) {
            t = AcesOutput.Target.SRGB_100;
        } else if (l.contains("p3d65_1000nits") || l.contains("p3-d65_1000nit")) {
            t = AcesOutput.Target.PQ1000_P3D65_LIMITED;
        } else if (l.contains("rec2020_1000nits") || l.contains("rec2020-d65_1000nit")) {
            t = AcesOutput.Target.PQ1000_REC2020_LIMITED;
        } else {
            throw new ColourFileException(file, line, "unsupported output transform '" + LutFile.abbreviate(id) + "'");
        }
        return new DisplayPipeline.AcesOutputStep(v, t);
    }
}
