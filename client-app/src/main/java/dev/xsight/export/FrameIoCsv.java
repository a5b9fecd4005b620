package dev.xsight.export;

import dev.xsight.review.NoteStatus;
import dev.xsight.review.Session;
import dev.xsight.review.Severity;
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
        return CsvRecords.read(text, h -> {
            int cTc = h.find("Timecode In", "Timecode Source", "Timecode");
            int cComment = h.find("Comment", "Comments");
            if (cTc < 0 || cComment < 0) {
                throw new IllegalArgumentException("not a Frame.io comment export: header needs \"Comment\" and "
                        + "\"Timecode In\" (or \"Timecode\")");
            }
            int cOut = h.find("Timecode Out");
            int cDuration = h.find("Duration");
            int cAuthor = h.find("Commenter", "Name", "Author");
            int cDone = h.find("Completed", "Complete");
            return f -> {
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
                return ImportedNotes.build(session, null, "Frame.io", CsvHeader.get(f, cTc), out, duration, "",
                        Severity.ISSUE, cComment < f.size() ? f.get(cComment).strip() : "", CsvHeader.get(f, cAuthor),
                        completed ? NoteStatus.FIX : NoteStatus.OPEN, null, null);
            };
        });
    }
}
