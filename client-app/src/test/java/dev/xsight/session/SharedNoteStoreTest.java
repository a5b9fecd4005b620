package dev.xsight.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.xsight.export.NoteExport;
import dev.xsight.export.NoteFormat;
import dev.xsight.media.FrameRate;
import dev.xsight.media.Timecode;
import dev.xsight.review.Note;
import dev.xsight.review.NoteStatus;
import dev.xsight.review.Session;
import dev.xsight.review.Severity;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The review UI's NoteStore contract on a shared session: what one store does, the other store shows. */
class SharedNoteStoreTest {
    private static final Session S = Session.ofRate(FrameRate.FPS_24, false);

    @TempDir
    Path dir;

    private SharedNoteStore store(NatsServerProcess server, String who, Recorder r) {
        SessionCache cache = SessionCache.at(dir.resolve(who + ".xsight"));
        SharedSession s = SharedSession.join(SessionServer.of(server.url("nats"), null, null, false),
                new SessionName("store"), new Member(who, Member.Role.REVIEWER, "grade"), Optional.of(cache), r);
        return new SharedNoteStore(s, cache, S);
    }

    @Test
    void addEditDeleteAndExportThroughTheStoreInterface() throws Exception {
        try (NatsServerProcess server = NatsServerProcess.start(dir.resolve("srv"))) {
            Recorder rb = new Recorder();
            try (SharedNoteStore a = store(server, "ana", new Recorder()); SharedNoteStore b = store(server, "ben", rb)) {
                Timecode tc = S.parseTimecode("01:00:00:12");
                Note n = a.add(Note.create(tc, tc, Severity.ISSUE, "V-BAND", "banding", "ana", "grade"));
                rb.await("ben's store lists it", () -> b.get(n.id()).isPresent());
                b.update(b.get(n.id()).orElseThrow().withStatus(NoteStatus.FIX));
                new Recorder().await("ana sees ben's status", () -> a.get(n.id()).orElseThrow().status()
                        == NoteStatus.FIX);
                Path csv = dir.resolve("out.csv");
                NoteExport.write(NoteFormat.CSV, a.session(), a.list(), csv);
                assertTrue(Files.readString(csv).contains("banding"));
                assertTrue(a.delete(n.id()));
                rb.await("deleted for ben", () -> b.list().isEmpty());
            }
        }
    }

    @Test
    void aNoteAddedOfflineIsListedAtOnceAndPublishedLater() throws Exception {
        try (NatsServerProcess server = NatsServerProcess.start(dir.resolve("srv"))) {
            Recorder ra = new Recorder();
            Recorder rb = new Recorder();
            try (SharedNoteStore a = store(server, "ana", ra); SharedNoteStore b = store(server, "ben", rb)) {
                server.kill();
                ra.await("offline", () -> a.shared().state() == SharedSession.State.RECONNECTING);
                Timecode tc = S.parseTimecode("00:10:00:00");
                Note n = a.add(Note.create(tc, tc, Severity.FYI, "", "offline", "ana", ""));
                assertEquals(1, a.list().size(), "shown to its author while queued");
                assertEquals(1, a.shared().queued());
                server.start();
                rb.await("reaches ben after the restart", () -> b.get(n.id()).isPresent());
                ra.await("acknowledged", () -> a.shared().queued() == 0);
                assertEquals(1, a.list().size(), "not doubled once acknowledged");
            }
        }
    }
}
