package dev.xsight.hls.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.xsight.hls.FrameCollector;
import dev.xsight.hls.HlsOptions;
import dev.xsight.hls.HlsSource;
import dev.xsight.media.FrameRate;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DemoHlsServerTest {
    @Test
    void builtInOtsDemoPlaysLiveAsTenBitHevcWithTimeOfDayTimecode() throws Exception {
        FrameCollector c = new FrameCollector(30, 0);
        Map<String, Object> counters;
        try (DemoHlsServer demo = DemoHlsServer.start();
                HlsSource s = new HlsSource(HlsOptions.of(demo.url()).withPlayAudio(false)
                        .withTargetLiveOffset(Duration.ofSeconds(3)))) {
            s.start(c);
            c.await(s, 60);
            counters = s.counters();
        }
        assertEquals(List.of(), c.errors);
        assertEquals(30, c.seen.size());
        assertEquals("yuv420p10le", c.seen.get(0).format());
        assertEquals(640, c.seen.get(0).width());
        assertNotNull(c.seen.get(0).timecode());
        assertEquals(true, counters.get("live"));
        assertTrue(counters.containsKey("live_offset_s"), counters.toString());
        // Timecode advances one per frame; live presentation may drop a late frame on a loaded machine.
        long dropped = (Long) counters.get("frames_dropped");
        for (int i = 1; i < 30; i++) {
            long step = c.seen.get(i).timecode().toFrameCount(FrameRate.FPS_25)
                    - c.seen.get(i - 1).timecode().toFrameCount(FrameRate.FPS_25);
            assertTrue(step >= 1 && step <= 1 + dropped, "step " + step + " at frame " + i);
        }
    }

    @Test
    void demoVodPlaysItsFourSegments() throws Exception {
        FrameCollector c = new FrameCollector(1000, 0);
        try (DemoHlsServer demo = DemoHlsServer.start();
                HlsSource s = new HlsSource(HlsOptions.of(demo.vodUrl()).withPlayAudio(false).withPaceVod(false))) {
            s.start(c);
            c.await(s, 60);
        }
        assertEquals(100, c.seen.size());
    }
}
