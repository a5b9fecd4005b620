package dev.xsight.colour.io;
import dev.xsight.colour.Cdl;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads ASC CDL XML: {@code .cc} (one ColorCorrection), {@code .ccc} (ColorCorrectionCollection) and {@code .cdl}
 * (ColorDecisionList). The XML reader refuses DOCTYPEs (no external entities). Thread-safe.
 */
public final class CdlFile {
    private CdlFile() {
    }

    /** Every ColorCorrection in the file, in document order. */
    public static List<Cdl> readAll(Path path) throws IOException {
        try (InputStream in = Files.newInputStream(path)) {
            return readAll(in, path.toString());
        }
    }

    public static List<Cdl> readAll(InputStream in, String file) throws IOException {
        XmlTree root = XmlTree.parse(in, file);
        List<XmlTree> ccs = new ArrayList<>();
        collect(root, ccs);
        if (ccs.isEmpty()) {
            throw new ColourFileException(file, root.line(), "no ColorCorrection element in <" + root.name() + ">");
        }
        List<Cdl> out = new ArrayList<>();
        for (XmlTree cc : ccs) {
            out.add(parse(cc, file));
        }
        return out;
    }

    /** The correction with {@code id}, or the first one when {@code id} is null. */
    public static Cdl read(Path path, String id) throws IOException {
        List<Cdl> all = readAll(path);
        if (id == null) {
            return all.get(0);
        }
        return all.stream().filter(c -> c.id().equals(id)).findFirst().orElseThrow(
                () -> new ColourFileException(path.toString(), 0, "no ColorCorrection with id '" + id + "'"));
    }

    private static void collect(XmlTree t, List<XmlTree> out) {
        if (t.name().equals("ColorCorrection")) {
            out.add(t);
            return;
        }
        for (XmlTree c : t.children()) {
            collect(c, out);
        }
    }

    /** Parses a ColorCorrection (or CLF ASC_CDL) element holding SOPNode and SatNode. */
    static Cdl parse(XmlTree cc, String file) {
        String id = cc.attr("id") == null ? "" : cc.attr("id");
        Optional<XmlTree> sop = cc.child("SOPNode");
        Optional<XmlTree> sat = cc.child("SatNode").or(() -> cc.child("SATNode"));
        if (sop.isEmpty() && sat.isEmpty()) {
            throw new ColourFileException(file, cc.line(), "ColorCorrection '" + id + "' has neither SOPNode nor SatNode");
        }
        double[] slope = {1, 1, 1}, offset = {0, 0, 0}, power = {1, 1, 1};
        double saturation = 1;
        if (sop.isPresent()) {
            slope = triple(sop.get(), "Slope", file);
            offset = triple(sop.get(), "Offset", file);
            power = triple(sop.get(), "Power", file);
        }
        if (sat.isPresent()) {
            XmlTree s = sat.get().child("Saturation").orElseThrow(
                    () -> new ColourFileException(file, sat.get().line(), "SatNode without Saturation"));
            saturation = LutFile.number(file, s.line(), s.text());
        }
        try {
            return new Cdl(id, slope, offset, power, saturation);
        } catch (IllegalArgumentException e) {
            throw new ColourFileException(file, cc.line(), e.getMessage(), e);
        }
    }

    private static double[] triple(XmlTree sop, String n, String file) {
        XmlTree e = sop.child(n).orElseThrow(() -> new ColourFileException(file, sop.line(), "SOPNode without " + n));
        String[] t = e.text().split("\\s+");
        if (t.length != 3) {
            throw new ColourFileException(file, e.line(), n + " needs 3 numbers, found " + (e.text().isEmpty() ? 0 : t.length));
        }
        double[] v = new double[3];
        for (int i = 0; i < 3; i++) {
            v[i] = LutFile.number(file, e.line(), t[i]);
        }
        return v;
    }
}
