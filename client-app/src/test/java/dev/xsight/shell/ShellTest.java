package dev.xsight.shell;

import static dev.xsight.shell.ShellWindow.HANG_S;
import static dev.xsight.shell.ShellWindow.text;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.xsight.media.Timecode;
import dev.xsight.shell.reference.ReferenceOutputControl;
import java.util.concurrent.TimeUnit;
import javafx.scene.Node;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The real main window on JavaFX's Headless platform, driven by key presses and clicks. */
@ExtendWith(ApplicationExtension.class)
class ShellTest {
    private Shell shell;

    @Start
    void start(Stage stage) {
        shell = ShellWindow.open(stage);
    }

    @AfterEach
    void closeShell(FxRobot robot) {
        ShellWindow.close(robot, shell);
    }

    @Test
    void selectingTheDemoSourcePlaysItAndTheTimecodeAdvances(FxRobot robot) throws Exception {
        assertEquals(ShellViewModel.NO_TIMECODE, text(robot, "#timecode"));
        robot.clickOn("Demo test signal (1080p59.94)");
        WaitForAsyncUtils.waitFor(HANG_S, TimeUnit.SECONDS,
                () -> !text(robot, "#timecode").equals(ShellViewModel.NO_TIMECODE));
        Timecode first = Timecode.parse(text(robot, "#timecode"));
        WaitForAsyncUtils.waitFor(HANG_S, TimeUnit.SECONDS,
                () -> Timecode.parse(text(robot, "#timecode")).compareTo(first) > 0);
        assertTrue(first.compareTo(Timecode.parse("01:00:00;00")) >= 0, "demo starts at 01:00:00;00, got " + first);
        assertTrue(first.dropFrame(), "59.94 demo counts drop-frame");
        assertEquals("1920x1080p59.94 4:2:2 10-bit BT.709 narrow", text(robot, "#format"));
        // The health line is refreshed on its own tick, not with each frame: wait for its first refresh.
        WaitForAsyncUtils.waitFor(HANG_S, TimeUnit.SECONDS, () -> !text(robot, "#health").isEmpty());
        assertTrue(text(robot, "#health").startsWith("demo 59.94 fps"), text(robot, "#health"));
        assertEquals("Demo bars 1080p59.94", text(robot, "#source-title"));
    }

    @Test
    void st2110EntryAsksForAnSdpFileAndABadOneIsNamedWithTheRuleItBreaks(FxRobot robot) throws Exception {
        java.nio.file.Path sdp = java.nio.file.Files.createTempFile("xsight-bad", ".sdp");
        try {
            // RFC 8866 5.1: a description starts with v=0; this one does not.
            java.nio.file.Files.writeString(sdp, "s=no version line\r\n");
            java.util.List<String> asked = new java.util.ArrayList<>();
            robot.interact(() -> shell.viewModel().setLocationPrompt(e -> {
                asked.add(e.kind() + " " + e.provider().input());
                return java.util.Optional.of(sdp.toString());
            }));
            robot.clickOn("Open ST 2110-22 SDP file…");
            WaitForAsyncUtils.waitFor(HANG_S, TimeUnit.SECONDS, () -> text(robot, "#status").startsWith("Cannot open "));
            assertEquals(java.util.List.of("st2110 FILE"), asked, "the ST 2110 entry asks for a file");
            String status = text(robot, "#status");
            assertTrue(status.startsWith("Cannot open " + sdp + ": "), status);
            assertTrue(status.contains("SDP line 1") && status.contains("v=0"), status);
            assertEquals(ShellViewModel.NO_TIMECODE, text(robot, "#timecode"), "nothing plays");
        } finally {
            java.nio.file.Files.deleteIfExists(sdp);
        }
    }

    @Test
    void cancellingTheSdpFileChoiceOpensNothing(FxRobot robot) {
        robot.interact(() -> shell.viewModel().setLocationPrompt(e -> java.util.Optional.empty()));
        robot.clickOn("Open ST 2110-22 SDP file…");
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals("Select a source", text(robot, "#status"));
        assertEquals(ShellViewModel.NO_TIMECODE, text(robot, "#timecode"));
    }

    @Test
    void builtInOtsFeedPlaysAsTenBitHlsWithTimeOfDayTimecode(FxRobot robot) throws Exception {
        robot.clickOn("Demo OTS feed (HLS, 10-bit HEVC, loopback)");
        WaitForAsyncUtils.waitFor(HANG_S, TimeUnit.SECONDS,
                () -> !text(robot, "#timecode").equals(ShellViewModel.NO_TIMECODE));
        assertTrue(text(robot, "#format").startsWith("640x360"), text(robot, "#format"));
        assertTrue(text(robot, "#format").contains("10-bit"), text(robot, "#format"));
        Timecode first = Timecode.parse(text(robot, "#timecode"));
        WaitForAsyncUtils.waitFor(HANG_S, TimeUnit.SECONDS,
                () -> Timecode.parse(text(robot, "#timecode")).compareTo(first) > 0);
    }

    @Test
    void openingAnHlsUrlPlaysIt(FxRobot robot) throws Exception {
        try (dev.xsight.hls.demo.DemoHlsServer ots = dev.xsight.hls.demo.DemoHlsServer.start()) {
            robot.interact(() -> shell.viewModel().setLocationPrompt(e -> java.util.Optional.of(ots.url().toString())));
            robot.clickOn("Open HLS URL…");
            WaitForAsyncUtils.waitFor(HANG_S, TimeUnit.SECONDS,
                    () -> !text(robot, "#timecode").equals(ShellViewModel.NO_TIMECODE));
            assertTrue(text(robot, "#format").startsWith("640x360"), text(robot, "#format"));
            robot.interact(() -> shell.stage().close());
        }
    }

    @Test
    void questionMarkOpensTheKeyBindingOverlayAndEscapeClosesIt(FxRobot robot) {
        Node overlay = robot.lookup("#help-overlay").query();
        assertFalse(overlay.isVisible());
        robot.press(KeyCode.SHIFT, KeyCode.SLASH).release(KeyCode.SLASH, KeyCode.SHIFT);
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(overlay.isVisible(), "? opens the help overlay");
        assertTrue(robot.lookup("Shuttle forward (press again for faster)").tryQuery().isPresent(),
                "the overlay lists actions from the keymap");
        robot.type(KeyCode.ESCAPE);
        WaitForAsyncUtils.waitForFxEvents();
        assertFalse(overlay.isVisible(), "Esc closes it");
        robot.type(KeyCode.H);
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(overlay.isVisible(), "H opens it too");
    }

    @Test
    void rKeyOpensTheTenBitOpenGlReferenceOutputWithFullSizeFramesAndClosesIt(FxRobot robot) throws Exception {
        dev.xsight.TestRequirements.requireDisplay();
        robot.clickOn("Demo test signal (1080p59.94)");
        robot.type(KeyCode.R);
        WaitForAsyncUtils.waitFor(HANG_S, TimeUnit.SECONDS, () -> shell.glReferenceOutput() != null
                || shell.referenceWindow().stage().isShowing());
        dev.xsight.gl.ReferenceOutput out = shell.glReferenceOutput();
        assertTrue(out != null, "the OpenGL output opened, not the stand-in: " + text(robot, "#status"));
        assertFalse(shell.referenceWindow().stage().isShowing(), "the JavaFX stand-in stays hidden");
        // Liveness, not speed: on a loaded software renderer a 1080p present can take seconds.
        WaitForAsyncUtils.waitFor(180, TimeUnit.SECONDS, () -> out.stats().presented() >= 1);
        dev.xsight.gl.ReferenceOutput.Stats s = out.stats();
        assertEquals("1920x1080 yuv422p10le", s.format(), "the full-size source frame, not the preview");
        assertTrue(s.bitsPerChannel() >= 8, "bits " + s.bitsPerChannel());
        assertTrue(text(robot, "#reference-indicator").startsWith("REF OUT ● GL " + s.bitsPerChannel() + "-bit"),
                text(robot, "#reference-indicator"));
        robot.type(KeyCode.R);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(null, shell.glReferenceOutput(), "R again closes it");
        assertEquals("REF OUT", text(robot, "#reference-indicator"));
        // A closed output presents nothing more: its thread has ended (waited on, 60 s is a hang; it used to be a
        // 300 ms pause in which nothing was expected to happen, which a stalled thread also satisfies).
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, out::isStopped);
        long presented = out.stats().presented();
        assertTrue(out.isStopped());
        assertEquals(presented, out.stats().presented(), "a closed output presents nothing more");
    }

    @Test
    void rKeyWithTheJavaFxOutputTogglesTheChromelessStandInWindow(FxRobot robot) {
        robot.interact(() -> {
            shell.stage().close();
            shell = Shell.show(new Stage(), ShellOptions.defaults().withReference(
                    ShellOptions.Reference.DEFAULT.withOutput(ReferenceOutputControl.Mode.JAVAFX)));
        });
        rKeyTogglesTheStandIn(robot);
    }

    private void rKeyTogglesTheStandIn(FxRobot robot) {
        Stage ref = shell.referenceWindow().stage();
        assertFalse(ref.isShowing());
        robot.type(KeyCode.R);
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(ref.isShowing(), "R opens the reference output");
        assertEquals(javafx.stage.StageStyle.UNDECORATED, ref.getStyle());
        assertTrue(shell.viewModel().referenceVisibleProperty().get());
        javafx.scene.image.ImageView picture = (javafx.scene.image.ImageView)
                ((javafx.scene.layout.StackPane) ref.getScene().getRoot()).getChildren().get(0);
        assertEquals(1, ((javafx.scene.layout.StackPane) ref.getScene().getRoot()).getChildren().size(),
                "the reference output holds the picture and nothing else");
        assertTrue(picture.imageProperty().isBound(), "it shows the main viewer's picture");
        robot.interact(() -> shell.viewModel().perform(dev.xsight.input.Action.TOGGLE_REFERENCE_WINDOW));
        WaitForAsyncUtils.waitForFxEvents();
        assertFalse(ref.isShowing(), "toggling again closes it");
    }

    @Test
    void fKeyTogglesFullScreenAndEscapeLeavesIt(FxRobot robot) {
        robot.type(KeyCode.F);
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(shell.viewModel().fullScreenProperty().get());
        assertTrue(shell.stage().isFullScreen(), "F puts the main window in full screen");
        robot.type(KeyCode.ESCAPE);
        WaitForAsyncUtils.waitForFxEvents();
        assertFalse(shell.stage().isFullScreen(), "Esc leaves full screen");
    }

    @Test
    void spaceFreezesAndMarkKeysRecordTimecode(FxRobot robot) {
        robot.type(KeyCode.SPACE);
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(shell.viewModel().frozenProperty().get(), "Space freezes");
        assertEquals("❚❚ FREEZE", text(robot, "#transport"));
        robot.type(KeyCode.I).type(KeyCode.M).type(KeyCode.M);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(ShellViewModel.NO_TIMECODE, shell.viewModel().markInProperty().get());
        assertEquals(2, shell.viewModel().markers().size());
        robot.type(KeyCode.L);
        WaitForAsyncUtils.waitForFxEvents();
        assertFalse(shell.viewModel().frozenProperty().get(), "L plays again");
    }
}
