package dev.xsight.shell;

import static dev.xsight.shell.ShellWindow.HANG_S;
import static dev.xsight.shell.ShellWindow.text;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.xsight.image.DisplayImage;
import dev.xsight.media.Timecode;
import dev.xsight.render.PipelinePreset;
import dev.xsight.render.PreviewLoop;
import dev.xsight.shell.monitoring.AudioMeter;
import java.util.concurrent.TimeUnit;
import javafx.scene.Node;
import javafx.scene.image.Image;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** Side-by-side mode in the real main window: the grade feed in the main viewer, the OTS feed next to it. */
@ExtendWith(ApplicationExtension.class)
class ShellSideBySideTest {
    private Shell shell;

    @Start
    void start(Stage stage) {
        shell = ShellWindow.openOnStillBars(stage); // still bars: the picture under a bar stays that bar
    }

    @AfterEach
    void closeShell(FxRobot robot) {
        ShellWindow.close(robot, shell);
    }

    private static boolean secondConverterAlive() {
        return Thread.getAllStackTraces().keySet().stream()
                .anyMatch(t -> t.isAlive() && t.getName().equals(SideBySide.CONVERTER_THREAD));
    }

    @Test
    void sKeyPlaysTheOtsFeedNextToTheGradeFeedAndThePillTurnsItOffAgain(FxRobot robot) throws Exception {
        robot.interact(() -> shell.viewModel().selectKind("demo"));
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS,
                () -> !text(robot, "#timecode").equals(ShellViewModel.NO_TIMECODE));
        Node second = robot.lookup("#second-viewer").query();
        assertFalse(second.isVisible(), "one viewer until side by side is asked for");
        assertEquals("SIDE BY SIDE", text(robot, "#side-by-side-pill"));

        robot.type(KeyCode.S);
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(second.isVisible(), "S opens the second viewer");
        assertEquals("SIDE BY SIDE ●", text(robot, "#side-by-side-pill"));
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS,
                () -> !text(robot, "#second-timecode").equals(ShellViewModel.NO_TIMECODE));

        // Both timecodes advance, each from its own source.
        Timecode main1 = Timecode.parse(text(robot, "#timecode"));
        Timecode second1 = Timecode.parse(text(robot, "#second-timecode"));
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS,
                () -> Timecode.parse(text(robot, "#timecode")).compareTo(main1) > 0
                        && Timecode.parse(text(robot, "#second-timecode")).compareTo(second1) > 0);
        assertTrue(main1.dropFrame(), "the 59.94 grade feed counts drop-frame: " + main1);
        assertFalse(second1.dropFrame(), "the 25 fps OTS feed counts non-drop: " + second1);
        assertTrue(text(robot, "#source-title").startsWith("Demo bars"), text(robot, "#source-title"));
        assertTrue(text(robot, "#second-source").startsWith("Demo OTS"), text(robot, "#second-source"));
        assertNotEquals(text(robot, "#source-title"), text(robot, "#second-source"));
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> text(robot, "#second-health").startsWith("640x360"));
        assertTrue(text(robot, "#health").startsWith("demo 59.94 fps"), "the main health line stays the primary's");
        assertTrue(secondConverterAlive(), "the second viewer converts on its own thread");

        // The OTS feed carries a stereo 440 Hz AAC tone at amplitude 1/8. FFmpeg's astats over the shipped segments in
        // 400 ms windows (19 200 samples, the meter's window) reads peaks from -17.9 to -17.0 dBFS (AAC overshoot
        // above the sine's -18.1) and RMS -21.1 dBFS (a sine's -18.1 - 3.01) on both channels. The demo grade feed has no audio,
        // so the main viewer shows no meter.
        AudioMeter meter = robot.lookup("#second-audio-meter").queryAs(AudioMeter.class);
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> meter.channelsShown() == 2);
        WaitForAsyncUtils.waitForFxEvents(); // the meter fills in its figures in the same FX event
        // The first blocks after the decoder starts hold its priming (near silence): give the window time to fill.
        try {
            WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> {
                var l = shell.viewModel().sideBySide().audioLevelsProperty().get();
                return l.channels() == 2 && Math.abs(l.rmsDbfs()[0] + 21.1) <= 0.6 && Math.abs(l.rmsDbfs()[1] + 21.1) <= 0.6;
            });
        } catch (java.util.concurrent.TimeoutException e) {
            // fall through: the assertions below say what the meter read
        }
        var levels = shell.viewModel().sideBySide().audioLevelsProperty().get();
        for (int c = 0; c < 2; c++) {
            double peak = levels.peakDbfs()[c];
            assertTrue(peak >= -18.0 && peak <= -16.9, "peak of channel " + c + ": " + peak);
            assertEquals(-21.1, levels.rmsDbfs()[c], 0.6, "RMS of channel " + c);
            assertTrue(meter.figures(c).endsWith(" dBFS"), meter.figures(c));
        }
        assertTrue(meter.isVisible());
        assertFalse(robot.lookup("#audio-meter").query().isVisible(), "the grade demo has no audio");

        robot.clickOn("#side-by-side-pill");
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> !shell.viewModel().sideBySide().sourceOpen());
        WaitForAsyncUtils.waitForFxEvents();
        assertFalse(second.isVisible(), "the pill turns side by side off");
        assertEquals(ShellViewModel.NO_TIMECODE, text(robot, "#second-timecode"));
        assertFalse(secondConverterAlive(), "its converter thread has ended");
        assertFalse(meter.isVisible(), "its meter goes with it");
        long shownWhenOff = shell.viewModel().sideBySide().framesShown();
        Timecode mainAtOff = Timecode.parse(text(robot, "#timecode"));
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS,
                () -> Timecode.parse(text(robot, "#timecode")).compareTo(mainAtOff) > 0);
        assertEquals(shownWhenOff, shell.viewModel().sideBySide().framesShown(),
                "while the primary plays on, the second viewer shows no more frames");
        assertEquals(ShellViewModel.NO_TIMECODE, text(robot, "#second-timecode"));
    }

    /** RP 219 pattern 1: the 75% yellow bar spans x 446–651 of 1920; line 0.37 of the height is inside the bars. */
    private static int[] yellowBar(int width, int height) {
        return new int[] {548 * width / 1920, 37 * height / 100};
    }

    /** The second viewer's displayed 10-bit R'G'B' codes at the yellow bar, or null before a managed picture. */
    private int[] secondCodesAtYellow(FxRobot robot) throws Exception {
        return WaitForAsyncUtils.asyncFx(() -> {
            PreviewLoop.Picture<?> p = shell.viewModel().sideBySide().viewer().shown();
            if (p == null || !p.analysis().valid()) {
                return null;
            }
            DisplayImage codes = p.analysis().codes();
            int[] at = yellowBar(codes.width(), codes.height());
            return new int[] {codes.get(at[0], at[1], 0), codes.get(at[0], at[1], 1), codes.get(at[0], at[1], 2)};
        }).get();
    }

    @Test
    void theSecondViewerShowsTheBarsThroughItsOwnPipeline(FxRobot robot) throws Exception {
        robot.interact(() -> {
            shell.viewModel().selectKind("demo");
            shell.viewModel().setSecondKind("demo");
            shell.viewModel().setSideBySide(true);
        });
        SideBySide sbs = shell.viewModel().sideBySide();
        WaitForAsyncUtils.waitFor(HANG_S, TimeUnit.SECONDS, () -> secondCodesAtYellow(robot) != null);
        // A BT.709 source starts on the Rec.709 BT.1886 preset, as the main viewer does.
        assertEquals(PipelinePreset.REC709.pipeline(), sbs.viewer().params().pipeline());
        // RP 219 75% yellow is R'G'B' 0.75, 0.75, 0 (BT.709 matrix); Rec.709 in, BT.1886 out leaves the signal as it
        // is: display codes 0.75 × 1023 (within the rounding of the Y'CbCr codes, 2 codes).
        int[] codes = secondCodesAtYellow(robot);
        assertEquals(767.25, codes[0], 2, "R " + java.util.Arrays.toString(codes));
        assertEquals(767.25, codes[1], 2, "G " + java.util.Arrays.toString(codes));
        assertEquals(0, codes[2], 2, "B " + java.util.Arrays.toString(codes));
        int argb = WaitForAsyncUtils.asyncFx(() -> {
            Image img = sbs.pictureProperty().get();
            int[] at = yellowBar((int) img.getWidth(), (int) img.getHeight());
            return img.getPixelReader().getArgb(at[0], at[1]);
        }).get();
        assertEquals(0.75 * 255, (argb >> 16) & 0xFF, 1.5, "the 8-bit picture shows what the codes say");
        assertEquals(0.75 * 255, (argb >> 8) & 0xFF, 1.5);
        assertEquals(0, argb & 0xFF, 1.5);

        // Its own pipeline: sRGB on this viewer only. BT.1886 decodes 0.75 to 0.75^2.4 of white; IEC 61966-2-1
        // encodes that as 1.055 L^(1/2.4) - 0.055.
        double linear = Math.pow(0.75, 2.4);
        double srgb = 1.055 * Math.pow(linear, 1 / 2.4) - 0.055;
        robot.interact(() -> sbs.viewer().setPipeline(PipelinePreset.SRGB.pipeline()));
        WaitForAsyncUtils.waitFor(HANG_S, TimeUnit.SECONDS, () -> {
            int[] c = secondCodesAtYellow(robot);
            return c != null && Math.abs(c[0] - srgb * 1023) <= 2;
        });
        codes = secondCodesAtYellow(robot);
        assertEquals(srgb * 1023, codes[1], 2, "G " + java.util.Arrays.toString(codes));
        assertEquals(0, codes[2], 2, "B " + java.util.Arrays.toString(codes));
        assertEquals(PipelinePreset.REC709.pipeline(), shell.display().pipelineProperty().get(),
                "the main viewer keeps its own pipeline");
    }
}
