package dev.xsight.gl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.xsight.colour.ColourProgram;
import dev.xsight.colour.DisplayPipeline;
import dev.xsight.colour.FrameColour;
import dev.xsight.colour.TestFrames;
import dev.xsight.media.Colorimetry;
import dev.xsight.media.Frame;
import dev.xsight.media.FrameRate;
import dev.xsight.media.PixelFormat;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * The reference output on a real X server (Xvfb at depth 30 under {@code ./monitor test}): a visible GLFW window with
 * its own thread, context and renderer, fed full-size frames and presenting them at the source rate.
 */
class ReferenceOutputTest {
    private static final ReferenceOutput.Listener QUIET = error -> { };

    private static ReferenceOutput open(DisplayPipeline p, int w, int h) {
        TestGl.requireDisplay();
        try {
            return ReferenceOutput.open(p, new ReferenceOutput.Placement(-1, w, h), QUIET);
        } catch (GlUnavailableException e) {
            throw new AssertionError("no GL window: " + TestGl.noGl(e.getMessage()), e);
        }
    }

    /** A flat Y'CbCr 4:2:2 10-bit frame (BT.709 narrow), stamped for 25 fps. */
    private static Frame flat(int w, int h, int y, int cb, int cr, long index) {
        Frame f = Frame.allocate(PixelFormat.YUV422P10, w, h).colorimetry(Colorimetry.BT709);
        java.util.Arrays.fill(f.plane(0), (short) y);
        java.util.Arrays.fill(f.plane(1), (short) cb);
        java.util.Arrays.fill(f.plane(2), (short) cr);
        return f.frameRate(FrameRate.FPS_25).ptsNanos(index * 40_000_000L).sequence(index);
    }

    private static int[] capture(ReferenceOutput out) throws Exception {
        return out.capture().get(60, TimeUnit.SECONDS);
    }

    @Test
    void windowShowsTheFullSizeFrameWithTheCpuReferencesTenBitCodes() throws Exception {
        Frame f = TestFrames.rampsAndBars(PixelFormat.YUV422P10, 96, 54, Colorimetry.BT709)
                .frameRate(FrameRate.FPS_25);
        DisplayPipeline pipeline = DisplayPipeline.rec709Bt1886();
        ColourProgram program = pipeline.compile(f.format(), f.colorimetry());
        double[] cpu = FrameColour.render(f, program);
        try (ReferenceOutput out = open(pipeline, 96, 54)) {
            out.offer(f.retain());
            int[] codes = waitForPresents(out, 1);
            assertEquals(96 * 54 * 3, codes.length, "window size " + java.util.Arrays.toString(out.windowSize()));
            for (int i = 0; i < cpu.length; i++) {
                int expected = (int) Math.round(Math.min(1, Math.max(0, cpu[i])) * 1023);
                int px = i / 3;
                assertTrue(Math.abs(expected - codes[i]) <= 1, "pixel (" + px % 96 + ", " + px / 96 + ") ch " + i % 3
                        + ": cpu " + expected + ", window " + codes[i]);
            }
            ReferenceOutput.Stats s = out.stats();
            // The window is as deep as the X screen it is on: 10 bits per channel on a depth-30 screen.
            int screenBits = Glfw.locked(() -> org.lwjgl.glfw.GLFW.glfwGetVideoMode(
                    org.lwjgl.glfw.GLFW.glfwGetPrimaryMonitor()).redBits());
            assertEquals(screenBits, s.bitsPerChannel(), "obtained depth");
            System.out.println("reference output: " + s.bitsPerChannel() + " bits per channel on " + s.renderer());
        }
    }

    /** Presents a capture after at least {@code n} frames went out; returns the window's codes. */
    private static int[] waitForPresents(ReferenceOutput out, long n) throws Exception {
        // 60 s is a hang limit: a software renderer on a busy machine takes its time.
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (out.stats().presented() < n && System.nanoTime() < until) {
            java.util.concurrent.locks.LockSupport.parkNanos(2_000_000);
        }
        assertTrue(out.stats().presented() >= n, "presented " + out.stats());
        return capture(out);
    }

    @Test
    void aSmallerFrameIsScaledToFillTheWindowHeightWithBlackPillarsBesideIt() throws Exception {
        // 64x36 (16:9) into 200x90: scaled to 160x90, 20 black columns on each side.
        int black = 0;
        try (ReferenceOutput out = open(DisplayPipeline.rec709Bt1886(), 200, 90)) {
            out.offer(flat(64, 36, 940, 512, 512, 0));
            int[] codes = waitForPresents(out, 1);
            int w = out.windowSize()[0];
            assertEquals(200, w);
            for (int y = 0; y < 90; y += 9) {
                for (int x : new int[] {0, 19, 180, 199}) {
                    assertEquals(black, codes[(y * w + x) * 3 + 1], "pillar at (" + x + ", " + y + ")");
                }
                for (int x : new int[] {21, 100, 178}) {
                    assertEquals(1023, codes[(y * w + x) * 3 + 1], "picture at (" + x + ", " + y + ")");
                }
            }
        }
    }

    @Test
    void framesArrivingFasterThanTheSourceRateAreBoundedAndTheNewestIsShown() throws Exception {
        int[] ys = {64, 200, 300, 400, 500, 600, 700, 800, 900, 940};
        try (ReferenceOutput out = open(DisplayPipeline.rec709Bt1886(), 32, 18)) {
            for (int i = 0; i < ys.length; i++) {
                out.offer(flat(32, 18, ys[i], 512, 512, i)); // ten frames in a burst, stamped 40 ms apart
            }
            // Accounted for at once, before any present: shown, dropped, or still queued (the queue plus one in hand).
            ReferenceOutput.Stats early = out.stats();
            assertTrue(early.offered() - early.presented() - early.dropped() <= ReferenceOutput.QUEUE + 1,
                    "unaccounted frames: " + early);
            long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (out.stats().presented() + out.stats().dropped() < ys.length && System.nanoTime() < until) {
                java.util.concurrent.locks.LockSupport.parkNanos(2_000_000);
            }
            ReferenceOutput.Stats s = out.stats();
            assertEquals(10, s.offered());
            assertEquals(10, s.presented() + s.dropped(), "every frame is shown or counted as dropped: " + s);
            // The queue holds four: of the frames not yet shown when the burst ended, at most five (one taken, four
            // queued) can still be shown. (It said 'at least 5 dropped', which assumed the presenter showed nothing
            // during the burst; a burst stalled for 40 ms lets it show frames on time, and those are not drops.)
            assertTrue(s.dropped() >= ys.length - early.presented() - (ReferenceOutput.QUEUE + 1),
                    "dropped " + s + " (at the end of the burst: " + early + ")");
            int[] codes = capture(out);
            // The last frame offered (Y' 940, 100% white) is on the glass, not an earlier grey.
            assertEquals(1023, codes[(9 * 32 + 16) * 3], "the last frame offered is on the glass");
        }
    }

    @Test
    void framesDiscardedByASourceChangeCountAsDropped() throws Exception {
        try (ReferenceOutput out = open(DisplayPipeline.rec709Bt1886(), 32, 18)) {
            // Three frames due 0.4 s apart, then a new source: what is queued will never be shown and must count as
            // dropped (at most the frame in hand is unaccounted). The case needs frames still queued at the
            // restart; a stall of the offering thread past their due times lets the presenter show them first, so
            // the case repeats until a restart found at least two (the first try, unless the machine is stalling;
            // 60 s is a hang). It used to assert '2 dropped' after one try.
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            ReferenceOutput.Stats before;
            ReferenceOutput.Stats s;
            do {
                before = out.stats();
                for (int i = 0; i < 3; i++) {
                    out.offer(flat(32, 18, 500, 512, 512, i).ptsNanos(i * 400_000_000L));
                }
                out.restart();
                s = out.stats();
                assertEquals(before.offered() + 3, s.offered());
                assertTrue(s.offered() - s.presented() - s.dropped() <= 1,
                        "at most the frame in hand is unaccounted: " + s);
            } while (s.dropped() - before.dropped() < 2 && System.nanoTime() - deadline < 0);
            assertTrue(s.dropped() - before.dropped() >= 2, "the queued frames were dropped: " + before + " -> " + s);
        }
    }

    @Test
    void anotherPipelineIsUsedFromTheNextFrameOn() throws Exception {
        try (ReferenceOutput out = open(DisplayPipeline.rec709Bt1886(), 32, 18)) {
            out.offer(flat(32, 18, 940, 512, 512, 0));
            int[] sdr = waitForPresents(out, 1);
            assertEquals(1023, sdr[0]);
            out.setPipeline(DisplayPipeline.rec2100Pq1000());
            out.offer(flat(32, 18, 940, 512, 512, 1));
            int[] pq = waitForPresents(out, 2);
            // SDR 100% white is placed at the BT.2408 reference white, 203 cd/m²: PQ code 0.5806 × 1023 ≈ 594.
            double m1 = 2610.0 / 16384, m2 = 2523.0 / 4096 * 128, c1 = 3424.0 / 4096, c2 = 2413.0 / 4096 * 32,
                    c3 = 2392.0 / 4096 * 32;
            double yp = Math.pow(203 / 10000.0, m1);
            int expected = (int) Math.round(Math.pow((c1 + c2 * yp) / (1 + c3 * yp), m2) * 1023);
            assertTrue(Math.abs(expected - pq[0]) <= 1, "PQ white " + pq[0] + ", expected " + expected);
        }
    }

    @Test
    void closingTheOutputReleasesQueuedFramesAndFailsAPendingCapture() throws Exception {
        AtomicReference<Exception> closedWith = new AtomicReference<>(new Exception("not closed"));
        TestGl.requireDisplay();
        ReferenceOutput out;
        try {
            out = ReferenceOutput.open(DisplayPipeline.rec709Bt1886(), new ReferenceOutput.Placement(-1, 32, 18),
                    closedWith::set);
        } catch (GlUnavailableException e) {
            throw new AssertionError("no GL window: " + TestGl.noGl(e.getMessage()), e);
        }
        Frame later = flat(32, 18, 500, 512, 512, 0).ptsNanos(0);
        Frame f = flat(32, 18, 500, 512, 512, 1).ptsNanos(900_000_000L); // due almost a second later
        out.offer(later);
        out.offer(f.retain());
        out.close();
        assertEquals(null, closedWith.get(), "closed without an error");
        // Our reference is the only one left: the output let go of its own, so after ours the frame is gone.
        f.release();
        assertThrows(IllegalStateException.class, f::retain);
        CompletableFuture<int[]> c = out.capture();
        assertTrue(c.isCompletedExceptionally(), "capture after close");
    }
}
