package dev.xsight.shell;

import dev.xsight.media.FrameRate;
import dev.xsight.media.Timecode;
import dev.xsight.signal.DemoSource;
import dev.xsight.signal.DemoSourceProvider;
import javafx.scene.control.Label;
import javafx.stage.Stage;
import org.testfx.api.FxRobot;

/**
 * What the TestFX tests of the main window share: opening it with the default options, closing it, and reading a
 * label. (TestFX looks for {@code @Start} on the test class itself, so each test keeps its one-line start.)
 */
public final class ShellWindow {
    /** Longest wait for anything the shell does: only a hang reaches it (software GL on a busy machine is slow). */
    public static final long HANG_S = 60;
    /** The rate of the review tests' demo and notes: 25 fps keeps the demo light on a shared CI machine. */
    public static final FrameRate REVIEW_RATE = FrameRate.FPS_25;
    /** The label of the demo source at {@link #REVIEW_RATE}. */
    public static final String REVIEW_DEMO = "Demo test signal (1080p25)";

    private ShellWindow() {
    }

    /** The main window with the default options, shown in {@code stage}. FX thread. */
    public static Shell open(Stage stage) {
        return Shell.show(stage, ShellOptions.defaults());
    }

    /** The main window whose demo source plays still bars (only the timecode runs). FX thread. */
    public static Shell openOnStillBars(Stage stage) {
        DemoSource.Settings still = DemoSource.Settings.defaults().withMotion(false);
        return Shell.show(stage, ShellOptions.defaults()
                .withRegistry(SourceRegistry.discover().with(new DemoSourceProvider(still))));
    }

    /** Options whose demo source plays at {@link #REVIEW_RATE} from 10:00:00:00, reviewing as {@code review} says. */
    public static ShellOptions reviewing(ReviewOptions review) {
        DemoSource.Settings demo = new DemoSource.Settings(REVIEW_RATE, false, Timecode.parse("10:00:00:00"), true);
        return ShellOptions.defaults().withRegistry(SourceRegistry.discover().with(new DemoSourceProvider(demo)))
                .withReview(review);
    }

    /** Closes the window (and with it the sources and threads of the shell). */
    public static void close(FxRobot robot, Shell shell) {
        robot.interact(() -> shell.stage().close());
    }

    /** The text of the label {@code id} (a CSS selector such as {@code #timecode}). */
    public static String text(FxRobot robot, String id) {
        return robot.lookup(id).queryAs(Label.class).getText();
    }
}
