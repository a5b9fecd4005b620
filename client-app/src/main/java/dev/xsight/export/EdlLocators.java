package dev.xsight.export;

import dev.xsight.review.Note;
import dev.xsight.review.NoteStatus;
import dev.xsight.review.Session;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
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
        List<Note> notes = new ArrayList<>();
        List<ImportProblem> problems = new ArrayList<>();
        boolean drop = session.dropFrame();
        String eventIn = null;
        String eventOut = null;
        String[] lines = text.split("\\r?\\n|\\r", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            int lineNo = i + 1;
            Matcher m;
            if ((m = EdlText.FCM.matcher(line)).matches()) {
                drop = EdlText.isDropFrame(m.group(1));
            } else if ((m = EdlText.EVENT.matcher(line)).matches()) {
                eventIn = EdlText.label(m.group(7), drop);
                eventOut = EdlText.label(m.group(8), drop);
            } else if ((m = LOC.matcher(line)).matches()) {
                try {
                    String tc = EdlText.label(m.group(1), drop);
                    String out = null;
                    if (tc.equals(eventIn)) {
                        out = session.parseTimecode(eventOut).plusFrames(-1, session.rate()).toString();
                    }
                    String[] parts = MarkerText.decode(m.group(3));
                    notes.add(ImportedNotes.build(session, null, "", tc, out, null, parts[0],
                            MarkerText.severityOfColour(m.group(2)), parts[1], "", NoteStatus.OPEN, null, null));
                } catch (IllegalArgumentException e) {
                    problems.add(ImportProblem.atLine(lineNo, e.getMessage()));
                }
            } else if (!line.isEmpty() && Character.isDigit(line.charAt(0))) {
                problems.add(ImportProblem.atLine(lineNo, "not a CMX 3600 event line: " + abbreviate(line)));
            }
        }
        return new ImportResult(notes, problems);
    }

    static String abbreviate(String s) {
        return s.length() > 60 ? s.substring(0, 60) + "..." : s;
    }
}
