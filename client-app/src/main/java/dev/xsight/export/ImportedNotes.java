package dev.xsight.export;

import dev.xsight.checklist.QcTaxonomy;
import dev.xsight.media.Timecode;
import dev.xsight.review.Note;
import dev.xsight.review.NoteStatus;
import dev.xsight.review.Session;
import dev.xsight.review.Severity;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Builds a checked note from the fields an imported entry carries. */
final class ImportedNotes {
    private ImportedNotes() {
    }

    /**
     * @param id the entry's id, or null/blank for a fresh one
     * @param tcOut inclusive out label, or null to use {@code durationFrames} (null: a single frame)
     * @throws IllegalArgumentException saying which field is wrong
     */
    static Note build(Session session, String id, String source, String tcIn, String tcOut, Long durationFrames,
            String category, Severity severity, String text, String author, NoteStatus status, Instant created,
            Instant edited) {
        Timecode in = session.parseTimecode(tcIn);
        Timecode out;
        if (tcOut != null && !tcOut.isBlank()) {
            out = session.parseTimecode(tcOut);
        } else if (durationFrames != null) {
            if (durationFrames < 1 || durationFrames > Timecode.framesPerDay(session.rate(), session.dropFrame())) {
                throw new IllegalArgumentException("bad duration " + durationFrames + " frames");
            }
            out = in.plusFrames(durationFrames - 1, session.rate());
        } else {
            out = in;
        }
        if (session.frameOf(out) < session.frameOf(in)) {
            // said here, not by Note.checkedFor: an entry without an id would be named by the fresh random one
            throw new IllegalArgumentException("out " + out + " is before in " + in);
        }
        Instant now = Instant.now();
        Note n = new Note(id == null || id.isBlank() ? UUID.randomUUID().toString() : id.trim(), source, in, out,
                QcTaxonomy.builtIn().canonical(category), severity, text, author,
                status == null ? NoteStatus.OPEN : status, created == null ? now : created,
                edited == null ? now : edited, Optional.empty(), List.of());
        return n.checkedFor(session);
    }
}
