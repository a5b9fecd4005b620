package dev.xsight.qc.video;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.xsight.media.Colorimetry;
import dev.xsight.media.Frame;
import dev.xsight.media.FrameRate;
import dev.xsight.media.PixelFormat;
import java.lang.management.ManagementFactory;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** After the first frame of a size, the video checks allocate nothing per frame (the live QC worker's budget). */
class AllocationTest {
    private static Frame noise(long seed) {
        Frame f = Frame.allocate(PixelFormat.YUV422P10, 320, 180).colorimetry(Colorimetry.BT709)
                .frameRate(new FrameRate(30, 1));
        Random r = new Random(seed);
        for (int p = 0; p < 3; p++) {
            short[] a = f.plane(p);
            for (int i = 0; i < a.length; i++) {
                a[i] = (short) r.nextInt(1024);
            }
        }
        return f;
    }

    @Test
    void theVideoChecksAllocateNothingPerFrame() {
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long id = Thread.currentThread().threadId();
        // Two noise pictures in turn: every check keeps failing (out of range, out of gamut, flashing), so its run
        // stays open and reports nothing until the end: what is measured is the per-frame work alone.
        Frame a = noise(1);
        Frame b = noise(2);
        List<VideoCheck> checks = List.of(RangeDetector.defaults(e -> { }), GamutDetector.defaults(e -> { }),
                FlashDetector.defaults(e -> { }), BlackDetector.defaults(e -> { }), FreezeDetector.defaults(e -> { }));
        long deadline = System.nanoTime() + 60_000_000_000L;
        long perFrame;
        int round = 0;
        do {
            long before = threads.getThreadAllocatedBytes(id);
            for (int i = 0; i < 20; i++) {
                Frame f = (i & 1) == 0 ? a : b;
                for (VideoCheck c : checks) {
                    c.accept(f);
                }
            }
            perFrame = (threads.getThreadAllocatedBytes(id) - before) / 20;
            round++;
            // The first round holds the first frame's tables and trackers; later rounds hold only per-frame work.
        } while ((round < 2 || perFrame >= 64) && System.nanoTime() - deadline < 0);
        assertTrue(perFrame < 64, "allocated " + perFrame + " bytes per frame");
    }
}
