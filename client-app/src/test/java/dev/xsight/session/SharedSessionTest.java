package dev.xsight.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.xsight.media.FrameRate;
import dev.xsight.media.Timecode;
import dev.xsight.review.Note;
import dev.xsight.review.Severity;
import dev.xsight.review.SqliteNoteStore;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Shared sessions against a real nats-server with JetStream on loopback. */
class SharedSessionTest {
    private static final FrameRate R = FrameRate.FPS_25;

    @TempDir
    Path dir;

    private static Note note(int frame, String text, String author) {
        Timecode tc = Timecode.fromFrameCount(90_000 + frame, R, false);
        return Note.create(tc, tc, Severity.ISSUE, "V-BAND", text, author, "grade");
    }

    private static SharedSession join(NatsServerProcess s, String session, String who, Recorder r, Path cache) {
        return SharedSession.join(SessionServer.of(s.url("nats"), null, null, false), new SessionName(session),
                new Member(who, Member.Role.REVIEWER, "grade"),
                cache == null ? Optional.empty() : Optional.of(SessionCache.at(cache)), r);
    }

    @Test
    void twoReviewersAddAtOnceAndAWatcherSeesEveryNoteOnce() throws Exception {
        try (NatsServerProcess server = NatsServerProcess.start(dir.resolve("srv"))) {
            Recorder ra = new Recorder();
            Recorder rb = new Recorder();
            Recorder rw = new Recorder();
            try (SharedSession a = join(server, "ep101", "ana", ra, dir.resolve("ana.xsight"));
                    SharedSession b = join(server, "ep101", "ben", rb, dir.resolve("ben.xsight"));
                    SharedSession w = join(server, "ep101", "qc", rw, dir.resolve("qc.xsight"))) {
                List<CompletableFuture<?>> acks = new ArrayList<>();
                Thread tb = new Thread(() -> {
                    for (int i = 0; i < 40; i++) {
                        synchronized (acks) {
                            acks.add(b.add(note(i, "ben " + i, "ben"), R));
                        }
                    }
                });
                tb.start();
                for (int i = 0; i < 40; i++) {
                    synchronized (acks) {
                        acks.add(a.add(note(i, "ana " + i, "ana"), R));
                    }
                }
                tb.join();
                CompletableFuture.allOf(acks.toArray(CompletableFuture[]::new)).get(2, TimeUnit.MINUTES);
                rw.await("watcher sees 80 notes", () -> rw.added.size() == 80);
                ra.await("ana sees 80 notes", () -> ra.added.size() == 80);
                rb.await("ben sees 80 notes", () -> rb.added.size() == 80);
                assertTrue(rw.added.values().stream().allMatch(n -> n.get() == 1), "each note seen once");
                assertEquals(80, w.notes().size());
                assertEquals(a.notes(), w.notes(), "every client merged the same notes");
                assertEquals(0, a.queued());
                rw.await("presence of the others", () -> rw.presence.contains("joined ana reviewer")
                        && rw.presence.contains("joined ben reviewer"));
            }
            // Each local session file is a normal session file holding all the notes.
            try (SqliteNoteStore qc = SqliteNoteStore.open(dir.resolve("qc.xsight"))) {
                assertEquals(80, qc.list().size());
            }
        }
    }

    @Test
    void aNoteJustAddedCanBeChangedAtOnce() throws Exception {
        try (NatsServerProcess server = NatsServerProcess.start(dir.resolve("srv"))) {
            Recorder ra = new Recorder();
            try (SharedSession a = join(server, "own-writes", "ana", ra, null)) {
                for (int i = 0; i < 20; i++) {
                    Note n = note(10 + i, "note " + i, "ana");
                    a.add(n, R).get(1, TimeUnit.MINUTES);
                    // The add's future means stored and read back: the note is there to change, no race with the
                    // client's own reading of the stream.
                    assertTrue(a.notes().stream().anyMatch(x -> x.id().equals(n.id())), "note " + i + " read back");
                    a.change(n, n.withText("note " + i + " edited")).get(1, TimeUnit.MINUTES);
                }
                assertEquals(20, a.notes().stream().filter(x -> x.text().endsWith(" edited")).count());
            }
        }
    }

    @Test
    void aRetriedAddIsStoredOnceAndAChangeOfEachFieldIsKept() throws Exception {
        try (NatsServerProcess server = NatsServerProcess.start(dir.resolve("srv"))) {
            Recorder ra = new Recorder();
            Recorder rb = new Recorder();
            Note n = note(5, "flicker", "ana");
            try (SharedSession a = join(server, "retry", "ana", ra, null);
                    SharedSession b = join(server, "retry", "ben", rb, null)) {
                a.add(n, R).get(1, TimeUnit.MINUTES);
                // The same add again from another client (a retry after a lost ack): acknowledged, not doubled.
                assertTrue(b.publish(NoteEvent.added(n, R, "ana")).get(1, TimeUnit.MINUTES).isDuplicate());
                rb.await("ben has the note", () -> b.notes().size() == 1);
                // Concurrent edits of different fields: both survive everywhere.
                CompletableFuture<?> fa = a.change(n, n.withText("flicker on cut"));
                CompletableFuture<?> fb = b.change(n, n.withEdits(n.status(), Severity.BLOCKER, n.category(), n.text()));
                fa.get(1, TimeUnit.MINUTES);
                fb.get(1, TimeUnit.MINUTES);
                for (Recorder r : List.of(ra, rb)) {
                    r.await("both changes merged", () -> r.changed.get() >= 1 && (r == ra ? a : b).notes().stream()
                            .anyMatch(x -> x.text().equals("flicker on cut") && x.severity() == Severity.BLOCKER));
                }
                a.delete(n.id()).get(1, TimeUnit.MINUTES);
                rb.await("ben sees the deletion", () -> rb.deleted.containsKey(n.id()));
                assertTrue(b.notes().isEmpty());
                assertEquals(1, ra.added.get(n.id()).get());
            }
        }
    }

    @Test
    void aServerKilledMidSessionLosesNothingAndDoublesNothing() throws Exception {
        try (NatsServerProcess server = NatsServerProcess.start(dir.resolve("srv"))) {
            Recorder ra = new Recorder();
            Recorder rw = new Recorder();
            try (SharedSession a = join(server, "crash", "ana", ra, dir.resolve("ana.xsight"));
                    SharedSession w = join(server, "crash", "qc", rw, null)) {
                for (int i = 0; i < 10; i++) {
                    a.add(note(i, "before " + i, "ana"), R).get(1, TimeUnit.MINUTES);
                }
                rw.await("watcher has the first 10", () -> rw.added.size() == 10);
                server.kill();
                ra.await("ana sees the connection drop", () -> a.state() == SharedSession.State.RECONNECTING);
                List<CompletableFuture<?>> offline = new ArrayList<>();
                for (int i = 10; i < 20; i++) {
                    offline.add(a.add(note(i, "offline " + i, "ana"), R));
                }
                assertEquals(10, a.queued(), "notes made while the server is down wait in the outbox");
                assertFalse(offline.get(0).isDone(), "not acknowledged while the server is down");
                server.start();
                CompletableFuture.allOf(offline.toArray(CompletableFuture[]::new)).get(2, TimeUnit.MINUTES);
                rw.await("watcher has all 20", () -> rw.added.size() == 20);
                assertTrue(rw.added.values().stream().allMatch(n -> n.get() == 1), "nothing seen twice");
                assertEquals(0, a.queued());
                assertEquals(20, w.notes().size());
            }
        }
    }

    @Test
    void notesQueuedOfflineSurviveARestartOfTheClient() throws Exception {
        Path cache = dir.resolve("ana.xsight");
        try (NatsServerProcess server = NatsServerProcess.start(dir.resolve("srv"))) {
            Recorder ra = new Recorder();
            Note n = note(1, "made on the train", "ana");
            try (SharedSession a = join(server, "train", "ana", ra, cache)) {
                server.kill();
                ra.await("offline", () -> a.state() == SharedSession.State.RECONNECTING);
                a.add(n, R);
                assertEquals(1, a.queued());
            } // the client quits while offline
            server.start();
            Recorder rb = new Recorder();
            try (SharedSession again = join(server, "train", "ana", new Recorder(), cache);
                    SharedSession b = join(server, "train", "ben", rb, null)) {
                rb.await("the queued note reaches the others", () -> rb.added.containsKey(n.id()));
                new Recorder().await("outbox empty", () -> again.queued() == 0);
            }
        }
    }

    @Test
    void permissionsComeFromTheServer() throws Exception {
        String users = """
                authorization {
                  users = [
                    { user: viewer, password: v, permissions: { publish: { allow: ["$JS.API.>", "xsight.*.presence"] } } }
                    { user: reviewer, password: r, permissions: { publish: { allow: ["$JS.API.>", "xsight.*.presence", "xsight.*.notes"] } } }
                    { user: driver, password: d, permissions: { publish: { allow: ["$JS.API.>", "xsight.*.>"] } } }
                  ]
                }""";
        try (NatsServerProcess server = NatsServerProcess.start(dir.resolve("srv"), users)) {
            String base = "nats://%s:%s@127.0.0.1:" + server.port();
            Recorder rv = new Recorder();
            Recorder rr = new Recorder();
            Recorder rd = new Recorder();
            try (SharedSession d = SharedSession.join(SessionServer.of(base.formatted("driver", "d"), null, null,
                    false), new SessionName("perm"), new Member("dee", Member.Role.DRIVER, "grade"), Optional.empty(), rd);
                    SharedSession v = SharedSession.join(SessionServer.of(base.formatted("viewer", "v"), null, null,
                            false), new SessionName("perm"), new Member("vic", Member.Role.VIEWER, "OTS"),
                            Optional.empty(), rv);
                    SharedSession r = SharedSession.join(SessionServer.of(base.formatted("reviewer", "r"), null,
                            null, false), new SessionName("perm"), new Member("rae", Member.Role.REVIEWER, "OTS"),
                            Optional.empty(), rr)) {
                ExecutionException denied = assertThrows(ExecutionException.class,
                        () -> v.add(note(1, "viewer's note", "vic"), R).get(1, TimeUnit.MINUTES));
                SessionException se = (SessionException) denied.getCause();
                assertEquals(SessionException.Kind.PERMISSION_DENIED, se.kind());
                assertTrue(se.getMessage().contains("permission denied"), se.getMessage());
                assertEquals(0, v.queued(), "a refused note is not kept to be retried");

                Note ok = note(2, "reviewer's note", "rae");
                r.add(ok, R).get(1, TimeUnit.MINUTES);
                rv.await("the viewer sees the reviewer's note", () -> rv.added.containsKey(ok.id()));
                assertEquals(1, v.notes().size(), "the viewer's own note was stored nowhere");

                r.playhead(Timecode.parse("01:00:10:00", R), R, "grade");
                rr.await("the reviewer is told it may not drive", () -> rr.refused.contains("xsight.perm.playhead"));
                d.playhead(Timecode.parse("01:00:20:00", R), R, "grade");
                rv.await("the driver's playhead reaches the viewer", () -> rv.playheads.contains(
                        "dee 01:00:20:00 grade"));
                assertEquals(List.of("dee 01:00:20:00 grade"), rv.playheads, "the reviewer's playhead went nowhere");
            }
            SessionException badUser = assertThrows(SessionException.class, () -> SharedSession.join(
                    SessionServer.of(base.formatted("viewer", "wrong"), null, null, false), new SessionName("perm"),
                    new Member("x", Member.Role.VIEWER, ""), Optional.empty(), null));
            assertEquals(SessionException.Kind.PERMISSION_DENIED, badUser.kind(), badUser.getMessage());
        }
    }

    @Test
    void tlsWithTheFacilityCaAndRefusalsBeforeConnecting() throws Exception {
        TestCa ca = TestCa.make(java.nio.file.Files.createDirectories(dir.resolve("ca")));
        try (NatsServerProcess server = NatsServerProcess.start(dir.resolve("srv"), ca.serverTlsBlock())) {
            Recorder r = new Recorder();
            Note n = note(3, "over TLS", "ana");
            try (SharedSession a = SharedSession.join(SessionServer.of(server.url("tls"), ca.caCert(), null, false),
                    new SessionName("secure"), new Member("ana", Member.Role.REVIEWER, "grade"), Optional.empty(), r)) {
                a.add(n, R).get(1, TimeUnit.MINUTES);
                r.await("note back over TLS", () -> r.added.containsKey(n.id()));
            }
            TestCa other = TestCa.make(java.nio.file.Files.createDirectories(dir.resolve("other")));
            SessionException wrongCa = assertThrows(SessionException.class, () -> SharedSession.join(
                    SessionServer.of(server.url("tls"), other.caCert(), null, false), new SessionName("secure"),
                    new Member("ana", Member.Role.REVIEWER, ""), Optional.empty(), null));
            assertEquals(SessionException.Kind.TLS, wrongCa.kind(), wrongCa.getMessage());
        }
        SessionException plain = assertThrows(SessionException.class,
                () -> SessionServer.of("nats://review.example.com:4222", null, null, false));
        assertEquals(SessionException.Kind.INSECURE, plain.kind());
        assertEquals("review.example.com", SessionServer.of("nats://review.example.com:4222", null, null, true)
                .url().getHost(), "--insecure allows it");
        assertEquals(SessionException.Kind.INVALID, assertThrows(SessionException.class,
                () -> SessionServer.of("http://127.0.0.1:4222", null, null, false)).kind());
        assertThrows(IllegalArgumentException.class, () -> new SessionName("ep 101"));
        assertThrows(IllegalArgumentException.class, () -> new SessionName("a".repeat(65)));
        assertThrows(IllegalArgumentException.class, () -> new SessionName("ep.101"));
    }
}
