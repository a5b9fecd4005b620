package dev.xsight.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.xsight.media.Frame;
import dev.xsight.media.FrameRate;
import dev.xsight.signal.DemoSource;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** {@code reference bench --clip}: the bars rendered once and replayed in order, stamped at the source rate. */
class ReferenceBenchClipTest {

    @Test
    void replaysTheRenderedBarsInOrderWithoutCopyingStampedOnePeriodApart() throws Exception {
        int clip = 8, wanted = 2 * clip + 3;
        List<short[]> luma = new ArrayList<>();
        List<short[]> firstPass = new ArrayList<>();
        long[] pts = new long[wanted];
        long[] seq = new long[wanted];
        CountDownLatch done = new CountDownLatch(wanted);
        try (ReferenceCommand.ClipReplay replay = new ReferenceCommand.ClipReplay(FrameRate.FPS_59_94, clip)) {
            replay.start(f -> {
                int i = (int) (wanted - done.getCount());
                if (i < wanted) {
                    luma.add(f.plane(0));
                    if (i < clip) {
                        firstPass.add(f.plane(0).clone());
                    }
                    pts[i] = f.ptsNanos();
                    seq[i] = f.sequence();
                }
                f.release(); // shown at once: back to the pool in order
                done.countDown();
            });
            assertTrue(done.await(60, TimeUnit.SECONDS), "frames handed over: " + (wanted - done.getCount()));
        }
        try (DemoSource demo = new DemoSource(DemoSource.Settings.forRate(FrameRate.FPS_59_94))) {
            for (int i = 0; i < clip; i++) {
                Frame expected = demo.produce(i);
                assertArrayEquals(expected.plane(0), firstPass.get(i), "clip frame " + i + " is bars frame " + i);
                expected.release();
            }
        }
        for (int i = 0; i < wanted; i++) {
            assertSame(luma.get(i % clip), luma.get(i), "frame " + i + " replays clip frame " + i % clip);
            if (i % clip != 0) {
                assertNotSame(luma.get(i - 1), luma.get(i));
            }
            // One period apart, or more where the replay fell four frames behind and skipped ahead, as a live source does.
            assertTrue(i == 0 || seq[i] > seq[i - 1], "sequence " + seq[i] + " after " + (i == 0 ? 0 : seq[i - 1]));
            assertEquals(FrameRate.FPS_59_94.frameDurationNanos() * seq[i], pts[i], "timestamp of frame " + seq[i]);
        }
    }
}
