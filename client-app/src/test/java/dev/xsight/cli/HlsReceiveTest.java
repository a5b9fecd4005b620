package dev.xsight.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.xsight.hls.LoopbackHttpServer;
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
import org.junit.jupiter.api.Assumptions;
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

    private static boolean ffmpegAvailable() {
        try {
            Process p = new ProcessBuilder("ffmpeg", "-version").redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor(20, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }

    @Test
    void md5LinesMatchFfmpegFrameMd5AndStatsNameTheFormat() throws Exception {
        Assumptions.assumeTrue(ffmpegAvailable(), "ffmpeg command-line tool not installed (CI installs it)");
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
}
