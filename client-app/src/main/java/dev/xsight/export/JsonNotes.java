package dev.xsight.export;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.xsight.review.Note;
import dev.xsight.review.Session;
import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * Lossless JSON: {@code {"format": "xsight-notes", "version": 1, "session": {...}, "notes": [...]}} with drawings
 * and frame grabs. Reading also accepts the bare array {@code notes list --json} prints. Bad notes are reported at
 * the line their object starts on.
 */
final class JsonNotes implements NoteCodec {
    @Override
    public void write(Session session, List<Note> notes, OutputStream out) throws IOException {
        ObjectNode root = NoteJson.MAPPER.createObjectNode();
        root.put("format", "xsight-notes");
        root.put("version", 1);
        root.set("session", NoteJson.sessionNode(session));
        root.set("notes", NoteJson.toArray(notes, session, true));
        NoteJson.MAPPER.writerWithDefaultPrettyPrinter().writeValue(out, root);
    }

    @Override
    public ImportResult read(Session session, String text) {
        List<Note> notes = new ArrayList<>();
        List<ImportProblem> problems = new ArrayList<>();
        try (JsonParser p = NoteJson.MAPPER.createParser(text)) {
            JsonToken t = p.nextToken();
            if (t == JsonToken.START_OBJECT) {
                // find "notes" at the top level
                boolean found = false;
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String name = p.currentName();
                    JsonToken v = p.nextToken();
                    if (name.equals("notes") && v == JsonToken.START_ARRAY) {
                        readArray(p, session, notes, problems);
                        found = true;
                    } else {
                        p.skipChildren();
                    }
                }
                if (!found) {
                    problems.add(ImportProblem.atLine(1, "no \"notes\" array"));
                }
            } else if (t == JsonToken.START_ARRAY) {
                readArray(p, session, notes, problems);
            } else {
                problems.add(ImportProblem.atLine(1, "expected a JSON object with \"notes\" or an array of notes"));
            }
        } catch (JsonProcessingException e) {
            JsonLocation l = e.getLocation();
            problems.add(ImportProblem.atLine(l == null ? 0 : l.getLineNr(), "not valid JSON: "
                    + e.getOriginalMessage()));
        } catch (IOException e) {
            problems.add(ImportProblem.atLine(0, e.getMessage()));
        }
        return new ImportResult(notes, problems);
    }

    private static void readArray(JsonParser p, Session s, List<Note> notes, List<ImportProblem> problems)
            throws IOException {
        for (JsonToken t = p.nextToken(); t != JsonToken.END_ARRAY; t = p.nextToken()) {
            if (t == null) {
                throw new IOException("the notes array is not closed");
            }
            int line = p.currentTokenLocation().getLineNr();
            JsonNode node = p.readValueAsTree();
            try {
                notes.add(NoteJson.fromNode(node, s));
            } catch (IllegalArgumentException e) {
                problems.add(ImportProblem.atLine(line, e.getMessage()));
            }
        }
    }
}
