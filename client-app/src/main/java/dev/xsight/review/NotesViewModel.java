package dev.xsight.review;

import dev.xsight.media.Timecode;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Supplier;
import javafx.application.Platform;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.collections.transformation.FilteredList;

/**
 * State behind the notes panel, the timeline strip and the drawing overlay: the session's notes, the filters, the
 * playhead and which notes it is inside.
 *
 * <p>Threading: properties and lists are owned by the JavaFX application thread; read and set them there. Store
 * calls run on the {@code io} executor given to the constructor; their results are published back on the FX thread.
 * The returned futures complete on the FX thread after the lists have been updated, so a note appears in the panel
 * only once the store has committed it.
 */
public final class NotesViewModel {
    private final NoteStore store;
    private final Executor io;
    private final ObservableList<Note> notes = FXCollections.observableArrayList();
    private final FilteredList<Note> visible = new FilteredList<>(notes);
    private final ObservableList<Note> active = FXCollections.observableArrayList();
    private final ObservableList<Drawing> activeDrawings = FXCollections.observableArrayList();
    // Read-only views made once: an unmodifiable wrapper listens to its source weakly, so listeners added to a
    // wrapper made per call would vanish when it is collected.
    private final ObservableList<Note> notesView = FXCollections.unmodifiableObservableList(notes);
    private final ObservableList<Note> activeView = FXCollections.unmodifiableObservableList(active);
    private final ObservableList<Drawing> activeDrawingsView =
            FXCollections.unmodifiableObservableList(activeDrawings);
    private final ObjectProperty<Severity> severityFilter = new SimpleObjectProperty<>(this, "severityFilter");
    private final StringProperty categoryFilter = new SimpleStringProperty(this, "categoryFilter", "");
    private final ObjectProperty<NoteStatus> statusFilter = new SimpleObjectProperty<>(this, "statusFilter");
    private final StringProperty authorFilter = new SimpleStringProperty(this, "authorFilter", "");
    private final javafx.collections.ObservableSet<String> hiddenAuthors = FXCollections.observableSet();
    private final ObjectProperty<Timecode> currentTimecode = new SimpleObjectProperty<>(this, "currentTimecode");
    private final ObjectProperty<Timecode> markIn = new SimpleObjectProperty<>(this, "markIn");
    private final ObjectProperty<Timecode> markOut = new SimpleObjectProperty<>(this, "markOut");
    private final StringProperty author = new SimpleStringProperty(this, "author", "");
    private final StringProperty source = new SimpleStringProperty(this, "source", "");
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper(this, "status", "");
    private Supplier<CompletableFuture<FrameGrab>> frameGrabber = () -> CompletableFuture.completedFuture(null);
    private Supplier<List<Drawing>> pendingDrawings = List::of;

    /**
     * @param store the session's notes
     * @param io where store calls run (a single background thread is right: calls are serialised anyway)
     */
    public NotesViewModel(NoteStore store, Executor io) {
        this.store = Objects.requireNonNull(store, "store");
        this.io = Objects.requireNonNull(io, "io");
        severityFilter.addListener((o, a, b) -> refilter());
        categoryFilter.addListener((o, a, b) -> refilter());
        statusFilter.addListener((o, a, b) -> refilter());
        authorFilter.addListener((o, a, b) -> refilter());
        hiddenAuthors.addListener((javafx.collections.SetChangeListener<String>) c -> {
            refilter();
            recomputeActive();
        });
        currentTimecode.addListener((o, a, b) -> recomputeActive());
        notes.addListener((javafx.collections.ListChangeListener<Note>) c -> recomputeActive());
    }

    public Session session() {
        return store.session();
    }

    /** Loads all notes from the store (off the FX thread) and replaces the list. */
    public CompletableFuture<List<Note>> reload() {
        return onIo(store::list).thenApplyAsync(list -> {
            notes.setAll(list);
            return list;
        }, Platform::runLater);
    }

    /**
     * Adds a note at the marked in/out (or the current timecode) with the panel's author and source.
     *
     * @return completes on the FX thread with the stored note, or exceptionally (the status says why)
     */
    public CompletableFuture<Note> addNote(Severity severity, String category, String text) {
        List<Drawing> drawings = pendingDrawings.get();
        Note n = prepare(severity, category, text, null, drawings);
        if (n == null) {
            return CompletableFuture.failedFuture(new IllegalStateException(status.get()));
        }
        // The picture is taken now (FX thread); encoding it may finish later, the note keeps this moment's range.
        CompletableFuture<FrameGrab> grab;
        try {
            grab = frameGrabber.get();
        } catch (RuntimeException e) {
            grab = CompletableFuture.completedFuture(null);
        }
        return grab.exceptionally(err -> null)
                .thenCompose(g -> save(() -> store.add(g == null ? n : n.withFrameGrab(g)), "added"));
    }

    /**
     * What {@link #addNote(Severity, String, String)} (the quick-add row, the marker key) attaches to a new note.
     * Both suppliers are called on the FX thread when the note is added.
     *
     * @param grabber starts a frame grab of the picture on screen; its future may complete on any thread, with
     *        null for no grab (a failed grab saves the note without one)
     * @param drawings the drawings made for the next note (empty for none)
     */
    public void setAttachments(Supplier<CompletableFuture<FrameGrab>> grabber, Supplier<List<Drawing>> drawings) {
        this.frameGrabber = Objects.requireNonNull(grabber, "grabber");
        this.pendingDrawings = Objects.requireNonNull(drawings, "drawings");
    }

    /**
     * As {@link #addNote(Severity, String, String)} with a frame grab of the picture (or null) and the drawings
     * made for this note.
     */
    public CompletableFuture<Note> addNote(Severity severity, String category, String text, FrameGrab grab,
            List<Drawing> drawings) {
        Note n = prepare(severity, category, text, grab, drawings);
        if (n == null) {
            return CompletableFuture.failedFuture(new IllegalStateException(status.get()));
        }
        return save(() -> store.add(n), "added");
    }

    /** The note to add at the marks / playhead, checked for the session; null (status says why) when not possible. */
    private Note prepare(Severity severity, String category, String text, FrameGrab grab, List<Drawing> drawings) {
        Timecode in = markIn.get() != null ? markIn.get() : currentTimecode.get();
        if (in == null) {
            status.set("No timecode: play or seek before adding a note");
            return null;
        }
        Timecode out = markOut.get() != null && markOut.get().compareTo(in) >= 0 ? markOut.get() : in;
        try {
            return Note.create(in, out, severity, category, text, author.get(), source.get()).withDrawings(drawings)
                    .withFrameGrab(grab).checkedFor(session());
        } catch (IllegalArgumentException e) {
            status.set("Note not added: " + e.getMessage());
            return null;
        }
    }

    /** Stores a changed note (same id). */
    public CompletableFuture<Note> update(Note changed) {
        return save(() -> store.update(changed), "saved");
    }

    /**
     * Stores the reviewer's edit of {@code original} (status, severity, category, text) with the edited time set
     * now. The lists change, and the future completes on the FX thread, only after the store has committed; the
     * marks for the next note are left as they are.
     *
     * @return the note as stored, or exceptionally (the status says why; the list keeps the old note)
     */
    public CompletableFuture<Note> edit(Note original, NoteStatus newStatus, Severity newSeverity,
            String newCategory, String newText) {
        Note changed;
        try {
            changed = original.withEdits(newStatus, newSeverity, newCategory, newText);
        } catch (IllegalArgumentException | NullPointerException e) {
            status.set("Note not saved: " + e.getMessage());
            return CompletableFuture.failedFuture(e);
        }
        return save(() -> store.update(changed), "saved", false);
    }

    public CompletableFuture<Boolean> delete(String id) {
        return onIo(() -> store.delete(id)).handleAsync((gone, err) -> {
            if (err != null) {
                status.set("Delete failed: " + rootMessage(err));
                throw new java.util.concurrent.CompletionException(err);
            }
            notes.removeIf(n -> n.id().equals(id));
            status.set(gone ? "Note deleted" : "Note was already gone");
            return gone;
        }, Platform::runLater);
    }

    private CompletableFuture<Note> save(Supplier<Note> op, String verb) {
        return save(op, verb, true);
    }

    private CompletableFuture<Note> save(Supplier<Note> op, String verb, boolean clearMarks) {
        return onIo(op).handleAsync((stored, err) -> {
            if (err != null) {
                status.set("Note not saved: " + rootMessage(err));
                throw new java.util.concurrent.CompletionException(err);
            }
            int at = indexOf(stored.id());
            if (at >= 0) {
                notes.set(at, stored);
            } else {
                notes.add(insertionPoint(stored), stored);
            }
            if (clearMarks) {
                markIn.set(null);
                markOut.set(null);
            }
            status.set("Note " + verb + " at " + stored.tcIn());
            return stored;
        }, Platform::runLater);
    }

    private <T> CompletableFuture<T> onIo(Supplier<T> op) {
        return CompletableFuture.supplyAsync(op, io);
    }

    private int indexOf(String id) {
        for (int i = 0; i < notes.size(); i++) {
            if (notes.get(i).id().equals(id)) {
                return i;
            }
        }
        return -1;
    }

    private int insertionPoint(Note n) {
        Comparator<Note> byIn = Comparator.comparingLong(x -> x.tcIn().toFrameCount(session().rate()));
        int i = 0;
        while (i < notes.size() && byIn.compare(notes.get(i), n) <= 0) {
            i++;
        }
        return i;
    }

    private static String rootMessage(Throwable t) {
        Throwable c = t;
        while (c.getCause() != null && (c instanceof java.util.concurrent.CompletionException
                || c instanceof java.util.concurrent.ExecutionException)) {
            c = c.getCause();
        }
        return c.getMessage() == null ? c.toString() : c.getMessage();
    }

    private void refilter() {
        Severity sev = severityFilter.get();
        String cat = categoryFilter.get() == null ? "" : categoryFilter.get().trim();
        NoteStatus st = statusFilter.get();
        String who = authorFilter.get() == null ? "" : authorFilter.get().trim();
        visible.setPredicate(n -> (sev == null || n.severity() == sev)
                && (cat.isEmpty() || n.category().equalsIgnoreCase(cat))
                && (st == null || n.status() == st)
                && (who.isEmpty() || n.author().equalsIgnoreCase(who))
                && !hiddenAuthors.contains(n.author()));
    }

    /**
     * Authors whose layer is hidden: their notes leave the list and the marker strip, and their drawings leave the
     * picture (a shared session's per-author layers). FX thread.
     */
    public javafx.collections.ObservableSet<String> hiddenAuthors() {
        return hiddenAuthors;
    }

    private void recomputeActive() {
        Timecode tc = currentTimecode.get();
        List<Note> now = new ArrayList<>();
        if (tc != null) {
            for (Note n : notes) {
                if (n.covers(tc, session().rate()) && !hiddenAuthors.contains(n.author())) {
                    now.add(n);
                }
            }
        }
        if (!now.equals(active)) {
            active.setAll(now);
            activeDrawings.setAll(now.stream().flatMap(n -> n.drawings().stream()).toList());
        }
    }

    /** The drawings of the notes under the playhead: show them over the picture while that range plays. */
    public ObservableList<Drawing> activeDrawings() {
        return activeDrawingsView;
    }

    /** Whether the playhead is inside {@code n}'s in..out. */
    public boolean isActive(Note n) {
        return active.contains(n);
    }

    /** Sets the mark-in to the current timecode (key I). */
    public void markInHere() {
        markIn.set(currentTimecode.get());
    }

    /** Sets the mark-out to the current timecode (key O). */
    public void markOutHere() {
        markOut.set(currentTimecode.get());
    }

    /** Every note, ordered by timecode in. */
    public ObservableList<Note> notes() {
        return notesView;
    }

    /** The notes passing the filters. */
    public ObservableList<Note> visibleNotes() {
        return visible;
    }

    /** The notes whose in..out covers {@link #currentTimecodeProperty()}. */
    public ObservableList<Note> activeNotes() {
        return activeView;
    }

    /** Distinct categories and authors present, for the filter menus. */
    public static List<String> distinct(Collection<Note> notes, java.util.function.Function<Note, String> field) {
        return notes.stream().map(field).filter(s -> !s.isEmpty()).distinct().sorted().toList();
    }

    public ObjectProperty<Severity> severityFilterProperty() {
        return severityFilter;
    }

    public StringProperty categoryFilterProperty() {
        return categoryFilter;
    }

    public ObjectProperty<NoteStatus> statusFilterProperty() {
        return statusFilter;
    }

    public StringProperty authorFilterProperty() {
        return authorFilter;
    }

    /** The playhead; bind it to the player's timecode. */
    public ObjectProperty<Timecode> currentTimecodeProperty() {
        return currentTimecode;
    }

    public ObjectProperty<Timecode> markInProperty() {
        return markIn;
    }

    public ObjectProperty<Timecode> markOutProperty() {
        return markOut;
    }

    /** Author written into new notes. */
    public StringProperty authorProperty() {
        return author;
    }

    /** Source (feed) written into new notes. */
    public StringProperty sourceProperty() {
        return source;
    }

    /** The last outcome, for a status line ("Note added at ...", "Note not saved: ..."). */
    public ReadOnlyStringProperty statusProperty() {
        return status.getReadOnlyProperty();
    }
}
