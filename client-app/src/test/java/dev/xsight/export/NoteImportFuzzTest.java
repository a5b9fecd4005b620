package dev.xsight.export;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.xsight.media.FrameRate;
import dev.xsight.review.Note;
import dev.xsight.review.Session;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Fuzzes the note importers (CSV, JSON, CMX EDL locators, Resolve marker EDL, Avid marker text, OTIO, Frame.io CSV).
 * The first byte picks the format and the session (rate and counting), the rest is the file. Properties:
 * <ul>
 *   <li>an import returns good notes and numbered problems, or is refused with {@link ImportException} (bad UTF-8,
 *       or any problem without skip-bad, then naming exactly the problems skip-bad reports); no other exception;
 *   <li>every imported note exists in the session (its labels count as the session does, out not before in);
 *   <li>where the format is also written, exporting the imported notes and importing that file gives no problems and
 *       the same notes: all fields for CSV, JSON and OTIO; range, severity, category and one-line text for the marker
 *       formats (plus the author for Avid; Resolve writes '|' as '/'), as their writers document.
 * </ul>
 * Runs its inputs as a regression test in every build; {@code ./monitor fuzz --target notes} fuzzes.
 */
class NoteImportFuzzTest {
    private static final Path FILE = Path.of("fuzz-notes");
    private static final List<NoteFormat> READABLE = Arrays.stream(NoteFormat.values()).filter(NoteFormat::canRead)
            .toList();
    private static final List<Session> SESSIONS = List.of(Session.ofRate(FrameRate.FPS_25, false),
            new Session("Show", "Ep 1", "Master", FrameRate.FPS_29_97, true, List.of("grade")),
            Session.ofRate(FrameRate.FPS_24, false), Session.ofRate(FrameRate.FPS_23_976, false));

    @FuzzTest(maxDuration = "30s")
    void importsGiveCheckedNotesOrTypedProblemsAndRoundTrip(byte[] data) throws IOException {
        if (data.length == 0) {
            return;
        }
        int sel = data[0] & 0xff;
        NoteFormat format = READABLE.get(sel % READABLE.size());
        Session session = SESSIONS.get(sel / READABLE.size() % SESSIONS.size());
        byte[] file = Arrays.copyOfRange(data, 1, data.length);

        ImportResult r;
        try {
            r = NoteImport.read(format, session, FILE, file, true);
        } catch (ImportException e) {
            if (e.problems().size() != 1 || !e.problems().getFirst().message().equals("not UTF-8 text")) {
                throw new AssertionError("skip-bad import refused for another reason: " + e.getMessage(), e);
            }
            return;
        }
        for (ImportProblem p : r.problems()) {
            if (p.where() == null || p.where().isBlank() || p.message() == null) {
                throw new AssertionError("problem without place or message: " + p);
            }
        }
        for (Note n : r.notes()) {
            n.checkedFor(session); // throws when a label does not exist in the session or out is before in
        }
        if (!r.problems().isEmpty()) {
            try {
                NoteImport.read(format, session, FILE, file, false);
                throw new AssertionError("import without skip-bad accepted a file with problems " + r.problems());
            } catch (ImportException e) {
                if (!e.problems().equals(r.problems())) {
                    throw new AssertionError("refusal lists " + e.problems() + " but skip-bad reports "
                            + r.problems(), e);
                }
            }
        }
        if (format.canWrite() && !r.notes().isEmpty()) {
            roundTrip(format, session, r.notes());
        }
    }

    private static void roundTrip(NoteFormat format, Session session, List<Note> notes) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        format.codec().write(session, notes, out);
        ImportResult back = NoteImport.read(format, session, FILE, out.toByteArray(), true);
        if (!back.problems().isEmpty() || back.notes().size() != notes.size()) {
            throw new AssertionError(format + ": " + notes.size() + " notes written, read back " + back.notes().size()
                    + " with problems " + back.problems() + "\n" + out.toString(java.nio.charset.StandardCharsets.UTF_8));
        }
        for (int i = 0; i < notes.size(); i++) {
            Note a = notes.get(i);
            Note b = back.notes().get(i);
            Object want = kept(format, a);
            Object got = kept(format, b);
            if (!Objects.equals(want, got)) {
                throw new AssertionError(format + " note " + i + " changed in a round trip:\n  " + want + "\n  " + got);
            }
        }
    }

    /** What {@code format} documents to keep of a note. */
    private static Object kept(NoteFormat format, Note n) {
        return switch (format) {
            case JSON, CSV, OTIO -> n;
            case EDL -> List.of(n.tcIn(), n.tcOut(), n.severity(), n.category(), MarkerText.oneLine(n.text()).strip());
            // Resolve has no escape for its "|C: |M: |D:" tags: the writer turns '|' into '/'.
            case RESOLVE_EDL -> List.of(n.tcIn(), n.tcOut(), n.severity(), MarkerText.oneLine(n.category()).replace('|', '/'),
                    MarkerText.oneLine(n.text()).replace('|', '/').strip());
            case AVID -> List.of(n.tcIn(), n.tcOut(), n.severity(), n.category(), MarkerText.oneLine(n.text()).strip(),
                    n.author().isEmpty() ? "Xsight" : MarkerText.oneLine(n.author()).strip()); // the writer's default
            default -> throw new IllegalStateException(format + " is not written");
        };
    }
}
