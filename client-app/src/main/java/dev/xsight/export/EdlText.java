package dev.xsight.export;

import dev.xsight.review.Note;
import dev.xsight.review.Session;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The CMX 3600 pieces both EDL flavours share: header, event lines, frame-code mode. */
final class EdlText {
    static final String TC = "(\\d\\d[:;.]\\d\\d[:;.]\\d\\d[:;.,]\\d\\d)";
    /** CMX 3600 event: number, reel, channels, transition (+ duration for D/W), source in/out, record in/out. */
    static final Pattern EVENT = Pattern.compile("^(\\d{1,6})\\s+(\\S+)\\s+(\\S+)\\s+(\\S+)\\s+(?:\\d+\\s+)?" + TC
            + "\\s+" + TC + "\\s+" + TC + "\\s+" + TC + "\\s*$");
    static final Pattern FCM = Pattern.compile("^FCM:\\s*(.*)$", Pattern.CASE_INSENSITIVE);

    private EdlText() {
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

    static Matcher match(Pattern p, String line) {
        return p.matcher(line);
    }
}
