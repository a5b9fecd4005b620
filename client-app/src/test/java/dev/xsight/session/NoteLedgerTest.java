package dev.xsight.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.xsight.media.FrameRate;
import dev.xsight.media.Timecode;
import dev.xsight.review.Note;
import dev.xsight.review.Severity;
import dev.xsight.session.NoteEvent.Field;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The merge rule: same events in any order give the same notes; per-field versions; deletions final. */
class NoteLedgerTest {
    private static final FrameRate R = FrameRate.FPS_24;

    private static NoteEvent add(String id, String tc, String text) {
        Note n = Note.create(Timecode.parse(tc, R), Timecode.parse(tc, R), Severity.ISSUE, "V-BAND", text, "ana", "grade");
        n = new Note(id, n.source(), n.tcIn(), n.tcOut(), n.category(), n.severity(), n.text(), n.author(),
                n.status(), java.time.Instant.parse("2026-12-06T10:00:00Z"), java.time.Instant.parse(
                "2026-12-06T10:00:00Z"), n.frameGrab(), n.drawings());
        return new NoteEvent(NoteEvent.Type.ADDED, id, 1, "ana", R, false, 1000, NoteEvent.fieldsOf(n));
    }

    private static NoteEvent change(String id, long v, String by, Field f, String value) {
        return new NoteEvent(NoteEvent.Type.CHANGED, id, v, by, R, false, 2000 + v, Map.of(f, value));
    }

    private static NoteEvent del(String id, long v) {
        return new NoteEvent(NoteEvent.Type.DELETED, id, v, "qc", R, false, 3000 + v, Map.of());
    }

    @Test
    void anyOrderOfTheSameEventsGivesTheSameNotes() {
        List<NoteEvent> events = new ArrayList<>(List.of(
                add("a", "01:00:00:00", "banding in sky"), add("b", "01:00:01:00", "dead pixel"),
                change("a", 2, "ben", Field.TEXT, "banding in sky, left"),
                change("a", 2, "cara", Field.SEVERITY, "blocker"),
                change("a", 3, "ana", Field.STATUS, "fix"),
                change("b", 2, "ben", Field.TEXT, "ben's text"), change("b", 2, "cara", Field.TEXT, "cara's text"),
                add("c", "01:00:02:00", "to go"), del("c", 2), change("c", 3, "ben", Field.TEXT, "after delete")));
        List<Note> first = null;
        Random rnd = new Random(7);
        for (int round = 0; round < 50; round++) {
            Collections.shuffle(events, rnd);
            NoteLedger l = new NoteLedger();
            for (NoteEvent e : events) {
                l.apply(e);
                l.apply(e); // each twice: a redelivery changes nothing
            }
            List<Note> notes = l.notes();
            if (first == null) {
                first = notes;
            }
            assertEquals(first, notes, "round " + round);
        }
        assertEquals(2, first.size(), "c stays deleted, even after a later change");
        Note a = first.get(0);
        assertEquals("banding in sky, left", a.text(), "ben's text change kept");
        assertEquals(Severity.BLOCKER, a.severity(), "cara's severity change of the same version kept too");
        assertEquals("fix", a.status().label());
        assertEquals("cara's text", first.get(1).text(), "same field, same version: the larger author wins everywhere");
    }

    @Test
    void aRedeliveredOrOlderEventChangesNothing() {
        NoteLedger l = new NoteLedger();
        assertEquals(NoteLedger.Outcome.ADDED, l.apply(add("a", "00:00:01:00", "x")).outcome());
        assertEquals(NoteLedger.Outcome.UNCHANGED, l.apply(add("a", "00:00:01:00", "x")).outcome());
        assertEquals(NoteLedger.Outcome.CHANGED, l.apply(change("a", 3, "b", Field.TEXT, "new")).outcome());
        assertEquals(NoteLedger.Outcome.UNCHANGED, l.apply(change("a", 2, "b", Field.TEXT, "older")).outcome());
        assertEquals("new", l.get("a").orElseThrow().text());
        assertEquals(3, l.version("a"));
        assertEquals(NoteLedger.Outcome.DELETED, l.apply(del("a", 4)).outcome());
        assertEquals(NoteLedger.Outcome.UNCHANGED, l.apply(del("a", 4)).outcome());
        assertTrue(l.notes().isEmpty());
    }

    @Test
    void aBadEventIsRefusedAndLeavesTheLedgerAsItWas() {
        NoteLedger l = new NoteLedger();
        l.apply(add("a", "00:00:01:00", "x"));
        assertThrows(IllegalArgumentException.class, () -> l.apply(change("a", 2, "b", Field.TC_IN, "25:99:00:00")));
        assertThrows(IllegalArgumentException.class, () -> l.apply(change("a", 2, "b", Field.TC_OUT, "00:00:00:00")));
        assertEquals("00:00:01:00", l.get("a").orElseThrow().tcIn().toString());
        assertEquals(1, l.version("a"));
    }

    @Test
    void theWireFormRoundTripsAndRejectsGarbage() {
        NoteEvent e = change("a", 5, "ben", Field.TEXT, "ünïcode \"quoted\"");
        assertEquals(e, NoteEvent.decode(e.encode()));
        assertEquals("a:5:ben", e.messageId());
        assertThrows(IllegalArgumentException.class, () -> NoteEvent.decode("{".getBytes()));
        assertThrows(IllegalArgumentException.class, () -> NoteEvent.decode("{\"event\":\"moved\"}".getBytes()));
        assertThrows(IllegalArgumentException.class, () -> NoteEvent.decode(new byte[NoteEvent.MAX_BYTES + 1]));
    }
}
