package dev.xsight.hls;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.xsight.hls.fetch.RenditionChoice;
import dev.xsight.hls.fetch.RenditionSelector;
import dev.xsight.hls.fetch.SegmentLoader;
import dev.xsight.hls.fetch.ThroughputMeter;
import dev.xsight.hls.playlist.MediaPlaylist;
import dev.xsight.hls.playlist.PlaylistException;
import dev.xsight.hls.playlist.PlaylistParser;
import dev.xsight.hls.playlist.UriPolicy;
import dev.xsight.hls.playlist.Variant;
import dev.xsight.media.audio.AudioLevels;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import org.junit.jupiter.api.Test;

class LiveControlTest {
    private static MediaPlaylist window(String extra) throws PlaylistException {
        StringBuilder b = new StringBuilder("#EXTM3U\n#EXT-X-TARGETDURATION:2\n#EXT-X-MEDIA-SEQUENCE:50\n" + extra);
        for (int i = 0; i < 6; i++) {
            b.append("#EXTINF:2.0,\ns").append(50 + i).append(".ts\n");
        }
        return (MediaPlaylist) PlaylistParser.parse(URI.create("http://h/live.m3u8"),
                b.toString().getBytes(StandardCharsets.UTF_8), UriPolicy.REMOTE);
    }

    private static long start(MediaPlaylist p, Duration target) {
        HlsOptions o = HlsOptions.of(p.uri()).withTargetLiveOffset(target);
        return new SegmentLoader(null, o.rendition(), o.targetLiveOffset(), new ArrayBlockingQueue<>(1),
                new HlsStats(), p).startSequence(p);
    }

    @Test
    void liveStartsInTheSegmentWhereTheTargetOffsetFalls() throws Exception {
        MediaPlaylist p = window("");
        assertEquals(52, start(p, Duration.ofSeconds(7)), "7 s behind a 12 s window of 2 s segments");
        assertEquals(54, start(p, Duration.ofSeconds(3)));
        assertEquals(55, start(p, Duration.ZERO), "never beyond the last segment");
        assertEquals(50, start(p, Duration.ofSeconds(60)), "at most the whole window");
    }

    @Test
    void withProgramDateTimeLiveStartsWhereTheWallClockMinusTargetFalls() throws Exception {
        MediaPlaylist p = window("#EXT-X-PROGRAM-DATE-TIME:2026-11-21T10:00:00.000+00:00\n");
        HlsOptions o = HlsOptions.of(p.uri()).withTargetLiveOffset(Duration.ofSeconds(5));
        SegmentLoader l = new SegmentLoader(null, o.rendition(), o.targetLiveOffset(), new ArrayBlockingQueue<>(1),
                new HlsStats(), p);
        // Segments start at 10:00:00, :02, :04 ... :10 (sequence 50..55). Now 10:00:13.5, 5 s behind is 10:00:08.5.
        assertEquals(54, l.startSequence(p, java.time.Instant.parse("2026-11-21T10:00:13.500Z")));
        assertEquals(50, l.startSequence(p, java.time.Instant.parse("2026-11-21T10:00:01Z")), "clamped to window");
    }

    @Test
    void vodStartsAtTheFirstSegment() throws Exception {
        MediaPlaylist p = window("#EXT-X-PLAYLIST-TYPE:VOD\n");
        assertEquals(50, start(p, Duration.ofSeconds(3)));
    }

    @Test
    void speedRisesWhenBehindAndFallsWhenAheadWithinLimits() {
        LiveSpeedControl c = new LiveSpeedControl(3_000_000_000L);
        assertEquals(1.01, c.speed(3_100_000_000L, 0), 1e-9, "0.1 s behind: +1 %");
        assertEquals(1.01, c.speed(9_000_000_000L, 500_000_000L), 1e-9, "held until a second has passed");
        assertEquals(LiveSpeedControl.MAX_SPEED, c.speed(9_000_000_000L, 1_000_000_000L), 1e-9);
        assertEquals(LiveSpeedControl.MIN_SPEED, c.speed(0, 2_000_000_000L), 1e-9);
        assertEquals(1.0, c.speed(3_010_000_000L, 3_000_000_000L), 1e-9, "dead band");
    }

    @Test
    void automaticSelectionKeepsASafetyMarginAndPinnedIgnoresThroughput() {
        URI u = URI.create("http://h/v.m3u8");
        Variant lo = new Variant(u, 500_000, -1, 640, 360, List.of(), 0, null, 1);
        Variant mid = new Variant(u, 2_000_000, -1, 1280, 720, List.of(), 0, null, 3);
        Variant hi = new Variant(u, 6_000_000, -1, 1920, 1080, List.of(), 0, null, 5);
        List<Variant> all = List.of(lo, mid, hi);
        RenditionSelector auto = new RenditionSelector(RenditionChoice.AUTO);
        assertEquals(lo, auto.select(all, 0));
        assertEquals(lo, auto.select(all, 2_800_000), "2 Mb/s needs 2.86 Mb/s at 70 %");
        assertEquals(mid, auto.select(all, 2_900_000));
        assertEquals(hi, auto.select(all, 100_000_000));
        assertEquals(hi, new RenditionSelector(RenditionChoice.HIGHEST).select(all, 0));
        assertEquals(mid, new RenditionSelector(RenditionChoice.parse("1800000")).select(all, 100_000_000));
    }

    @Test
    void throughputWeighsLargeDownloads() {
        ThroughputMeter m = new ThroughputMeter();
        assertEquals(0, m.estimateBps());
        m.add(1_000_000, 1_000_000_000L);
        assertEquals(8_000_000, m.estimateBps());
        m.add(100, 1);
        assertEquals(8_000_000, m.estimateBps(), "tiny downloads say nothing about throughput");
    }

    @Test
    void audioLevelsOfAFullScaleSquareAndSilence() {
        short[] s = new short[200];
        for (int i = 0; i < 100; i++) {
            s[2 * i] = (short) (i % 2 == 0 ? 32767 : -32768);
        }
        AudioLevels l = AudioLevels.measure(s, 100, 2);
        assertEquals(0.0, l.peakDbfs()[0], 0.01);
        assertEquals(0.0, l.rmsDbfs()[0], 0.01);
        assertEquals(Double.NEGATIVE_INFINITY, l.peakDbfs()[1]);
    }
}
