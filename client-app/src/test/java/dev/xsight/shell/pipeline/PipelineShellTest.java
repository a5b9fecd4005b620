package dev.xsight.shell.pipeline;

import static dev.xsight.shell.ShellWindow.text;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.xsight.render.PipelinePreset;
import dev.xsight.shell.Shell;
import dev.xsight.shell.StillDemoShell;
import dev.xsight.signal.DemoSource;
import dev.xsight.signal.DemoSourceProvider;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
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

/**
 * The display pipeline in the real main window: still SMPTE RP 219 bars from the demo source go through the chosen
 * pipeline (GL when a context can be made, else the CPU reference) and the preview's pixels are sampled.
 */
@ExtendWith(ApplicationExtension.class)
class PipelineShellTest {
    // RP 219 pattern 2 under bar 1 is 100% white (lines 630–719, x 240–445 of 1920x1080).
    private static final double WHITE_X = 343 / 1920.0, WHITE_Y = 675 / 1080.0;
    // The 75% yellow bar of pattern 1 (bar 2: x 446–651, lines 0–629).
    private static final double YELLOW_X = 548 / 1920.0, YELLOW_Y = 400 / 1080.0;

    private Shell shell;
    private Path config;
    private StillDemoShell demo;

    @Start
    void start(Stage stage) throws IOException {
        demo = StillDemoShell.open(stage, config ->
                // Saved earlier for the HLS kind only; the demo starts on its default.
                Files.writeString(config.resolve("pipelines.json"),
                        "{\"version\":1,\"sources\":{\"hls\":{\"preset\":\"aces20-rec709\",\"lookEnabled\":true}}}"));
        shell = demo.shell();
        config = demo.config();
    }

    @AfterEach
    void closeShell(FxRobot robot) {
        demo.close(robot);
    }

    /** 8-bit red of the preview at a relative position, or -1 before the first picture. */
    private int red(FxRobot robot, double fx, double fy) {
        AtomicInteger v = new AtomicInteger(-1);
        robot.interact(() -> {
            Image img = shell.viewModel().pictureProperty().get();
            if (img != null) {
                int argb = img.getPixelReader().getArgb((int) (fx * img.getWidth()), (int) (fy * img.getHeight()));
                v.set((argb >> 16) & 0xFF);
            }
        });
        return v.get();
    }

    private void waitForRed(FxRobot robot, double fx, double fy, int lo, int hi) throws Exception {
        try {
            WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> {
                int r = red(robot, fx, fy);
                return r >= lo && r <= hi;
            });
        } catch (java.util.concurrent.TimeoutException e) {
            throw new AssertionError("red at (" + fx + ", " + fy + ") stayed " + red(robot, fx, fy)
                    + ", expected " + lo + ".." + hi + " (" + text(robot, "#pipeline") + ")", e);
        }
    }

    private void playDemo(FxRobot robot) throws Exception {
        robot.clickOn("Demo test signal (1080p59.94)");
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> shell.viewModel().pictureProperty().get() != null);
        // The back end is announced through the FX queue, which a pulse with the first picture may overtake.
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> !text(robot, "#pipeline").startsWith("starting"));
    }

    /** ST 2084 inverse EOTF (BT.2100 table 4) of an absolute luminance, as a [0, 1] signal. */
    private static double pq(double nits) {
        double m1 = 2610 / 16384.0, m2 = 2523 / 4096.0 * 128, c1 = 3424 / 4096.0, c2 = 2413 / 4096.0 * 32,
                c3 = 2392 / 4096.0 * 32;
        double y = Math.pow(nits / 10000, m1);
        return Math.pow((c1 + c2 * y) / (1 + c3 * y), m2);
    }

    @Test
    void choosingPqChangesTheStatusBarAndEncodesReferenceWhiteAt203Nits(FxRobot robot) throws Exception {
        playDemo(robot);
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> !text(robot, "#pipeline").startsWith("starting"));
        assertTrue(text(robot, "#pipeline").matches("(GL|CPU) · Rec\\.709 BT\\.1886 100 nits"),
                text(robot, "#pipeline"));
        // BT.1886 display: 100% white is code 255, 75% yellow's red is 0.75 of full scale.
        waitForRed(robot, WHITE_X, WHITE_Y, 254, 255);
        waitForRed(robot, YELLOW_X, YELLOW_Y, 190, 192);

        robot.clickOn("#pipeline-chooser");
        robot.clickOn(PipelinePreset.PQ1000.label());
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(text(robot, "#pipeline").matches("(GL|CPU) · Rec\\.2100 PQ 1000 nits"), text(robot, "#pipeline"));
        // BT.2408: reference (100%) white at 203 cd/m² is PQ 58%; 75% bars are 0.75^2.4 × 203 cd/m² through
        // the BT.1886 EOTF, darker than on the SDR display.
        int white = (int) Math.round(pq(203) * 255);
        int yellow = (int) Math.round(pq(Math.pow(0.75, 2.4) * 203) * 255);
        waitForRed(robot, WHITE_X, WHITE_Y, white - 2, white + 2);
        waitForRed(robot, YELLOW_X, YELLOW_Y, yellow - 2, yellow + 2);
        assertTrue(yellow < 180, "PQ yellow " + yellow + " darker than Rec.709's 191");
        // Saved for the demo source kind.
        String saved = Files.readString(config.resolve("pipelines.json"));
        assertTrue(saved.contains("\"pq1000\""), saved);
        assertEquals(Optional.of(PipelineSetting.of(PipelinePreset.PQ1000)),
                new PipelineStore(config.resolve("pipelines.json")).get("demo"));
    }

    @Test
    void malformedLutIsReportedWithItsLineAndLeavesThePipelineAsItWas(FxRobot robot) throws Exception {
        playDemo(robot);
        Path bad = config.resolve("broken.cube");
        Files.writeString(bad, "LUT_3D_SIZE 2\n0 0 0\n1 0 zero\n");
        String before = text(robot, "#pipeline");
        PipelineSetting settingBefore = shell.display().settingProperty().get();
        robot.interact(() -> shell.display().setFilePrompt(() -> Optional.of(bad)));
        robot.clickOn("#pipeline-load");
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> text(robot, "#status").startsWith("Cannot load"));
        String status = text(robot, "#status");
        assertTrue(status.startsWith("Cannot load broken.cube: "), status);
        assertTrue(status.contains("broken.cube:3"), "names the line: " + status);
        assertEquals(before, text(robot, "#pipeline"));
        assertEquals(settingBefore, shell.display().settingProperty().get());
        waitForRed(robot, WHITE_X, WHITE_Y, 254, 255);
        assertFalse(Files.readString(config.resolve("pipelines.json")).contains("broken.cube"),
                "nothing saved for a failed load");
    }

    @Test
    void ctrlLTogglesTheLoadedLookBetweenAAndB(FxRobot robot) throws Exception {
        playDemo(robot);
        robot.press(KeyCode.CONTROL, KeyCode.L).release(KeyCode.L, KeyCode.CONTROL);
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(text(robot, "#status").startsWith("No LUT or look loaded"), text(robot, "#status"));

        Path invert = config.resolve("invert.cube");
        StringBuilder cube = new StringBuilder("TITLE \"invert\"\nLUT_3D_SIZE 2\n");
        for (int b = 0; b < 2; b++) {
            for (int g = 0; g < 2; g++) {
                for (int r = 0; r < 2; r++) { // red changes fastest (Adobe Cube 1.0)
                    cube.append(1 - r).append(' ').append(1 - g).append(' ').append(1 - b).append('\n');
                }
            }
        }
        Files.writeString(invert, cube);
        robot.interact(() -> shell.display().load(invert));
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> text(robot, "#status").startsWith("Loaded invert.cube"));
        assertEquals("Rec.709 BT.1886 100 nits + invert.cube", text(robot, "#pipeline").replaceAll("^(GL|CPU) · ", ""));
        waitForRed(robot, WHITE_X, WHITE_Y, 0, 1); // A: white inverted to black

        robot.press(KeyCode.CONTROL, KeyCode.L).release(KeyCode.L, KeyCode.CONTROL);
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(text(robot, "#status").startsWith("B: look off"), text(robot, "#status"));
        assertTrue(text(robot, "#pipeline").contains("(look off)"), text(robot, "#pipeline"));
        assertFalse(shell.viewModel().lutEnabledProperty().get());
        waitForRed(robot, WHITE_X, WHITE_Y, 254, 255); // B: the clean picture

        robot.press(KeyCode.CONTROL, KeyCode.L).release(KeyCode.L, KeyCode.CONTROL);
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(text(robot, "#status").startsWith("A: look on"), text(robot, "#status"));
        assertTrue(shell.viewModel().lutEnabledProperty().get());
        waitForRed(robot, WHITE_X, WHITE_Y, 0, 1);
    }

    @Test
    void eachSourceKindGetsItsSavedPipelineOrItsDefault(FxRobot robot) throws Exception {
        playDemo(robot);
        assertEquals(PipelineSetting.of(PipelinePreset.REC709), shell.display().settingProperty().get());
        // Selecting the HLS entry (its opening fails: nothing listens there) switches to the pipeline saved for it.
        robot.interact(() -> shell.viewModel().setLocationPrompt(e -> Optional.of("http://127.0.0.1:9/none.m3u8")));
        robot.interact(() -> shell.viewModel().select(shell.viewModel().sources().stream()
                .filter(e -> e.kind().equals("hls") && e.provider().input() == dev.xsight.media.SourceProvider.Input.URL)
                .findFirst().orElseThrow()));
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(PipelineSetting.of(PipelinePreset.ACES20_REC709), shell.display().settingProperty().get());
        assertTrue(text(robot, "#pipeline").endsWith("ACES 2.0 Rec.709 100 nits"), text(robot, "#pipeline"));
        robot.clickOn("Demo test signal (1080p59.94)");
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(PipelineSetting.of(PipelinePreset.REC709), shell.display().settingProperty().get());
    }

    @Test
    void referenceOutputShowsTheSamePipelinePictureAsTheViewerAtFullSizeAndTenBits(FxRobot robot) throws Exception {
        dev.xsight.TestRequirements.requireDisplay();
        playDemo(robot);
        robot.clickOn("#pipeline-chooser");
        robot.clickOn(PipelinePreset.ACES13_REC709.label());
        // ACES 1.3 Rec.709 tone-maps 100% video white (1.0 = reference white, ~ACES 1.0) below full scale.
        waitForRed(robot, WHITE_X, WHITE_Y, 150, 240);
        int preview = red(robot, WHITE_X, WHITE_Y);
        robot.type(KeyCode.R);
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> shell.glReferenceOutput() != null);
        dev.xsight.gl.ReferenceOutput out = shell.glReferenceOutput();
        WaitForAsyncUtils.waitFor(120, TimeUnit.SECONDS, () -> out.stats().presented() >= 1);
        int[] codes = out.capture().get(120, TimeUnit.SECONDS);
        int[] size = out.windowSize();
        assertEquals(1920 * 1080 * 3, codes.length, "a 1920x1080 full-screen window on the 1920x1080 test screen");
        // The frame fills the screen 1:1, so the white patch is at its own pixel position.
        int x = (int) (WHITE_X * size[0]), y = (int) (WHITE_Y * size[1]);
        int tenBit = codes[(y * size[0] + x) * 3];
        assertTrue(Math.abs(tenBit * 255.0 / 1023 - preview) <= 2, "reference output red " + tenBit
                + "/1023, preview " + preview + "/255: the same pipeline");
        assertTrue(tenBit > 4 * 150 && tenBit < 4 * 240, "tone-mapped white " + tenBit);
        robot.type(KeyCode.R);
    }
}
