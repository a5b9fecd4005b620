package dev.xsight.shell;

import static dev.xsight.shell.ShellWindow.HANG_S;
import static dev.xsight.shell.ShellWindow.REVIEW_DEMO;
import static dev.xsight.shell.ShellWindow.REVIEW_RATE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.xsight.review.Note;
import dev.xsight.review.NotesViewModel;
import dev.xsight.review.Severity;
import dev.xsight.review.TimelineMarkerStrip;
import dev.xsight.session.Member;
import dev.xsight.session.NatsServerProcess;
import dev.xsight.session.SessionJoin;
import dev.xsight.session.SessionName;
import dev.xsight.session.SessionServer;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import javafx.scene.control.Label;
import javafx.scene.image.WritableImage;
import javafx.scene.paint.Color;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Two real shells in one shared session on a real nats-server: the director's note appears on the colourist's
 * marker strip, presence and the connection indicator say who is here and whether we are connected, and the
 * follower switches to the driver's source.
 */
@ExtendWith(ApplicationExtension.class)
class SharedSessionShellTest {
    @TempDir
    static Path dir;
    private static NatsServerProcess server;

    private Shell driver;
    private Shell reviewer;

    @BeforeAll
    static void startServer() throws Exception {
        System.setProperty("testfx.robot", "glass");
        server = NatsServerProcess.start(dir.resolve("nats"));
    }

    @AfterAll
    static void stopServer() throws Exception {
        server.close();
    }

    @Start
    void start(Stage stage) {
        String session = "grade" + System.nanoTime();
        driver = Shell.show(stage, options("colourist", Member.Role.DRIVER, session));
        Stage second = new Stage();
        reviewer = Shell.show(second, options("director", Member.Role.REVIEWER, session));
        second.setX(stage.getX() + 60);
    }

    private static ShellOptions options(String who, Member.Role role, String session) {
        SessionJoin join = new SessionJoin(SessionServer.of(server.url("nats"), null, null, false),
                new SessionName(session), new Member(who, role, ""));
        return ShellWindow.reviewing(new ReviewOptions(dir.resolve(who + System.nanoTime() + ".xsight"), REVIEW_RATE,
                false, who, null, Optional.of(join)));
    }

    @AfterEach
    void close(FxRobot robot) throws Exception {
        robot.interact(() -> {
            driver.stage().close();
            reviewer.stage().close();
        });
        driver.review().closed().get(30, TimeUnit.SECONDS);
        reviewer.review().closed().get(30, TimeUnit.SECONDS);
    }

    private static void waitOrSay(Supplier<String> why, Callable<Boolean> condition) throws Exception {
        try {
            WaitForAsyncUtils.waitFor(HANG_S, TimeUnit.SECONDS, condition);
        } catch (java.util.concurrent.TimeoutException e) {
            throw new AssertionError(why.get(), e);
        }
    }

    private static String text(FxRobot robot, Shell s, String id) {
        AtomicReference<String> t = new AtomicReference<>("");
        robot.interact(() -> t.set(((Label) s.stage().getScene().lookup(id)).getText()));
        return t.get();
    }

    private static void add(FxRobot robot, NotesViewModel vm, Severity sev, String category, String text)
            throws Exception {
        AtomicReference<java.util.concurrent.CompletableFuture<Note>> f = new AtomicReference<>();
        robot.interact(() -> f.set(vm.addNote(sev, category, text, null, java.util.List.of())));
        f.get().get(HANG_S, TimeUnit.SECONDS);
    }

    @Test
    void aNoteAddedInOneShellAppearsOnTheOthersMarkerStrip(FxRobot robot) throws Exception {
        NotesViewModel a = driver.review().opened().get(HANG_S, TimeUnit.SECONDS);
        NotesViewModel b = reviewer.review().opened().get(HANG_S, TimeUnit.SECONDS);
        waitOrSay(() -> "presence: " + text(robot, reviewer, "#session-presence"),
                () -> text(robot, reviewer, "#session-presence").contains("colourist (driver"));
        waitOrSay(() -> "state: " + text(robot, reviewer, "#session-state"),
                () -> text(robot, reviewer, "#session-state").contains(": connected"));

        robot.interact(() -> driver.viewModel().selectKind("demo"));
        waitOrSay(() -> "driver plays", () -> a.currentTimecodeProperty().get() != null);
        robot.interact(() -> a.markInHere());
        add(robot, a, Severity.BLOCKER, "V-BAND", "banding in the sky");
        waitOrSay(() -> "reviewer's notes " + b.notes(), () -> b.notes().stream()
                .anyMatch(n -> n.text().equals("banding in the sky")));
        Note n = b.notes().stream().filter(x -> x.text().equals("banding in the sky")).findFirst().orElseThrow();
        assertEquals("colourist", n.author());

        // The follower switched to the driver's source, so its strip covers the note's timecode.
        waitOrSay(() -> "reviewer follows: " + reviewer.viewModel().selectedProperty().get(),
                () -> reviewer.viewModel().selectedProperty().get() != null
                        && REVIEW_DEMO.equals(reviewer.viewModel().selectedProperty().get().label()));
        TimelineMarkerStrip strip = (TimelineMarkerStrip) reviewer.stage().getScene().lookup("#marker-strip");
        AtomicReference<Color> at = new AtomicReference<>();
        waitOrSay(() -> "marker colour " + at.get(), () -> {
            robot.interact(() -> {
                double x = strip.xOf(n.tcIn().toFrameCount(REVIEW_RATE));
                if (Double.isNaN(x)) {
                    at.set(null);
                    return;
                }
                WritableImage img = strip.snapshot(null, null);
                at.set(img.getPixelReader().getColor((int) Math.min(img.getWidth() - 1, Math.round(x)),
                        (int) (img.getHeight() / 2)));
            });
            return at.get() != null && !at.get().equals(Color.web("#202020"));
        });
        assertNotEquals(Color.web("#202020"), at.get(), "a marker is drawn where the note is");

        // Per-author layers: hiding the colourist's takes the note off the reviewer's list and strip.
        waitOrSay(() -> "no layer box for the colourist",
                () -> reviewer.stage().getScene().lookup("#layer-colourist") != null);
        robot.interact(() -> ((javafx.scene.control.CheckBox) reviewer.stage().getScene()
                .lookup("#layer-colourist")).setSelected(false));
        assertTrue(b.visibleNotes().stream().noneMatch(x -> x.id().equals(n.id())), "hidden from the list");
        robot.interact(() -> {
            WritableImage img = strip.snapshot(null, null);
            double x = strip.xOf(n.tcIn().toFrameCount(REVIEW_RATE));
            at.set(img.getPixelReader().getColor((int) Math.min(img.getWidth() - 1, Math.round(x)),
                    (int) (img.getHeight() / 2)));
        });
        assertEquals(Color.web("#202020"), at.get(), "no marker while the layer is hidden");
        robot.interact(() -> ((javafx.scene.control.CheckBox) reviewer.stage().getScene()
                .lookup("#layer-colourist")).setSelected(true));
        assertTrue(b.visibleNotes().stream().anyMatch(x -> x.id().equals(n.id())), "shown again");
    }

    @Test
    void theIndicatorSaysOfflineWithNotesQueuedAndTheyArriveAfterTheServerComesBack(FxRobot robot)
            throws Exception {
        NotesViewModel a = driver.review().opened().get(HANG_S, TimeUnit.SECONDS);
        NotesViewModel b = reviewer.review().opened().get(HANG_S, TimeUnit.SECONDS);
        robot.interact(() -> reviewer.viewModel().selectKind("demo"));
        waitOrSay(() -> "reviewer plays", () -> b.currentTimecodeProperty().get() != null);
        waitOrSay(() -> "state: " + text(robot, reviewer, "#session-state"),
                () -> text(robot, reviewer, "#session-state").contains(": connected"));
        server.kill();
        waitOrSay(() -> "state: " + text(robot, reviewer, "#session-state"),
                () -> text(robot, reviewer, "#session-state").contains("reconnecting"));
        robot.interact(() -> b.markInHere());
        add(robot, b, Severity.ISSUE, "A-SYNC", "lips late");
        waitOrSay(() -> "state: " + text(robot, reviewer, "#session-state"),
                () -> text(robot, reviewer, "#session-state").contains("1 note queued"));
        assertTrue(b.notes().stream().anyMatch(n -> n.text().equals("lips late")), "the author sees it at once");
        server.start();
        waitOrSay(() -> "driver's notes " + a.notes(), () -> a.notes().stream()
                .anyMatch(n -> n.text().equals("lips late")));
        waitOrSay(() -> "state: " + text(robot, reviewer, "#session-state"),
                () -> text(robot, reviewer, "#session-state").endsWith(": connected"));
    }
}
