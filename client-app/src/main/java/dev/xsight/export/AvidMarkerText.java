package dev.xsight.export;

import dev.xsight.review.Note;
import dev.xsight.review.NoteStatus;
import dev.xsight.review.Session;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Avid Media Composer marker list as "Export Markers" writes it and "Import Markers" reads it: one marker per line,
 * tab-separated {@code user, timecode, track, colour, comment, duration in frames}. Later Media Composer versions
 * add columns after these; they are ignored on reading. Severity rides in the colour, category as {@code [CODE]}
 * at the start of the comment.
 */
final class AvidMarkerText implements NoteCodec {
    @Override
    public void write(Session session, List<Note> notes, OutputStream out) throws IOException {
        StringBuilder b = new StringBuilder();
        for (Note n : notes) {
            b.append(clean(n.author().isEmpty() ? "Xsight" : n.author())).append('\t').append(n.tcIn()).append('\t')
                    .append("V1").append('\t').append(MarkerText.avidColour(n.severity())).append('\t')
                    .append(MarkerText.encode(n.category(), n.text())).append('\t')
                    .append(n.durationFrames(session.rate())).append("\r\n");
        }
        out.write(b.toString().getBytes(StandardCharsets.UTF_8));
    }

    private static String clean(String s) {
        return MarkerText.oneLine(s);
    }

    @Override
    public ImportResult read(Session session, String text) {
        List<Note> notes = new ArrayList<>();
        List<ImportProblem> problems = new ArrayList<>();
        String[] lines = text.split("\\r?\\n|\\r", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            if (line.isBlank()) {
                continue;
            }
            String[] f = line.split("\t", -1);
            try {
                if (f.length < 5) {
                    throw new IllegalArgumentException("expected at least 5 tab-separated fields (user, timecode,"
                            + " track, colour, comment), got " + f.length);
                }
                Long duration = null;
                if (f.length > 5 && !f[5].isBlank()) {
                    try {
                        duration = Math.max(1, Long.parseLong(f[5].trim()));
                    } catch (NumberFormatException e) {
                        throw new IllegalArgumentException("bad duration '" + f[5] + "': expected frames");
                    }
                }
                String[] parts = MarkerText.decode(f[4]);
                // U+FEFF is no part of a name; at the start of the file it would be taken for a byte-order mark
                String user = f[0].replace("\uFEFF", "").trim();
                notes.add(ImportedNotes.build(session, null, "", f[1].trim(), null, duration, parts[0],
                        MarkerText.severityOfColour(f[3].trim()), parts[1], user, NoteStatus.OPEN, null,
                        null));
            } catch (IllegalArgumentException e) {
                problems.add(ImportProblem.atLine(i + 1, e.getMessage()));
            }
        }
        return new ImportResult(notes, problems);
    }
}
