package dev.xsight.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.xsight.media.FrameRate;
import dev.xsight.media.Timecode;
import dev.xsight.review.Note;
import dev.xsight.review.Severity;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The server configuration we ship ({@code docs/server/nats.conf}) does what its comments say, run by a real
 * nats-server with only the host, certificate and store paths replaced: TLS, and roles from subject permissions.
 */
class ShippedServerConfigTest {
    private static final Path SHIPPED = Path.of("..", "docs", "server", "nats.conf");
    private static final FrameRate R = FrameRate.FPS_24;

    @TempDir
    Path dir;

    private SharedSession join(NatsServerProcess s, TestCa ca, String user, String password, Member.Role role,
            Recorder r) {
        return SharedSession.join(SessionServer.of("tls://" + user + ":" + password + "@127.0.0.1:" + s.port(),
                ca.caCert(), null, false), new SessionName("shipped"), new Member(user, role, "grade"),
                Optional.empty(), r);
    }

    @Test
    void rolesAreTheServersPermissions() throws Exception {
        TestCa ca = TestCa.make(Files.createDirectories(dir.resolve("ca")));
        String shipped = Files.readString(SHIPPED);
        try (NatsServerProcess server = NatsServerProcess.startWithConfig(dir.resolve("srv"), (port, store) -> shipped
                .replace("/etc/nats/review.example.com.pem", ca.serverCert().toString())
                .replace("/etc/nats/review.example.com.key", ca.serverKey().toString())
                .replace("/etc/nats/facility-ca.pem", ca.caCert().toString())
                .replace("/var/lib/nats/jetstream", store.toString())
                .replace("0.0.0.0:4222", "127.0.0.1:" + port))) {
            SessionException early = assertThrows(SessionException.class, () -> join(server, ca, "viewer",
                    "change-me-viewer", Member.Role.VIEWER, new Recorder()));
            assertEquals(SessionException.Kind.PERMISSION_DENIED, early.kind(), early.getMessage());
            assertTrue(early.getMessage().contains("may not create it"), early.getMessage());

            Recorder rd = new Recorder();
            Recorder rv = new Recorder();
            Recorder rr = new Recorder();
            try (SharedSession d = join(server, ca, "driver", "change-me-driver", Member.Role.DRIVER, rd);
                    SharedSession v = join(server, ca, "viewer", "change-me-viewer", Member.Role.VIEWER, rv);
                    SharedSession r = join(server, ca, "reviewer", "change-me-reviewer", Member.Role.REVIEWER, rr)) {
                Timecode tc = Timecode.parse("01:00:00:00", R);
                ExecutionException denied = assertThrows(ExecutionException.class, () -> v.add(Note.create(tc, tc,
                        Severity.FYI, "x", "viewer", "viewer", ""), R).get(1, TimeUnit.MINUTES));
                assertEquals(SessionException.Kind.PERMISSION_DENIED,
                        ((SessionException) denied.getCause()).kind());
                Note ok = Note.create(tc, tc, Severity.ISSUE, "V-BAND", "reviewer", "reviewer", "");
                r.add(ok, R).get(1, TimeUnit.MINUTES);
                Note driven = Note.create(tc, tc, Severity.FYI, "x", "driver", "driver", "");
                d.add(driven, R).get(1, TimeUnit.MINUTES);
                rv.await("viewer reads both notes", () -> rv.added.keySet().containsAll(List.of(ok.id(),
                        driven.id())));
                r.playhead(tc, R, "grade");
                rr.await("reviewer may not drive", () -> rr.refused.contains("xsight.shipped.playhead"));
                d.playhead(Timecode.parse("01:00:05:00", R), R, "OTS");
                rv.await("viewer follows the driver", () -> rv.playheads.contains("driver 01:00:05:00 OTS"));
                assertEquals(2, v.notes().size());
                rd.await("driver sees the others arrive", () -> rd.presence.contains("joined viewer viewer")
                        && rd.presence.contains("joined reviewer reviewer"));
            }
        }
    }
}
