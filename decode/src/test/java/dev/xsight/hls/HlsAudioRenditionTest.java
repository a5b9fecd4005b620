package dev.xsight.hls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.xsight.hls.audio.AudioRenditionException;
import dev.xsight.hls.audio.AudioTap;
import dev.xsight.hls.demo.LoopbackHttpServer;
import dev.xsight.hls.playlist.Rendition;
import dev.xsight.media.Frame;
import dev.xsight.media.FrameRate;
import dev.xsight.media.FrameSource;
import dev.xsight.media.SourceException;
import dev.xsight.media.Timecode;
import dev.xsight.media.audio.AudioLevels;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Alternative audio renditions in their own playlists (RFC 8216 4.3.4.1), end to end: FFmpeg writes a video-only
 * variant and two audio renditions ({@link TestStreams#alternativeAudio}), a Netty server on loopback serves them,
 * {@link HlsSource} plays them. Sync is checked on content: every whole second the picture turns from black to
 * bright and the tone starts after 100 ms of silence, so the flash's frame timestamp and the onset's timestamp (as
 * the {@link AudioTap} places it on the picture timeline) must agree.
 */
class HlsAudioRenditionTest {
    /** 20 log10(1/8) and 20 log10(1/4): the generator's amplitudes in dBFS; a sine's RMS is 3.01 dB lower. */
    static final double ENG_PEAK = -18.06;
    static final double ENG_RMS = -21.07;
    static final double FRA_PEAK = -12.04;
    /** The largest A/V offset accepted (a 25 fps frame is 40 ms, an AAC frame 21 ms). */
    static final long SYNC_NANOS = 100_000_000L;

    @TempDir
    static Path dir;
    static LoopbackHttpServer server;
    static volatile Instant liveStart;
    /** Loads of each live media playlist so far (the playlist grows by one segment per load). */
    static final Map<String, java.util.concurrent.atomic.AtomicInteger> liveLoads =
            new java.util.concurrent.ConcurrentHashMap<>();

    @BeforeAll
    static void buildStreams() throws Exception {
        TestStreams.requireFfmpeg();
        TestStreams.alternativeAudio(dir.resolve("vod"), true);
        TestStreams.alternativeAudio(dir.resolve("ts"), false);
        Files.writeString(dir.resolve("vod/missing-audio.m3u8"), Files.readString(dir.resolve("vod/master.m3u8"))
                .replace("URI=\"reng/index.m3u8\"", "URI=\"gone/index.m3u8\""));
        // Audio muxed in the variant (1 kHz sine at 1/8), and an AUDIO group whose only rendition is missing.
        TestStreams.ffmpeg(dir.resolve("muxed"), "-f", "lavfi", "-i", "testsrc2=s=160x90:r=25:d=2", "-f", "lavfi",
                "-i", "sine=frequency=1000:sample_rate=48000:d=2", "-c:v", "libx264", "-preset", "ultrafast",
                "-g", "25", "-c:a", "aac", "-b:a", "96k", "-f", "hls", "-hls_time", "1", "-hls_playlist_type", "vod",
                "-hls_segment_filename", "s%d.ts", "index.m3u8");
        Files.writeString(dir.resolve("muxed/master.m3u8"), "#EXTM3U\n"
                + "#EXT-X-MEDIA:TYPE=AUDIO,GROUP-ID=\"a\",NAME=\"Main\",DEFAULT=YES,LANGUAGE=\"en\",URI=\"gone.m3u8\"\n"
                + "#EXT-X-STREAM-INF:BANDWIDTH=300000,CODECS=\"avc1.42c00b,mp4a.40.2\",AUDIO=\"a\"\nindex.m3u8\n");
        server = LoopbackHttpServer.start(HlsAudioRenditionTest::respond);
    }

    @AfterAll
    static void stopServer() {
        if (server != null) {
            server.close();
        }
    }

    /** The files; under /live/ the MPEG-TS presentation as a live stream (see {@link #liveWindow}). */
    private static LoopbackHttpServer.Response respond(String path) throws java.io.IOException {
        if (path.startsWith("/live/") && path.endsWith("index.m3u8")) {
            Path vod = dir.resolve("ts").resolve(path.substring("/live/".length()));
            int load = liveLoads.computeIfAbsent(path, k -> new java.util.concurrent.atomic.AtomicInteger())
                    .incrementAndGet();
            return LoopbackHttpServer.Response.ok("application/vnd.apple.mpegurl",
                    liveWindow(Files.readString(vod), load).getBytes(StandardCharsets.UTF_8));
        }
        if (path.startsWith("/live/")) {
            return LoopbackHttpServer.directory(dir.resolve("ts")).respond(path.substring("/live".length()));
        }
        return LoopbackHttpServer.directory(dir).respond(path);
    }

    /**
     * A VOD media playlist served as a live one that grows when the player asks: two segments at the first load, one
     * more at each reload (the player reloads about once a target duration), EXT-X-ENDLIST once all are out; program
     * date-times from {@link #liveStart} plus the durations before each segment (the same origin in the video and
     * the audio playlists, as one packager would write). It used to grow one segment per wall-clock second: a player
     * stalled on a busy machine then found segments it had not had the time to fetch, which this test is not about.
     */
    private static String liveWindow(String vod, int load) {
        Instant start = liveStart;
        long elapsedS = load - 1;
        List<String> lines = vod.lines().toList();
        StringBuilder out = new StringBuilder("#EXTM3U\n#EXT-X-VERSION:3\n#EXT-X-TARGETDURATION:1\n"
                + "#EXT-X-MEDIA-SEQUENCE:0\n");
        DateTimeFormatter pdt = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSXXX")
                .withZone(ZoneOffset.UTC);
        long offsetNanos = 0;
        int shown = 0;
        int total = (int) lines.stream().filter(l -> l.startsWith("#EXTINF:")).count();
        for (int i = 0; i < lines.size(); i++) {
            String l = lines.get(i);
            if (!l.startsWith("#EXTINF:")) {
                continue;
            }
            if (shown >= 2 + elapsedS) {
                break;
            }
            int u = i + 1;
            while (lines.get(u).startsWith("#")) {
                u++; // past the VOD's own EXT-X-PROGRAM-DATE-TIME
            }
            String uri = lines.get(u);
            out.append("#EXT-X-PROGRAM-DATE-TIME:").append(pdt.format(start.plusNanos(offsetNanos))).append('\n');
            out.append(l).append('\n').append(uri).append('\n');
            offsetNanos += Math.round(Double.parseDouble(l.substring(8, l.indexOf(','))) * 1e9);
            shown++;
        }
        if (shown == total) {
            out.append("#EXT-X-ENDLIST\n");
        }
        return out.toString();
    }

    /** Frames (timestamp, timecode, mean luma) and audio onsets, as the player delivers them. */
    static final class Recorder implements FrameSource.FrameListener, AudioTap {
        record Picture(long ptsNanos, Timecode timecode, double meanLuma) {
        }

        final List<Picture> pictures = Collections.synchronizedList(new ArrayList<>());
        final List<Long> toneOnsets = Collections.synchronizedList(new ArrayList<>());
        final List<SourceException> errors = Collections.synchronizedList(new ArrayList<>());
        private final CountDownLatch done;
        private long quietSamples;

        Recorder(int frames) {
            done = new CountDownLatch(frames);
        }

        @Override
        public void onFrame(Frame f) {
            short[] y = f.plane(0);
            long sum = 0;
            for (int i = 0; i < f.width() * f.height(); i++) {
                sum += y[i] & 0xFFFF;
            }
            double mean = sum / (double) (f.width() * f.height());
            // 8-bit AVC: widened codes are right-aligned 8-bit values.
            pictures.add(new Picture(f.ptsNanos(), f.timecode(), mean));
            f.release();
            done.countDown();
        }

        @Override
        public void onError(SourceException error) {
            errors.add(error);
        }

        /** A tone onset: the first sample above 1/16 of full scale after at least 50 ms of samples below 1/100. */
        @Override
        public void onAudio(short[] interleaved, int frames, int channels, int sampleRate, long picturePtsNanos) {
            for (int i = 0; i < frames; i++) {
                int v = Math.abs(interleaved[i * channels]);
                if (v < 328) {
                    quietSamples++;
                } else if (v > 32768 / 16) {
                    if (quietSamples >= sampleRate / 20) {
                        toneOnsets.add(picturePtsNanos + i * 1_000_000_000L / sampleRate);
                    }
                    quietSamples = 0;
                }
            }
        }

        /** Picture timestamps where black turns bright. */
        List<Long> flashes() {
            List<Long> out = new ArrayList<>();
            synchronized (pictures) {
                for (int i = 1; i < pictures.size(); i++) {
                    if (pictures.get(i - 1).meanLuma() < 60 && pictures.get(i).meanLuma() > 200) {
                        out.add(pictures.get(i).ptsNanos());
                    }
                }
            }
            return out;
        }

        /** Waits until the source has finished; {@code seconds} is a hang limit. */
        void await(HlsSource s, int seconds) throws InterruptedException {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
            while (System.nanoTime() < deadline && !s.finished()) {
                done.await(50, TimeUnit.MILLISECONDS);
            }
        }
    }

    record Played(Recorder recorder, Map<String, Object> counters, AudioLevels levels, Rendition audio,
            String summary, boolean ok) {
    }

    private static Played play(HlsOptions options) throws Exception {
        Recorder r = new Recorder(Integer.MAX_VALUE);
        try (HlsSource s = new HlsSource(options.withPlayAudio(false).withTimeout(Duration.ofSeconds(10)))) {
            s.audioTap(r);
            s.start(r);
            r.await(s, 120);
            assertTrue(s.finished(), "the presentation played to its end");
            var health = s.health();
            return new Played(r, s.counters(), s.audioLevels(), s.audioRendition(), health.summary(), health.ok());
        }
    }

    /** Every flash of the picture has a tone onset within {@link #SYNC_NANOS}, on the picture's timestamps. */
    private static void assertInSync(Played p, int expectedFlashes) {
        Recorder r = p.recorder();
        List<Long> flashes = r.flashes();
        assertEquals(expectedFlashes, flashes.size(), "flashes at whole seconds: " + flashes);
        for (long flash : flashes) {
            long nearest = r.toneOnsets.stream().min((a, b) -> Long.compare(Math.abs(a - flash),
                    Math.abs(b - flash))).orElseThrow(() -> new AssertionError("no tone onsets at all: " + p.counters()));
            assertTrue(Math.abs(nearest - flash) <= SYNC_NANOS, "tone onset " + nearest / 1e6 + " ms vs flash "
                    + flash / 1e6 + " ms (onsets " + r.toneOnsets + ")");
        }
    }

    /** One timecode frame per 40 ms of presentation time, counted from the program date-time. */
    private static void assertTimecodesFollowTimestamps(Recorder r) {
        List<Recorder.Picture> p = List.copyOf(r.pictures);
        assertNotNull(p.getFirst().timecode(), "timecode from EXT-X-PROGRAM-DATE-TIME");
        long base = p.getFirst().timecode().toFrameCount(FrameRate.FPS_25) - Math.round(p.getFirst().ptsNanos() / 40e6);
        for (int i = 1; i < p.size(); i++) {
            assertEquals(base + Math.round(p.get(i).ptsNanos() / 40e6),
                    p.get(i).timecode().toFrameCount(FrameRate.FPS_25), "frame " + i);
        }
    }

    @Test
    void defaultRenditionIsPlayedAtTheGeneratedLevelInStepWithThePictures() throws Exception {
        Played p = play(HlsOptions.of(server.uri("/vod/master.m3u8")).withPaceVod(false));
        assertEquals(List.of(), p.recorder().errors);
        assertEquals(98, p.recorder().pictures.size(), "3.9 s at 25 fps");
        assertEquals("eng", p.audio().language());
        assertEquals("audio_1", p.counters().get("audio_rendition"));
        assertEquals("eng", p.counters().get("audio_language"));
        assertTrue(p.summary().contains("audio audio_1 (eng)"), p.summary());
        assertTrue(p.ok());
        // The meters read the tone of the default (English) rendition: a 1/8 sine, the last 400 ms all tone.
        assertEquals(1, p.levels().channels());
        assertEquals(ENG_PEAK, p.levels().peakDbfs()[0], 0.5);
        assertEquals(ENG_RMS, p.levels().rmsDbfs()[0], 0.5);
        assertEquals(0L, p.counters().get("audio_blocks_late"));
        assertTrue((Long) p.counters().get("audio_blocks") >= 180, "3.9 s of 1024-sample blocks: " + p.counters());
        assertInSync(p, 3);
        assertTimecodesFollowTimestamps(p.recorder());
    }

    @Test
    void preferredLanguagePicksTheOtherRendition() throws Exception {
        Played p = play(HlsOptions.of(server.uri("/vod/master.m3u8")).withPaceVod(false).withAudioLanguage("fr"));
        assertEquals("fra", p.audio().language());
        assertEquals("audio_2", p.counters().get("audio_rendition"));
        assertEquals(FRA_PEAK, p.levels().peakDbfs()[0], 0.5);
        assertInSync(p, 3);
    }

    @Test
    void liveAudioRenditionFollowsThePicturesByProgramDateTime() throws Exception {
        liveStart = Instant.now();
        liveLoads.clear();
        Played p = play(HlsOptions.of(server.uri("/live/master.m3u8")).withTargetLiveOffset(Duration.ofSeconds(1)));
        assertEquals(List.of(), p.recorder().errors);
        assertEquals(true, p.counters().get("live"));
        assertEquals("eng", p.counters().get("audio_language"));
        // Every one of the 98 frames is shown or counted as dropped (live presentation drops a frame that a busy
        // machine made late; it used to say 'at least 60 shown', a bound on the machine's speed).
        assertEquals(98L, p.recorder().pictures.size() + (Long) p.counters().get("frames_dropped"),
                p.counters().toString());
        assertEquals(ENG_PEAK, p.levels().peakDbfs()[0], 0.5);
        assertTrue(p.recorder().flashes().size() >= 2, "flashes " + p.recorder().flashes());
        assertInSync(p, p.recorder().flashes().size());
        assertTimecodesFollowTimestamps(p.recorder());
    }

    @Test
    void missingAudioPlaylistLeavesThePicturePlayingAndSaysSo() throws Exception {
        Played p = play(HlsOptions.of(server.uri("/vod/missing-audio.m3u8")).withPaceVod(false));
        assertEquals(98, p.recorder().pictures.size(), "every picture still arrives");
        assertFalse(p.ok());
        assertTrue(p.summary().contains("audio rendition 'audio_1' (eng) failed"), p.summary());
        assertTrue(p.summary().contains("404"), p.summary());
        assertTrue(String.valueOf(p.counters().get("audio_error")).contains("gone/index.m3u8"), p.counters()
                .toString());
        assertEquals(1, p.recorder().errors.size(), "reported once: " + p.recorder().errors);
        SourceException e = p.recorder().errors.getFirst();
        assertInstanceOf(AudioRenditionException.class, e.getCause());
        assertEquals(SourceException.Kind.NETWORK, e.kind(), "an HTTP 404: " + e);
        assertTrue(e.recoverable(), "the pictures go on: " + e);
        assertTrue(e.location().contains("gone/index.m3u8"), e.location());
        assertEquals(0, p.levels().channels(), "no audio metered");
        assertTrue(p.recorder().toneOnsets.isEmpty());
    }

    @Test
    void failedAudioRenditionFallsBackToAudioMuxedInTheVariant() throws Exception {
        // Paced, so the first picture waits until the rendition has failed and every muxed block is metered.
        Played p = play(HlsOptions.of(server.uri("/muxed/master.m3u8")).withPaceVod(true));
        // Paced presentation drops a picture that a busy machine made late (stress-ng --cpu 8: 48 shown, 2 dropped):
        // every one of the 50 is shown or counted as dropped.
        assertEquals(50L, p.recorder().pictures.size() + (Long) p.counters().get("frames_dropped"),
                p.counters().toString());
        assertEquals(1, p.recorder().errors.size(), "reported once: " + p.recorder().errors);
        assertInstanceOf(AudioRenditionException.class, p.recorder().errors.getFirst().getCause());
        assertTrue(p.recorder().errors.getFirst().recoverable());
        assertEquals("Main", ((AudioRenditionException) p.recorder().errors.getFirst().getCause()).rendition().name());
        assertEquals(1, p.levels().channels(), "the variant's own audio is metered");
        assertEquals(ENG_PEAK, p.levels().peakDbfs()[0], 0.5);
        assertEquals(ENG_RMS, p.levels().rmsDbfs()[0], 0.5);
    }
}
