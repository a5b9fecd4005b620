package dev.xsight.shell;

import dev.xsight.checklist.ChecklistTemplate;
import dev.xsight.checklist.ChecklistTemplates;
import dev.xsight.input.Action;
import dev.xsight.media.Timecode;
import dev.xsight.review.ChecklistView;
import dev.xsight.review.Drawing;
import dev.xsight.review.DrawingLayer;
import dev.xsight.review.DrawingTool;
import dev.xsight.review.FrameGrab;
import dev.xsight.review.Note;
import dev.xsight.review.NotesPanel;
import dev.xsight.review.NotesViewModel;
import dev.xsight.review.Session;
import dev.xsight.review.Severity;
import dev.xsight.review.NoteStore;
import dev.xsight.review.SessionBar;
import dev.xsight.review.SqliteNoteStore;
import dev.xsight.session.Member;
import dev.xsight.session.NoteLedger;
import dev.xsight.session.SessionCache;
import dev.xsight.session.SessionJoin;
import dev.xsight.session.SessionListener;
import dev.xsight.session.SharedNoteStore;
import dev.xsight.session.SharedSession;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import javafx.application.Platform;
import javafx.beans.binding.Bindings;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.image.Image;
import javafx.scene.image.PixelFormat;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javax.imageio.ImageIO;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The review session wired into the shell: the notes panel and checklist in the notes slot following the picture's
 * timecode, the marker strip under the viewer, drawing over the picture, frame grabs with each note, and the
 * review actions of the keymap (mark in/out, marker, note, draw, previous/next note).
 *
 * <p>Threading: built, used and closed on the FX thread. The session file is opened, written and closed on the
 * {@code xsight-notes-io} thread (frame grabs are PNG-encoded there too); results come back with
 * {@link Platform#runLater}, so nothing here blocks the FX thread.
 */
public final class ShellReview {
    private static final Logger LOG = LoggerFactory.getLogger(ShellReview.class);
    /** How much programme the marker strip grows by when the playhead reaches its end, in minutes. */
    private static final long STRIP_MINUTES = 1;

    private final ShellViewModel shell;
    private final ShellView view;
    private ReviewOptions options; // replaced on the FX thread when the user joins or leaves a shared session
    private final ExecutorService io = Executors.newSingleThreadExecutor(
            r -> Thread.ofPlatform().name("xsight-notes-io").daemon(true).unstarted(r));
    private final CompletableFuture<NotesViewModel> opened = new CompletableFuture<>();
    private CompletableFuture<NotesViewModel> reopened = new CompletableFuture<>();
    private final CompletableFuture<Void> closed = new CompletableFuture<>();
    private final DrawingLayer drawing = new DrawingLayer();
    private final HBox drawTools = new HBox(4);
    private volatile NoteStore store; // written on the io thread when opened
    private volatile SharedSession shared; // the joined shared session, if any
    private final SessionBar sessionBar = new SessionBar();
    private boolean reloadQueued;
    private NotesViewModel notes;
    private NotesPanel panel;
    private boolean drawMode;
    private boolean closing;

    private ShellReview(ShellViewModel shell, ShellView view, ReviewOptions options) {
        this.shell = shell;
        this.view = view;
        this.options = options;
    }

    /**
     * Starts opening {@code options}' session file and puts the review parts into {@code view} once it is open; a
     * foreign or corrupt file leaves it untouched and says why in the status line. FX thread.
     */
    static ShellReview attach(ShellViewModel shell, ShellView view, ReviewOptions options) {
        ShellReview r = new ShellReview(shell, view, options);
        r.start();
        return r;
    }

    private void start() {
        sessionBar.setDefaultName(options.author());
        ReviewOptions home = options.withShared(Optional.empty());
        sessionBar.setOnJoin(j -> switchTo(home.inSharedCache(j)));
        sessionBar.setOnLeave(() -> switchTo(home));
        sessionBar.followingProperty().set(true);
        shell.selectedProperty().addListener((o, was, is) -> drive());
        open();
    }

    /** Closes the current session (on the io thread) and opens {@code next}'s. FX thread. */
    private void switchTo(ReviewOptions next) {
        if (closing) {
            return;
        }
        if (notes != null) {
            notes.sourceProperty().unbind();
            notes.currentTimecodeProperty().unbind();
        }
        io.execute(() -> {
            NoteStore s = store;
            store = null;
            shared = null;
            if (s != null) {
                s.close();
            }
        });
        options = next;
        reopened = new CompletableFuture<>();
        open();
    }

    private void open() {
        ReviewOptions toOpen = options;
        toOpen.shared().ifPresentOrElse(sessionBar::showJoining, () -> sessionBar.showLeft(null));
        Label opening = new Label("Opening session " + toOpen.sessionFile().getFileName() + " …");
        opening.getStyleClass().add("notes-placeholder");
        view.setNotesPanel(opening);
        SourceEntry selected = shell.selectedProperty().get();
        String feed = selected == null ? "" : selected.label();
        CompletableFuture.supplyAsync(() -> open(toOpen, feed), io).whenCompleteAsync((s, err) -> {
            if (err != null) {
                String why = rootMessage(err);
                String said = "Session not opened: " + why;
                shell.statusProperty().set(said);
                // Keep saying it when a source starts playing (that replaces the status line otherwise).
                shell.statusProperty().addListener((o, was, is) -> {
                    if (is != null && is.startsWith("Playing ") && !is.contains(said)) {
                        shell.statusProperty().set(is + "  ·  " + said);
                    }
                });
                Label l = new Label("Session not opened\n\n" + why);
                l.setId("session-error");
                l.setWrapText(true);
                l.getStyleClass().add("notes-placeholder");
                if (options.shared().isPresent()) {
                    sessionBar.showLeft(why);
                }
                view.setNotesPanel(new VBox(sessionBar, l));
                for (Action a : List.of(Action.ADD_NOTE, Action.DRAW, Action.NEXT_NOTE, Action.PREVIOUS_NOTE)) {
                    shell.setHandler(a, () -> shell.statusProperty().set(a.description()
                            + ": no notes, the session was not opened (" + why + ")"));
                }
                if (!opened.isDone()) {
                    opened.completeExceptionally(err);
                }
            } else if (!closing) { // when closing, the io thread's close task closes it
                build(s);
                if (!opened.complete(notes)) {
                    reopened.complete(notes);
                }
            }
        }, Platform::runLater);
    }

    /** Opens {@code o}'s session file, joining its shared session if it names one. io thread. */
    private NoteStore open(ReviewOptions o, String feed) {
        Path file = o.sessionFile();
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the folder for " + file + ": " + e.getMessage(), e);
        }
        Session session = Session.ofRate(o.rate(), o.dropFrame());
        if (o.shared().isPresent()) {
            SessionJoin j = o.shared().get();
            SessionCache cache = SessionCache.at(file);
            SharedSession s = SharedSession.join(j.server(), j.name(), new Member(j.member().name(),
                    j.member().role(), feed), Optional.of(cache), new SharedEvents());
            shared = s;
            store = new SharedNoteStore(s, cache, session);
            return store;
        }
        store = SqliteNoteStore.openOrCreate(file, session);
        return store;
    }

    /** The shared session's events, taken to the FX thread. */
    private final class SharedEvents implements SessionListener {
        @Override
        public void onNote(NoteLedger.Applied a) {
            Platform.runLater(ShellReview.this::reloadSoon);
        }

        @Override
        public void onConnection(SharedSession.State st, int queued) {
            Platform.runLater(() -> sessionBar.showState(st, queued));
        }

        @Override
        public void onPresence(Member m, boolean joined) {
            Platform.runLater(() -> sessionBar.presence(m, joined));
        }

        @Override
        public void onPlayhead(String by, Timecode tc, String source) {
            Platform.runLater(() -> follow(by, tc, source));
        }

        @Override
        public void onRefused(String subject, String why) {
            Platform.runLater(() -> shell.statusProperty().set("Shared session: the server refused " + subject
                    + (subject.endsWith(".playhead") ? " (your account may not drive)" : "")));
        }
    }

    /** One reload for a burst of note events. FX thread. */
    private void reloadSoon() {
        if (notes == null || reloadQueued || closing) {
            return;
        }
        reloadQueued = true;
        NotesViewModel vm = notes;
        vm.reload().whenComplete((r, e) -> Platform.runLater(() -> {
            reloadQueued = false;
            showLayers(vm);
        }));
    }

    private void showLayers(NotesViewModel vm) {
        if (shared != null && vm == notes) {
            sessionBar.showLayers(vm.notes().stream().map(Note::author).collect(java.util.stream.Collectors
                    .toCollection(java.util.TreeSet::new)), vm.hiddenAuthors());
        }
    }

    /** The driver moved: switch to their source when following. FX thread. */
    private void follow(String by, Timecode tc, String source) {
        SharedSession s = shared;
        if (s == null || by.equals(s.me().name()) || !sessionBar.followingProperty().get()) {
            return;
        }
        for (SourceEntry e : shell.sources()) {
            if (e.label().equals(source)) {
                if (e != shell.selectedProperty().get()) {
                    shell.select(e);
                }
                break;
            }
        }
        shell.statusProperty().set("Following " + by + ": " + source + " at " + tc);
    }

    /** As the driver, tells the others which source is shown and where. FX thread. */
    private void drive() {
        SharedSession s = shared;
        SourceEntry selected = shell.selectedProperty().get();
        String source = selected == null ? null : selected.label();
        if (s == null || s.me().role() != Member.Role.DRIVER || source == null || source.isBlank()) {
            return;
        }
        Timecode tc = shell.frameTimecodeProperty().get();
        var rate = options.rate();
        Thread.ofVirtual().start(() -> s.playhead(tc != null ? tc : Timecode.fromFrameCount(0, rate, false), rate,
                source));
    }

    private void build(NoteStore s) {
        notes = new NotesViewModel(s, io);
        notes.authorProperty().set(options.author());
        notes.sourceProperty().bind(shell.sourceNameProperty());
        notes.currentTimecodeProperty().bind(shell.frameTimecodeProperty());
        notes.statusProperty().addListener((o, was, is) -> {
            if (is != null && !is.isEmpty()) {
                shell.statusProperty().set(is);
            }
        });
        notes.setAttachments(this::grabPicture, this::takeDrawings);
        panel = new NotesPanel(notes);
        panel.setId("notes-panel");
        Node field = panel.lookup("#noteText");
        if (field != null) {
            // After Enter the single-letter keys belong to the monitor again.
            field.addEventHandler(KeyEvent.KEY_PRESSED, e -> {
                if (e.getCode() == KeyCode.ENTER) {
                    view.requestFocus();
                }
            });
        }
        TabPane tabs = new TabPane(new Tab("Notes", panel), new Tab("Checklist", checklists(s)));
        tabs.setId("review-tabs");
        tabs.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
        tabs.setFocusTraversable(false);
        VBox.setVgrow(tabs, Priority.ALWAYS);
        view.setNotesPanel(new VBox(sessionBar, tabs));
        view.setTimeline(markerStrip());
        drawing.setId("drawing-layer");
        drawing.setDrawingEnabled(false);
        Bindings.bindContent(drawing.drawings(), notes.activeDrawings());
        view.setViewerOverlay(drawing, drawTools());
        installActions();
        Session session = s.session();
        if (!session.rate().equals(options.rate()) || session.dropFrame() != options.dropFrame()) {
            shell.statusProperty().set("Session " + options.sessionFile().getFileName() + " counts at "
                    + session.rate() + (session.dropFrame() ? " DF" : "") + ", the source at " + options.rate()
                    + ": notes follow the session's rate");
        }
        NotesViewModel vm = notes;
        notes.reload().thenRun(() -> {
            Platform.runLater(() -> showLayers(vm));
            if (!closing) {
                shell.statusProperty().set("Session " + options.sessionFile().getFileName() + ": "
                        + notes.notes().size() + " notes");
            }
        });
    }

    private Node checklists(NoteStore s) {
        List<ChecklistTemplate> templates;
        String problem = null;
        try {
            templates = ChecklistTemplates.load(options.checklistFolder());
        } catch (RuntimeException e) {
            templates = ChecklistTemplates.builtIn();
            problem = "User checklists not loaded: " + e.getMessage();
        }
        ComboBox<ChecklistTemplate> choice = new ComboBox<>();
        choice.setId("checklistChoice");
        choice.getItems().setAll(templates);
        choice.setConverter(new javafx.util.StringConverter<>() {
            @Override
            public String toString(ChecklistTemplate t) {
                return t == null ? "" : t.name();
            }

            @Override
            public ChecklistTemplate fromString(String text) {
                throw new UnsupportedOperationException();
            }
        });
        choice.setMaxWidth(Double.MAX_VALUE);
        StackPane holder = new StackPane();
        VBox.setVgrow(holder, Priority.ALWAYS);
        choice.valueProperty().addListener((o, was, t) -> {
            if (t != null) {
                ChecklistView cv = new ChecklistView(t, s, io);
                cv.setAuthor(options.author());
                holder.getChildren().setAll(cv);
                cv.load();
            }
        });
        VBox box = new VBox(6, choice, holder);
        box.getStyleClass().add("checklist-tab");
        if (problem != null) {
            Label p = new Label(problem);
            p.setWrapText(true);
            box.getChildren().add(1, p);
        }
        if (!templates.isEmpty()) {
            choice.setValue(templates.getFirst());
        }
        return box;
    }

    private Node markerStrip() {
        dev.xsight.review.TimelineMarkerStrip strip = new dev.xsight.review.TimelineMarkerStrip(notes);
        strip.setId("marker-strip");
        var rate = notes.session().rate();
        long span = STRIP_MINUTES * 60 * rate.numerator() / rate.denominator();
        Runnable fit = () -> {
            Timecode now = notes.currentTimecodeProperty().get();
            Timecode first = strip.startProperty().get();
            for (Note n : notes.notes()) {
                if (first == null || n.tcIn().compareTo(first) < 0) {
                    first = n.tcIn();
                }
            }
            if (first == null && now != null) {
                first = now;
            }
            if (first == null) {
                return;
            }
            if (!first.equals(strip.startProperty().get())) {
                strip.startProperty().set(first);
            }
            long from = first.toFrameCount(rate);
            long end = now == null ? from : now.toFrameCount(rate);
            for (Note n : notes.notes()) {
                end = Math.max(end, n.tcOut().toFrameCount(rate));
            }
            long needed = end - from + 1;
            if (needed > strip.lengthFramesProperty().get()) {
                // Grow in whole steps so the markers do not creep left every frame.
                strip.lengthFramesProperty().set((needed / span + 1) * span);
            }
        };
        notes.currentTimecodeProperty().addListener((o, was, is) -> fit.run());
        notes.notes().addListener((javafx.collections.ListChangeListener<Note>) c -> fit.run());
        strip.setOnSeek(tc -> shell.statusProperty().set("Live source: seeking to " + tc
                + " needs a recorded source"));
        return strip;
    }

    private Node drawTools() {
        ToggleGroup group = new ToggleGroup();
        Label caption = new Label("DRAW");
        caption.getStyleClass().add("draw-caption");
        drawTools.getChildren().add(caption);
        for (DrawingTool t : DrawingTool.values()) {
            ToggleButton b = new ToggleButton(t.name().charAt(0) + t.name().substring(1).toLowerCase(Locale.ROOT));
            b.setId("tool-" + t.name().toLowerCase(Locale.ROOT));
            b.setToggleGroup(group);
            b.setUserData(t);
            b.setFocusTraversable(false);
            b.getStyleClass().add("draw-tool");
            drawTools.getChildren().add(b);
            if (t == drawing.toolProperty().get()) {
                b.setSelected(true);
            }
        }
        group.selectedToggleProperty().addListener((o, was, is) -> {
            if (is == null) {
                was.setSelected(true); // one tool is always chosen
            } else {
                drawing.toolProperty().set((DrawingTool) is.getUserData());
            }
        });
        Label hint = new Label("drag on the picture · N writes the note · D cancels");
        hint.getStyleClass().add("draw-hint");
        drawTools.getChildren().add(hint);
        drawTools.setId("draw-tools");
        drawTools.getStyleClass().add("draw-tools");
        drawTools.setAlignment(Pos.CENTER_LEFT);
        drawTools.setMaxSize(javafx.scene.layout.Region.USE_PREF_SIZE, javafx.scene.layout.Region.USE_PREF_SIZE);
        drawTools.setVisible(false);
        return drawTools;
    }

    private void installActions() {
        shell.setHandler(Action.MARK_IN, () -> {
            notes.markInHere();
            shell.markInProperty().set(shell.timecodeProperty().get());
            shell.statusProperty().set("Mark in " + shell.timecodeProperty().get());
        });
        shell.setHandler(Action.MARK_OUT, () -> {
            notes.markOutHere();
            shell.markOutProperty().set(shell.timecodeProperty().get());
            shell.statusProperty().set("Mark out " + shell.timecodeProperty().get());
        });
        shell.setHandler(Action.ADD_MARKER, () -> {
            shell.markers().add(shell.timecodeProperty().get());
            notes.addNote(Severity.FYI, "", "Marker");
        });
        shell.setHandler(Action.ADD_NOTE, panel::focusQuickAdd);
        shell.setHandler(Action.DRAW, () -> setDrawMode(!drawMode));
        shell.setHandler(Action.NEXT_NOTE, () -> stepNote(1));
        shell.setHandler(Action.PREVIOUS_NOTE, () -> stepNote(-1));
        // Marks go back to empty once a note used them.
        notes.markInProperty().addListener((o, was, is) -> {
            if (is == null) {
                shell.markInProperty().set("");
            }
        });
        notes.markOutProperty().addListener((o, was, is) -> {
            if (is == null) {
                shell.markOutProperty().set("");
            }
        });
    }

    /** D: drawing input on (the overlay shows only the new note's drawings) or off (back to the notes' drawings). */
    private void setDrawMode(boolean on) {
        if (on == drawMode) {
            return;
        }
        drawMode = on;
        if (on) {
            Bindings.unbindContent(drawing.drawings(), notes.activeDrawings());
            drawing.drawings().clear();
            shell.statusProperty().set("Drawing: drag on the picture, then N to write the note (D cancels)");
        } else {
            if (!drawing.drawings().isEmpty()) {
                shell.statusProperty().set("Drawing discarded");
            }
            drawing.drawings().clear();
            Bindings.bindContent(drawing.drawings(), notes.activeDrawings());
        }
        drawing.setDrawingEnabled(on);
        drawTools.setVisible(on);
    }

    /** The drawings made for the note being added; leaves drawing mode. FX thread. */
    private List<Drawing> takeDrawings() {
        if (!drawMode) {
            return List.of();
        }
        List<Drawing> made = List.copyOf(drawing.drawings());
        drawing.drawings().clear(); // no "discarded" message: they go with the note
        setDrawMode(false);
        return made;
    }

    /** Copies the picture on screen now (FX thread) and encodes it as PNG on the io thread. */
    private CompletableFuture<FrameGrab> grabPicture() {
        Image img = view.picture().getImage();
        if (img == null || img.getPixelReader() == null) {
            return CompletableFuture.completedFuture(null);
        }
        int w = (int) img.getWidth();
        int h = (int) img.getHeight();
        if (w <= 0 || h <= 0 || (long) w * h > 8192L * 8192) {
            return CompletableFuture.completedFuture(null);
        }
        int[] argb = new int[w * h];
        img.getPixelReader().getPixels(0, 0, w, h, PixelFormat.getIntArgbInstance(), argb, 0, w);
        return CompletableFuture.supplyAsync(() -> {
            BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
            out.setRGB(0, 0, w, h, argb, 0, w);
            ByteArrayOutputStream png = new ByteArrayOutputStream(1 << 20);
            try {
                ImageIO.write(out, "png", png);
            } catch (IOException e) {
                throw new UncheckedIOException("frame grab not encoded: " + e.getMessage(), e);
            }
            return FrameGrab.ofPng(png.toByteArray());
        }, io);
    }

    /** Up/Down: select the next/previous note after/before the playhead in the list. */
    private void stepNote(int step) {
        @SuppressWarnings("unchecked")
        ListView<Note> list = (ListView<Note>) panel.lookup("#notesList");
        List<Note> shown = notes.visibleNotes();
        if (list == null || shown.isEmpty()) {
            shell.statusProperty().set("No notes");
            return;
        }
        int at = list.getSelectionModel().getSelectedIndex();
        if (at < 0) {
            Timecode now = notes.currentTimecodeProperty().get();
            at = step > 0 ? -1 : shown.size();
            for (int i = 0; i < shown.size() && now != null; i++) {
                if (shown.get(i).tcIn().compareTo(now) <= 0) {
                    at = i;
                }
            }
            if (step < 0 && at >= 0 && at < shown.size()) {
                at++;
            }
        }
        int next = Math.max(0, Math.min(shown.size() - 1, at + step));
        list.getSelectionModel().select(next);
        list.scrollTo(next);
        Note n = shown.get(next);
        shell.statusProperty().set("Note " + (next + 1) + "/" + shown.size() + " at " + n.tcIn()
                + " (live source: the picture cannot seek)");
    }

    /**
     * The session's note store (the file, or the shared session behind it) once it is open, else null. Any thread;
     * never call the store on the FX thread.
     */
    public NoteStore noteStore() {
        return store;
    }

    /** Reloads the notes list and marker strip from the store (after notes were written past the view-model). */
    public void refreshNotes() {
        javafx.application.Platform.runLater(() -> {
            NotesViewModel vm = notes;
            if (vm != null && !closing) { // a finding that arrives while the shell closes has no store to read
                vm.reload();
            }
        });
    }

    /** Completes on the FX thread with the notes' view-model once the session is open. */
    public CompletableFuture<NotesViewModel> opened() {
        return opened;
    }

    /** Completes on the FX thread with the new view-model when the user joined or left a shared session. */
    public CompletableFuture<NotesViewModel> reopened() {
        return reopened;
    }

    /** The shared-session strip above the notes. */
    public SessionBar sessionBar() {
        return sessionBar;
    }

    /** The joined shared session, if any. */
    public Optional<SharedSession> shared() {
        return Optional.ofNullable(shared);
    }

    /** Completes once the session file is closed (all acknowledged writes are in it). */
    public CompletableFuture<Void> closed() {
        return closed;
    }

    /** The overlay over the picture (drawing input and the notes' drawings). */
    public DrawingLayer drawingLayer() {
        return drawing;
    }

    /** Whether D has turned drawing input on. */
    public boolean drawMode() {
        return drawMode;
    }

    /**
     * Lets queued writes finish and closes the session file, on the io thread; idempotent. FX thread.
     *
     * @return {@link #closed()}
     */
    public CompletableFuture<Void> close() {
        return close(CompletableFuture.completedFuture(null));
    }

    /**
     * As {@link #close()}, but the session file stays open until {@code writersDone} completes (at most 30 s): the
     * notes that other writers (live QC's last findings) still have to write are kept. FX thread.
     */
    public CompletableFuture<Void> close(CompletableFuture<?> writersDone) {
        if (closing) {
            return closed;
        }
        closing = true;
        // A checklist note field saves when it loses focus: make that happen now, queued before the store closes.
        view.requestFocus();
        Thread.ofPlatform().name("xsight-notes-close").daemon(true).start(() -> {
            try {
                writersDone.get(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
                LOG.warn("closing the session while a writer has not finished: {}", e.toString());
            }
            try {
                io.execute(() -> {
                    NoteStore s = store;
                    if (s != null) {
                        s.close();
                    }
                });
            } catch (java.util.concurrent.RejectedExecutionException ignored) {
                // already shut down
            }
            io.shutdown();
            try {
                io.awaitTermination(30, TimeUnit.SECONDS);
                closed.complete(null);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                closed.completeExceptionally(e);
            }
        });
        return closed;
    }

    private static String rootMessage(Throwable t) {
        Throwable c = t;
        while (c instanceof CompletionException && c.getCause() != null) {
            c = c.getCause();
        }
        return c.getMessage() == null ? c.toString() : c.getMessage();
    }
}
