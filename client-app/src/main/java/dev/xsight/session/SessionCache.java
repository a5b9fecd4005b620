package dev.xsight.session;

import dev.xsight.media.FrameRate;
import dev.xsight.review.Note;
import dev.xsight.review.Session;
import dev.xsight.review.SqliteNoteStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The local session file of a shared session: the notes as merged from the stream (so the shell, the exports and
 * {@code notes list --db} read it like any session file), and the outbox of note events not yet acknowledged, so
 * that notes made offline survive a restart and are published on the next join.
 *
 * <p>The file is created on first use, counted at the rate of the first note it receives.
 *
 * <p>Threading: {@link SharedSession} calls it under its lock; it is not for other threads.
 */
public final class SessionCache implements AutoCloseable {
    private final Path file;
    private SqliteNoteStore store;

    private SessionCache(Path file) {
        this.file = file;
    }

    /** The cache in {@code file}; opens it now if it exists (checking it is a session file). */
    public static SessionCache at(Path file) {
        SessionCache c = new SessionCache(file);
        if (Files.exists(file)) {
            c.store = SqliteNoteStore.open(file);
        }
        return c;
    }

    public Path file() {
        return file;
    }

    /** The notes store, once the file exists. */
    public Optional<SqliteNoteStore> store() {
        return Optional.ofNullable(store);
    }

    void apply(NoteLedger.Applied a, FrameRate rate) {
        SqliteNoteStore s = open(rate, a.event().dropFrame());
        switch (a.outcome()) {
            case ADDED, CHANGED -> {
                Note n = a.note().orElseThrow();
                if (s.get(n.id()).isPresent()) {
                    s.update(n);
                } else {
                    s.add(n);
                }
            }
            case DELETED -> s.delete(a.noteId());
            case UNCHANGED -> { }
        }
    }

    void queue(NoteEvent e) {
        open(e.rate(), e.dropFrame()).queueShared(e.messageId(), e.encode());
    }

    void dequeue(String messageId) {
        if (store != null) {
            store.dequeueShared(messageId);
        }
    }

    /** The queued events, oldest first. */
    public List<NoteEvent> queued() {
        List<NoteEvent> out = new ArrayList<>();
        if (store != null) {
            for (byte[] b : store.queuedShared()) {
                out.add(NoteEvent.decode(b));
            }
        }
        return out;
    }

    private SqliteNoteStore open(FrameRate rate, boolean dropFrame) {
        if (store == null) {
            store = SqliteNoteStore.openOrCreate(file, Session.ofRate(rate, dropFrame));
        }
        return store;
    }

    @Override
    public void close() {
        if (store != null) {
            store.close();
        }
    }
}
