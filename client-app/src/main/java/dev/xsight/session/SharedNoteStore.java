package dev.xsight.session;

import dev.xsight.checklist.ChecklistEntry;
import dev.xsight.media.FrameRate;
import dev.xsight.review.Note;
import dev.xsight.review.NoteStore;
import dev.xsight.review.Session;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A shared session seen through the {@link NoteStore} interface, so that the notes panel, the marker strip, the
 * checklist and every export work on a shared session exactly as on a session file.
 *
 * <p>Durability: {@link #add}, {@link #update} and {@link #delete} return once the server acknowledged the change,
 * or, while the connection is down, once the change is queued in the local session file (it is published when the
 * connection is back). A refusal by the server (permissions) throws {@link SessionException} and stores nothing.
 * Checklist marks stay in the local session file.
 *
 * <p>Threading: as {@link NoteStore}: any thread, blocking; never on the JavaFX thread.
 */
public final class SharedNoteStore implements NoteStore {
    private static final long ACK_SECONDS = 10;

    private final SharedSession shared;
    private final SessionCache cache;
    private final Session session;

    /**
     * @param session the rate and counting new notes are made in (notes of others keep theirs)
     */
    public SharedNoteStore(SharedSession shared, SessionCache cache, Session session) {
        this.shared = shared;
        this.cache = cache;
        this.session = session;
    }

    @Override
    public Session session() {
        return session;
    }

    public SharedSession shared() {
        return shared;
    }

    @Override
    public Note add(Note note) {
        note.checkedFor(session);
        await(shared.add(note, session.rate()), "add note " + note.id());
        return note;
    }

    @Override
    public int addAll(List<Note> notes) {
        List<CompletableFuture<?>> acks = new ArrayList<>();
        int added = 0;
        for (Note n : notes) {
            if (get(n.id()).isEmpty()) {
                n.checkedFor(session);
                acks.add(shared.add(n, session.rate()));
                added++;
            }
        }
        for (CompletableFuture<?> a : acks) {
            await(a, "add notes");
        }
        return added;
    }

    @Override
    public Note update(Note note) {
        Note before = get(note.id()).orElseThrow(() -> new IllegalArgumentException("no note " + note.id()));
        await(shared.change(before, note), "change note " + note.id());
        return note;
    }

    @Override
    public boolean delete(String id) {
        if (get(id).isEmpty()) {
            return false;
        }
        await(shared.delete(id), "delete note " + id);
        return true;
    }

    @Override
    public Optional<Note> get(String id) {
        return list().stream().filter(n -> n.id().equals(id)).findFirst();
    }

    /** The acknowledged notes and this client's queued ones, ordered by timecode in then creation. */
    @Override
    public List<Note> list() {
        List<Note> out = new ArrayList<>(shared.notes());
        out.addAll(shared.queuedNotes());
        FrameRate r = session.rate();
        out.sort(Comparator.<Note>comparingLong(n -> n.tcIn().toFrameCount(r)).thenComparing(Note::created));
        return out;
    }

    @Override
    public List<ChecklistEntry> checklist(String templateId) {
        return cache.store().map(s -> s.checklist(templateId)).orElse(List.of());
    }

    @Override
    public void mark(ChecklistEntry entry) {
        cache.store().orElseThrow(() -> new IllegalStateException("the local session file does not exist yet: "
                + "add a note first")).mark(entry);
    }

    @Override
    public void close() {
        shared.close();
    }

    /** Waits for the server, or returns once queued while offline. */
    private void await(CompletableFuture<?> ack, String what) {
        try {
            if (shared.state() != SharedSession.State.CONNECTED) {
                return; // queued durably in the session file; published on reconnect
            }
            ack.get(ACK_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        } catch (TimeoutException e) {
            // Still queued: the retry thread publishes it; the connection indicator shows it waiting.
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SessionException(SessionException.Kind.NOT_ACKNOWLEDGED, "interrupted: " + what, e);
        }
    }
}
