package dev.xsight.signal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.xsight.media.Colorimetry;
import dev.xsight.media.Frame;
import dev.xsight.media.FrameRate;
import dev.xsight.media.FrameSource;
import dev.xsight.media.Timecode;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class DemoSourceTest {

    @Test
    void timecodeAdvancesOneFramePerFrameAcrossADropFrameMinute() {
        DemoSource s = new DemoSource(DemoSource.Settings.defaults().withStart(Timecode.parse("01:00:59;58")));
        List<String> labels = new ArrayList<>();
        for (int n = 0; n < 4; n++) {
            Frame f = s.produce(n);
            labels.add(f.timecode().toString());
            assertEquals(n, f.sequence());
            assertEquals(FrameRate.FPS_59_94, f.frameRate());
            assertEquals(Colorimetry.BT709, f.colorimetry());
            f.release();
        }
        // ST 12-1 drop-frame at 59.94: labels 00-03 of minute 1 do not exist.
        assertEquals(List.of("01:00:59;58", "01:00:59;59", "01:01:00;04", "01:01:00;05"), labels);
    }

    @Test
    void defaultDemoRunsAt5994DropFrameFromOneHour() {
        DemoSource s = new DemoSource(DemoSource.Settings.defaults());
        assertEquals("01:00:00;00", s.timecodeOf(0).toString());
        assertEquals("01:00:01;00", s.timecodeOf(60).toString());
        assertEquals("Demo bars 1080p59.94", s.name());
    }

    @Test
    void nonDropRateStartsAtOneHourWithColons() {
        DemoSource s = new DemoSource(DemoSource.Settings.forRate(FrameRate.FPS_25));
        assertEquals("01:00:00:24", s.timecodeOf(24).toString());
        assertEquals("01:00:01:00", s.timecodeOf(25).toString());
    }

    @Test
    void dropFrameAtANonDropRateIsRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new DemoSource.Settings(FrameRate.FPS_25, true, null, true));
        assertTrue(e.getMessage().contains("29.97 or 59.94"), e.getMessage());
    }

    @Test
    void presentationTimesAreExactMultiplesOfTheRationalFrameDuration() {
        // 60000 frames at 60000/1001 take exactly 1001 s.
        assertEquals(1001_000_000_000L, DemoSource.nanosOf(60000, FrameRate.FPS_59_94));
        assertEquals(16_683_333L, DemoSource.nanosOf(1, FrameRate.FPS_59_94));
    }

    @Test
    void liveDeliveryStampsTimecodeFromSequenceAndReusesPooledFrames() throws Exception {
        DemoSource s = new DemoSource(DemoSource.Settings.defaults());
        CountDownLatch got = new CountDownLatch(30);
        List<String> problems = new ArrayList<>();
        long[] last = {-1};
        s.start(new FrameSource.FrameListener() {
            @Override
            public void onFrame(Frame f) {
                synchronized (problems) {
                    if (f.sequence() <= last[0]) {
                        problems.add("sequence went back at " + f.sequence());
                    }
                    if (!f.timecode().equals(s.timecodeOf(f.sequence()))) {
                        problems.add("timecode " + f.timecode() + " at sequence " + f.sequence());
                    }
                    last[0] = f.sequence();
                }
                f.release();
                got.countDown();
            }
        });
        try {
            assertTrue(got.await(60, TimeUnit.SECONDS), "30 frames (60 s is a hang)");
        } finally {
            s.close();
        }
        synchronized (problems) {
            assertEquals(List.of(), problems);
        }
        assertTrue(s.pooledFrames() <= 2, "released frames are reused, pool made " + s.pooledFrames());
        assertTrue(s.health().summary().startsWith("demo 59.94 fps"), s.health().summary());
    }
}
