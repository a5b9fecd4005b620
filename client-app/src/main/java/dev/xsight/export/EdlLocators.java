package dev.xsight.export;

import dev.xsight.review.Note;
import dev.xsight.review.NoteStatus;
import dev.xsight.review.Session;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.regex.Pattern;

/**
 * CMX 3600 EDL with Avid locator comments: one event per note spanning its frames, followed by
 * {@code * LOC: HH:MM:SS:FF COLOUR [CODE] text}; the colour carries the severity (red blocker, yellow issue, blue
 * FYI). Reading takes every {@code * LOC:} line of any EDL; a locator on its event's record in spans the event.
 */
final class EdlLocators implements NoteCodec {
    private static final Pattern LOC = Pattern.compile("^\\*\\s*LOC:\\s*(\\S+)\\s+(\\S+)\\s*(.*)$",
            Pattern.CASE_INSENSITIVE);

    @Override
    public void write(Session session, List<Note> notes, OutputStream out) throws IOException {
        StringBuilder b = new StringBuilder(EdlText.header(session));
        int number = 1;
        for (Note n : notes) {
            b.append(EdlText.event(number++, "AX", session, n));
            b.append(String.format("* LOC: %s %-7s %s", n.tcIn(), MarkerText.avidColour(n.severity()).toUpperCase(
                    java.util.Locale.ROOT), MarkerText.encode(n.category(), n.text()))).append("\r\n\r\n");
        }
        out.write(b.toString().getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public ImportResult read(Session session, String text) {
        return EdlText.read(session, text, LOC, false, (m, event, drop) -> {
            String tc = EdlText.label(m.group(1), drop);
            String out = null;
            if (event != null && tc.equals(event.in())) {
                out = session.parseTimecode(event.out()).plusFrames(-1, session.rate()).toString();
            }
            String[] parts = MarkerText.decode(m.group(3));
            return ImportedNotes.build(session, null, "", tc, out, null, parts[0],
                    MarkerText.severityOfColour(m.group(2)), parts[1], "", NoteStatus.OPEN, null, null);
        });
    }
}
