package dev.xsight.shell.qc;

import static dev.xsight.shell.ShellWindow.HANG_S;
import static dev.xsight.shell.ShellWindow.REVIEW_RATE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.xsight.media.Colorimetry;
import dev.xsight.media.Frame;
import dev.xsight.media.FramePool;
import dev.xsight.media.FrameSource;
import dev.xsight.media.PixelFormat;
import dev.xsight.media.SourceHealth;
import dev.xsight.media.SourceProvider;
import dev.xsight.media.Timecode;
import dev.xsight.qc.QcProfiles;
import dev.xsight.review.Note;
import dev.xsight.review.NotesViewModel;
import dev.xsight.review.SqliteNoteStore;
import dev.xsight.shell.ReviewOptions;
import dev.xsight.shell.Shell;
import dev.xsight.shell.ShellOptions;
import dev.xsight.shell.ShellWindow;
import dev.xsight.shell.SourceRegistry;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import javafx.scene.control.Label;
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

/**
 * Live QC in the real main window: a source that goes black for 40 frames (1.6 s at 25 fps) makes the black counter
 * of the QC panel count one and an auto-QC note appear in the review session over exactly those frames.
 */
@ExtendWith(ApplicationExtension.class)
class LiveQcShellTest {
    private static final String LABEL = "QC test clip (goes black)";
    private static final int BLACK_FROM = 25;
    private static final int BLACK_FRAMES = 40;
    /** How long the source stays black (a test may make it stay black until the shell closes). */
    private static volatile int blackFrames = BLACK_FRAMES;

    @TempDir
    static Path dir;

    private Shell shell;
    /** The test running now (the source reaches its shell's live QC through it). */
    private static volatile LiveQcShellTest current;

    @BeforeAll
    static void glassRobot() {
        System.setProperty("testfx.robot", "glass");
    }

    /**
     * 320x180 frames at 25 fps from 10:00:00:00: a changing grey, black for frames 25-64, then grey again. Each frame
     * waits until live QC has dealt with the one before, so a busy test machine cannot make the worker skip frames
     * (skipping is {@code QcWorkerTest}'s subject; here it would shorten the black run).
     */
    static final class GoesBlack implements FrameSource {
        private volatile boolean closed;
        private Thread thread;

        @Override
        public String name() {
            return LABEL;
        }

        @Override
        public void start(FrameListener listener) {
            FramePool pool = new FramePool(PixelFormat.YUV422P10, 320, 180, 8);
            long base = Timecode.parse("10:00:00:00").toFrameCount(REVIEW_RATE);
            thread = Thread.ofPlatform().daemon().name("qc-test-source").start(() -> {
                for (long n = 0; !closed; n++) {
                    LiveQc qc = current.shell.qc();
                    try {
                        while (!closed && !qc.caughtUp()) {
                            Thread.sleep(1);
                        }
                    } catch (InterruptedException e) {
                        return;
                    }
                    Frame f = pool.acquire();
                    boolean black = n >= BLACK_FROM && n < BLACK_FROM + (long) blackFrames;
                    java.util.Arrays.fill(f.plane(0), (short) (black ? 64 : 400 + (n % 50) * 8));
                    java.util.Arrays.fill(f.plane(1), (short) 512);
                    java.util.Arrays.fill(f.plane(2), (short) 512);
                    f.colorimetry(Colorimetry.BT709).frameRate(REVIEW_RATE).sequence(n).ptsNanos(n * 40_000_000L)
                            .timecode(Timecode.fromFrameCount(base + n, REVIEW_RATE, false));
                    listener.onFrame(f);
                    try {
                        Thread.sleep(40); // plays at about its rate (pacing only; nothing is timed)
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            });
        }

        @Override
        public SourceHealth health() {
            return SourceHealth.starting("QC test clip");
        }

        @Override
        public void close() {
            closed = true;
            if (thread != null) {
                thread.interrupt();
            }
        }
    }

    static final class GoesBlackProvider implements SourceProvider {
        @Override
        public String kind() {
            return "qc-test";
        }

        @Override
        public String label() {
            return LABEL;
        }

        @Override
        public Input input() {
            return Input.NONE;
        }

        @Override
        public FrameSource open(String location) {
            return new GoesBlack();
        }
    }

    private Path session;

    @Start
    void start(Stage stage) {
        current = this;
        blackFrames = BLACK_FRAMES;
        session = dir.resolve("live-qc-" + System.nanoTime() + ".xsight");
        ShellOptions options = ShellWindow.reviewing(new ReviewOptions(session, REVIEW_RATE, false, "Ann", null));
        shell = Shell.show(stage, options.withRegistry(SourceRegistry.discover().with(new GoesBlackProvider()))
                .withQc(QcProfiles.named("broadcast", null)));
    }

    @AfterEach
    void closeShell(FxRobot robot) throws Exception {
        robot.interact(() -> shell.stage().close());
        shell.review().closed().get(30, TimeUnit.SECONDS);
    }

    @Test
    void aSourceThatGoesBlackGetsABlackNoteAndTheCounterCountsIt(FxRobot robot) throws Exception {
        NotesViewModel vm = shell.review().opened().get(HANG_S, TimeUnit.SECONDS);
        robot.clickOn(LABEL);
        AtomicReference<Note> black = new AtomicReference<>();
        try {
            WaitForAsyncUtils.waitFor(HANG_S, TimeUnit.SECONDS, () -> {
                for (Note n : List.copyOf(vm.notes())) {
                    if (n.category().equals("V-BLACK")) {
                        black.set(n);
                        return true;
                    }
                }
                return false;
            });
        } catch (java.util.concurrent.TimeoutException e) {
            throw new AssertionError("no black note; notes " + vm.notes() + ", " + shell.qc().framesAnalysed()
                    + " frames checked, " + shell.qc().framesSkipped() + " skipped", e);
        }
        Note n = black.get();
        assertEquals(Note.AUTO_QC_AUTHOR, n.author());
        assertEquals("10:00:01:00", n.tcIn().toString(), "the first black frame");
        assertEquals("10:00:02:14", n.tcOut().toString(), "the last black frame");
        assertEquals(LABEL, n.source());
        WaitForAsyncUtils.waitFor(HANG_S, TimeUnit.SECONDS,
                () -> robot.lookup("#qc-black").queryAs(Label.class).getText().equals("black 1"));
        String skipped = robot.lookup("#qc-skipped").queryAs(Label.class).getText();
        assertTrue(skipped.endsWith("skipped"), skipped);
        assertEquals(1, shell.qc().count(dev.xsight.qc.QcEvent.Type.BLACK));
    }

    @Test
    void aFindingStillOpenWhenTheWindowClosesIsWrittenBeforeTheSessionFileCloses(FxRobot robot) throws Exception {
        blackFrames = Integer.MAX_VALUE; // black from frame 25 until the window closes
        shell.review().opened().get(HANG_S, TimeUnit.SECONDS);
        robot.clickOn(LABEL);
        // 1 s of black at 25 fps is the minimum duration: wait until the worker has seen more than that.
        WaitForAsyncUtils.waitFor(HANG_S, TimeUnit.SECONDS,
                () -> shell.qc().framesAnalysed() >= BLACK_FROM + 30);
        robot.interact(() -> shell.stage().close());
        shell.review().closed().get(30, TimeUnit.SECONDS);
        try (SqliteNoteStore file = SqliteNoteStore.open(session)) {
            List<Note> black = file.list().stream().filter(n -> n.category().equals("V-BLACK")).toList();
            assertEquals(1, black.size(), () -> "notes in the file: " + file.list());
            assertEquals("10:00:01:00", black.get(0).tcIn().toString(), "the first black frame");
            assertEquals(Note.AUTO_QC_AUTHOR, black.get(0).author());
        }
    }
}
