package dev.xsight.review;

import dev.xsight.media.FrameRate;
import dev.xsight.media.Timecode;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * One review note, anchored to a range of frames.
 *
 * @param id unique within the session (a UUID for notes made here; imports keep the ids they carry)
 * @param source which feed or file it was seen on ("grade", "OTS", a file name), may be empty
 * @param tcIn first frame the note is about
 * @param tcOut last frame the note is about, inclusive ({@code tcOut == tcIn} for a single frame)
 * @param category a {@code dev.xsight.checklist.QcTaxonomy} code such as {@code V-BAND}, or free text
 * @param created when the note was first written, to the millisecond
 * @param edited when it last changed
 * @param frameGrab optional still of the frame
 * @param drawings marks over the picture, shown while the note's range plays
 */
public record Note(String id, String source, Timecode tcIn, Timecode tcOut, String category, Severity severity,
        String text, String author, NoteStatus status, Instant created, Instant edited,
        Optional<FrameGrab> frameGrab, List<Drawing> drawings) {

    /** The author of the notes automated QC writes ({@code qc.QcNotes}); the marker strip draws them apart. */
    public static final String AUTO_QC_AUTHOR = "auto-QC";

    /** Longest note text accepted (a page of prose). */
    public static final int MAX_TEXT = 20_000;

    public Note {
        if (id == null || id.isBlank() || id.length() > 100) {
            throw new IllegalArgumentException("note id must be 1-100 characters");
        }
        source = Objects.requireNonNullElse(source, "");
        Objects.requireNonNull(tcIn, "tcIn");
        Objects.requireNonNull(tcOut, "tcOut");
        if (tcIn.dropFrame() != tcOut.dropFrame()) {
            throw new IllegalArgumentException("note " + id + ": in " + tcIn + " and out " + tcOut
                    + " mix drop-frame and non-drop");
        }
        category = Objects.requireNonNullElse(category, "").trim();
        Objects.requireNonNull(severity, "severity");
        text = Objects.requireNonNullElse(text, "");
        if (text.length() > MAX_TEXT) {
            throw new IllegalArgumentException("note " + id + ": text longer than " + MAX_TEXT + " characters");
        }
        author = Objects.requireNonNullElse(author, "");
        Objects.requireNonNull(status, "status");
        created = created.truncatedTo(ChronoUnit.MILLIS);
        edited = edited.truncatedTo(ChronoUnit.MILLIS);
        frameGrab = Objects.requireNonNullElse(frameGrab, Optional.empty());
        drawings = List.copyOf(drawings == null ? List.of() : drawings);
    }

    /** A new open note with a fresh id, created now. */
    public static Note create(Timecode tcIn, Timecode tcOut, Severity severity, String category, String text,
            String author, String source) {
        Instant now = Instant.now();
        return new Note(UUID.randomUUID().toString(), source, tcIn, tcOut, category, severity, text, author,
                NoteStatus.OPEN, now, now, Optional.empty(), List.of());
    }

    /**
     * Checks the note against its session: both timecodes exist at the session's rate and counting, and out is not
     * before in.
     *
     * @throws IllegalArgumentException (a {@code TimecodeException} for bad timecodes) saying what is wrong
     */
    public Note checkedFor(Session session) {
        long in = session.frameOf(tcIn);
        long out = session.frameOf(tcOut);
        if (out < in) {
            throw new IllegalArgumentException("note " + id + ": out " + tcOut + " is before in " + tcIn);
        }
        return this;
    }

    /** Frames covered, in through out inclusive. */
    public long durationFrames(FrameRate rate) {
        return tcOut.toFrameCount(rate) - tcIn.toFrameCount(rate) + 1;
    }

    /** Whether {@code tc} lies within in..out inclusive at {@code rate}. */
    public boolean covers(Timecode tc, FrameRate rate) {
        long f = tc.toFrameCount(rate);
        return f >= tcIn.toFrameCount(rate) && f <= tcOut.toFrameCount(rate);
    }

    public Note withStatus(NoteStatus newStatus) {
        return new Note(id, source, tcIn, tcOut, category, severity, text, author, newStatus, created, Instant.now(),
                frameGrab, drawings);
    }

    public Note withText(String newText) {
        return new Note(id, source, tcIn, tcOut, category, severity, newText, author, status, created, Instant.now(),
                frameGrab, drawings);
    }

    /**
     * The note as the reviewer edited it: new status, severity, category and text, edited now; id, range, author,
     * source, creation time, grab and drawings kept.
     */
    public Note withEdits(NoteStatus newStatus, Severity newSeverity, String newCategory, String newText) {
        return new Note(id, source, tcIn, tcOut, newCategory, newSeverity, newText, author, newStatus, created,
                Instant.now(), frameGrab, drawings);
    }

    public Note withRange(Timecode newIn, Timecode newOut) {
        return new Note(id, source, newIn, newOut, category, severity, text, author, status, created, Instant.now(),
                frameGrab, drawings);
    }

    public Note withDrawings(List<Drawing> newDrawings) {
        return new Note(id, source, tcIn, tcOut, category, severity, text, author, status, created, Instant.now(),
                frameGrab, newDrawings);
    }

    public Note withFrameGrab(FrameGrab grab) {
        return new Note(id, source, tcIn, tcOut, category, severity, text, author, status, created, Instant.now(),
                Optional.ofNullable(grab), drawings);
    }
}
