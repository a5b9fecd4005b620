package dev.xsight.review;

import dev.xsight.checklist.ChecklistEntry;
import java.util.List;
import java.util.Optional;

/**
 * The notes of one review session, kept durably.
 *
 * <p>Threading: implementations are safe to call from any thread; calls are serialised internally. Every method
 * may block on disk I/O (a commit with {@code synchronous=FULL} waits for fsync), so never call one on the JavaFX
 * application thread: run it on a background executor and publish the result (see {@code NotesViewModel}).
 *
 * <p>Durability: a method that changes notes returns only after its transaction has committed to stable storage;
 * a crash or power loss after it returns loses nothing it acknowledged. If it throws, nothing of that call is
 * stored.
 */
public interface NoteStore extends AutoCloseable {

    /** The session this store belongs to. */
    Session session();

    /**
     * Stores a new note after checking it against the session (timecodes exist at its rate and counting, out not
     * before in).
     *
     * @return the note as stored
     * @throws IllegalArgumentException if the note does not fit the session or its id is already taken
     * @throws SessionFileException if the file cannot be written
     */
    Note add(Note note);

    /**
     * Stores several notes in one transaction: all or none.
     *
     * @return how many were new (notes whose id is already present are left as they are and not counted)
     */
    int addAll(List<Note> notes);

    /** Replaces the stored note with the same id. @throws IllegalArgumentException if there is none */
    Note update(Note note);

    /** Removes a note; returns whether it existed. */
    boolean delete(String id);

    Optional<Note> get(String id);

    /** All notes ordered by timecode in, then creation time. */
    List<Note> list();

    /** The marks of one checklist in this session. */
    List<ChecklistEntry> checklist(String templateId);

    /** Stores (replaces) the mark on one checklist item, durably. */
    void mark(ChecklistEntry entry);

    /** Releases the file. Further calls fail. */
    @Override
    void close();
}
