package dev.xsight.gl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.xsight.colour.DisplayPipeline;
import dev.xsight.colour.TestFrames;
import dev.xsight.media.Colorimetry;
import dev.xsight.media.Frame;
import dev.xsight.media.PixelFormat;
import org.junit.jupiter.api.Test;

/** A real window on the X server (Xvfb at depth 30 in CI): bit depth reported, presents counted. */
class ReferenceWindowTest {

    @Test
    void windowReportsObtainedDepthAndCountsRepeatsAndDrops() {
        assumeTrue(System.getenv("DISPLAY") != null, "no X display (the launcher starts Xvfb -depth 30 for tests)");
        Frame f = TestFrames.rampsAndBars(PixelFormat.YUV422P10, 64, 36, Colorimetry.BT709);
        ReferenceWindow w;
        try {
            w = new ReferenceWindow(DisplayPipeline.rec709Bt1886().compile(f.format(), f.colorimetry()), -1, 64, 36);
        } catch (GlUnavailableException e) {
            assumeTrue(false, "no GL window: " + e.getMessage());
            return;
        }
        try (w) {
            assertTrue(w.obtainedBitsPerChannel() >= 8, "bits " + w.obtainedBitsPerChannel());
            System.out.println("reference window: " + w.obtainedBitsPerChannel() + " bits per channel");
            w.show(f);
            w.present();
            w.present();
            w.show(f);
            w.show(f);
            w.present();
            ReferenceWindow.Stats s = w.stats();
            assertEquals(3, s.presented());
            assertEquals(1, s.repeated());
            assertEquals(1, s.dropped());
        }
    }
}
