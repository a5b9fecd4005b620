package dev.xsight.st2110.send;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.xsight.media.Frame;
import dev.xsight.media.FrameRate;
import dev.xsight.media.FrameSource;
import dev.xsight.signal.DemoSource;
import dev.xsight.signal.TestSignal;
import dev.xsight.st2110.PacketMode;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** The demo signal through encode -> RFC 9134 -> loopback UDP -> receive -> decode arrives as decoded frames. */
class St2110LoopbackSourceTest {
    @Test
    void demoSignalArrivesThroughTheRealPathWithTimecodeAndColorimetry() throws Exception {
        DemoSource demo = new DemoSource(DemoSource.Settings.defaults());
        CountDownLatch two = new CountDownLatch(2);
        AtomicReference<Frame> first = new AtomicReference<>();
        try (St2110LoopbackSource s = new St2110LoopbackSource(demo, TestSignal.FORMAT, TestSignal.WIDTH,
                TestSignal.HEIGHT, FrameRate.FPS_59_94, PacketMode.SLICE, 2.0)) {
            s.start(new FrameSource.FrameListener() {
                @Override
                public void onFrame(Frame f) {
                    if (first.get() == null) {
                        first.set(f.retain());
                    }
                    f.release();
                    two.countDown();
                }
            });
            assertTrue(two.await(120, TimeUnit.SECONDS), "two frames through the loopback: " + s.health());
            assertTrue(s.health().legs().getFirst().packets() > 0, s.health().toString());
        }
        Frame f = first.get();
        assertNotNull(f.timecode());
        assertEquals(TestSignal.WIDTH, f.width());
        assertEquals(dev.xsight.media.Colorimetry.BT709, f.colorimetry());
        f.release();
    }

    @Test
    void loopModeEncodesEveryPictureBeforeSendingThenDeliversDecodedFrames() throws Exception {
        DemoSource demo = new DemoSource(DemoSource.Settings.forRate(FrameRate.FPS_25));
        java.util.concurrent.atomic.AtomicInteger produced = new java.util.concurrent.atomic.AtomicInteger();
        java.util.concurrent.atomic.AtomicLong healthAtFirstFrame = new java.util.concurrent.atomic.AtomicLong(-1);
        CountDownLatch three = new CountDownLatch(3);
        try (St2110LoopbackSource s = St2110LoopbackSource.looping("bars", n -> {
            produced.incrementAndGet();
            return demo.produce(n);
        }, 4, TestSignal.FORMAT, TestSignal.WIDTH, TestSignal.HEIGHT, FrameRate.FPS_25, PacketMode.SLICE, 2.0)) {
            assertTrue(s.name().startsWith("bars"));
            s.start(new FrameSource.FrameListener() {
                @Override
                public void onFrame(Frame f) {
                    healthAtFirstFrame.compareAndSet(-1, produced.get());
                    f.release();
                    three.countDown();
                }
            });
            assertTrue(three.await(120, TimeUnit.SECONDS), "frames through the loop: " + s.health());
            // Every picture of the loop was encoded before the first one was sent, and none after: the encoder is
            // out of the sending loop.
            assertEquals(4, healthAtFirstFrame.get());
            assertEquals(4, produced.get());
            assertTrue(s.health().legs().getFirst().packets() > 0, s.health().summary());
        }
    }
}
