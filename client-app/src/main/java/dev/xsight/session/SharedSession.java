package dev.xsight.session;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.xsight.media.FrameRate;
import dev.xsight.media.Timecode;
import dev.xsight.review.Note;
import io.nats.client.Connection;
import io.nats.client.ConnectionListener;
import io.nats.client.ErrorListener;
import io.nats.client.JetStream;
import io.nats.client.JetStreamApiException;
import io.nats.client.JetStreamManagement;
import io.nats.client.Message;
import io.nats.client.MessageConsumer;
import io.nats.client.Nats;
import io.nats.client.Options;
import io.nats.client.PublishOptions;
import io.nats.client.api.DeliverPolicy;
import io.nats.client.api.OrderedConsumerConfiguration;
import io.nats.client.api.PublishAck;
import io.nats.client.api.StorageType;
import io.nats.client.api.StreamConfiguration;
import io.nats.client.api.StreamInfo;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLException;

/**
 * One client's membership of a shared review session on a NATS server with JetStream.
 *
 * <p>Reading: an ordered consumer reads the session's stream from its first message; every note event goes
 * through the {@link NoteLedger} and, when it changes the visible notes, to the {@link SessionListener} and to the
 * optional {@link SessionCache} (the local session file). After a disconnect or a server restart the consumer
 * resumes after the last sequence it delivered, so nothing is seen twice and nothing is skipped.
 *
 * <p>Writing: a note event is first put in the outbox (durable when there is a cache file), then published to
 * JetStream with message id = note id + version. It leaves the outbox when the server acknowledges it (a retry of
 * an event already stored is acknowledged as a duplicate, never stored twice) or when the server refuses it for
 * permissions (the returned future fails with {@link SessionException.Kind#PERMISSION_DENIED}). While the
 * connection is down events wait in the outbox and are published, in order, once it is back.
 *
 * <p>Threading: public methods may be called from any thread. Listener calls come from the consumer's dispatch
 * thread, one at a time, in stream order. A retry thread re-publishes what the outbox still holds.
 */
public final class SharedSession implements AutoCloseable {

    /** The connection as the shell's indicator shows it. */
    public enum State { CONNECTED, RECONNECTING, CLOSED }

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Duration DUPLICATE_WINDOW = Duration.ofMinutes(10);
    /** Most note events kept waiting while offline: memory stays bounded on a long disconnect. */
    static final int MAX_QUEUED = 10_000;
    private static final String PERMISSION_VIOLATION = "Permissions Violation for Publish to";

    private final SessionServer server;
    private final SessionName name;
    private final Member me;
    private final SessionListener listener;
    private final Optional<SessionCache> cache;
    private final Object lock = new Object();
    private final Object reading = new Object();
    private final NoteLedger ledger = new NoteLedger();
    private final Map<String, Pending> outbox = new LinkedHashMap<>();
    private final List<String> refusals = new ArrayList<>();
    private final Errors errors = new Errors();
    private final ScheduledExecutorService retry;
    private final CountDownLatch caughtUp = new CountDownLatch(1);
    private volatile State state = State.CONNECTED;
    private volatile long lastSequence;
    /**
     * Acknowledged publishes whose message this client has not read back yet, by stream sequence: their futures
     * complete once it has (read your own writes: a note just added can be changed at once). Guarded by
     * {@code lock}.
     */
    private final java.util.TreeMap<Long, List<Runnable>> readBack = new java.util.TreeMap<>();
    private volatile long unreadable;
    private Connection connection;
    private JetStream jetStream;
    private MessageConsumer consumer;
    private long joinSequence;

    /** An event in the outbox; {@code inFlight} is guarded by {@code lock}. */
    private static final class Pending {
        final NoteEvent event;
        final CompletableFuture<PublishAck> done = new CompletableFuture<>();
        boolean inFlight;

        Pending(NoteEvent event) {
            this.event = event;
        }

        NoteEvent event() {
            return event;
        }

        CompletableFuture<PublishAck> done() {
            return done;
        }
    }

    private SharedSession(SessionServer server, SessionName name, Member me, SessionListener listener,
            Optional<SessionCache> cache) {
        this.server = server;
        this.name = name;
        this.me = me;
        this.listener = listener == null ? new SessionListener() { } : listener;
        this.cache = cache;
        this.retry = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "xsight-session-retry-" + name);
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * Connects, makes sure the session's stream exists, announces {@code me} and starts reading the stream.
     *
     * @param cache the local session file that mirrors the session and keeps queued notes, or empty
     * @throws SessionException UNREACHABLE, TLS or PERMISSION_DENIED (user refused, or may not read the stream)
     */
    public static SharedSession join(SessionServer server, SessionName name, Member me, Optional<SessionCache> cache,
            SessionListener listener) {
        SharedSession s = new SharedSession(server, name, me, listener, cache);
        try {
            s.start();
        } catch (RuntimeException e) {
            s.closeQuietly();
            throw e;
        }
        return s;
    }

    private void start() {
        cache.ifPresent(c -> {
            for (NoteEvent e : c.queued()) {
                outbox.put(e.messageId(), new Pending(e));
            }
        });
        try {
            connection = Nats.connect(options());
        } catch (IOException e) {
            throw classify(e, "cannot connect to " + server.displayUrl());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SessionException(SessionException.Kind.UNREACHABLE, "interrupted while connecting", e);
        }
        try {
            JetStreamManagement jsm = connection.jetStreamManagement();
            StreamInfo info;
            try {
                info = jsm.getStreamInfo(name.streamName());
            } catch (JetStreamApiException e) {
                if (e.getApiErrorCode() != 10059) { // stream not found
                    throw e;
                }
                try {
                    info = jsm.addStream(StreamConfiguration.builder().name(name.streamName())
                            .subjects(name.allSubjects()).storageType(StorageType.File)
                            .duplicateWindow(DUPLICATE_WINDOW).build());
                } catch (IOException timeout) {
                    if (refused("$JS.API.STREAM.CREATE")) {
                        throw new SessionException(SessionException.Kind.PERMISSION_DENIED, "permission denied: "
                                + "session " + name + " does not exist on " + server.displayUrl() + " and "
                                + me.name() + " may not create it (a driver's account creates sessions)", timeout);
                    }
                    throw timeout;
                }
            }
            joinSequence = info.getStreamState().getLastSequence();
            if (joinSequence == 0) {
                markCaughtUp();
            }
            jetStream = connection.jetStream();
            consumer = readFrom(1);
        } catch (JetStreamApiException e) {
            throw new SessionException(e.getErrorCode() == 403 || e.getApiErrorCode() == 10039
                    ? SessionException.Kind.PERMISSION_DENIED : SessionException.Kind.INVALID,
                    "session " + name + " on " + server.displayUrl() + ": " + e.getErrorDescription(), e);
        } catch (IOException e) {
            synchronized (lock) {
                if (!refusals.isEmpty()) {
                    throw new SessionException(SessionException.Kind.PERMISSION_DENIED, "permission denied: "
                            + me.name() + " may not read session " + name + " on " + server.displayUrl()
                            + " (the server refused " + refusals.get(0) + ")", e);
                }
            }
            throw classify(e, "session " + name + " on " + server.displayUrl());
        }
        presence(true);
        listener.onConnection(state, queued());
        retry.scheduleWithFixedDelay(this::publishOutbox, 0, 500, TimeUnit.MILLISECONDS);
    }

    private boolean refused(String subjectPrefix) {
        synchronized (lock) {
            return refusals.stream().anyMatch(r -> r.startsWith(subjectPrefix));
        }
    }

    private MessageConsumer readFrom(long sequence) throws IOException, JetStreamApiException {
        OrderedConsumerConfiguration c = new OrderedConsumerConfiguration().filterSubject(name.allSubjects());
        c = sequence <= 1 ? c.deliverPolicy(DeliverPolicy.All)
                : c.deliverPolicy(DeliverPolicy.ByStartSequence).startSequence(sequence);
        return connection.getStreamContext(name.streamName()).createOrderedConsumer(c).consume(this::onMessage);
    }

    /**
     * After a reconnect the server may be a new process (a restart) that knows nothing of our consumer: read on
     * from the message after the last one delivered at once, instead of waiting for the consumer's heartbeat to
     * notice. Retry thread.
     */
    private void resumeReading() {
        MessageConsumer old = consumer;
        try {
            if (old != null) {
                old.stop();
            }
            consumer = readFrom(lastSequence + 1);
        } catch (IOException | JetStreamApiException | RuntimeException e) {
            // The server is not ready yet (JetStream still recovering its store): try again shortly.
            if (!retry.isShutdown()) {
                retry.schedule(this::resumeReading, 500, TimeUnit.MILLISECONDS);
            }
        }
    }

    private Options options() {
        Options.Builder b = new Options.Builder().server(server.url().toString())
                .connectionName("xsight " + me.name() + " (" + me.role().word() + ")")
                .maxReconnects(-1).reconnectWait(Duration.ofMillis(250)).connectionTimeout(Duration.ofSeconds(5))
                .connectionListener(this::onConnectionEvent).errorListener(errors);
        if (server.ca().isPresent()) {
            b.sslContext(TlsTrust.fromPem(server.ca().get()));
        } else if (server.tls()) {
            try {
                b.secure();
            } catch (java.security.NoSuchAlgorithmException e) {
                throw new SessionException(SessionException.Kind.TLS, "no TLS in this Java: " + e.getMessage(), e);
            }
        }
        server.creds().ifPresent(c -> b.authHandler(Nats.credentials(c.toString())));
        return b.build();
    }

    private SessionException classify(IOException e, String what) {
        List<Throwable> seen = new ArrayList<>();
        for (Throwable t = e; t != null; t = t.getCause()) {
            seen.add(t);
        }
        for (Throwable t = errors.lastException; t != null; t = t.getCause()) {
            seen.add(t);
        }
        for (Throwable t : seen) {
            if (t instanceof SSLException) {
                return new SessionException(SessionException.Kind.TLS, what + ": TLS failed: " + t.getMessage(), e);
            }
            String m = String.valueOf(t.getMessage()).toLowerCase(java.util.Locale.ROOT);
            if (m.contains("authorization") || m.contains("authentication") || m.contains("permission")) {
                return new SessionException(SessionException.Kind.PERMISSION_DENIED, what + ": the server refused "
                        + "the user (" + t.getMessage() + ")", e);
            }
        }
        return new SessionException(SessionException.Kind.UNREACHABLE, what + ": " + e.getMessage(), e);
    }

    // ---- reading ----

    private void onMessage(Message m) {
        synchronized (reading) { // an old and a resumed consumer may overlap for a moment
            read(m);
        }
    }

    private void read(Message m) {
        long seq = m.metaData().streamSequence();
        if (seq <= lastSequence) {
            return; // a restarted consumer may deliver the last one again
        }
        String kind = m.getSubject().substring(m.getSubject().lastIndexOf('.') + 1);
        try {
            switch (kind) {
                case "notes" -> onNoteEvent(NoteEvent.decode(m.getData()));
                case "playhead" -> onPlayheadEvent(m.getData());
                case "presence" -> onPresenceEvent(m.getData());
                default -> { } // a later client's kind of event: not ours to read
            }
        } catch (RuntimeException e) {
            unreadable++;
            listener.onUnreadable(seq, e.getMessage());
        } finally {
            lastSequence = seq;
            completeReadBack(seq);
            if (seq >= joinSequence && caughtUp.getCount() > 0) {
                markCaughtUp();
            }
        }
    }

    private void onNoteEvent(NoteEvent e) {
        NoteLedger.Applied a;
        synchronized (lock) {
            a = ledger.apply(e);
            if (a.outcome() != NoteLedger.Outcome.UNCHANGED) {
                cache.ifPresent(c -> c.apply(a, ledger.rateOf(a.noteId()).orElse(e.rate())));
            }
        }
        if (a.outcome() != NoteLedger.Outcome.UNCHANGED) {
            listener.onNote(a);
        }
    }

    private void onPlayheadEvent(byte[] data) {
        JsonNode o = json(data);
        FrameRate rate = FrameRate.parse(o.path("rate").asText());
        listener.onPlayhead(o.path("by").asText(), Timecode.parse(o.path("tc").asText(), rate),
                o.path("source").asText());
    }

    private void onPresenceEvent(byte[] data) {
        JsonNode o = json(data);
        Member m = new Member(o.path("name").asText(), Member.Role.parse(o.path("role").asText()),
                o.path("feed").asText());
        listener.onPresence(m, "joined".equals(o.path("event").asText()));
    }

    private static JsonNode json(byte[] data) {
        try {
            return MAPPER.readTree(data);
        } catch (IOException e) {
            throw new IllegalArgumentException("not JSON: " + e.getMessage(), e);
        }
    }

    private void markCaughtUp() {
        listener.onCaughtUp(this);
        caughtUp.countDown();
    }

    /**
     * Waits until every message that was in the stream when this client joined has been read.
     *
     * @return whether that happened within {@code timeout}
     */
    public boolean awaitCaughtUp(Duration timeout) throws InterruptedException {
        return caughtUp.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    // ---- writing ----

    /**
     * Publishes a new note (version 1). The future completes when the server has stored it and this client has read
     * it back, so the note is in {@link #notes()} and can be changed at once.
     */
    public CompletableFuture<PublishAck> add(Note n, FrameRate rate) {
        return publish(new NoteEvent(NoteEvent.Type.ADDED, n.id(), 1, me.name(), rate, n.tcIn().dropFrame(),
                System.currentTimeMillis(), NoteEvent.fieldsOf(n)));
    }

    /**
     * Publishes what the user changed: the fields in which {@code after} differs from {@code before} (the note as
     * the user saw it when they began editing), as the next version. Fields others changed meanwhile are not sent,
     * so their changes stand.
     *
     * @throws IllegalArgumentException if the note is unknown or deleted, or {@code before} and {@code after} are
     *     different notes
     */
    public CompletableFuture<PublishAck> change(Note before, Note after) {
        if (!before.id().equals(after.id())) {
            throw new IllegalArgumentException("cannot change note " + before.id() + " into " + after.id());
        }
        NoteEvent e;
        synchronized (lock) {
            if (ledger.get(after.id()).isEmpty()) {
                throw new IllegalArgumentException("note " + after.id() + " is not in session " + name);
            }
            Map<NoteEvent.Field, String> was = NoteEvent.fieldsOf(before);
            Map<NoteEvent.Field, String> now = new java.util.EnumMap<>(NoteEvent.fieldsOf(after));
            now.entrySet().removeIf(f -> f.getValue().equals(was.get(f.getKey())));
            now.remove(NoteEvent.Field.CREATED);
            FrameRate rate = ledger.rateOf(after.id()).orElseThrow();
            e = new NoteEvent(NoteEvent.Type.CHANGED, after.id(), nextVersion(after.id()), me.name(), rate,
                    after.tcIn().dropFrame(), System.currentTimeMillis(), now);
        }
        return publish(e);
    }

    /** Publishes the deletion (a tombstone) of a note. */
    public CompletableFuture<PublishAck> delete(String noteId) {
        NoteEvent e;
        synchronized (lock) {
            FrameRate rate = ledger.rateOf(noteId).orElseThrow(() ->
                    new IllegalArgumentException("note " + noteId + " is not in session " + name));
            e = new NoteEvent(NoteEvent.Type.DELETED, noteId, nextVersion(noteId), me.name(), rate, false,
                    System.currentTimeMillis(), Map.of());
        }
        return publish(e);
    }

    private long nextVersion(String id) {
        long v = ledger.version(id);
        for (Pending p : outbox.values()) {
            if (p.event().noteId().equals(id)) {
                v = Math.max(v, p.event().version());
            }
        }
        return v + 1;
    }

    /**
     * Publishes any note event (used by the ones above, and for re-sending a known event with {@code --id}).
     * The event is queued first: if the connection is down it waits and is published once it is back.
     */
    public CompletableFuture<PublishAck> publish(NoteEvent e) {
        new NoteLedger().apply(e); // a note that is not valid is refused here, before anything is queued
        Pending p;
        synchronized (lock) {
            Pending existing = outbox.get(e.messageId());
            if (existing != null) {
                return existing.done();
            }
            if (outbox.size() >= MAX_QUEUED) {
                return CompletableFuture.failedFuture(new SessionException(SessionException.Kind.NOT_ACKNOWLEDGED,
                        MAX_QUEUED + " note changes already wait for " + server.displayUrl() + "; note " + e.noteId()
                                + " was not queued (reconnect first, or work in a session file)", null));
            }
            p = new Pending(e);
            outbox.put(e.messageId(), p);
            cache.ifPresent(c -> c.queue(e));
        }
        listener.onConnection(state, queued());
        send(p);
        return p.done();
    }

    private void send(Pending p) {
        synchronized (lock) {
            if (p.inFlight || state != State.CONNECTED || jetStream == null) {
                return;
            }
            p.inFlight = true;
        }
        CompletableFuture<PublishAck> ack;
        try {
            ack = jetStream.publishAsync(name.subject("notes"), p.event().encode(),
                    PublishOptions.builder().messageId(p.event().messageId()).build());
        } catch (RuntimeException e) {
            synchronized (lock) {
                p.inFlight = false;
            }
            return;
        }
        ack.orTimeout(5, TimeUnit.SECONDS).whenComplete((a, err) -> {
            boolean done;
            synchronized (lock) {
                p.inFlight = false;
                done = err == null && outbox.remove(p.event().messageId()) != null;
            }
            if (done) {
                cache.ifPresent(c -> c.dequeue(p.event().messageId()));
                listener.onConnection(state, queued());
                whenReadBack(a.getSeqno(), () -> p.done().complete(a));
            }
            // On a timeout or a lost connection the event stays queued; the retry thread sends it again.
        });
    }

    /** Runs {@code r} once this client has read the stream up to {@code seq} (at once if it has). */
    private void whenReadBack(long seq, Runnable r) {
        synchronized (lock) {
            if (seq > lastSequence && state != State.CLOSED) {
                readBack.computeIfAbsent(seq, k -> new ArrayList<>()).add(r);
                return;
            }
        }
        r.run();
    }

    /** The dispatcher has read the stream up to {@code seq}: completes the publishes it has read back. */
    private void completeReadBack(long seq) {
        List<Runnable> due = new ArrayList<>();
        synchronized (lock) {
            var head = readBack.headMap(seq, true);
            head.values().forEach(due::addAll);
            head.clear();
        }
        due.forEach(Runnable::run);
    }

    private void publishOutbox() {
        List<Pending> todo;
        synchronized (lock) {
            todo = new ArrayList<>(outbox.values());
        }
        for (Pending p : todo) {
            send(p);
        }
    }

    /** Notes events waiting to be acknowledged (queued while offline or in flight). */
    public int queued() {
        synchronized (lock) {
            return outbox.size();
        }
    }

    /** Moves everyone's playhead (only a driver's account may publish this). */
    public void playhead(Timecode tc, FrameRate rate, String source) {
        ObjectNode o = MAPPER.createObjectNode();
        o.put("by", me.name());
        o.put("tc", tc.toString());
        o.put("rate", rate.numerator() + "/" + rate.denominator());
        o.put("source", source == null ? "" : source);
        coreSend(name.subject("playhead"), o);
    }

    private void presence(boolean joined) {
        ObjectNode o = MAPPER.createObjectNode();
        o.put("event", joined ? "joined" : "left");
        o.put("name", me.name());
        o.put("role", me.role().word());
        o.put("feed", me.feed());
        coreSend(name.subject("presence"), o);
    }

    private void coreSend(String subject, ObjectNode o) {
        try {
            connection.publish(subject, MAPPER.writeValueAsBytes(o));
        } catch (IOException | IllegalStateException e) {
            listener.onRefused(subject, e.getMessage());
        }
    }

    // ---- state ----

    public State state() {
        return state;
    }

    /** The visible notes as this client has merged them so far. */
    public List<Note> notes() {
        synchronized (lock) {
            return ledger.notes();
        }
    }

    /** Notes this client added that the server has not acknowledged yet (made offline, or in flight). */
    public List<Note> queuedNotes() {
        NoteLedger scratch = new NoteLedger();
        synchronized (lock) {
            for (Pending p : outbox.values()) {
                if (p.event().type() == NoteEvent.Type.ADDED && ledger.get(p.event().noteId()).isEmpty()
                        && !ledger.isDeleted(p.event().noteId())) {
                    scratch.apply(p.event());
                }
            }
        }
        return scratch.notes();
    }

    /** The frame rate of a note's timecodes. */
    public Optional<FrameRate> rateOf(String noteId) {
        synchronized (lock) {
            return ledger.rateOf(noteId);
        }
    }

    /** The stream sequence of the last message read. */
    public long lastSequence() {
        return lastSequence;
    }

    /** Messages that could not be read and were skipped. */
    public long unreadable() {
        return unreadable;
    }

    public SessionName name() {
        return name;
    }

    public Member me() {
        return me;
    }

    private void onConnectionEvent(Connection c, ConnectionListener.Events ev) {
        State s = switch (ev) {
            case CONNECTED, RECONNECTED, RESUBSCRIBED -> State.CONNECTED;
            case DISCONNECTED -> State.RECONNECTING;
            case CLOSED -> State.CLOSED;
            default -> state;
        };
        if (s != state) {
            state = s;
            listener.onConnection(s, queued());
            if (s == State.CONNECTED && !retry.isShutdown()) {
                retry.execute(this::resumeReading);
                retry.execute(this::publishOutbox);
            }
        }
    }

    private final class Errors implements ErrorListener {
        /** The connection's last exception (a TLS failure arrives here, not in what connect throws). */
        volatile Exception lastException;

        @Override
        public void exceptionOccurred(Connection conn, Exception exp) {
            lastException = exp;
        }

        @Override
        public void errorOccurred(Connection conn, String error) {
            if (error == null || !error.contains(PERMISSION_VIOLATION)) {
                return;
            }
            String subject = error.substring(error.indexOf(PERMISSION_VIOLATION) + PERMISSION_VIOLATION.length())
                    .replace("\"", "").replace("'", "").trim();
            synchronized (lock) {
                if (refusals.size() >= 16) {
                    refusals.remove(0); // only the latest few are read (to explain a refused join)
                }
                refusals.add(subject);
            }
            listener.onRefused(subject, error);
            if (!subject.equals(name.subject("notes"))) {
                return;
            }
            List<Pending> refused;
            synchronized (lock) {
                refused = new ArrayList<>(outbox.values());
                outbox.clear();
            }
            for (Pending p : refused) {
                cache.ifPresent(c -> c.dequeue(p.event().messageId()));
                p.done().completeExceptionally(new SessionException(SessionException.Kind.PERMISSION_DENIED,
                        "permission denied: " + me.name() + " may not publish notes in session " + name
                                + " (the server said: " + error.trim() + ")", null));
            }
            listener.onConnection(state, 0);
        }
    }

    /** Announces that this member leaves, then closes the connection. Queued notes stay in the cache file. */
    @Override
    public void close() {
        if (connection != null && connection.getStatus() == Connection.Status.CONNECTED) {
            presence(false);
            try {
                connection.flush(Duration.ofSeconds(2));
            } catch (Exception ignored) {
                // leaving anyway
            }
        }
        closeQuietly();
    }

    private void closeQuietly() {
        retry.shutdownNow();
        try {
            if (consumer != null) {
                consumer.stop();
            }
            if (connection != null) {
                connection.close();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception ignored) {
            // closing
        }
        state = State.CLOSED;
        completeReadBack(Long.MAX_VALUE); // acknowledged is stored: nobody waits for a read-back that cannot come
        cache.ifPresent(SessionCache::close);
    }
}
