package dev.xsight.review;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.xsight.media.FrameRate;
import dev.xsight.media.Timecode;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import javafx.scene.Scene;
import javafx.scene.control.ListView;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The notes panel on its own in a real JavaFX window over a real session file. */
@ExtendWith(ApplicationExtension.class)
class NotesPanelTest {
    private static final FrameRate RATE = FrameRate.FPS_23_976;

    @TempDir
    static Path dir;

    private SqliteNoteStore store;
    private ExecutorService io;
    private NotesViewModel vm;
    private DrawingLayer drawing;

    @BeforeAll
    static void glassRobot() {
        System.setProperty("testfx.robot", "glass");
    }

    @Start
    void start(Stage stage) {
        store = ViewTestSessions.fresh(dir, "panel", RATE);
        io = Executors.newSingleThreadExecutor();
        vm = new NotesViewModel(store, io);
        vm.authorProperty().set("Ann");
        vm.currentTimecodeProperty().set(tc("01:00:00:00"));
        drawing = new DrawingLayer();
        drawing.setId("drawing");
        drawing.setPrefSize(400, 225);
        drawing.setMinSize(400, 225);
        drawing.setMaxSize(400, 225);
        NotesPanel panel = new NotesPanel(vm);
        TimelineMarkerStrip strip = new TimelineMarkerStrip(vm);
        strip.startProperty().set(tc("01:00:00:00"));
        strip.lengthFramesProperty().set(24L * 60);
        Scene scene = new Scene(new VBox(new StackPane(drawing), strip, panel), 700, 700);
        stage.setScene(scene);
        stage.show();
    }

    @AfterEach
    void close() throws InterruptedException {
        ViewTestSessions.close(io, store);
    }

    private static Timecode tc(String s) {
        return Timecode.parse(s, RATE);
    }

    private void settle() {
        WaitForAsyncUtils.waitForFxEvents();
        try {
            io.submit(() -> { }).get(60, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
        WaitForAsyncUtils.waitForFxEvents();
    }

    @Test
    void addsNoteByMouseWithChosenSeverityAndMarkedRange(FxRobot robot) {
        robot.interact(() -> {
            vm.currentTimecodeProperty().set(tc("01:00:20:00"));
            vm.markInHere();
            vm.currentTimecodeProperty().set(tc("01:00:21:12"));
            vm.markOutHere();
        });
        choose(robot, "#noteSeverity", "BLOCKER");
        robot.clickOn("#noteText").write("Dead pixel top left");
        robot.clickOn("#addNote");
        settle();
        Note n = store.list().getFirst();
        assertEquals(Severity.BLOCKER, n.severity());
        assertEquals(tc("01:00:20:00"), n.tcIn());
        assertEquals(tc("01:00:21:12"), n.tcOut());
        assertEquals("Dead pixel top left", n.text());
    }

    @Test
    void filtersBySeverityCategoryStatusAndAuthor(FxRobot robot) {
        store.add(note("01:00:01:00", Severity.BLOCKER, "V-BAND", "Ann", NoteStatus.OPEN));
        store.add(note("01:00:02:00", Severity.ISSUE, "V-HIT", "Bob", NoteStatus.OPEN));
        store.add(note("01:00:03:00", Severity.FYI, "V-BAND", "Bob", NoteStatus.WAIVED));
        robot.interact(() -> vm.reload());
        settle();
        ListView<?> list = robot.lookup("#notesList").queryAs(ListView.class);
        assertEquals(3, list.getItems().size());
        choose(robot, "#filterSeverity", "ISSUE");
        assertEquals(1, list.getItems().size());
        robot.interact(() -> vm.severityFilterProperty().set(null));
        choose(robot, "#filterCategory", "V-BAND");
        assertEquals(2, list.getItems().size());
        choose(robot, "#filterAuthor", "Bob");
        assertEquals(1, list.getItems().size());
        robot.interact(() -> vm.authorFilterProperty().set(""));
        choose(robot, "#filterStatus", "waived");
        assertEquals(1, list.getItems().size());
        assertEquals("01:00:03:00", ((Note) list.getItems().getFirst()).tcIn().toString());
    }

    @Test
    void highlightFollowsTheChangingTimecode(FxRobot robot) {
        Note a = store.add(note("01:00:01:00", "01:00:01:23", Severity.ISSUE));
        Note b = store.add(note("01:00:01:12", "01:00:02:05", Severity.FYI));
        robot.interact(() -> vm.reload());
        settle();
        robot.interact(() -> vm.currentTimecodeProperty().set(tc("01:00:00:23")));
        assertEquals(List.of(), List.copyOf(vm.activeNotes()));
        robot.interact(() -> vm.currentTimecodeProperty().set(tc("01:00:01:00")));
        assertEquals(List.of(a), List.copyOf(vm.activeNotes()));
        assertHighlighted(robot, 1);
        robot.interact(() -> vm.currentTimecodeProperty().set(tc("01:00:01:20")));
        assertEquals(List.of(a, b), List.copyOf(vm.activeNotes()));
        assertHighlighted(robot, 2);
        robot.interact(() -> vm.currentTimecodeProperty().set(tc("01:00:02:05")));
        assertEquals(List.of(b), List.copyOf(vm.activeNotes()));
        robot.interact(() -> vm.currentTimecodeProperty().set(tc("01:00:02:06")));
        assertTrue(vm.activeNotes().isEmpty());
        assertHighlighted(robot, 0);
    }

    @Test
    void drawingProducesShapesInNormalisedCoordinates(FxRobot robot) {
        javafx.geometry.Bounds b = robot.lookup("#drawing").query().localToScreen(
                robot.lookup("#drawing").query().getLayoutBounds());
        robot.interact(() -> drawing.toolProperty().set(DrawingTool.RECTANGLE));
        robot.drag(b.getMinX() + 100, b.getMinY() + 45).dropTo(new javafx.geometry.Point2D(b.getMinX() + 300,
                b.getMinY() + 180));
        robot.interact(() -> drawing.toolProperty().set(DrawingTool.ARROW));
        robot.drag(b.getMinX() + 40, b.getMinY() + 200).dropTo(new javafx.geometry.Point2D(b.getMinX() + 200,
                b.getMinY() + 112.5));
        robot.interact(() -> drawing.toolProperty().set(DrawingTool.PEN));
        robot.drag(b.getMinX() + 10, b.getMinY() + 10).moveTo(new javafx.geometry.Point2D(b.getMinX() + 50,
                b.getMinY() + 20)).dropTo(new javafx.geometry.Point2D(b.getMinX() + 90, b.getMinY() + 30));
        List<Drawing> d = List.copyOf(drawing.drawings());
        assertEquals(3, d.size());
        Drawing.Rectangle r = (Drawing.Rectangle) d.get(0);
        assertEquals(0.25, r.corner().x(), 0.01);
        assertEquals(0.2, r.corner().y(), 0.01);
        assertEquals(0.75, r.opposite().x(), 0.01);
        assertEquals(0.8, r.opposite().y(), 0.01);
        Drawing.Arrow a = (Drawing.Arrow) d.get(1);
        assertEquals(0.1, a.from().x(), 0.01);
        assertEquals(0.5, a.to().x(), 0.01);
        assertEquals(0.5, a.to().y(), 0.01);
        Drawing.Pen p = (Drawing.Pen) d.get(2);
        assertTrue(p.points().size() >= 2);
        for (NormalizedPoint q : p.points()) {
            assertTrue(q.x() >= 0.02 && q.x() <= 0.23 && q.y() >= 0.04 && q.y() <= 0.14, q.toString());
        }
        // Stored with a note, drawings come back identical.
        Note n = store.add(note("01:00:05:00", "01:00:05:00", Severity.ISSUE).withDrawings(d));
        assertEquals(d, store.get(n.id()).orElseThrow().drawings());
    }

    @Test
    void notesSurviveReopeningTheSessionFile(FxRobot robot) throws Exception {
        robot.interact(() -> vm.currentTimecodeProperty().set(tc("01:00:30:00")));
        robot.clickOn("#noteText").write("Soft focus").press(KeyCode.ENTER).release(KeyCode.ENTER);
        settle();
        Path file = store.file();
        store.close();
        try (SqliteNoteStore reopened = SqliteNoteStore.open(file)) {
            NotesViewModel again = new NotesViewModel(reopened, io);
            robot.interact(() -> again.reload());
            settle();
            assertEquals(1, again.notes().size());
            assertEquals("Soft focus", again.notes().getFirst().text());
            assertEquals(tc("01:00:30:00"), again.notes().getFirst().tcIn());
        }
        store = SqliteNoteStore.open(file);
    }

    @Test
    void editShowsAsSavedOnlyAfterTheStoreCommittedAndDeleteAsksFirst(FxRobot robot) throws Exception {
        Note original = store.add(note("01:00:07:00", "01:00:07:12", Severity.ISSUE));
        Note other = store.add(note("01:00:08:00", "01:00:08:00", Severity.FYI));
        robot.interact(() -> vm.reload());
        settle();
        robot.clickOn("range 01:00:07:00");
        choose(robot, "#editStatus", "best-possible");
        choose(robot, "#editSeverity", "BLOCKER");
        robot.clickOn("#editText").push(KeyCode.CONTROL, KeyCode.END).write(" x");

        // Hold the store's thread: the edit is queued, nothing is shown as saved yet.
        java.util.concurrent.CountDownLatch hold = new java.util.concurrent.CountDownLatch(1);
        io.submit(() -> {
            hold.await();
            return null;
        });
        robot.clickOn("#saveNote");
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals("Saving…", robot.lookup("#editState").queryLabeled().getText());
        assertTrue(robot.lookup("#noteEditor").query().isDisabled(), "no second edit while one is being stored");
        assertEquals(original, vm.notes().getFirst(), "the list keeps the stored note until the commit");
        assertEquals(original, store.get(original.id()).orElseThrow());
        hold.countDown();
        settle();

        Note stored = store.get(original.id()).orElseThrow();
        assertEquals(NoteStatus.BEST_POSSIBLE, stored.status());
        assertEquals(Severity.BLOCKER, stored.severity());
        assertEquals("range 01:00:07:00 x", stored.text());
        assertEquals(original.category(), stored.category());
        assertTrue(stored.edited().isAfter(original.edited()), stored.edited() + " after " + original.edited());
        assertEquals(stored, vm.notes().getFirst());
        assertTrue(robot.lookup("#editState").queryLabeled().getText().startsWith("Saved · edited "));

        robot.clickOn("range 01:00:08:00");
        robot.clickOn("#deleteNote");
        assertTrue(robot.lookup("#confirmDelete").query().isVisible(), "delete asks first");
        settle();
        assertTrue(store.get(other.id()).isPresent(), "asking deletes nothing");
        robot.clickOn("#confirmDelete");
        settle();
        assertTrue(store.get(other.id()).isEmpty());
        assertEquals(List.of(stored), List.copyOf(vm.notes()));
        assertFalse(robot.lookup("#noteEditor").query().isVisible(), "the editor closes with the deleted note");
    }

    /** Opens a combo box and clicks the entry with {@code text} in its popup list. */
    private static void choose(FxRobot robot, String combo, String text) {
        robot.clickOn(combo);
        java.util.function.Supplier<java.util.Optional<javafx.scene.Node>> cell = () -> robot.lookup(
                ".combo-box-popup .list-cell").match((javafx.scene.control.ListCell<?> c) -> text.equals(c.getText())
                        && c.isVisible()).tryQuery();
        try {
            WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> cell.get().isPresent());
        } catch (java.util.concurrent.TimeoutException e) {
            throw new AssertionError("no '" + text + "' in the popup of " + combo, e);
        }
        robot.clickOn(cell.get().orElseThrow());
        WaitForAsyncUtils.waitForFxEvents();
    }

    /** Waits (bounded) for the list to repaint, then checks how many cells carry the :active pseudo-class. */
    private static void assertHighlighted(FxRobot robot, int expected) {
        java.util.function.Supplier<Integer> count = () -> robot.lookup("#notesList .list-cell")
                .match((javafx.scene.Node n) -> n.getPseudoClassStates().contains(NotesPanel.ACTIVE)).queryAll()
                .size();
        try {
            WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> count.get() == expected);
        } catch (java.util.concurrent.TimeoutException e) {
            assertEquals(expected, count.get(), "highlighted cells");
        }
    }

    private static Note note(String in, Severity s, String category, String author, NoteStatus status) {
        Note n = Note.create(tc(in), tc(in), s, category, "note at " + in, author, "");
        return n.withStatus(status);
    }

    private static Note note(String in, String out, Severity s) {
        return Note.create(tc(in), tc(out), s, "V-HIT", "range " + in, "Ann", "");
    }

    @Test
    void drawingsOfTheNotesUnderThePlayheadAreActive(FxRobot robot) {
        Drawing circle = new Drawing.Ellipse(new NormalizedPoint(0.4, 0.4), new NormalizedPoint(0.6, 0.6),
                StrokeStyle.DEFAULT);
        store.add(note("01:00:50:00", "01:00:51:00", Severity.ISSUE).withDrawings(List.of(circle)));
        robot.interact(() -> vm.reload());
        settle();
        robot.interact(() -> vm.currentTimecodeProperty().set(tc("01:00:50:12")));
        assertEquals(List.of(circle), List.copyOf(vm.activeDrawings()));
        robot.interact(() -> vm.currentTimecodeProperty().set(tc("01:00:51:01")));
        assertTrue(vm.activeDrawings().isEmpty());
    }

    @Test
    void addsNoteByKeyboardAtThePlayheadAndStoresIt(FxRobot robot) {
        robot.interact(() -> vm.currentTimecodeProperty().set(tc("01:00:10:05")));
        robot.clickOn("#noteText").write("Banding in the sky").press(KeyCode.ENTER).release(KeyCode.ENTER);
        settle();
        List<Note> stored = store.list();
        assertEquals(1, stored.size());
        assertEquals("Banding in the sky", stored.getFirst().text());
        assertEquals(tc("01:00:10:05"), stored.getFirst().tcIn());
        assertEquals("Ann", stored.getFirst().author());
        assertEquals(1, robot.lookup("#notesList").queryAs(ListView.class).getItems().size());
    }
}
