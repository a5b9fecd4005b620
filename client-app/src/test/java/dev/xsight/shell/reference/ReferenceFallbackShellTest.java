package dev.xsight.shell.reference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.xsight.shell.Shell;
import dev.xsight.shell.ShellOptions;
import java.util.concurrent.TimeUnit;
import javafx.scene.control.Label;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The reference output asked for on a monitor that is not connected (screen 5 of a one-screen machine): the OpenGL
 * window cannot open, so the JavaFX stand-in shows the picture and the status line says why; with the output
 * {@link ReferenceOutputControl.Mode#GL} only, nothing opens and the status line says why.
 */
@ExtendWith(ApplicationExtension.class)
class ReferenceFallbackShellTest {
    private Shell shell;

    @Start
    void start(Stage stage) {
        shell = Shell.show(stage, options(ReferenceOutputControl.Mode.AUTO));
    }

    private static ShellOptions options(ReferenceOutputControl.Mode mode) {
        return ShellOptions.defaults().withReference(new ShellOptions.Reference(5, true, mode));
    }

    @AfterEach
    void closeShell(FxRobot robot) {
        robot.interact(() -> shell.stage().close());
    }

    private static String status(FxRobot robot) {
        return robot.lookup("#status").queryAs(Label.class).getText();
    }

    @Test
    void autoFallsBackToTheJavaFxStandInAndSaysWhy(FxRobot robot) throws Exception {
        robot.type(KeyCode.R);
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> status(robot).startsWith("Reference output: "));
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(shell.referenceWindow().stage().isShowing(), "the stand-in shows the picture");
        assertNull(shell.glReferenceOutput(), "no OpenGL output");
        String s = status(robot);
        assertTrue(s.startsWith("Reference output: JavaFX window (8-bit preview); no OpenGL window: "), s);
        // With a display (Xvfb has one screen) it names the missing monitor; without one it says there is no display.
        String display = System.getenv("DISPLAY");
        assertTrue(s.contains(display != null && !display.isBlank() ? "no monitor 5 (1 connected)" : "no display"), s);
        assertTrue(robot.lookup("#reference-indicator").queryAs(Label.class).getText().endsWith("8-bit preview"));
        robot.type(KeyCode.R);
        WaitForAsyncUtils.waitForFxEvents();
        assertFalse(shell.referenceWindow().stage().isShowing(), "R closes the stand-in");
    }

    @Test
    void glOnlyOpensNothingAndSaysWhy(FxRobot robot) throws Exception {
        robot.interact(() -> {
            shell.stage().close();
            shell = Shell.show(new Stage(), options(ReferenceOutputControl.Mode.GL));
        });
        robot.type(KeyCode.R);
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS,
                () -> status(robot).startsWith("Reference output: no OpenGL window: "));
        WaitForAsyncUtils.waitForFxEvents();
        assertFalse(shell.viewModel().referenceVisibleProperty().get(), "the reference output is off again");
        assertFalse(shell.referenceWindow().stage().isShowing(), "no stand-in either");
        assertNull(shell.glReferenceOutput());
        assertEquals("REF OUT", robot.lookup("#reference-indicator").queryAs(Label.class).getText());
    }
}
