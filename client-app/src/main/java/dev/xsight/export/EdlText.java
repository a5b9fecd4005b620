package dev.xsight.export;

import dev.xsight.review.Note;
import dev.xsight.review.Session;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The CMX 3600 pieces both EDL flavours share: header, event lines, frame-code mode. */
final class EdlText {
    static final String TC = "(\\d\\d[:;.]\\d\\d[:;.]\\d\\d[:;.,]\\d\\d)";
    /** CMX 3600 event: number, reel, channels, transition (+ duration for D/W), source in/out, record in/out. */
    static final Pattern EVENT = Pattern.compile("^(\\d{1,6})\\s+(\\S+)\\s+(\\S+)\\s+(\\S+)\\s+(?:\\d+\\s+)?" + TC
            + "\\s+" + TC + "\\s+" + TC + "\\s+" + TC + "\\s*$");
    static final Pattern FCM = Pattern.compile("^FCM:\\s*(.*)$", Pattern.CASE_INSENSITIVE);

    /**
     * The event line a comment belongs to.
     *
     * @param line its line (1-based)
     * @param in record in, in the session's counting, or null once a comment used the event up
     * @param out record out (exclusive), likewise
     */
    record Event(int line, String in, String out) {
    }

    /** Reads one comment line into a note; a bad comment throws {@link IllegalArgumentException}. */
    @FunctionalInterface
    interface CommentReader {
        /**
         * @param event the last event line before the comment, or null before the first
         * @param fcmDrop whether the EDL counts drop-frame at this line (for {@link #label})
         */
        Note read(Matcher comment, Event event, boolean fcmDrop);
    }

    private EdlText() {
    }

    /**
     * Reads the notes of an EDL: {@code FCM} lines switch the counting, event lines become the current
     * {@link Event}, each line matching {@code comment} goes through {@code reader} (a refused one is a problem at
     * its line), and another line starting with a digit is a problem too.
     *
     * @param oneCommentPerEvent whether a comment uses its event up (Resolve: one marker per event)
     */
    static ImportResult read(Session session, String text, Pattern comment, boolean oneCommentPerEvent,
            CommentReader reader) {
        List<Note> notes = new ArrayList<>();
        List<ImportProblem> problems = new ArrayList<>();
        boolean drop = session.dropFrame();
        Event event = null;
        String[] lines = text.split("\\r?\\n|\\r", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            Matcher m;
            if ((m = FCM.matcher(line)).matches()) {
                drop = isDropFrame(m.group(1));
            } else if ((m = EVENT.matcher(line)).matches()) {
                event = new Event(i + 1, label(m.group(7), drop), label(m.group(8), drop));
            } else if ((m = comment.matcher(line)).matches()) {
                try {
                    notes.add(reader.read(m, event, drop));
                } catch (IllegalArgumentException e) {
                    problems.add(ImportProblem.atLine(i + 1, e.getMessage()));
                }
                if (oneCommentPerEvent && event != null) {
                    event = new Event(event.line(), null, null);
                }
            } else if (!line.isEmpty() && Character.isDigit(line.charAt(0))) {
                problems.add(ImportProblem.atLine(i + 1, "not a CMX 3600 event line: " + abbreviate(line)));
            }
        }
        return new ImportResult(notes, problems);
    }

    static String abbreviate(String s) {
        return s.length() > 60 ? s.substring(0, 60) + "..." : s;
    }

    static String header(Session s) {
        String title = s.title().replaceAll("[\\r\\n]", " ");
        if (title.length() > 70) {
            title = title.substring(0, 70);
        }
        return "TITLE: " + title + "\r\nFCM: " + (s.dropFrame() ? "DROP FRAME" : "NON-DROP FRAME") + "\r\n\r\n";
    }

    /** Event {@code number} covering the note's frames: record out is exclusive, one past the note's out. */
    static String event(int number, String reel, Session s, Note n) {
        String in = n.tcIn().toString();
        String out = n.tcOut().plusFrames(1, s.rate()).toString();
        return String.format("%03d  %-8s V     C        %s %s %s %s\r\n", number, reel, in, out, in, out);
    }

    /** Whether the FCM line says drop-frame. */
    static boolean isDropFrame(String fcmValue) {
        String v = fcmValue.trim().toUpperCase(java.util.Locale.ROOT);
        return v.startsWith("DROP") || v.equals("DF");
    }

    /**
     * A timecode as written in an EDL, in the session's counting: under {@code FCM: DROP FRAME} a label written
     * with colons is drop-frame (CMX 3600 marks the mode in the FCM line, not in the separators).
     */
    static String label(String tc, boolean fcmDrop) {
        if (fcmDrop && tc.length() == 11 && tc.charAt(8) == ':') { // anything else is refused when parsed
            return tc.substring(0, 8) + ";" + tc.substring(9);
        }
        return tc;
    }

}
