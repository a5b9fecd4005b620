package dev.xsight.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.xsight.hls.demo.LoopbackHttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code receive --hls} against a loopback server, checked against FFmpeg's own per-frame MD5s of the same URL. */
class HlsReceiveTest {
    @TempDir
    Path dir;

    private static String run(Path dir, String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("ffmpeg", "-hide_banner", "-loglevel", "error", "-nostdin", "-y"));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(120, TimeUnit.SECONDS) && p.exitValue() == 0, "ffmpeg " + String.join(" ", args));
        return out;
    }

    @Test
    void md5LinesMatchFfmpegFrameMd5AndStatsNameTheFormat() throws Exception {
        dev.xsight.TestRequirements.requireFfmpeg();
        run(dir, "-f", "lavfi", "-i", "testsrc2=s=192x108:r=25:d=2,format=yuv420p10le", "-c:v", "libx265",
                "-x265-params", "keyint=25:min-keyint=25:log-level=error", "-tag:v", "hvc1", "-f", "hls", "-hls_time",
                "1", "-hls_playlist_type", "vod", "-hls_segment_type", "fmp4", "-hls_flags", "program_date_time",
                "-hls_segment_filename", "seg%d.m4s", "index.m3u8");
        try (LoopbackHttpServer server = LoopbackHttpServer.start(LoopbackHttpServer.directory(dir))) {
            String url = server.uri("/index.m3u8").toString();
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            int rc = HlsReceive.run(new HlsReceive.Options(url, 10, Duration.ofSeconds(30), true, dir.resolve("s.json"),
                    "auto", Duration.ofSeconds(6), 0, false), new PrintStream(out, true, StandardCharsets.UTF_8),
                    new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
            assertEquals(0, rc);
            List<String> lines = out.toString(StandardCharsets.UTF_8).lines().toList();
            assertEquals(11, lines.size(), String.join("\n", lines));
            List<String> reference = run(dir, "-i", url, "-map", "0:v", "-frames:v", "10", "-f", "framemd5", "-")
                    .lines().filter(l -> !l.startsWith("#")).map(l -> l.substring(l.lastIndexOf(',') + 1).strip())
                    .toList();
            for (int i = 0; i < 10; i++) {
                String[] f = lines.get(i).split(" ");
                assertEquals(Integer.toString(i), f[0]);
                assertTrue(f[1].matches("\\d\\d:\\d\\d:\\d\\d:\\d\\d"), f[1]);
                assertEquals(reference.get(i), f[2], "frame " + i);
            }
            JsonNode stats = new ObjectMapper().readTree(lines.get(10));
            assertEquals("yuv420p10le", stats.get("pixel_format").asText());
            assertEquals(10, stats.get("bit_depth").asInt());
            assertEquals(192, stats.get("width").asInt());
            assertEquals(108, stats.get("height").asInt());
            assertEquals(25.0, stats.get("frame_rate").asDouble());
            assertEquals(10, stats.get("frames_decoded").asInt());
            assertEquals(0, stats.get("frames_dropped").asInt());
            assertTrue(stats.has("rendition_bandwidth"));
            assertTrue(!stats.has("live_offset_s"), "VOD has no live offset");
            assertEquals(lines.get(10), Files.readString(dir.resolve("s.json")).strip());
        }
    }

    @Test
    void builtInDemoVodGivesOneHundredTenBitFrames() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int rc = HlsReceive.run(new HlsReceive.Options("demo-vod", 0, Duration.ofSeconds(30), true, null, "auto",
                Duration.ofSeconds(6), 0, false), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
        assertEquals(0, rc);
        List<String> lines = out.toString(StandardCharsets.UTF_8).lines().toList();
        assertEquals(101, lines.size());
        assertTrue(lines.get(99).startsWith("99 "), lines.get(99));
        JsonNode stats = new ObjectMapper().readTree(lines.get(100));
        assertEquals("yuv420p10le", stats.get("pixel_format").asText());
        assertEquals(640, stats.get("width").asInt());
        assertEquals(100, stats.get("frames_decoded").asInt());
    }

    @Test
    void unreachablePlaylistExitsOneWithTheReason() throws Exception {
        try (LoopbackHttpServer server = LoopbackHttpServer.start(p -> LoopbackHttpServer.Response.notFound())) {
            int rc = XsightCommand.commandLine().execute("receive", "--hls", server.uri("/x.m3u8").toString(),
                    "--timeout", "5s");
            assertEquals(1, rc);
        }
    }

    @Test
    void nonHttpSchemeIsAUsageError() {
        assertEquals(2, XsightCommand.commandLine().execute("receive", "--hls", "ftp://example.com/a.m3u8"));
    }

    /**
     * A video-only variant with two audio renditions in their own playlists: English (DEFAULT=YES), the lavfi sine's
     * own amplitude of 1/8 at 1 kHz, -18.1 dBFS peak; French, 500 Hz doubled to 1/4, -12.0 dBFS peak.
     */
    private Path alternativeAudio() throws Exception {
        run(dir, "-f", "lavfi", "-i", "testsrc2=s=160x90:r=25:d=2", "-f", "lavfi", "-i",
                "sine=frequency=1000:sample_rate=48000:d=2", "-f", "lavfi", "-i",
                "sine=frequency=500:sample_rate=48000:d=2,volume=2", "-map", "0:v", "-map", "1:a", "-map", "2:a",
                "-c:v", "libx264", "-preset", "ultrafast", "-g", "25", "-c:a", "aac", "-b:a", "96k", "-f", "hls",
                "-hls_time", "1", "-hls_playlist_type", "vod", "-var_stream_map",
                "v:0,agroup:aud a:0,agroup:aud,default:yes,language:eng,name:eng a:1,agroup:aud,language:fra,name:fra",
                "-master_pl_name", "master.m3u8", "-hls_segment_filename", "r%v/s%d.ts", "r%v/index.m3u8");
        return dir.resolve("master.m3u8");
    }

    private static JsonNode statsLine(ByteArrayOutputStream out) throws IOException {
        List<String> lines = out.toString(StandardCharsets.UTF_8).lines().toList();
        return new ObjectMapper().readTree(lines.getLast());
    }

    @Test
    void audioLanguagePicksTheRenditionWhoseToneTheJsonMeters() throws Exception {
        dev.xsight.TestRequirements.requireFfmpeg();
        alternativeAudio();
        try (LoopbackHttpServer server = LoopbackHttpServer.start(LoopbackHttpServer.directory(dir))) {
            ByteArrayOutputStream def = new ByteArrayOutputStream();
            PrintStream stdout = new PrintStream(def, true, StandardCharsets.UTF_8);
            PrintStream stderr = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
            String url = server.uri("/master.m3u8").toString();
            assertEquals(0, HlsReceive.run(new HlsReceive.Options(url, 0, Duration.ofSeconds(30), false, null,
                    "auto", Duration.ofSeconds(6), 0, false, null), stdout, stderr));
            JsonNode eng = statsLine(def);
            assertEquals("eng", eng.get("audio_language").asText());
            assertEquals(-18.1, eng.get("audio_peak_dbfs").get(0).asDouble(), 0.5);
            ByteArrayOutputStream fr = new ByteArrayOutputStream();
            assertEquals(0, HlsReceive.run(new HlsReceive.Options(url, 0, Duration.ofSeconds(30), false, null,
                    "auto", Duration.ofSeconds(6), 0, false, "fr"), new PrintStream(fr, true, StandardCharsets.UTF_8),
                    stderr));
            JsonNode fra = statsLine(fr);
            assertEquals("fra", fra.get("audio_language").asText());
            assertEquals(-12.0, fra.get("audio_peak_dbfs").get(0).asDouble(), 0.5);
            assertEquals(50, fra.get("frames_decoded").asInt());
        }
    }

    @Test
    void missingAudioRenditionIsAWarningAndThePictureStillPlays() throws Exception {
        dev.xsight.TestRequirements.requireFfmpeg();
        Path master = alternativeAudio();
        Files.writeString(master, Files.readString(master).replace("reng/index.m3u8", "gone/index.m3u8"));
        try (LoopbackHttpServer server = LoopbackHttpServer.start(LoopbackHttpServer.directory(dir))) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            int rc = HlsReceive.run(new HlsReceive.Options(server.uri("/master.m3u8").toString(), 0,
                    Duration.ofSeconds(30), false, null, "auto", Duration.ofSeconds(6), 0, false, null),
                    new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true,
                            StandardCharsets.UTF_8));
            assertEquals(0, rc, "the pictures played");
            JsonNode stats = statsLine(out);
            assertEquals(50, stats.get("frames_decoded").asInt());
            assertTrue(stats.get("audio_error").asText().contains("404"), stats.toString());
            assertTrue(!stats.has("error"), stats.toString());
            assertTrue(err.toString(StandardCharsets.UTF_8).contains("warning: audio rendition 'audio_1' (eng)"),
                    err.toString(StandardCharsets.UTF_8));
        }
    }
}
