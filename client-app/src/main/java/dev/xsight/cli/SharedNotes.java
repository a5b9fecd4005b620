package dev.xsight.cli;

import dev.xsight.media.FrameRate;
import dev.xsight.review.Note;
import dev.xsight.review.Session;
import dev.xsight.session.Member;
import dev.xsight.session.SessionException;
import dev.xsight.session.SessionListener;
import dev.xsight.session.SharedSession;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** The {@code notes} subcommands on a shared session instead of a session file. */
final class SharedNotes {
    /** How long a command waits for the server (acknowledgement, or reading the stream). */
    static final Duration WAIT = Duration.ofSeconds(30);

    /** The notes of a whole shared session and the session (rate) they are counted in. */
    record Snapshot(Session session, List<Note> notes) {
    }

    private SharedNotes() {
    }

    /** Adds {@code n}; returns once the server acknowledged it, else throws with one clear line. */
    static void add(SessionServerOptions o, Note n, FrameRate rate) throws InterruptedException {
        String who = n.author().isBlank() ? "cli" : n.author();
        try (SharedSession s = SharedSession.join(o.server(), o.name(), new Member(who, Member.Role.REVIEWER, ""),
                Optional.empty(), new SessionListener() { })) {
            try {
                s.add(n, rate).get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
            } catch (ExecutionException e) {
                throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
            } catch (TimeoutException e) {
                throw new SessionException(SessionException.Kind.NOT_ACKNOWLEDGED, "the server did not acknowledge "
                        + "note " + n.id() + " within " + WAIT.toSeconds() + " s; run the same add with --id "
                        + n.id() + " to retry (it is stored once)", e);
            }
        }
    }

    /** Reads the whole session. All its notes must be counted at one rate. */
    static Snapshot read(SessionServerOptions o) throws InterruptedException {
        try (SharedSession s = SharedSession.join(o.server(), o.name(), new Member("cli", Member.Role.VIEWER, ""),
                Optional.empty(), new SessionListener() { })) {
            if (!s.awaitCaughtUp(WAIT)) {
                throw new SessionException(SessionException.Kind.NOT_ACKNOWLEDGED, "could not read session "
                        + o.name() + " within " + WAIT.toSeconds() + " s", null);
            }
            List<Note> notes = s.notes();
            FrameRate rate = notes.isEmpty() ? FrameRate.FPS_25 : s.rateOf(notes.get(0).id()).orElseThrow();
            boolean drop = !notes.isEmpty() && notes.get(0).tcIn().dropFrame();
            for (Note n : notes) {
                if (!s.rateOf(n.id()).orElseThrow().equals(rate)) {
                    throw new IllegalArgumentException("session " + o.name() + " mixes frame rates (" + rate + " and "
                            + s.rateOf(n.id()).orElseThrow() + ", note " + n.id() + "); export per rate is not "
                            + "supported");
                }
            }
            return new Snapshot(Session.ofRate(rate, drop), notes);
        }
    }
}
