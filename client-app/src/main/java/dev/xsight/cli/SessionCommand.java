package dev.xsight.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.xsight.media.FrameRate;
import dev.xsight.media.Timecode;
import dev.xsight.review.Note;
import dev.xsight.review.Severity;
import dev.xsight.session.Member;
import dev.xsight.session.NoteLedger;
import dev.xsight.session.SessionListener;
import dev.xsight.session.SharedSession;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code xsight session}: shared review sessions on a NATS server (watch, bench). */
@Command(name = "session", mixinStandardHelpOptions = true,
        description = "Shared review sessions on a NATS server with JetStream: watch one live, or measure delivery.",
        subcommands = {SessionCommand.Watch.class, SessionCommand.Bench.class})
final class SessionCommand implements Runnable {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** The JSON line of one note event, as {@code session watch --json} prints it. */
    static ObjectNode noteLine(String event, Note n) {
        ObjectNode o = MAPPER.createObjectNode();
        o.put("event", event);
        o.put("id", n.id());
        o.put("tc_in", n.tcIn().toString());
        o.put("tc_out", n.tcOut().toString());
        o.put("text", n.text());
        o.put("author", n.author());
        o.put("severity", n.severity().label());
        o.put("category", n.category());
        o.put("status", n.status().label());
        o.put("source", n.source());
        return o;
    }

    /** {@code session watch}. */
    @Command(name = "watch", mixinStandardHelpOptions = true,
            description = "Print the session's notes so far, then live events, one JSON object per line.")
    static final class Watch implements java.util.concurrent.Callable<Integer> {
        @Spec
        CommandSpec spec;
        @Mixin
        SessionServerOptions server;
        @Option(names = "--json", description = "One JSON object per line (the only output form).")
        boolean json;
        @Option(names = "--until-notes", description = "Exit once this many distinct notes were printed.")
        Integer untilNotes;
        @Option(names = "--for", description = "Exit after this long (" + DurationArg.FORMS + ").")
        String forDuration;
        @Option(names = "--as", defaultValue = "watcher", description = "Name shown in the others' presence list.")
        String as;

        @Override
        public Integer call() throws Exception {
            Duration limit = forDuration == null ? null : DurationArg.positive("--for", forDuration);
            PrintWriter out = spec.commandLine().getOut();
            CountDownLatch enough = new CountDownLatch(1);
            Set<String> seen = ConcurrentHashMap.newKeySet();
            SessionListener printer = new SessionListener() {
                private volatile boolean live;

                private void print(ObjectNode o) {
                    synchronized (out) {
                        out.println(o.toString());
                        out.flush();
                    }
                }

                private void count(String id) {
                    seen.add(id);
                    if (untilNotes != null && seen.size() >= untilNotes) {
                        enough.countDown();
                    }
                }

                @Override
                public void onCaughtUp(SharedSession s) {
                    for (Note n : s.notes()) {
                        print(noteLine("added", n));
                        count(n.id());
                    }
                    live = true;
                }

                @Override
                public void onNote(NoteLedger.Applied a) {
                    if (!live) {
                        return;
                    }
                    String ev = switch (a.outcome()) {
                        case ADDED -> "added";
                        case CHANGED -> "changed";
                        case DELETED -> "deleted";
                        case UNCHANGED -> null;
                    };
                    if (ev != null) {
                        print(noteLine(ev, a.note().orElseThrow()));
                        count(a.noteId());
                    }
                }

                @Override
                public void onPlayhead(String by, Timecode tc, String source) {
                    if (live) {
                        ObjectNode o = MAPPER.createObjectNode();
                        o.put("event", "playhead");
                        o.put("by", by);
                        o.put("tc", tc.toString());
                        o.put("source", source);
                        print(o);
                    }
                }

                @Override
                public void onPresence(Member m, boolean joined) {
                    if (live) {
                        ObjectNode o = MAPPER.createObjectNode();
                        o.put("event", joined ? "joined" : "left");
                        o.put("name", m.name());
                        o.put("role", m.role().word());
                        o.put("feed", m.feed());
                        print(o);
                    }
                }
            };
            try (SharedSession s = SharedSession.join(server.server(), server.name(),
                    new Member(as, Member.Role.VIEWER, ""), Optional.empty(), printer)) {
                if (untilNotes != null && untilNotes <= 0) {
                    enough.countDown();
                }
                if (limit == null) {
                    enough.await();
                } else {
                    enough.await(limit.toMillis(), TimeUnit.MILLISECONDS);
                }
            }
            return 0;
        }
    }

    /** {@code session bench}. */
    @Command(name = "bench", mixinStandardHelpOptions = true,
            description = "N reviewers (one connection each) and M notes; prints delivery, doubles and latency as "
                    + "one JSON line.")
    static final class Bench implements java.util.concurrent.Callable<Integer> {
        @Spec
        CommandSpec spec;
        @Mixin
        SessionServerOptions server;
        @Option(names = "--reviewers", required = true, description = "Connections, each a reviewer that reads "
                + "every note.")
        int reviewers;
        @Option(names = "--notes", required = true, description = "Notes to add, round robin over the reviewers.")
        int notes;
        @Option(names = "--json", description = "Print the result as one JSON line (the only output form).")
        boolean json;
        @Option(names = "--timeout", defaultValue = "2m", description = "How long to wait for every delivery ("
                + DurationArg.FORMS + ").")
        String timeout;

        @Override
        public Integer call() throws Exception {
            if (reviewers < 1 || reviewers > 1000 || notes < 1 || notes > 100_000) {
                throw new IllegalArgumentException("--reviewers must be 1-1000 and --notes 1-100000");
            }
            Duration wait = DurationArg.positive("--timeout", timeout);
            long expected = (long) reviewers * notes;
            AtomicLong delivered = new AtomicLong();
            AtomicLong duplicates = new AtomicLong();
            long[] latencies = new long[(int) Math.min(expected, 10_000_000)];
            AtomicLong latencyCount = new AtomicLong();
            CountDownLatch all = new CountDownLatch(1);
            List<SharedSession> sessions = new ArrayList<>();
            try {
                for (int i = 0; i < reviewers; i++) {
                    Set<String> mine = new HashSet<>();
                    SessionListener counter = new SessionListener() {
                        @Override
                        public void onNote(NoteLedger.Applied a) {
                            if (a.outcome() != NoteLedger.Outcome.ADDED) {
                                return;
                            }
                            if (!mine.add(a.noteId())) {
                                duplicates.incrementAndGet();
                                return;
                            }
                            long ms = System.currentTimeMillis() - a.event().sentMillis();
                            long k = latencyCount.getAndIncrement();
                            if (k < latencies.length) {
                                latencies[(int) k] = ms;
                            }
                            if (delivered.incrementAndGet() == expected) {
                                all.countDown();
                            }
                        }
                    };
                    sessions.add(SharedSession.join(server.server(), server.name(),
                            new Member("bench-" + i, Member.Role.REVIEWER, "bench"), Optional.empty(), counter));
                }
                for (SharedSession s : sessions) {
                    s.awaitCaughtUp(wait);
                }
                FrameRate rate = FrameRate.FPS_25;
                List<CompletableFuture<?>> acks = new ArrayList<>();
                for (int n = 0; n < notes; n++) {
                    Timecode tc = Timecode.fromFrameCount(n, rate, false);
                    SharedSession by = sessions.get(n % reviewers);
                    acks.add(by.add(Note.create(tc, tc, Severity.FYI, "bench", "note " + n, by.me().name(), "bench"),
                            rate));
                }
                CompletableFuture.allOf(acks.toArray(CompletableFuture[]::new)).get(wait.toMillis(),
                        TimeUnit.MILLISECONDS);
                all.await(wait.toMillis(), TimeUnit.MILLISECONDS);
            } finally {
                for (SharedSession s : sessions) {
                    s.close();
                }
            }
            int n = (int) Math.min(latencyCount.get(), latencies.length);
            long[] sorted = Arrays.copyOf(latencies, n);
            Arrays.sort(sorted);
            ObjectNode o = MAPPER.createObjectNode();
            o.put("reviewers", reviewers);
            o.put("notes", notes);
            o.put("delivered", delivered.get());
            o.put("missing", expected - delivered.get());
            o.put("duplicates", duplicates.get());
            o.put("latency_p50_ms", n == 0 ? 0 : sorted[(int) Math.min(n - 1, Math.floor(0.50 * n))]);
            o.put("latency_p99_ms", n == 0 ? 0 : sorted[(int) Math.min(n - 1, Math.floor(0.99 * n))]);
            PrintWriter out = spec.commandLine().getOut();
            out.println(o.toString());
            out.flush();
            return expected == delivered.get() && duplicates.get() == 0 ? 0 : 1;
        }
    }
}
