package dev.xsight.shell.monitoring;

import static dev.xsight.shell.ShellWindow.text;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.xsight.overlay.FalseColour;
import dev.xsight.overlay.FramingDecisions;
import dev.xsight.shell.Shell;
import dev.xsight.shell.StillDemoShell;
import dev.xsight.shell.pipeline.PipelineSetting;
import dev.xsight.signal.DemoSource;
import dev.xsight.signal.DemoSourceProvider;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import javafx.geometry.Bounds;
import javafx.geometry.Point2D;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.image.Image;
import javafx.scene.image.PixelReader;
import javafx.scene.image.WritableImage;
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
 * Scopes, overlays and the pixel probe in the real main window, on the still RP 219 bars of the demo source
 * through the Rec.709 BT.1886 pipeline (GL when a context can be made, else the CPU reference).
 */
@ExtendWith(ApplicationExtension.class)
class MonitoringShellTest {
    // RP 219-1 on 1920x1080: 40% grey side panel x 0–239 of lines 0–629; 100% white under bar 1, x 240–445 of
    // lines 630–719.
    private static final double GREY_X = 120 / 1920.0, GREY_Y = 300 / 1080.0;
    private static final double WHITE_X = 343 / 1920.0, WHITE_Y = 675 / 1080.0;
    private static final String FDL = """
            {
              "uuid": "5a6b1c3e-0000-4000-8000-000000000001",
              "version": {"major": 1, "minor": 0},
              "contexts": [{
                "label": "test",
                "canvases": [{
                  "id": "cam",
                  "dimensions": {"width": 1920, "height": 1080},
                  "framing_decisions": [{
                    "id": "cam-fd1", "label": "4:3",
                    "dimensions": {"width": 1440, "height": 1080},
                    "anchor_point": {"x": 240, "y": 0}
                  }]
                }]
              }]
            }
            """;

    private Shell shell;
    private Path config;
    private StillDemoShell demo;

    @Start
    void start(Stage stage) throws IOException {
        demo = StillDemoShell.open(stage, config -> { });
        shell = demo.shell();
        config = demo.config();
    }

    @AfterEach
    void closeShell(FxRobot robot) {
        demo.close(robot);
    }

    private void playDemo(FxRobot robot) throws Exception {
        robot.clickOn("Demo test signal (1080p59.94)");
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> shell.viewModel().pictureProperty().get() != null);
        robot.interact(() -> shell.view().getScene().getRoot().requestFocus());
    }

    private void key(FxRobot robot, KeyCode... keys) {
        robot.press(keys);
        robot.release(keys);
        WaitForAsyncUtils.waitForFxEvents();
    }

    /** The viewer's 8-bit RGB at a relative position of the picture, or -1 before the first picture. */
    private int rgb(FxRobot robot, double fx, double fy) {
        AtomicInteger v = new AtomicInteger(-1);
        robot.interact(() -> {
            Image img = shell.viewModel().pictureProperty().get();
            if (img != null) {
                v.set(img.getPixelReader().getArgb((int) (fx * img.getWidth()), (int) (fy * img.getHeight()))
                        & 0xFFFFFF);
            }
        });
        return v.get();
    }

    private static boolean near(int rgb, int[] code10) {
        // The preview dithers 10 bits to 8 (one code up at most); GL and CPU may round one code apart.
        return Math.abs((rgb >> 16 & 0xFF) - (code10[0] >> 2)) <= 2 && Math.abs((rgb >> 8 & 0xFF) - (code10[1] >> 2)) <= 2
                && Math.abs((rgb & 0xFF) - (code10[2] >> 2)) <= 2;
    }

    @Test
    void wOpensTheScopesAndTheWaveformShowsThe75PercentBarsAtTheirCode(FxRobot robot) throws Exception {
        playDemo(robot);
        assertFalse(robot.lookup("#scopes-panel").query().isVisible());
        key(robot, KeyCode.W);
        assertTrue(robot.lookup("#scopes-panel").query().isVisible());
        ScopeFeed feed = shell.monitoring().feed();
        // The 75% bars are displayed (BT.1886, narrow range in) as R' = G' = B' = 0.75 of full scale for white
        // and R' = G' = 0.75, B' = 0 for yellow; BT.709 luma (ITU-R BT.709-6 item 3.2) of those in 10-bit codes:
        int white75 = (int) Math.round(0.75 * 1023);
        int yellow75 = (int) Math.round((0.2126 + 0.7152) * 0.75 * 1023);
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> {
            int[] n = new int[2];
            robot.interact(() -> {
                n[0] = count(feed, white75);
                n[1] = count(feed, yellow75);
            });
            return n[0] > 0 && n[1] > 0;
        });
        // ... and the drawn waveform has its trace on that row.
        AtomicInteger traced = new AtomicInteger();
        robot.interact(() -> {
            PixelReader r = feed.image(ScopeFeed.Kind.WAVEFORM).getPixelReader();
            for (int dy = -1; dy <= 1; dy++) {
                for (int x = 0; x < ScopeFeed.COLUMNS; x++) {
                    int p = r.getArgb(x, ScopeFeed.traceRow(white75) + dy);
                    if ((p >> 8 & 0xFF) > 120 && (p >> 8 & 0xFF) > 2 * (p >> 16 & 0xFF)) {
                        traced.incrementAndGet();
                    }
                }
            }
        });
        assertTrue(traced.get() > ScopeFeed.COLUMNS / 10, "waveform trace at the 75% row: " + traced.get());

        key(robot, KeyCode.SHIFT, KeyCode.W);
        assertEquals(ScopeLayout.WAVEFORM, shell.monitoring().layoutProperty().get());
        assertTrue(robot.lookup("#scope-waveform").tryQuery().isPresent());
        assertTrue(robot.lookup("#scope-vectorscope").tryQuery().isEmpty(), "one scope in the waveform layout");
        key(robot, KeyCode.W);
        assertFalse(robot.lookup("#scopes-panel").query().isVisible());
    }

    @Test
    void scopesCanBeCountedByComputeShadersAndGiveTheSameLumaCountsAsTheCpu(FxRobot robot) throws Exception {
        // On this machine's software renderer the CPU counts by default (faster there); forced onto the GL 4.3
        // compute shaders, the scopes must count exactly what the CPU counts for the same displayed picture.
        playDemo(robot);
        ScopeFeed feed = shell.monitoring().feed();
        // 75 % yellow's luma code: the yellow bar is away from the running burnt-in timecode, so its count is the
        // same in every picture of the still demo (BT.709 luma, ITU-R BT.709-6 item 3.2).
        int yellow75 = (int) Math.round((0.2126 + 0.7152) * 0.75 * 1023);
        int[] cpu = lumaCountsOnce(robot, feed, yellow75);
        assertEquals("CPU", feed.backend(), "auto on a software renderer");
        key(robot, KeyCode.W); // off
        robot.interact(() -> feed.restartWorker(ScopeFeed.Compute.GPU));
        int[] gpu = lumaCountsOnce(robot, feed, yellow75);
        String backend = feed.backend();
        assertTrue(backend.startsWith("GL compute"), "no OpenGL 4.3 compute shaders here (" + backend
                + "); Mesa's llvmpipe has them: install " + dev.xsight.TestRequirements.MESA);
        assertTrue(cpu[0] > 1000, "the yellow bar is counted: " + cpu[0]);
        assertEquals(cpu[0], gpu[0], "pixels at the 75 % yellow code, GL vs CPU (" + backend + ")");
        assertEquals(cpu[1], gpu[1], "pixels at all codes, GL vs CPU");
    }

    /**
     * Turns the scopes on, waits for a set counted from the still bars, returns {at code ± 1, total}.
     */
    private int[] lumaCountsOnce(FxRobot robot, ScopeFeed feed, int code) throws Exception {
        long before = feed.published();
        key(robot, KeyCode.W);
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> feed.published() > before + 1);
        int[] n = new int[2];
        robot.interact(() -> {
            n[0] = count(feed, code);
            for (int c = 0; c < 1024; c++) {
                n[1] += feed.lumaCount(c);
            }
        });
        return n;
    }

    /** Pixels counted at luma {@code code} ± 1 (GL and CPU may round the display code one apart). */
    private static int count(ScopeFeed feed, int code) {
        return feed.lumaCount(code - 1) + feed.lumaCount(code) + feed.lumaCount(code + 1);
    }

    @Test
    void helpOverlayListsTheMonitoringKeys(FxRobot robot) {
        key(robot, KeyCode.H);
        assertTrue(robot.lookup("#help-overlay").query().isVisible());
        assertTrue(robot.lookup(n -> n instanceof Label l && l.getText().equals("Scopes panel on / off")).tryQuery()
                .isPresent());
        assertTrue(robot.lookup(n -> n instanceof Label l && l.getText().equals("SCOPES AND OVERLAYS")).tryQuery()
                .isPresent());
        assertEquals(java.util.List.of(dev.xsight.input.KeyChord.of("W")),
                shell.viewModel().keymap().chordsFor(dev.xsight.input.Action.TOGGLE_SCOPES));
    }

    @Test
    void malformedFdlIsReportedWithItsLineAndChangesNothing(FxRobot robot) throws Exception {
        playDemo(robot);
        assertTrue(load(robot, "good.fdl", FDL));
        FramingDecisions before = shell.monitoring().framingProperty().get();
        PipelineSetting pipelineBefore = shell.display().settingProperty().get();
        assertFalse(load(robot, "broken.fdl", "{\n  \"contexts\": [\n    {,\n"));
        String status = text(robot, "#status");
        assertTrue(status.startsWith("Cannot load broken.fdl: "), status);
        assertTrue(status.contains("broken.fdl:3"), "names the line: " + status);
        assertSame(before, shell.monitoring().framingProperty().get());
        assertEquals(pipelineBefore, shell.display().settingProperty().get());
    }

    @Test
    void fdlLoadedBeforeAnyOtherIsTheFirstFramingAndABadOneLeavesNone(FxRobot robot) throws Exception {
        playDemo(robot);
        assertFalse(load(robot, "empty.fdl", "{\"contexts\": []}"));
        assertTrue(text(robot, "#status").contains("no \"contexts\""), text(robot, "#status"));
        assertNull(shell.monitoring().framingProperty().get());
        assertFalse(shell.monitoring().framingVisibleProperty().get());
    }

    /** Writes {@code content} to the config folder as {@code name} and loads it in the shell; true when it loaded. */
    private boolean load(FxRobot robot, String name, String content) throws Exception {
        Path p = config.resolve(name);
        Files.writeString(p, content);
        AtomicReference<java.util.concurrent.CompletableFuture<Boolean>> f = new AtomicReference<>();
        robot.interact(() -> f.set(shell.display().load(p)));
        boolean ok = f.get().get(30, TimeUnit.SECONDS);
        WaitForAsyncUtils.waitForFxEvents();
        return ok;
    }

    @Test
    void fdlFramingIsDrawnWhereTheCanvasSaysOverThePicture(FxRobot robot) throws Exception {
        playDemo(robot);
        assertTrue(load(robot, "four-three.fdl", FDL));
        assertTrue(text(robot, "#status").startsWith("Loaded four-three.fdl — framing guides of canvas cam"),
                text(robot, "#status"));
        // The 4:3 decision's left edge is at canvas x 240 of 1920 = 1/8 of the picture width, its right edge at 7/8.
        assertTrue(colourNearPictureX(robot, 240 / 1920.0, 0.5, GuideOverlay.FRAMING), "left framing edge");
        assertTrue(colourNearPictureX(robot, 1680 / 1920.0, 0.5, GuideOverlay.FRAMING), "right framing edge");
        assertFalse(colourNearPictureX(robot, 0.3, 0.5, GuideOverlay.FRAMING), "nothing inside the frame");
        key(robot, KeyCode.G);
        assertFalse(colourNearPictureX(robot, 240 / 1920.0, 0.5, GuideOverlay.FRAMING), "G hides the guides");
    }

    @Test
    void bShowsTheShownPicturesTimecodeBurntInOverThePictureAndHidesItAgain(FxRobot robot) throws Exception {
        playDemo(robot);
        Label bitc = robot.lookup("#burnt-in-timecode").queryAs(Label.class);
        assertFalse(bitc.isVisible(), "off until asked for");
        key(robot, KeyCode.B);
        assertTrue(bitc.isVisible(), "B shows it");
        // It follows the picture on screen: the same timecode as the status bar's, which is set with each picture.
        robot.interact(() -> assertEquals(text(robot, "#timecode"), bitc.getText()));
        dev.xsight.media.Timecode first = dev.xsight.media.Timecode.parse(bitc.getText());
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS,
                () -> dev.xsight.media.Timecode.parse(bitc.getText()).compareTo(first) > 0);
        // Over the picture, bottom centre, clear of the bottom 5 % (inside safe title).
        robot.interact(() -> {
            Bounds pic = shell.view().picture().localToScene(shell.view().picture().getBoundsInLocal());
            Bounds tc = bitc.localToScene(bitc.getBoundsInLocal());
            assertTrue(pic.contains(tc), "inside the picture: " + tc + " in " + pic);
            assertEquals(pic.getCenterX(), tc.getCenterX(), 2, "centred");
            assertTrue(tc.getMaxY() <= pic.getMaxY() - 0.05 * pic.getHeight(), "inside safe title");
        });
        key(robot, KeyCode.B);
        assertFalse(bitc.isVisible(), "B again hides it");
    }

    @Test
    void tDrawsSafeActionAtNinetyThreePercentOfThePicture(FxRobot robot) throws Exception {
        playDemo(robot);
        key(robot, KeyCode.T);
        assertTrue(shell.monitoring().safeAreasProperty().get());
        // ST 2046-1: safe action is the centred 93%, so its left edge is 3.5% in.
        assertTrue(colourNearPictureX(robot, 0.035, 0.4, GuideOverlay.SAFE), "safe action edge");
    }

    /**
     * Whether a snapshot of the viewer has {@code c} within 2 pixels of relative picture position (fx, fy): the
     * picture's place in the viewer comes from the image view (letterboxed, scaled), not from the overlay.
     */
    private boolean colourNearPictureX(FxRobot robot, double fx, double fy, javafx.scene.paint.Color c) {
        boolean[] found = {false};
        robot.interact(() -> {
            Node picture = shell.view().picture();
            Node viewer = picture.getParent();
            WritableImage shot = viewer.snapshot(null, null);
            Bounds b = picture.getBoundsInParent();
            Bounds v = viewer.getLayoutBounds();
            int x = (int) Math.round(b.getMinX() - v.getMinX() + fx * b.getWidth());
            int y = (int) Math.round(b.getMinY() - v.getMinY() + fy * b.getHeight());
            for (int dx = -2; dx <= 2; dx++) {
                int p = shot.getPixelReader().getArgb(x + dx, y);
                if (Math.abs((p >> 16 & 0xFF) - c.getRed() * 255) < 30 && Math.abs((p >> 8 & 0xFF) - c.getGreen() * 255)
                        < 30 && Math.abs((p & 0xFF) - c.getBlue() * 255) < 30) {
                    found[0] = true;
                }
            }
        });
        return found[0];
    }

    @Test
    void cPaintsFalseColourBandsOnKnownPatches(FxRobot robot) throws Exception {
        playDemo(robot);
        key(robot, KeyCode.C);
        // 40% grey: Y' = 64 + 0.40 × 876 = 414, 40% of the narrow range, inside the 38–42% (18% grey) band;
        // 100% white (Y' 940) lies in the 97–100% band.
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> near(rgb(robot, GREY_X, GREY_Y), FalseColour.GREEN));
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> near(rgb(robot, WHITE_X, WHITE_Y), FalseColour.YELLOW));
        key(robot, KeyCode.C);
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> near(rgb(robot, WHITE_X, WHITE_Y),
                new int[] {1023, 1023, 1023}));
    }

    @Test
    void pixelProbeOverTheWhitePatchShowsItsSourceAndDisplayCodes(FxRobot robot) throws Exception {
        playDemo(robot);
        key(robot, KeyCode.P);
        AtomicReference<Point2D> at = new AtomicReference<>();
        robot.interact(() -> {
            Bounds b = shell.view().picture().getLayoutBounds();
            at.set(shell.view().picture().localToScreen(b.getMinX() + WHITE_X * b.getWidth(),
                    b.getMinY() + WHITE_Y * b.getHeight()));
        });
        robot.moveTo(at.get());
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> !text(robot, "#pixel-probe").isEmpty());
        String probe = text(robot, "#pixel-probe");
        // RP 219-1 100% white is Y'CbCr 940/512/512; BT.1886 shows it at full code, 100 cd/m².
        assertTrue(probe.contains("Y'CbCr 940 512 512"), probe);
        assertTrue(probe.matches(".*R'G'B' 102[23] 102[23] 102[23] .*"), probe);
        assertTrue(probe.matches(".*(100\\.0|99\\.[5-9]) (100\\.0|99\\.[5-9]) (100\\.0|99\\.[5-9]) cd/m².*"), probe);
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("x (\\d+)  y (\\d+)").matcher(probe);
        assertTrue(m.find(), probe);
        int x = Integer.parseInt(m.group(1)), y = Integer.parseInt(m.group(2));
        assertTrue(x >= 240 && x <= 445 && y >= 630 && y <= 719, "frame position " + x + "," + y);
    }
}
