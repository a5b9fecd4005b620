package dev.xsight.overlay;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.xsight.colour.io.ColourFileException;
import dev.xsight.image.DisplayImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Framing guides from an ASC Framing Decision List (ASC FDL v1.0 JSON): the framing decisions (and their
 * protection areas) of one canvas, mapped from canvas pixels onto the displayed picture. Immutable.
 *
 * @param canvasWidth canvas dimensions the decisions are expressed in
 */
public record FramingDecisions(String canvasId, double canvasWidth, double canvasHeight, List<Guide> guides) {

    /** The largest FDL file read (they are small text files). */
    static final long MAX_BYTES = 4 << 20;

    /** One framing rectangle in canvas pixels; {@code protection} marks a protection area. */
    public record Guide(String label, double x, double y, double width, double height, boolean protection) {
    }

    public FramingDecisions {
        guides = List.copyOf(guides);
    }

    /** Reads {@code file}, taking the canvas with {@code canvasId} or the first canvas of the first context. */
    public static FramingDecisions read(Path file, String canvasId) throws IOException {
        String f = file.toString();
        if (Files.size(file) > MAX_BYTES) {
            throw new ColourFileException(f, 0, "FDL larger than " + MAX_BYTES + " bytes");
        }
        JsonNode root;
        try {
            root = new ObjectMapper().readTree(file.toFile());
        } catch (JsonProcessingException e) {
            throw new ColourFileException(f, e.getLocation() == null ? 0 : e.getLocation().getLineNr(),
                    "malformed JSON: " + e.getOriginalMessage());
        } catch (java.io.CharConversionException e) {
            // The JSON reader guesses UTF-8/16/32 from the first bytes; text it cannot decode is not an FDL.
            throw new ColourFileException(f, 0, "not JSON text (" + e.getMessage() + ")");
        }
        if (root == null || !root.isObject()) {
            throw new ColourFileException(f, 1, "an FDL must be a JSON object");
        }
        JsonNode contexts = root.path("contexts");
        if (!contexts.isArray() || contexts.isEmpty()) {
            throw new ColourFileException(f, 0, "no \"contexts\"");
        }
        for (JsonNode ctx : contexts) {
            for (JsonNode canvas : ctx.path("canvases")) {
                String id = canvas.path("id").asText("");
                if (canvasId == null || canvasId.equals(id)) {
                    return fromCanvas(f, canvas, id);
                }
            }
        }
        throw new ColourFileException(f, 0, canvasId == null ? "no canvas in any context" : "no canvas with id '"
                + canvasId + "'");
    }

    private static FramingDecisions fromCanvas(String f, JsonNode canvas, String id) {
        double[] dim = size(f, canvas.path("dimensions"), "canvas '" + id + "' dimensions");
        List<Guide> guides = new ArrayList<>();
        int i = 0;
        for (JsonNode d : canvas.path("framing_decisions")) {
            String where = "canvas '" + id + "' framing_decisions[" + i++ + "]";
            double[] s = size(f, d.path("dimensions"), where + ".dimensions");
            double[] a = point(f, d.path("anchor_point"), s, dim, where + ".anchor_point");
            String label = d.path("label").asText(d.path("id").asText(""));
            check(f, where, a, s, dim);
            guides.add(new Guide(label, a[0], a[1], s[0], s[1], false));
            if (d.has("protection_dimensions")) {
                double[] ps = size(f, d.path("protection_dimensions"), where + ".protection_dimensions");
                double[] pa = point(f, d.path("protection_anchor_point"), ps, dim, where + ".protection_anchor_point");
                check(f, where + " protection", pa, ps, dim);
                guides.add(new Guide(label + " protection", pa[0], pa[1], ps[0], ps[1], true));
            }
        }
        if (guides.isEmpty()) {
            throw new ColourFileException(f, 0, "canvas '" + id + "' has no framing_decisions");
        }
        return new FramingDecisions(id, dim[0], dim[1], guides);
    }

    private static void check(String f, String where, double[] a, double[] s, double[] dim) {
        if (a[0] < 0 || a[1] < 0 || a[0] + s[0] > dim[0] + 1e-6 || a[1] + s[1] > dim[1] + 1e-6) {
            throw new ColourFileException(f, 0, where + " lies outside the canvas");
        }
    }

    private static double[] size(String f, JsonNode n, String where) {
        if (!n.path("width").isNumber() || !n.path("height").isNumber()) {
            throw new ColourFileException(f, 0, where + " needs numeric width and height");
        }
        double w = n.get("width").asDouble(), h = n.get("height").asDouble();
        if (!(w > 0 && h > 0 && w < 1e6 && h < 1e6)) {
            throw new ColourFileException(f, 0, where + " must be positive and finite");
        }
        return new double[] {w, h};
    }

    /** The anchor point, or the centred position when the FDL leaves it out. */
    private static double[] point(String f, JsonNode n, double[] s, double[] dim, String where) {
        if (n.isMissingNode()) {
            return new double[] {(dim[0] - s[0]) / 2, (dim[1] - s[1]) / 2};
        }
        if (!n.path("x").isNumber() || !n.path("y").isNumber()) {
            throw new ColourFileException(f, 0, where + " needs numeric x and y");
        }
        return new double[] {n.get("x").asDouble(), n.get("y").asDouble()};
    }

    /** A guide's rectangle {x, y, w, h} in picture pixels for a picture of {@code width}×{@code height}. */
    public int[] toPicture(Guide g, int width, int height) {
        double sx = width / canvasWidth, sy = height / canvasHeight;
        return new int[] {(int) Math.round(g.x() * sx), (int) Math.round(g.y() * sy), (int) Math.round(g.width() * sx),
            (int) Math.round(g.height() * sy)};
    }

    /** Outlines every guide (protection areas dimmer). */
    public void draw(DisplayImage img) {
        for (Guide g : guides) {
            int[] r = toPicture(g, img.width(), img.height());
            Painter.outline(img, r[0], r[1], r[2], r[3], g.protection() ? new int[] {600, 600, 64} : new int[] {940, 940, 64});
        }
    }
}
