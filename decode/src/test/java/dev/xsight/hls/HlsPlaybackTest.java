package dev.xsight.hls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.xsight.hls.demo.LoopbackHttpServer;
import dev.xsight.hls.fetch.RenditionChoice;
import dev.xsight.hls.playlist.PlaylistException;
import dev.xsight.media.Colorimetry;
import dev.xsight.media.Frame;
import dev.xsight.media.FrameRate;
import dev.xsight.media.Timecode;
import dev.xsight.media.audio.AudioLevels;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * End to end: streams built by FFmpeg (a missing ffmpeg tool fails these tests), served by a Netty server on loopback,
 * played by {@link HlsSource}. Playlist errors that need no media are in {@link HlsPlaylistErrorsTest}.
 */
class HlsPlaybackTest {
    @TempDir
    static Path dir;
    static LoopbackHttpServer server;
    static final byte[] KEY = {9, 8, 7, 6, 5, 4, 3, 2, 1, 0, 1, 2, 3, 4, 5, 6};

    @BeforeAll
    static void buildStreams() throws Exception {
        TestStreams.requireFfmpeg();
        TestStreams.hevcMain10Fmp4(dir.resolve("hevc"));
        TestStreams.avcTwoRenditions(dir.resolve("avc"));
        TestStreams.aes128(dir.resolve("aes"), KEY);
        encryptWithSequenceIvs(dir.resolve("avc/r1"), dir.resolve("aes-seq-iv"), 7);
        server = LoopbackHttpServer.start(HlsPlaybackTest::respond);
    }

    /**
     * Encrypts the three clear segments of {@code from} as RFC 8216 5.2 says when EXT-X-KEY has no IV: AES-128-CBC
     * with the media sequence number (here starting at {@code firstSequence}) as the IV.
     */
    private static void encryptWithSequenceIvs(Path from, Path to, int firstSequence) throws Exception {
        Files.createDirectories(to);
        Files.write(to.resolve("key.bin"), KEY);
        StringBuilder m3u8 = new StringBuilder("#EXTM3U\n#EXT-X-TARGETDURATION:1\n#EXT-X-MEDIA-SEQUENCE:"
                + firstSequence + "\n#EXT-X-PLAYLIST-TYPE:VOD\n#EXT-X-KEY:METHOD=AES-128,URI=\"key.bin\"\n");
        for (int i = 0; i < 3; i++) {
            byte[] iv = new byte[16];
            iv[15] = (byte) (firstSequence + i);
            javax.crypto.Cipher c = javax.crypto.Cipher.getInstance("AES/CBC/PKCS5Padding");
            c.init(javax.crypto.Cipher.ENCRYPT_MODE, new javax.crypto.spec.SecretKeySpec(KEY, "AES"),
                    new javax.crypto.spec.IvParameterSpec(iv));
            Files.write(to.resolve("e" + i + ".ts"), c.doFinal(Files.readAllBytes(from.resolve("s" + i + ".ts"))));
            m3u8.append("#EXTINF:1,\ne").append(i).append(".ts\n");
        }
        Files.writeString(to.resolve("index.m3u8"), m3u8.append("#EXT-X-ENDLIST\n"));
    }

    /** The test files, plus a redirect chain and a key of the wrong length. */
    private static LoopbackHttpServer.Response respond(String path) throws java.io.IOException {
        return switch (path) {
            case "/hop/1.m3u8" -> LoopbackHttpServer.Response.redirect("/hop/2.m3u8");
            case "/hop/2.m3u8" -> LoopbackHttpServer.Response.redirect("/hevc/index.m3u8");
            case "/shortkey/index.m3u8" -> LoopbackHttpServer.Response.ok("application/vnd.apple.mpegurl",
                    Files.readString(dir.resolve("aes/index.m3u8")).replace("URI=\"key.bin\"", "URI=\"/short.key\"")
                            .replace("s0.ts", "/aes/s0.ts").replace("s1.ts", "/aes/s1.ts").getBytes());
            case "/short.key" -> LoopbackHttpServer.Response.ok("application/octet-stream", new byte[15]);
            default -> LoopbackHttpServer.directory(dir).respond(path);
        };
    }

    @AfterAll
    static void stopServer() {
        if (server != null) {
            server.close();
        }
    }

    private static HlsOptions vod(URI uri) {
        return HlsOptions.of(uri).withPaceVod(false).withPlayAudio(false).withTimeout(Duration.ofSeconds(10));
    }

    private static FrameCollector play(HlsOptions options, int frames, int keep) throws Exception {
        FrameCollector c = new FrameCollector(frames, keep);
        try (HlsSource s = new HlsSource(options)) {
            try {
                s.start(c);
            } catch (PlaylistException e) {
                lastError = e;
                last = s.counters();
                return c;
            }
            c.await(s, 60);
            last = s.counters();
            lastError = s.error();
            lastLevels = s.audioLevels();
        }
        return c;
    }

    static java.util.Map<String, Object> last;
    static Exception lastError;
    static AudioLevels lastLevels;

    @Test
    void tenBitHevcFmp4ArrivesWithExactCodeValuesAndPqColorimetry() throws Exception {
        FrameCollector c = play(vod(server.uri("/hevc/index.m3u8")), 50, 3);
        assertEquals(List.of(), c.errors);
        assertEquals(50, c.seen.size());
        Frame f0 = c.copies.get(0);
        Frame f2 = c.copies.get(2);
        assertEquals("yuv420p10le", f0.format().ffmpegName());
        assertEquals(256, f0.width());
        assertEquals(144, f0.height());
        // The source ramp: luma 64 + 3x + n; lossless HEVC must return it exactly (not quantised to 8 bits).
        int notMultipleOfFour = 0;
        for (int x = 0; x < 256; x++) {
            int y0 = f0.plane(0)[10 * 256 + x] & 0xFFFF;
            assertEquals(64 + 3 * x, y0, "luma at x=" + x + " of frame 0");
            assertEquals(64 + 3 * x + 2, f2.plane(0)[100 * 256 + x] & 0xFFFF, "luma at x=" + x + " of frame 2");
            notMultipleOfFour += y0 % 4 != 0 ? 1 : 0;
        }
        assertTrue(notMultipleOfFour > 150, "10-bit codes survive: " + notMultipleOfFour);
        assertEquals(512 + 30, f0.plane(1)[30 * 128 + 5] & 0xFFFF);
        assertEquals(448 + 77, f0.plane(2)[3 * 128 + 77] & 0xFFFF);
        Colorimetry col = f0.colorimetry();
        assertEquals(Colorimetry.Primaries.BT2020, col.primaries());
        assertEquals(Colorimetry.Transfer.PQ, col.transfer());
        assertEquals(Colorimetry.Matrix.BT2020_NCL, col.matrix());
        assertEquals(10, last.get("bit_depth"));
        // The AAC track (a lavfi sine at amplitude 1/8, about -18 dBFS peak) is metered without an audio device.
        assertEquals(1, lastLevels.channels());
        assertEquals(-18.1, lastLevels.peakDbfs()[0], 1.5);
        assertEquals(-21.1, lastLevels.rmsDbfs()[0], 1.5);
        assertEquals("yuv420p10le", last.get("pixel_format"));
    }

    @Test
    void timecodesStepOneFramePerFrameFromTheProgramDateTime() throws Exception {
        FrameCollector c = play(vod(server.uri("/hevc/index.m3u8")), 50, 0);
        // Expected start: the first EXT-X-PROGRAM-DATE-TIME FFmpeg wrote, as time of day, to the nearest 25 fps frame.
        Matcher m = Pattern.compile("#EXT-X-PROGRAM-DATE-TIME:(\\S+)")
                .matcher(Files.readString(dir.resolve("hevc/index.m3u8")));
        assertTrue(m.find());
        String pdt = m.group(1);
        OffsetDateTime t = OffsetDateTime.parse(pdt.substring(0, pdt.length() - 2) + ":"
                + pdt.substring(pdt.length() - 2));
        long ms = t.getNano() / 1_000_000;
        long frameOfSecond = Math.round(ms / 40.0);
        long startFrame = ((t.getHour() * 60L + t.getMinute()) * 60 + t.getSecond()) * 25 + frameOfSecond;
        Timecode first = c.seen.get(0).timecode();
        assertEquals(Timecode.fromFrameCount(startFrame, FrameRate.FPS_25, false), first);
        for (int i = 1; i < c.seen.size(); i++) {
            assertEquals(first.toFrameCount(FrameRate.FPS_25) + i,
                    c.seen.get(i).timecode().toFrameCount(FrameRate.FPS_25), "frame " + i);
        }
    }

    @Test
    void userTimecodeOffsetShiftsEveryFrame() throws Exception {
        FrameCollector plain = play(vod(server.uri("/hevc/index.m3u8")), 5, 0);
        FrameCollector shifted = play(vod(server.uri("/hevc/index.m3u8")).withTimecodeOffsetFrames(-30), 5, 0);
        assertEquals(plain.seen.get(3).timecode().plusFrames(-30, FrameRate.FPS_25), shifted.seen.get(3).timecode());
    }

    @Test
    void automaticChoiceSwitchesUpToTheTopRenditionOnLoopback() throws Exception {
        FrameCollector c = play(vod(server.uri("/avc/master.m3u8")), 75, 0);
        assertEquals(List.of(), c.errors);
        assertEquals(160, c.seen.get(0).width(), "auto starts at the lowest rendition");
        assertEquals(320, c.seen.getLast().width(), "and switches up once throughput is measured");
        assertEquals(660_000L, last.get("rendition_bandwidth"));
        assertTrue((Long) last.get("rendition_switches") >= 1);
    }

    @Test
    void pinnedRenditionNeverSwitches() throws Exception {
        FrameCollector c = play(vod(server.uri("/avc/master.m3u8")).withRendition(RenditionChoice.LOWEST), 75, 0);
        assertEquals(75, c.seen.size());
        assertTrue(c.seen.stream().allMatch(s -> s.width() == 160 && s.height() == 90));
        assertEquals(0L, last.get("rendition_switches"));
        assertEquals("yuv420p", c.seen.get(0).format());
    }

    @Test
    void aes128SegmentsAreDecrypted() throws Exception {
        FrameCollector c = play(vod(server.uri("/aes/index.m3u8")), 50, 0);
        assertEquals(List.of(), c.errors);
        assertEquals(50, c.seen.size());
        assertEquals(160, c.seen.get(0).width());
    }

    @Test
    void aes128WithoutIvUsesTheMediaSequenceNumber() throws Exception {
        String playlist = Files.readString(dir.resolve("aes-seq-iv/index.m3u8"));
        assertTrue(playlist.contains("METHOD=AES-128") && !playlist.contains("IV="), playlist);
        FrameCollector c = play(vod(server.uri("/aes-seq-iv/index.m3u8")), 75, 0);
        assertEquals(List.of(), c.errors);
        assertEquals(75, c.seen.size());
    }

    @Test
    void keyOfWrongLengthIsRefused() throws Exception {
        FrameCollector c = play(vod(server.uri("/shortkey/index.m3u8")), 1, 0);
        assertEquals(0, c.seen.size());
        PlaylistException e = assertInstanceOf(PlaylistException.class, lastError);
        assertTrue(e.reason().contains("must be exactly 16 bytes"), e.getMessage());
    }

    @Test
    void redirectsWithinTheLimitAreFollowed() throws Exception {
        FrameCollector c = play(vod(server.uri("/hop/1.m3u8")), 3, 0);
        assertEquals(3, c.seen.size());
    }

    @Test
    void localPlaylistPlaysFromItsFolder() throws Exception {
        FrameCollector c = play(vod(dir.resolve("hevc/index.m3u8").toUri()), 10, 0);
        assertEquals(10, c.seen.size());
        assertNotNull(c.seen.get(0).timecode());
        assertFalse(c.seen.isEmpty());
    }
}
