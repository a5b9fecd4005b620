package dev.xsight.review;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A child JVM adds notes in a loop and is killed with SIGKILL ({@code Process.destroyForcibly} on Linux) at random
 * moments, 100 times: every id it printed (acknowledged after commit) must be in the session afterwards, and the
 * database must pass {@code PRAGMA integrity_check}. The next child starts (and loads its classes) while the
 * current one runs, to keep the test short.
 */
class CrashDurabilityTest {
    private static final int KILLS = 100;

    @TempDir
    Path dir;

    /** A started child, what it has printed, and the thread that reads its output (it ends at the child's EOF). */
    private record Child(Process process, ByteArrayOutputStream out, Thread reader) {
        List<String> lines() {
            return completeLines(out);
        }

        void go() throws IOException {
            process.getOutputStream().write('\n');
            process.getOutputStream().flush();
        }

        void awaitLines(int n) throws InterruptedException {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (lines().size() < n && process.isAlive() && System.nanoTime() < deadline) {
                Thread.sleep(2);
            }
        }
    }

    @Test
    void everyAcknowledgedNoteSurvivesSigkillAtRandomMoments() throws Exception {
        Path db = dir.resolve("crash.xsight");
        Random random = new Random(0x5EED);
        Set<String> acknowledged = new HashSet<>();
        int killedBeforeReady = 0;
        Child next = start(db);
        for (int round = 0; round < KILLS; round++) {
            Child c = next;
            c.awaitLines(1); // "warm"
            assertTrue(c.lines().contains("warm"), "child failed to start: " + error(c));
            c.go();
            next = round + 1 < KILLS ? start(db) : null;
            if (round % 5 == 4) {
                // every fifth kill lands anywhere after "go": while opening, checking or creating, or adding
                Thread.sleep(random.nextInt(300));
            } else {
                c.awaitLines(3); // warm, ready and a first id
                assertTrue(c.lines().size() >= 3, "child wrote no note: " + error(c));
                Thread.sleep(random.nextInt(100));
            }
            c.process().destroyForcibly();
            assertTrue(c.process().waitFor(30, TimeUnit.SECONDS), "child did not die");
            // The reader has taken the last bytes once it has seen the end of the dead child's output (it used to be
            // given 5 ms; a reader not scheduled in time left acknowledged notes out of the check).
            c.reader().join(TimeUnit.SECONDS.toMillis(60));
            assertTrue(!c.reader().isAlive(), "the child's output never ended");
            List<String> lines = c.lines();
            if (!lines.contains("ready")) {
                killedBeforeReady++;
            }
            lines.stream().filter(l -> !l.equals("warm") && !l.equals("ready")).forEach(acknowledged::add);
        }
        Set<String> stored = new HashSet<>();
        try (SqliteNoteStore s = SqliteNoteStore.open(db)) {
            s.list().forEach(n -> stored.add(n.id()));
        }
        Set<String> lost = new HashSet<>(acknowledged);
        lost.removeAll(stored);
        assertEquals(Set.of(), lost, "acknowledged notes missing after SIGKILL");
        assertTrue(acknowledged.size() >= KILLS * 4 / 5, "too few notes acknowledged to mean anything: "
                + acknowledged.size());
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db); Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("PRAGMA integrity_check")) {
            rs.next();
            assertEquals("ok", rs.getString(1));
        }
        System.out.printf("crash test: %d kills (%d before the store opened), %d notes acknowledged, %d stored%n",
                KILLS, killedBeforeReady, acknowledged.size(), stored.size());
    }

    private static String error(Child c) {
        try {
            if (c.process().isAlive()) {
                return "still running";
            }
            return new String(c.process().getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return e.toString();
        }
    }

    private Child start(Path db) throws IOException {
        String cp = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        // Short-lived JVMs: C1 only with one compiler thread; no hsperfdata file (a killed JVM would leave it).
        ProcessBuilder pb = new ProcessBuilder(java, "-XX:TieredStopAtLevel=1", "-XX:CICompilerCount=1",
                "-XX:-UsePerfData", "-XX:+UseSerialGC", "-Xmx128m", "--enable-native-access=ALL-UNNAMED",
                // no logging back end: configuring logback costs the child more than its whole store work
                "-Dslf4j.provider=org.slf4j.helpers.NOP_FallbackServiceProvider",
                // the native library is unpacked per JVM; a killed JVM cannot delete it, so keep it in the temp dir
                "-Dorg.sqlite.tmpdir=" + dir, "-cp", cp, NoteWriterChild.class.getName(), db.toString());
        Process p = pb.start();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Thread reader = Thread.ofVirtual().start(() -> copy(p.getInputStream(), out));
        return new Child(p, out, reader);
    }

    private static void copy(InputStream in, ByteArrayOutputStream out) {
        byte[] buf = new byte[8192];
        try {
            for (int n = in.read(buf); n >= 0; n = in.read(buf)) {
                synchronized (out) {
                    out.write(buf, 0, n);
                }
            }
        } catch (IOException ignored) {
            // the child was killed
        }
    }

    /** Lines ended by '\n': a line cut by the kill was never acknowledged. */
    private static List<String> completeLines(ByteArrayOutputStream out) {
        String s;
        synchronized (out) {
            s = out.toString(StandardCharsets.UTF_8);
        }
        List<String> lines = new ArrayList<>();
        int start = 0;
        for (int i = s.indexOf('\n'); i >= 0; i = s.indexOf('\n', start)) {
            lines.add(s.substring(start, i).strip());
            start = i + 1;
        }
        return lines;
    }
}
