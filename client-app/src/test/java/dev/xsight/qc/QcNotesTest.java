package dev.xsight.qc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.xsight.checklist.ChecklistTemplates;
import dev.xsight.media.FrameRate;
import dev.xsight.media.Timecode;
import dev.xsight.review.Note;
import dev.xsight.review.Session;
import dev.xsight.review.Severity;
import dev.xsight.review.SqliteNoteStore;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Events as notes in a real session file: one note per finding, a continued finding updates its note. */
class QcNotesTest {
    @TempDir
    Path dir;

    private static QcEvent event(QcEvent.Type type, String in, String out, FrameRate rate) {
        Timecode a = Timecode.parse(in, rate);
        Timecode b = Timecode.parse(out, rate);
        return new QcEvent(type, a.toFrameCount(rate), b.toFrameCount(rate), a, b, Map.of("packets_lost", 3.0));
    }

    @Test
    void aFindingThatContinuesUpdatesItsNoteInsteadOfAddingOne() {
        try (SqliteNoteStore store = SqliteNoteStore.openOrCreate(dir.resolve("a.xsight"),
                Session.ofRate(FrameRate.FPS_25, false))) {
            QcNotes notes = new QcNotes(store, QcProfiles.named("broadcast", null), "feed",
                    ChecklistTemplates.builtIn());
            notes.accept(event(QcEvent.Type.LOSS, "10:00:00:10", "10:00:00:12", FrameRate.FPS_25));
            notes.accept(event(QcEvent.Type.LOSS, "10:00:00:13", "10:00:00:20", FrameRate.FPS_25));
            notes.accept(event(QcEvent.Type.LOSS, "10:00:05:00", "10:00:05:00", FrameRate.FPS_25));
            assertEquals(null, notes.failure());
            List<Note> list = store.list();
            assertEquals(2, list.size(), list.toString());
            assertEquals("10:00:00:10", list.get(0).tcIn().toString());
            assertEquals("10:00:00:20", list.get(0).tcOut().toString(), "the continued finding widened the note");
            assertEquals("V-HIT", list.get(0).category());
            assertEquals(Severity.ISSUE, list.get(0).severity());
            assertTrue(list.get(0).text().contains("packets_lost 3"), list.get(0).text());
            assertEquals(Note.AUTO_QC_AUTHOR, list.get(1).author());
        }
    }

    @Test
    void aFeedAtAnotherRateLandsOnTheSessionFrameAtTheSameTime() {
        Session s50 = Session.ofRate(FrameRate.FPS_50, false);
        assertEquals("00:00:01:10", QcNotes.inSession(Timecode.parse("00:00:01:05"), s50, FrameRate.FPS_25)
                .toString(), "1.2 s");
        Session df = Session.ofRate(FrameRate.FPS_29_97, true);
        assertEquals("00:01:00;02", QcNotes.inSession(Timecode.parse("00:01:00:00"), df, null).toString(),
                "frame 1800 in drop-frame labels");
    }
}
