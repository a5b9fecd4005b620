package dev.xsight.export;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.xsight.review.Drawing;
import dev.xsight.review.DrawingCodec;
import dev.xsight.review.FrameGrab;
import dev.xsight.review.Note;
import dev.xsight.review.NoteStatus;
import dev.xsight.review.Session;
import dev.xsight.review.Severity;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/**
 * The JSON shape of a note, shared by {@code notes list --json} and the JSON export: timecodes as labels plus
 * frame counts, enums as lower-case words, times ISO-8601, drawings as typed objects, the frame grab as base64 PNG.
 */
public final class NoteJson {
    static final ObjectMapper MAPPER = new ObjectMapper();

    private NoteJson() {
    }

    /** One note as a JSON object; {@code withGrab} false leaves the frame grab out (a flag says it exists). */
    public static ObjectNode toNode(Note n, Session s, boolean withGrab) {
        ObjectNode o = MAPPER.createObjectNode();
        o.put("id", n.id());
        o.put("tcIn", n.tcIn().toString());
        o.put("tcOut", n.tcOut().toString());
        o.put("inFrame", n.tcIn().toFrameCount(s.rate()));
        o.put("outFrame", n.tcOut().toFrameCount(s.rate()));
        o.put("severity", n.severity().label());
        o.put("category", n.category());
        o.put("text", n.text());
        o.put("author", n.author());
        o.put("status", n.status().label());
        o.put("source", n.source());
        o.put("created", n.created().toString());
        o.put("edited", n.edited().toString());
        o.put("hasFrameGrab", n.frameGrab().isPresent());
        if (withGrab && n.frameGrab().isPresent()) {
            o.put("frameGrabPng", Base64.getEncoder().encodeToString(n.frameGrab().get().png()));
        }
        try {
            o.set("drawings", MAPPER.readTree(DrawingCodec.toJson(n.drawings())));
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
        return o;
    }

    /** All notes as a JSON array (what {@code notes list --json} prints). */
    public static ArrayNode toArray(List<Note> notes, Session s, boolean withGrab) {
        ArrayNode a = MAPPER.createArrayNode();
        for (Note n : notes) {
            a.add(toNode(n, s, withGrab));
        }
        return a;
    }

    public static ObjectNode sessionNode(Session s) {
        ObjectNode o = MAPPER.createObjectNode();
        o.put("production", s.production());
        o.put("episode", s.episode());
        o.put("deliverable", s.deliverable());
        o.put("rate", s.rate().toString());
        o.put("dropFrame", s.dropFrame());
        ArrayNode src = o.putArray("sources");
        s.sources().forEach(src::add);
        return o;
    }

    /** Reads one note object, checking it against {@code s}. @throws IllegalArgumentException naming the field */
    static Note fromNode(JsonNode o, Session s) {
        if (!o.isObject()) {
            throw new IllegalArgumentException("expected a note object");
        }
        String text = o.path("text").asText("");
        Note base = ImportedNotes.build(s, o.path("id").asText(""), o.path("source").asText(""),
                required(o, "tcIn"), o.path("tcOut").asText(""), null, o.path("category").asText(""),
                Severity.parse(required(o, "severity")), text, o.path("author").asText(""),
                NoteStatus.parse(o.path("status").asText("open")), CsvNotes.instant(o.path("created").asText("")),
                CsvNotes.instant(o.path("edited").asText("")));
        Optional<FrameGrab> grab = Optional.empty();
        if (o.hasNonNull("frameGrabPng")) {
            byte[] png;
            try {
                png = Base64.getDecoder().decode(o.get("frameGrabPng").asText());
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("frameGrabPng is not base64");
            }
            grab = Optional.of(FrameGrab.ofPng(png));
        }
        List<Drawing> drawings = o.has("drawings") ? DrawingCodec.fromJson(o.get("drawings").toString()) : List.of();
        return new Note(base.id(), base.source(), base.tcIn(), base.tcOut(), base.category(), base.severity(),
                base.text(), base.author(), base.status(), base.created(), base.edited(), grab, drawings);
    }

    private static String required(JsonNode o, String field) {
        JsonNode v = o.get(field);
        if (v == null || !v.isTextual() || v.asText().isBlank()) {
            throw new IllegalArgumentException("missing \"" + field + "\"");
        }
        return v.asText();
    }
}
