package dev.xsight.export;

import dev.xsight.review.Note;
import dev.xsight.review.NoteStatus;
import dev.xsight.review.Session;
import dev.xsight.review.Severity;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * DaVinci Resolve timeline-marker EDL (what "Export > Timeline Markers to EDL" writes and its import reads): one
 * one-frame event per marker, followed by {@code <note> |C:ResolveColorRed |M:<name> |D:<frames>}. We write the
 * note text before {@code |C:}, {@code severity CODE} as the marker name, and the range as the duration (text and
 * name on one line, with {@code '|'} written as {@code '/'}: the format has no escape for its tags). Reading
 * Resolve's own files: the name is kept as the text when the note is empty, the colour gives the severity.
 */
final class ResolveMarkerEdl implements NoteCodec {
    private static final Pattern MARKER = Pattern.compile("^(.*?)\\s*\\|C:(\\S*)\\s*\\|M:(.*?)\\s*\\|D:(\\d+)\\s*$");

    @Override
    public void write(Session session, List<Note> notes, OutputStream out) throws IOException {
        StringBuilder b = new StringBuilder(EdlText.header(session));
        int number = 1;
        for (Note n : notes) {
            String in = n.tcIn().toString();
            String next = n.tcIn().plusFrames(1, session.rate()).toString();
            b.append(String.format("%03d  001      V     C        %s %s %s %s  \r\n", number++, in, next, in, next));
            String name = (n.severity().label() + " " + n.category()).strip();
            b.append(' ').append(clean(n.text())).append(" |C:").append(MarkerText.resolveColour(n.severity()))
                    .append(" |M:").append(clean(name)).append(" |D:").append(n.durationFrames(session.rate()))
                    .append("\r\n\r\n");
        }
        out.write(b.toString().getBytes(StandardCharsets.UTF_8));
    }

    private static String clean(String s) {
        return MarkerText.oneLine(s).replace('|', '/');
    }

    @Override
    public ImportResult read(Session session, String text) {
        return EdlText.read(session, text, MARKER, true, (m, event, drop) -> {
            try {
                if (event == null || event.in() == null) {
                    throw new IllegalArgumentException("marker before any event line");
                }
                return note(session, event.in(), m);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(e.getMessage() + " (event at line " + (event == null ? 0
                        : event.line()) + ")", e);
            }
        });
    }

    private static Note note(Session session, String tcIn, Matcher m) {
        String noteText = m.group(1).strip();
        String colour = m.group(2);
        String name = m.group(3).strip();
        long duration;
        try {
            duration = Long.parseLong(m.group(4));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("bad duration |D:" + m.group(4));
        }
        Severity severity = MarkerText.severityOfColour(colour);
        String category = "";
        String text = noteText.isEmpty() ? name : noteText;
        String[] words = name.split("\\s+", 2);
        try {
            severity = Severity.parse(words[0]);
            category = words.length > 1 ? words[1] : "";
            text = noteText;
        } catch (IllegalArgumentException notOurs) {
            // a marker named by a person in Resolve: keep the colour's severity
        }
        return ImportedNotes.build(session, null, "", tcIn, null, Math.max(1, duration), category, severity, text, "",
                NoteStatus.OPEN, null, null);
    }
}
