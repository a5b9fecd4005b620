package dev.xsight.export;

import dev.xsight.review.Note;
import dev.xsight.review.NoteStatus;
import dev.xsight.review.Session;
import dev.xsight.review.Severity;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Frame.io comment export (CSV, one row per comment). Columns are found by header name: the comment in
 * {@code Comment}, its timecode in {@code Timecode In}, {@code Timecode Source} or {@code Timecode}, an optional
 * {@code Timecode Out} (or {@code Duration} in frames) for range comments, the author in {@code Commenter} (or
 * {@code Name}), and {@code Completed} marking done comments (imported with status fix). Frame.io has no
 * severity: comments are imported as issues with no category. Replies without a timecode are bad lines.
 */
final class FrameIoCsv implements NoteCodec {
    @Override
    public ImportResult read(Session session, String text) {
        List<Note> notes = new ArrayList<>();
        List<ImportProblem> problems = new ArrayList<>();
        CsvRecords.Table table = CsvRecords.Table.parse(text);
        if (table.problem() != null) {
            return new ImportResult(List.of(), List.of(table.problem()));
        }
        CsvHeader h = table.header();
        int cTc = h.find("Timecode In", "Timecode Source", "Timecode");
        int cComment = h.find("Comment", "Comments");
        if (cTc < 0 || cComment < 0) {
            return new ImportResult(List.of(), List.of(ImportProblem.atLine(table.headerLine(),
                    "not a Frame.io comment export: header needs \"Comment\" and \"Timecode In\" (or \"Timecode\")")));
        }
        int cOut = h.find("Timecode Out");
        int cDuration = h.find("Duration");
        int cAuthor = h.find("Commenter", "Name", "Author");
        int cDone = h.find("Completed", "Complete");
        for (CsvRecords.Row row : table.body()) {
            List<String> f = row.fields();
            try {
                String out = CsvHeader.get(f, cOut);
                String dur = CsvHeader.get(f, cDuration);
                Long duration = null;
                if (out.isEmpty() && !dur.isEmpty()) {
                    try {
                        duration = Math.max(1, Long.parseLong(dur));
                    } catch (NumberFormatException e) {
                        throw new IllegalArgumentException("bad duration '" + dur + "': expected frames");
                    }
                }
                String done = CsvHeader.get(f, cDone).toLowerCase(Locale.ROOT);
                boolean completed = done.equals("true") || done.equals("yes") || done.equals("completed")
                        || done.equals("1");
                notes.add(ImportedNotes.build(session, null, "Frame.io", CsvHeader.get(f, cTc), out, duration, "",
                        Severity.ISSUE, cComment < f.size() ? f.get(cComment).strip() : "", CsvHeader.get(f, cAuthor),
                        completed ? NoteStatus.FIX : NoteStatus.OPEN, null, null));
            } catch (IllegalArgumentException e) {
                problems.add(ImportProblem.atLine(row.line(), e.getMessage()));
            }
        }
        return new ImportResult(notes, problems);
    }
}
