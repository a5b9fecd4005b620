package dev.xsight.scope;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.xsight.colour.DisplayPipeline;
import dev.xsight.colour.FrameColour;
import dev.xsight.colour.TestFrames;
import dev.xsight.image.DisplayImage;
import dev.xsight.media.Colorimetry;
import dev.xsight.media.Frame;
import dev.xsight.media.PixelFormat;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ScopesTest {

    private static DisplayImage flat(int w, int h, int r, int g, int b) {
        DisplayImage img = new DisplayImage(w, h);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                img.set(x, y, r, g, b);
            }
        }
        return img;
    }

    @Test
    void flatGreyPutsEveryPixelOnOneWaveformLevelAndTheVectorscopeCentre() {
        DisplayImage img = flat(64, 10, 512, 512, 512);
        Scopes s = new Scopes(16, 65, false);
        s.compute(img);
        for (int col = 0; col < 16; col++) {
            assertEquals(4 * 10, s.waveform(col, 512));
        }
        assertEquals(640, s.histogram(3, 512));
        assertEquals(640, s.vector(32, 32));
    }

    @Test
    void paradeSeparatesChannelsOfARedField() {
        DisplayImage img = flat(8, 8, 1023, 0, 0);
        Scopes s = new Scopes(8, 33, false);
        s.compute(img);
        assertEquals(8, s.parade(0, 3, 1023));
        assertEquals(8, s.parade(1, 3, 0));
        assertEquals(8, s.parade(2, 3, 0));
        assertEquals(0, s.parade(0, 3, 0));
    }

    @Test
    void seventyFivePercentBarsLandOnTheirVectorscopeTargets() {
        Frame f = TestFrames.rampsAndBars(PixelFormat.YUV444P10, 70, 20, Colorimetry.BT709);
        // Display the bars half only, through the identity-like Rec.709 BT.1886 pipeline (same encoding in and out).
        double[] rgb = FrameColour.render(f, DisplayPipeline.rec709Bt1886().compile(f.format(), f.colorimetry()));
        DisplayImage img = DisplayImage.fromNormalised(70, 20, rgb);
        Scopes s = new Scopes(70, 129, false);
        s.compute(img);
        int[][] targets = s.barTargets(0.75);
        // red, yellow, green, cyan, blue, magenta
        for (int[] t : targets) {
            int near = 0;
            for (int dy = -1; dy <= 1; dy++) {
                for (int dx = -1; dx <= 1; dx++) {
                    near += s.vector(t[0] + dx, t[1] + dy);
                }
            }
            assertTrue(near >= 10 * 10 / 2, "target " + t[0] + "," + t[1] + " has " + near);
        }
        DisplayImage plot = ScopeImages.vectorscope(s);
        for (int[] t : targets) {
            assertTrue(plot.get(t[0], t[1], 1) > 500, "bright trace at the drawn 75% target " + t[0] + "," + t[1]);
        }
        DisplayImage wave = ScopeImages.waveform(s, 256);
        assertEquals(70, wave.width());
        int[] red = s.vectorCell(0.75, 0, 0);
        assertTrue(red[1] < 64 && red[0] < 64, "75% red sits up and to the left of centre");
        int[] skin = s.skinToneLineEnd();
        assertTrue(skin[0] < 64 && skin[1] < 64, "the skin-tone line points between red and yellow");
    }

    @Test
    void hundredPercentBarTargetsLieInsideTheGridWithRoomForTheirBoxes() {
        // BT.709: the 100 % bars' colour differences reach |(Cb, Cr)| = 0.596 (magenta, green; from Kr 0.2126,
        // Kb 0.0722). On a 129-cell grid (radius 64) they must land inside the circle with room for a target box.
        Scopes s = new Scopes(8, 129, false);
        double worst = 0;
        for (int[] t : s.barTargets(1.0)) {
            worst = Math.max(worst, Math.hypot(t[0] - 64, t[1] - 64) / 64);
        }
        assertTrue(worst <= 0.94 && worst >= 0.85, "outermost 100 % target at " + worst + " of the radius");
        int[] blue = s.vectorCell(0, 0, 1);
        assertEquals(64 + Math.round(0.5 / 0.65 * 64), blue[0], 1, "100 % blue: Cb = +0.5 at 0.5/0.65 of the radius");
    }

    @Test
    void workerSkipsPicturesWhileBusyAndReportsResults() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch done = new CountDownLatch(1);
        AtomicInteger calls = new AtomicInteger();
        try (ScopeWorker w = new ScopeWorker(() -> ScopeWorker.cpu(new Scopes(8, 17, false)), s -> {
            calls.incrementAndGet();
            try {
                release.await(60, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            done.countDown();
        })) {
            assertTrue(w.submit(flat(8, 8, 100, 100, 100)));
            assertFalse(w.submit(flat(8, 8, 100, 100, 100)));
            assertEquals(1, w.skipped());
            release.countDown();
            assertTrue(done.await(60, TimeUnit.SECONDS));
            assertEquals(1, calls.get());
            assertEquals("CPU", w.backend());
        }
    }

    @Test
    void histogramCountsEveryPixelOncePerChannel() {
        DisplayImage img = flat(10, 10, 100, 200, 300);
        Scopes s = new Scopes(10, 17, true);
        s.compute(img);
        assertArrayEquals(new int[] {100, 100, 100}, new int[] {s.histogram(0, 100), s.histogram(1, 200), s.histogram(2, 300)});
    }
}
