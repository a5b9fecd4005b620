package dev.xsight.export;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.xsight.media.FrameRate;
import dev.xsight.review.Note;
import dev.xsight.review.NoteStatus;
import dev.xsight.review.Session;
import dev.xsight.review.Severity;
import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * OpenTimelineIO ({@code .otio}, JSON): a {@code Timeline.1} whose top {@code Stack.1} carries one
 * {@code Marker.2} per note, {@code marked_range} a {@code TimeRange.1} of {@code RationalTime.1} in frames at the
 * session rate relative to {@code global_start_time} (the hour of the first note), {@code color} from the severity,
 * {@code comment} the text, and everything else under {@code metadata.xsight}. Reading takes the markers on the
 * timeline's stack and on its tracks (timeline time); markers on clips are in clip media time and are skipped.
 */
final class OtioMarkers implements NoteCodec {
    /** Deepest nesting followed when looking for markers (bounds recursion on hostile files). */
    private static final int MAX_DEPTH = 64;

    @Override
    public void write(Session session, List<Note> notes, OutputStream out) throws IOException {
        FrameRate rate = session.rate();
        long start = notes.isEmpty() ? 0
                : notes.stream().mapToLong(n -> n.tcIn().toFrameCount(rate)).min().orElse(0);
        // Editorial timelines start on the hour (01:00:00:00 by convention): anchor at the first note's hour.
        int hour = session.timecodeAt(start).hours();
        long origin = new dev.xsight.media.Timecode(hour, 0, 0, 0, session.dropFrame()).toFrameCount(rate);
        ObjectNode tl = NoteJson.MAPPER.createObjectNode();
        tl.put("OTIO_SCHEMA", "Timeline.1");
        tl.putObject("metadata").set("xsight", NoteJson.sessionNode(session));
        tl.put("name", session.title());
        tl.set("global_start_time", time(origin, rate));
        ObjectNode stack = tl.putObject("tracks");
        stack.put("OTIO_SCHEMA", "Stack.1");
        stack.putObject("metadata");
        stack.put("name", "tracks");
        stack.putNull("source_range");
        stack.putArray("effects");
        ArrayNode markers = stack.putArray("markers");
        stack.put("enabled", true);
        stack.putArray("children");
        for (Note n : notes) {
            ObjectNode m = markers.addObject();
            m.put("OTIO_SCHEMA", "Marker.2");
            ObjectNode meta = NoteJson.toNode(n, session, false);
            meta.remove(List.of("text", "drawings", "hasFrameGrab"));
            m.putObject("metadata").set("xsight", meta);
            String firstLine = MarkerText.oneLine(n.text());
            m.put("name", firstLine.length() > 80 ? firstLine.substring(0, 80) : firstLine);
            m.put("color", MarkerText.otioColour(n.severity()));
            ObjectNode range = m.putObject("marked_range");
            range.put("OTIO_SCHEMA", "TimeRange.1");
            range.set("duration", time(n.durationFrames(rate), rate));
            range.set("start_time", time(n.tcIn().toFrameCount(rate) - origin, rate));
            m.put("comment", n.text());
        }
        NoteJson.MAPPER.writerWithDefaultPrettyPrinter().writeValue(out, tl);
    }

    private static ObjectNode time(long frames, FrameRate rate) {
        ObjectNode t = NoteJson.MAPPER.createObjectNode();
        t.put("OTIO_SCHEMA", "RationalTime.1");
        t.put("rate", rate.toDouble());
        t.put("value", (double) frames);
        return t;
    }

    @Override
    public ImportResult read(Session session, String text) {
        JsonNode root;
        try {
            root = NoteJson.MAPPER.readTree(text);
        } catch (JsonProcessingException e) {
            return new ImportResult(List.of(), List.of(ImportProblem.atLine(e.getLocation() == null ? 0
                    : e.getLocation().getLineNr(), "not valid JSON: " + e.getOriginalMessage())));
        }
        List<Note> notes = new ArrayList<>();
        List<ImportProblem> problems = new ArrayList<>();
        if (root == null || !root.path("OTIO_SCHEMA").asText("").startsWith("Timeline.")) {
            problems.add(new ImportProblem("file", "not an OpenTimelineIO timeline (no Timeline.1 at the top)"));
            return new ImportResult(notes, problems);
        }
        long origin;
        try {
            origin = root.hasNonNull("global_start_time") ? frames(root.get("global_start_time"), session) : 0;
        } catch (IllegalArgumentException e) {
            problems.add(new ImportProblem("global_start_time", e.getMessage()));
            return new ImportResult(notes, problems);
        }
        int[] counter = {0};
        collect(root.path("tracks"), session, origin, notes, problems, counter, 0);
        return new ImportResult(notes, problems);
    }

    private static void collect(JsonNode comp, Session s, long origin, List<Note> notes, List<ImportProblem> problems,
            int[] counter, int depth) {
        String schema = comp.path("OTIO_SCHEMA").asText("");
        if (depth > MAX_DEPTH || !(schema.startsWith("Stack.") || schema.startsWith("Track."))) {
            return;
        }
        for (JsonNode m : comp.path("markers")) {
            counter[0]++;
            try {
                notes.add(marker(m, s, origin));
            } catch (IllegalArgumentException e) {
                problems.add(new ImportProblem("marker " + counter[0], e.getMessage()));
            }
        }
        for (JsonNode child : comp.path("children")) {
            collect(child, s, origin, notes, problems, counter, depth + 1);
        }
    }

    private static Note marker(JsonNode m, Session s, long origin) {
        if (!m.path("OTIO_SCHEMA").asText("").startsWith("Marker.")) {
            throw new IllegalArgumentException("expected a Marker, found " + m.path("OTIO_SCHEMA").asText("nothing"));
        }
        JsonNode range = m.path("marked_range");
        long in = origin + frames(range.path("start_time"), s);
        long duration = Math.max(1, frames(range.path("duration"), s));
        JsonNode x = m.path("metadata").path("xsight");
        String comment = m.path("comment").asText("");
        String text = comment.isEmpty() ? m.path("name").asText("") : comment;
        Severity severity = x.has("severity") ? Severity.parse(x.get("severity").asText())
                : MarkerText.severityOfColour(m.path("color").asText(""));
        String tcIn = s.timecodeAt(in).toString();
        String tcOut = s.timecodeAt(in + duration - 1).toString();
        if (x.has("tcIn") && !x.get("tcIn").asText().equals(tcIn)) {
            throw new IllegalArgumentException("marked_range starts at " + tcIn + " but metadata says "
                    + x.get("tcIn").asText());
        }
        return ImportedNotes.build(s, x.path("id").asText(""), x.path("source").asText(""), tcIn, tcOut, null,
                x.path("category").asText(""), severity, text, x.path("author").asText(""),
                x.has("status") ? NoteStatus.parse(x.get("status").asText()) : NoteStatus.OPEN,
                CsvNotes.instant(x.path("created").asText("")), CsvNotes.instant(x.path("edited").asText("")));
    }

    /** A RationalTime in whole frames of the session rate; a time between frames is refused. */
    static long frames(JsonNode t, Session s) {
        if (!t.path("OTIO_SCHEMA").asText("").startsWith("RationalTime.") || !t.path("rate").isNumber()
                || !t.path("value").isNumber()) {
            throw new IllegalArgumentException("expected a RationalTime with numeric rate and value");
        }
        double rate = t.get("rate").asDouble();
        double value = t.get("value").asDouble();
        if (!(rate > 0) || !Double.isFinite(value) || Math.abs(value) > 1e12) {
            throw new IllegalArgumentException("bad RationalTime rate " + rate + " value " + value);
        }
        double frames = value * s.rate().toDouble() / rate;
        long whole = Math.round(frames);
        if (Math.abs(frames - whole) > 1e-3) {
            throw new IllegalArgumentException("time " + value + " at rate " + rate + " is not on a frame of "
                    + s.rate().label() + " fps");
        }
        return whole;
    }
}
