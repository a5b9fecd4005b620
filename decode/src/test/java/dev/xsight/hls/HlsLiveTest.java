package dev.xsight.hls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.xsight.hls.demo.LoopbackHttpServer;
import dev.xsight.media.FrameRate;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Live behaviour with real servers: a stream written in real time, a media-sequence reset, a discontinuity. */
class HlsLiveTest {
    @TempDir
    Path dir;

    @Test
    void slidingWindowWrittenInRealTimePlaysWithSteppingTimecodesAndALiveOffset() throws Exception {
        TestStreams.requireFfmpeg();
        Process ffmpeg = TestStreams.live(dir);
        try (LoopbackHttpServer server = LoopbackHttpServer.start(LoopbackHttpServer.directory(dir))) {
            Path playlist = dir.resolve("live.m3u8");
            // ffmpeg writes in real time, slower on a busy machine: wait for its third segment (60 s is a hang; it
            // used to be 10 s of 50 ms sleeps).
            long deadline = System.nanoTime() + 60_000_000_000L;
            while (segmentsIn(playlist) < 3 && ffmpeg.isAlive() && System.nanoTime() - deadline < 0) {
                java.util.concurrent.locks.LockSupport.parkNanos(10_000_000);
            }
            assertTrue(segmentsIn(playlist) >= 3, "ffmpeg wrote a live playlist");
            FrameCollector c = new FrameCollector(50, 0);
            Map<String, Object> counters;
            try (HlsSource s = new HlsSource(HlsOptions.of(server.uri("/live.m3u8")).withPlayAudio(false)
                    .withTargetLiveOffset(Duration.ofSeconds(2)))) {
                s.start(c);
                c.await(s, 60);
                counters = s.counters();
            }
            assertEquals(List.of(), c.errors);
            assertEquals(50, c.seen.size());
            // Live presentation may drop a late frame on a loaded machine, so check the timecode against each
            // frame's own timestamp: one timecode frame per 40 ms of presentation time, throughout.
            long base = c.seen.get(0).timecode().toFrameCount(FrameRate.FPS_25)
                    - Math.round(c.seen.get(0).ptsNanos() / 40e6);
            for (int i = 1; i < c.seen.size(); i++) {
                assertEquals(base + Math.round(c.seen.get(i).ptsNanos() / 40e6),
                        c.seen.get(i).timecode().toFrameCount(FrameRate.FPS_25), "frame " + i);
            }
            assertEquals(true, counters.get("live"));
            assertNotNull(counters.get("live_offset_s"), "live offset reported: " + counters);
        } finally {
            ffmpeg.destroy();
            ffmpeg.waitFor();
        }
    }

    private static int segmentsIn(Path playlist) throws java.io.IOException {
        if (!Files.exists(playlist)) {
            return 0;
        }
        return (int) Files.readAllLines(playlist).stream().filter(l -> l.startsWith("#EXTINF")).count();
    }

    @Test
    void mediaSequenceResetRestartsAtTheNewWindow() throws Exception {
        TestStreams.requireFfmpeg();
        TestStreams.avcTwoRenditions(dir);
        AtomicInteger loads = new AtomicInteger();
        String before = "#EXTM3U\n#EXT-X-TARGETDURATION:1\n#EXT-X-MEDIA-SEQUENCE:100\n"
                + "#EXTINF:1,\nr1/s0.ts\n#EXTINF:1,\nr1/s1.ts\n#EXTINF:1,\nr1/s2.ts\n";
        String after = "#EXTM3U\n#EXT-X-TARGETDURATION:1\n#EXT-X-MEDIA-SEQUENCE:0\n"
                + "#EXTINF:1,\nr1/s0.ts\n#EXTINF:1,\nr1/s1.ts\n#EXT-X-ENDLIST\n";
        LoopbackHttpServer.Responder files = LoopbackHttpServer.directory(dir);
        try (LoopbackHttpServer server = LoopbackHttpServer.start(path -> path.equals("/reset.m3u8")
                ? LoopbackHttpServer.Response.ok("application/vnd.apple.mpegurl",
                        (loads.incrementAndGet() <= 1 ? before : after).getBytes())
                : files.respond(path))) {
            FrameCollector c = new FrameCollector(125, 0);
            Map<String, Object> counters;
            try (HlsSource s = new HlsSource(HlsOptions.of(server.uri("/reset.m3u8")).withPlayAudio(false)
                    .withPaceVod(false).withTargetLiveOffset(Duration.ofSeconds(10)))) {
                s.start(c);
                c.await(s, 60);
                counters = s.counters();
            }
            assertEquals(List.of(), c.errors);
            assertEquals(1L, counters.get("sequence_resets"));
            assertEquals(125L, counters.get("frames_decoded"), "3 segments before the reset and 2 after");
            assertEquals(125L, c.seen.size() + (Long) counters.get("frames_dropped"));
        }
    }

    @Test
    void discontinuityToAnotherResolutionStartsANewDecoder() throws Exception {
        TestStreams.requireFfmpeg();
        TestStreams.avcTwoRenditions(dir);
        Files.writeString(dir.resolve("disc.m3u8"), "#EXTM3U\n#EXT-X-TARGETDURATION:1\n#EXT-X-PLAYLIST-TYPE:VOD\n"
                + "#EXTINF:1,\nr1/s0.ts\n#EXT-X-DISCONTINUITY\n#EXTINF:1,\nr0/s2.ts\n#EXT-X-ENDLIST\n");
        try (LoopbackHttpServer server = LoopbackHttpServer.start(LoopbackHttpServer.directory(dir))) {
            FrameCollector c = new FrameCollector(50, 0);
            Map<String, Object> counters;
            try (HlsSource s = new HlsSource(HlsOptions.of(server.uri("/disc.m3u8")).withPlayAudio(false)
                    .withPaceVod(false))) {
                s.start(c);
                c.await(s, 60);
                counters = s.counters();
            }
            assertEquals(50, c.seen.size());
            assertEquals(160, c.seen.get(24).width());
            assertEquals(320, c.seen.get(25).width());
            assertEquals(1L, counters.get("discontinuities"));
        }
    }

    private Map<String, Object> playScripted(String path, java.util.function.IntFunction<LoopbackHttpServer.Response>
            playlistByLoad, FrameCollector c) throws Exception {
        AtomicInteger loads = new AtomicInteger();
        LoopbackHttpServer.Responder files = LoopbackHttpServer.directory(dir);
        try (LoopbackHttpServer server = LoopbackHttpServer.start(p -> p.equals(path)
                ? playlistByLoad.apply(loads.incrementAndGet()) : files.respond(p));
                HlsSource s = new HlsSource(HlsOptions.of(server.uri(path)).withPlayAudio(false).withPaceVod(false)
                        .withTargetLiveOffset(Duration.ofSeconds(10)))) {
            s.start(c);
            c.await(s, 60);
            return s.counters();
        }
    }

    private static LoopbackHttpServer.Response m3u8(String text) {
        return LoopbackHttpServer.Response.ok("application/vnd.apple.mpegurl", text.getBytes());
    }

    @Test
    void failedPlaylistRefreshesAreRetriedAndPlaybackContinues() throws Exception {
        TestStreams.requireFfmpeg();
        TestStreams.avcTwoRenditions(dir);
        String head = "#EXTM3U\n#EXT-X-TARGETDURATION:1\n#EXTINF:1,\nr1/s0.ts\n";
        FrameCollector c = new FrameCollector(50, 0);
        Map<String, Object> counters = playScripted("/flaky.m3u8", n -> switch (n) {
            case 1 -> m3u8(head);
            case 2, 3 -> new LoopbackHttpServer.Response(503, "text/plain", new byte[0], Map.of());
            default -> m3u8(head + "#EXTINF:1,\nr1/s1.ts\n#EXT-X-ENDLIST\n");
        }, c);
        assertEquals(List.of(), c.errors);
        assertEquals(2L, counters.get("refresh_failures"));
        assertEquals(50L, counters.get("frames_decoded"), "both segments played across the failed refreshes");
    }

    @Test
    void windowThatSlidPastRejoinsAndCountsSkippedSegments() throws Exception {
        TestStreams.requireFfmpeg();
        TestStreams.avcTwoRenditions(dir);
        FrameCollector c = new FrameCollector(75, 0);
        Map<String, Object> counters = playScripted("/slid.m3u8", n -> n == 1
                ? m3u8("#EXTM3U\n#EXT-X-TARGETDURATION:1\n#EXTINF:1,\nr1/s0.ts\n")
                : m3u8("#EXTM3U\n#EXT-X-TARGETDURATION:1\n#EXT-X-MEDIA-SEQUENCE:4\n"
                        + "#EXTINF:1,\nr1/s1.ts\n#EXTINF:1,\nr1/s2.ts\n#EXT-X-ENDLIST\n"), c);
        assertEquals(3L, counters.get("segments_skipped"), "sequences 1, 2 and 3 were never seen");
        assertEquals(75L, counters.get("frames_decoded"), counters.toString());
    }
}
