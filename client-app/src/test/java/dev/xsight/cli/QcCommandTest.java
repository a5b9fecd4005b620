package dev.xsight.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.xsight.TestRequirements;
import dev.xsight.checklist.ChecklistEntry;
import dev.xsight.checklist.Verdict;
import dev.xsight.review.Note;
import dev.xsight.review.Severity;
import dev.xsight.review.SqliteNoteStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code xsight qc --file} on clips FFmpeg makes with known faults (lossless FFV1, 25 fps, so the faults sit on
 * known frames): every line is JSON, the findings are the faults put in, a clean clip gives none, and the exit code
 * says whether the analysis ran.
 */
class QcCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path dir;

    @BeforeAll
    static void ffmpeg() {
        TestRequirements.requireFfmpeg();
    }

    /**
     * A 320x180 25 fps clip of {@code seconds} with {@code filter} applied and a 1 kHz tone at -23 LUFS (the
     * broadcast target: a clean clip is clean for loudness too).
     */
    static Path clip(String name, int seconds, String filter, String... extra) throws Exception {
        return clipWithAudio(name, seconds, filter, "volume=-2dB", extra);
    }

    static Path clipWithAudio(String name, int seconds, String filter, String audioFilter, String... extra)
            throws Exception {
        Path f = dir.resolve(name);
        List<String> cmd = new ArrayList<>(List.of("ffmpeg", "-hide_banner", "-loglevel", "error", "-y", "-f",
                "lavfi", "-i", "testsrc2=s=320x180:r=25:d=" + seconds, "-f", "lavfi", "-i",
                "sine=f=1000:sample_rate=48000:d=" + seconds, "-vf", filter + (filter.isEmpty() ? "" : ",")
                        // Made in R'G'B' and matrixed with BT.709 into narrow range, tagged so: a legal picture.
                        + "format=gbrp,scale=out_color_matrix=bt709:out_range=tv,format=yuv422p10le",
                "-colorspace", "bt709", "-color_primaries", "bt709", "-color_trc", "bt709", "-color_range", "tv",
                "-af", audioFilter, "-c:v", "ffv1", "-c:a", "pcm_s16le"));
        cmd.addAll(List.of(extra));
        cmd.add(f.toString());
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String log = new String(p.getInputStream().readAllBytes());
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "ffmpeg did not finish");
        assertEquals(0, p.exitValue(), log);
        return f;
    }

    record Result(int code, List<JsonNode> events, JsonNode summary, String err) {
        List<JsonNode> of(String type) {
            return events.stream().filter(e -> e.path("event").asText().equals(type)).toList();
        }
    }

    static Result qc(String... args) throws Exception {
        CliRun r = CliRun.run(args);
        List<JsonNode> events = new ArrayList<>();
        JsonNode summary = null;
        for (String line : r.out().lines().toList()) {
            JsonNode n = JSON.readTree(line);
            if (n.has("summary")) {
                summary = n.get("summary");
            } else {
                events.add(n);
            }
        }
        return new Result(r.code(), events, summary, r.err());
    }

    @Test
    void blackSectionIsOneEventFromItsFirstToItsLastFrame() throws Exception {
        Path f = clip("black.mkv", 6, "drawbox=x=0:y=0:w=iw:h=ih:color=black:t=fill:enable='between(n,50,99)'");
        Result r = qc("qc", "--file", f.toString(), "--json");
        assertEquals(0, r.code(), r.err());
        List<JsonNode> black = r.of("black");
        assertEquals(1, black.size(), r.events().toString());
        assertEquals("00:00:02:00", black.getFirst().path("tc_in").asText());
        assertEquals("00:00:03:24", black.getFirst().path("tc_out").asText());
        assertEquals("blocker", black.getFirst().path("severity").asText(), "broadcast profile: black is a blocker");
        assertEquals(150, r.summary().path("frames_analysed").asLong());
        assertEquals(0, r.summary().path("frames_skipped").asLong(), "a file is never skipped");
        assertEquals(1, r.summary().path("events").path("black").asLong());
        // Black is also a still picture: FFmpeg's freezedetect reports it too, and so does ours.
        assertEquals(1, r.of("freeze").size(), r.events().toString());
    }

    @Test
    void freezeIsReportedFromTheFrozenFrameToTheLastRepeat() throws Exception {
        Path f = clip("freeze.mkv", 6, "split[a][b];[a][b]freezeframes=first=50:last=99:replace=49");
        Result r = qc("qc", "--file", f.toString(), "--json");
        assertEquals(0, r.code(), r.err());
        List<JsonNode> freeze = r.of("freeze");
        assertEquals(1, freeze.size(), r.events().toString());
        assertEquals("00:00:01:24", freeze.getFirst().path("tc_in").asText());
        assertEquals("00:00:03:24", freeze.getFirst().path("tc_out").asText());
        assertEquals(51, freeze.getFirst().path("frames").asLong());
    }

    @Test
    void fileTimecodeTagStartsTheTimecodes() throws Exception {
        Path f = clip("tc.mov", 4, "drawbox=x=0:y=0:w=iw:h=ih:color=black:t=fill:enable='between(n,25,74)'",
                "-timecode", "10:00:00:00");
        Result r = qc("qc", "--file", f.toString(), "--json");
        assertEquals(0, r.code(), r.err());
        List<JsonNode> black = r.of("black");
        assertEquals(1, black.size(), r.events().toString());
        assertEquals("10:00:01:00", black.getFirst().path("tc_in").asText());
        assertEquals("10:00:02:24", black.getFirst().path("tc_out").asText());
        assertEquals(List.of(), r.of("timecode_break"), "a continuous file");
    }

    @Test
    void aJumpInTheFilesTimeIsATimecodeBreak() throws Exception {
        Path f = clip("jump.mkv", 4, "setpts='if(gte(N,50),PTS+10/TB,PTS)'", "-fps_mode", "passthrough");
        Result r = qc("qc", "--file", f.toString(), "--json");
        assertEquals(0, r.code(), r.err());
        List<JsonNode> breaks = r.of("timecode_break");
        assertEquals(1, breaks.size(), r.events().toString());
        JsonNode b = breaks.getFirst();
        assertEquals("00:00:12:00", b.path("tc_in").asText(), "frame 50 is labelled 10 s later");
        assertEquals("00:00:12:00", b.path("tc_out").asText());
        assertEquals(250, b.path("jump_frames").asLong());
    }

    @Test
    void silentSectionIsASilenceEventOnItsPictureFrames() throws Exception {
        Path f = clipWithAudio("silence.mkv", 6, "", "volume=-2dB,volume=enable='between(t,2,4)':volume=0");
        Result r = qc("qc", "--file", f.toString(), "--json");
        assertEquals(0, r.code(), r.err());
        List<JsonNode> silence = r.of("silence");
        assertEquals(1, silence.size(), r.events().toString());
        // Frames 50-99 are silent; FFmpeg's volume switches per audio block of 1024 samples, so the silence may
        // reach into the next frame: within the issue's 2 frames.
        assertEquals(50, silence.getFirst().path("first_frame").asLong(), 2);
        assertEquals(99, silence.getFirst().path("last_frame").asLong(), 2);
        assertEquals(2.0, silence.getFirst().path("duration_s").asDouble(), 0.05);
        assertTrue(r.summary().path("audio_blocks_analysed").asLong() > 0);
    }

    @Test
    void loudnessFiguresAreInTheSummary() throws Exception {
        Path f = clip("loud.mkv", 4, "");
        Result r = qc("qc", "--file", f.toString(), "--json");
        assertEquals(0, r.code(), r.err());
        // A 1 kHz sine at 1/8 of full scale less 2 dB: -21.07 dBFS RMS - 2 dB, K-weighting +0.69 dB at 1 kHz, -0.691.
        assertEquals(-23.07, r.summary().path("loudness").path("integrated_lufs_feed").asDouble(), 0.1,
                r.summary().toString());
        assertEquals(List.of(), r.of("loudness"), "within -23 ± 1 LU");
    }

    @Test
    void cleanClipGivesNoEventsAndAZeroSummary() throws Exception {
        Path f = clip("clean.mkv", 4, "");
        Result r = qc("qc", "--file", f.toString(), "--json");
        assertEquals(0, r.code(), r.err());
        assertEquals(List.of(), r.events());
        assertEquals(100, r.summary().path("frames_analysed").asLong());
        r.summary().path("events").forEach(n -> assertEquals(0, n.asLong(), r.summary().toString()));
        assertEquals(4.0, r.summary().path("duration_s").asDouble(), 1e-9);
    }

    @Test
    void findingsBecomeAutoQcNotesInTheSessionFileAndFailTheirChecklistItem() throws Exception {
        Path f = clip("notes.mkv", 6, "drawbox=x=0:y=0:w=iw:h=ih:color=black:t=fill:enable='between(n,50,99)'");
        Path db = dir.resolve("qc.xsight");
        Result r = qc("qc", "--file", f.toString(), "--profile", "streaming", "--json", "--notes-db", db.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(Files.exists(db));
        try (SqliteNoteStore store = SqliteNoteStore.open(db)) {
            List<Note> notes = store.list();
            assertEquals(List.of("V-BLACK", "V-FREEZE"), notes.stream().map(Note::category).sorted().toList(),
                    "black, which is also still: " + notes);
            Note n = notes.stream().filter(x -> x.category().equals("V-BLACK")).findFirst().orElseThrow();
            assertEquals("auto-QC", n.author());
            assertEquals("V-BLACK", n.category());
            assertEquals(Severity.ISSUE, n.severity(), "streaming profile: black is an issue");
            assertEquals("00:00:02:00", n.tcIn().toString());
            assertEquals("00:00:03:24", n.tcOut().toString());
            assertTrue(n.text().contains("min_black_ratio"), n.text());
            assertEquals("notes.mkv", n.source());
            ChecklistEntry black = store.checklist("video-qc").stream().filter(e -> e.itemId().equals("black"))
                    .findFirst().orElseThrow();
            assertEquals(Verdict.FAIL, black.verdict());
        }
    }

    @Test
    void aFileThatIsNotMediaExitsTwoWithOneLine() throws Exception {
        Path f = dir.resolve("not-media.mkv");
        Files.writeString(f, "this is not a video\n");
        Result r = qc("qc", "--file", f.toString(), "--json");
        assertEquals(2, r.code());
        assertEquals(1, r.err().strip().lines().count(), r.err());
        assertTrue(r.err().contains("not-media.mkv"), r.err());
        assertEquals(List.of(), r.events());
    }

    @Test
    void aBadProfileExitsTwoNamingTheFileAndTheField() throws Exception {
        Path f = clip("p.mkv", 1, "");
        Path profile = dir.resolve("mine.json");
        Files.writeString(profile, """
                {"name": "mine", "checks": {"black": {"enabled": true, "severity": "urgent"}}}
                """);
        Result r = qc("qc", "--file", f.toString(), "--profile", profile.toString(), "--json");
        assertEquals(2, r.code());
        assertTrue(r.err().contains("mine.json") && r.err().contains("checks.black.severity"), r.err());
        Files.writeString(profile, """
                {"name": "mine", "checks": {"black": {"severity": "issue", "thresholds": {"pix": 0.2}}}}
                """);
        r = qc("qc", "--file", f.toString(), "--profile", profile.toString(), "--json");
        assertEquals(2, r.code());
        assertTrue(r.err().contains("checks.black.thresholds.pix"), r.err());
        r = qc("qc", "--file", f.toString(), "--profile", "no-such-profile", "--json");
        assertEquals(2, r.code());
        assertTrue(r.err().contains("broadcast, streaming, grading"), r.err());
        assertFalse(r.err().isBlank());
    }

    @Test
    void demoRefusesABadQcProfileBeforeOpeningAWindow() throws Exception {
        Path profile = dir.resolve("demo-bad.json");
        Files.writeString(profile, """
                {"name": "x", "checks": {"flash": {"severity": "issue", "thresholds": {"area": 1.5}}}}
                """);
        CliRun r = CliRun.run("demo", "--qc", profile.toString(), "--run-for", "1s");
        assertEquals(2, r.code(), r.err());
        assertTrue(r.err().contains("demo-bad.json") && r.err().contains("checks.flash.thresholds.area"), r.err());
    }
}
