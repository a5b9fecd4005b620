package dev.xsight.session;

import dev.xsight.media.FrameRate;
import dev.xsight.media.Timecode;
import dev.xsight.review.DrawingCodec;
import dev.xsight.review.Note;
import dev.xsight.review.NoteStatus;
import dev.xsight.review.Severity;
import dev.xsight.session.NoteEvent.Field;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The merge rule of a shared session, as a pure function of the events applied: every client that applies the
 * same events, in any order, holds the same notes.
 *
 * <ul>
 *   <li>Each field of a note keeps the value of the event with the highest (version, author) stamp that set it, so
 *       two reviewers who change different fields of one note both keep their change, and two who change the same
 *       field end on the same value everywhere.</li>
 *   <li>A deletion is a tombstone and is final: later or concurrent changes of a deleted note are ignored.</li>
 *   <li>Applying an event twice changes nothing (it reports {@link Outcome#UNCHANGED}).</li>
 * </ul>
 *
 * <p>Threading: not thread-safe; {@link SharedSession} applies events on its one dispatch thread.
 */
public final class NoteLedger {

    /** What applying an event did to the visible notes. */
    public enum Outcome { ADDED, CHANGED, DELETED, UNCHANGED }

    /**
     * The result of {@link #apply}.
     *
     * @param note the note as it now stands (for ADDED/CHANGED), or as it stood (for DELETED)
     */
    public record Applied(Outcome outcome, String noteId, Optional<Note> note, NoteEvent event) {
    }

    private record Stamp(long version, String by) implements Comparable<Stamp> {
        private static final Comparator<Stamp> ORDER = Comparator.comparingLong(Stamp::version)
                .thenComparing(Stamp::by);

        @Override
        public int compareTo(Stamp o) {
            return ORDER.compare(this, o);
        }
    }

    private record Value(String text, Stamp stamp) {
    }

    private static final class Entry {
        final Map<Field, Value> fields = new EnumMap<>(Field.class);
        FrameRate rate;
        boolean dropFrame;
        long highestVersion;
        long editedMillis;
        boolean deleted;
        Note visible;
    }

    private final Map<String, Entry> entries = new HashMap<>();

    /**
     * Applies one event.
     *
     * @throws IllegalArgumentException if the event's fields do not make a valid note (bad timecode, unknown
     *     severity ...); the ledger is then unchanged
     */
    public Applied apply(NoteEvent e) {
        Entry entry = entries.get(e.noteId());
        boolean fresh = entry == null;
        if (fresh) {
            entry = new Entry();
        }
        if (e.type() == NoteEvent.Type.DELETED) {
            if (fresh) {
                entries.put(e.noteId(), entry);
            }
            entry.highestVersion = Math.max(entry.highestVersion, e.version());
            if (entry.deleted) {
                return new Applied(Outcome.UNCHANGED, e.noteId(), Optional.empty(), e);
            }
            entry.deleted = true;
            Note was = entry.visible;
            entry.visible = null;
            return new Applied(was == null ? Outcome.UNCHANGED : Outcome.DELETED, e.noteId(),
                    Optional.ofNullable(was), e);
        }
        if (entry.deleted) {
            entry.highestVersion = Math.max(entry.highestVersion, e.version());
            return new Applied(Outcome.UNCHANGED, e.noteId(), Optional.empty(), e);
        }
        Stamp stamp = new Stamp(e.version(), e.by());
        Map<Field, Value> merged = new EnumMap<>(entry.fields);
        boolean changed = false;
        for (Map.Entry<Field, String> f : e.fields().entrySet()) {
            Value cur = merged.get(f.getKey());
            if (cur == null || stamp.compareTo(cur.stamp()) > 0) {
                changed |= cur == null || !cur.text().equals(f.getValue());
                merged.put(f.getKey(), new Value(f.getValue(), stamp));
            }
        }
        FrameRate rate = entry.rate == null ? e.rate() : entry.rate;
        boolean drop = entry.rate == null ? e.dropFrame() : entry.dropFrame;
        long edited = Math.max(entry.editedMillis, e.sentMillis());
        Note candidate = build(e.noteId(), merged, rate, edited);
        // Commit only after the note was built, so a bad event leaves the ledger as it was.
        if (fresh) {
            entries.put(e.noteId(), entry);
        }
        entry.fields.clear();
        entry.fields.putAll(merged);
        entry.rate = rate;
        entry.dropFrame = drop;
        entry.highestVersion = Math.max(entry.highestVersion, e.version());
        entry.editedMillis = edited;
        Note was = entry.visible;
        entry.visible = candidate;
        if (candidate == null || !changed && was != null) {
            return new Applied(Outcome.UNCHANGED, e.noteId(), Optional.ofNullable(was), e);
        }
        return new Applied(was == null ? Outcome.ADDED : Outcome.CHANGED, e.noteId(), Optional.of(candidate), e);
    }

    /** The highest version any event of this note carried (0 if none): a change publishes this plus one. */
    public long version(String noteId) {
        Entry e = entries.get(noteId);
        return e == null ? 0 : e.highestVersion;
    }

    /** Whether the note was deleted (deletions are final). */
    public boolean isDeleted(String noteId) {
        Entry e = entries.get(noteId);
        return e != null && e.deleted;
    }

    public Optional<Note> get(String noteId) {
        Entry e = entries.get(noteId);
        return e == null ? Optional.empty() : Optional.ofNullable(e.visible);
    }

    /** The frame rate the note's timecodes are counted in. */
    public Optional<FrameRate> rateOf(String noteId) {
        Entry e = entries.get(noteId);
        return e == null ? Optional.empty() : Optional.ofNullable(e.rate);
    }

    /** Every visible note, ordered by timecode in, then creation time. */
    public List<Note> notes() {
        List<Entry> shown = new ArrayList<>();
        for (Entry e : entries.values()) {
            if (e.visible != null) {
                shown.add(e);
            }
        }
        shown.sort(Comparator.<Entry>comparingLong(e -> e.visible.tcIn().toFrameCount(e.rate))
                .thenComparing(e -> e.visible.created()).thenComparing(e -> e.visible.id()));
        List<Note> out = new ArrayList<>(shown.size());
        for (Entry e : shown) {
            out.add(e.visible);
        }
        return out;
    }

    /** Visible notes. */
    public int size() {
        int n = 0;
        for (Entry e : entries.values()) {
            if (e.visible != null) {
                n++;
            }
        }
        return n;
    }

    private static Note build(String id, Map<Field, Value> f, FrameRate rate, long editedMillis) {
        if (!f.containsKey(Field.TC_IN) || !f.containsKey(Field.TC_OUT) || !f.containsKey(Field.SEVERITY)
                || !f.containsKey(Field.CREATED)) {
            return null; // a change seen before its add: shown once the add arrives
        }
        Timecode in = Timecode.parse(f.get(Field.TC_IN).text(), rate);
        Timecode out = Timecode.parse(f.get(Field.TC_OUT).text(), rate);
        if (out.toFrameCount(rate) < in.toFrameCount(rate)) {
            throw new IllegalArgumentException("note " + id + ": out " + out + " is before in " + in);
        }
        Instant created;
        try {
            created = Instant.parse(f.get(Field.CREATED).text());
        } catch (java.time.format.DateTimeParseException e) {
            throw new IllegalArgumentException("note " + id + ": created '" + f.get(Field.CREATED).text()
                    + "' is not an ISO-8601 instant", e);
        }
        Instant edited = editedMillis > 0 ? Instant.ofEpochMilli(editedMillis) : created;
        return new Note(id, text(f, Field.SOURCE), in, out, text(f, Field.CATEGORY),
                Severity.parse(f.get(Field.SEVERITY).text()), text(f, Field.TEXT), text(f, Field.AUTHOR),
                f.containsKey(Field.STATUS) ? NoteStatus.parse(f.get(Field.STATUS).text()) : NoteStatus.OPEN,
                created, edited.isBefore(created) ? created : edited, Optional.empty(),
                f.containsKey(Field.DRAWINGS) ? DrawingCodec.fromJson(f.get(Field.DRAWINGS).text()) : List.of());
    }

    private static String text(Map<Field, Value> f, Field k) {
        Value v = f.get(k);
        return v == null ? "" : v.text();
    }
}
