package dev.xsight.cli;

import static dev.xsight.cli.CliRun.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.xsight.session.NatsServerProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The shared-session CLI contract ({@code notes --server}, {@code session watch|bench}) on a real nats-server. */
class SessionCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private static CliRun add(NatsServerProcess s, String session, String... more) {
        List<String> a = new ArrayList<>(List.of("notes", "add", "--server", s.url("nats"), "--session", session,
                "--rate", "24", "--severity", "issue", "--category", "V-BAND", "--author", "ana"));
        a.addAll(List.of(more));
        return run(a.toArray(String[]::new));
    }

    @Test
    void addIsAcknowledgedOnceListAndExportReadTheWholeSession() throws Exception {
        try (NatsServerProcess server = NatsServerProcess.start(dir.resolve("srv"))) {
            CliRun first = add(server, "ep1", "--id", "7f6c1c6e-0d4e-4f43-9d53-2f1b1f0b0a01", "--tc", "01:00:00:10",
                    "--text", "banding");
            assertEquals(0, first.code(), first.err());
            assertEquals("7f6c1c6e-0d4e-4f43-9d53-2f1b1f0b0a01", first.out().trim());
            CliRun again = add(server, "ep1", "--id", "7f6c1c6e-0d4e-4f43-9d53-2f1b1f0b0a01", "--tc", "01:00:00:10",
                    "--text", "banding");
            assertEquals(0, again.code(), again.err());
            assertEquals(0, add(server, "ep1", "--tc", "01:00:01:00", "--out-tc", "01:00:01:12", "--text", "flash")
                    .code());
            CliRun list = run("notes", "list", "--server", server.url("nats"), "--session", "ep1", "--json");
            assertEquals(0, list.code(), list.err());
            JsonNode notes = JSON.readTree(list.out());
            assertEquals(2, notes.size(), "the retried add is stored once: " + list.out());
            assertEquals("banding", notes.get(0).get("text").asText());
            assertEquals(240 * 3600 / 10 + 10, notes.get(0).get("inFrame").asLong(), "01:00:00:10 at 24 fps");
            Path csv = dir.resolve("ep1.csv");
            CliRun export = run("notes", "export", "--server", server.url("nats"), "--session", "ep1", "--format", "csv",
                    "-o", csv.toString());
            assertEquals(0, export.code(), export.err());
            assertEquals(3, Files.readAllLines(csv).size(), "header and two notes");
        }
    }

    @Test
    void watchPrintsTheNotesSoFarThenLiveEventsAndStopsAfterN() throws Exception {
        try (NatsServerProcess server = NatsServerProcess.start(dir.resolve("srv"))) {
            assertEquals(0, add(server, "live", "--tc", "00:00:01:00", "--text", "before").code());
            CompletableFuture<CliRun> watch = CompletableFuture.supplyAsync(() -> run("session", "watch", "--server",
                    server.url("nats"), "--session", "live", "--json", "--until-notes", "3"));
            assertEquals(0, add(server, "live", "--tc", "00:00:02:00", "--text", "during 1").code());
            assertEquals(0, add(server, "live", "--tc", "00:00:03:00", "--text", "during 2").code());
            CliRun w = watch.get(2, TimeUnit.MINUTES);
            assertEquals(0, w.code(), w.err());
            List<String> texts = new ArrayList<>();
            for (String line : w.out().strip().split("\n")) {
                JsonNode o = JSON.readTree(line);
                if (o.get("event").asText().equals("added")) {
                    texts.add(o.get("text").asText());
                    assertEquals("ana", o.get("author").asText());
                    assertEquals("issue", o.get("severity").asText());
                }
            }
            assertEquals(3, texts.size(), w.out());
            assertEquals("before", texts.get(0), "notes so far come first");
            assertTrue(texts.containsAll(List.of("during 1", "during 2")));
        }
    }

    @Test
    void benchDeliversEveryNoteToEveryReviewerOnce() throws Exception {
        try (NatsServerProcess server = NatsServerProcess.start(dir.resolve("srv"))) {
            CliRun b = run("session", "bench", "--server", server.url("nats"), "--session", "bench", "--reviewers", "10",
                    "--notes", "20", "--json");
            assertEquals(0, b.code(), b.out() + b.err());
            JsonNode o = JSON.readTree(b.out());
            assertEquals(200, o.get("delivered").asLong());
            assertEquals(0, o.get("missing").asLong());
            assertEquals(0, o.get("duplicates").asLong());
            assertTrue(o.get("latency_p99_ms").asLong() >= o.get("latency_p50_ms").asLong());
        }
    }

    @Test
    void refusalsAreOneClearLine() throws Exception {
        CliRun bad = run("session", "watch", "--server", "nats://127.0.0.1:4222", "--session", "ep 1", "--json");
        assertEquals(2, bad.code(), "a bad name is a usage error");
        assertTrue(bad.err().contains("session name 'ep 1' is not allowed"), bad.err());
        CliRun insecure = run("notes", "list", "--server", "nats://review.example.com:4222", "--session", "ep1");
        assertEquals(1, insecure.code());
        assertTrue(insecure.err().contains("refusing plain nats://"), insecure.err());
        int port;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
            port = s.getLocalPort();
        }
        CliRun down = run("notes", "add", "--server", "nats://127.0.0.1:" + port, "--session", "ep1", "--rate", "24",
                "--tc", "00:00:00:00", "--severity", "fyi", "--category", "x", "--text", "t");
        assertEquals(1, down.code());
        assertEquals(1, down.err().strip().lines().count(), down.err());
        assertTrue(down.err().contains("cannot connect to nats://127.0.0.1:" + port), down.err());
    }
}
