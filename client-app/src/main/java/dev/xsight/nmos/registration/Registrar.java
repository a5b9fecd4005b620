package dev.xsight.nmos.registration;

import dev.xsight.nmos.NmosResource;
import dev.xsight.nmos.ResourceType;
import java.net.URI;
import java.net.http.HttpClient;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps a node registered with an IS-04 v1.3 Registration API ("Behaviour: Registration"):
 * <ul>
 *   <li>registers the node, then its devices, sources, flows, senders and receivers ({@link ResourceType} order);
 *       a 200 to the first node registration means a stale record, which is deleted and registered afresh;
 *   <li>heartbeats every {@link RegistrarOptions#heartbeat()}; a 404 re-registers everything in order;
 *   <li>on a 5xx, no connection or a timeout moves to the next registry of the {@link RegistrySource} and
 *       heartbeats there first (200: still registered in that cluster; 404: register everything); when every
 *       registry failed, waits with exponential back-off and asks the source again;
 *   <li>when the source finds no registry, enters {@link PeerToPeer} mode until one appears;
 *   <li>a 400 (or other 4xx) to a resource is kept as the status's error and not repeated until the resource
 *       changes; a 409 unregisters the node at that registry and registers again after the back-off;
 *   <li>{@link #update} re-POSTs a changed resource, {@link #remove} DELETEs one; {@link #close} DELETEs the
 *       resources children first, then the node.
 * </ul>
 *
 * <p>HTTP is {@code java.net.http} over HTTP/1.1, called blocking from the registrar's thread: a handful of small
 * requests every 5 s need no event loop, and blocking calls keep the order of registration and heartbeats plain.
 *
 * <p>Threading: one platform thread, {@code xsight-nmos-registration}, does all the work (plus the JDK HTTP
 * client's own selector thread). {@link #update}, {@link #remove}, {@link #status} and {@link #close} may be called
 * from any thread; status listeners are called on the registrar's thread and must not block.
 */
public final class Registrar implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Registrar.class);

    private sealed interface Command permits Update, Remove, Stop {
    }

    private record Update(NmosResource resource) implements Command {
    }

    private record Remove(ResourceType type, UUID id) implements Command {
    }

    private record Stop() implements Command {
    }

    /** Thrown inside the thread to leave its loop when {@link #close} was called. */
    private static final class Stopping extends Exception {
        Stopping() {
            super(null, null, false, false);
        }
    }

    private final Supplier<List<NmosResource>> resources;
    private final RegistrySource source;
    private final PeerToPeer peerToPeer;
    private final RegistrarOptions options;
    private final HttpClient http;
    private final BlockingQueue<Command> commands = new LinkedBlockingQueue<>();
    private final List<Consumer<RegistrationStatus>> listeners = new CopyOnWriteArrayList<>();
    private final Thread thread;
    private volatile RegistrationStatus status = new RegistrationStatus(RegistrationState.IDLE, null, null);

    // Owned by the registrar thread.
    /** Changes made while not registered anywhere, sent after a fail-over heartbeat finds us still registered. */
    private final Map<UUID, Command> pending = new LinkedHashMap<>();
    /** The registries not tried yet of the last list the source gave. */
    private final Deque<URI> candidates = new ArrayDeque<>();
    private RegistryClient current;
    /** Back-offs in a row since the last successful registration. */
    private int failures;
    private boolean inPeerToPeer;
    /**
     * Registered somewhere since the last fresh registration: the first request to another registry is then a
     * heartbeat (IS-04, on 5xx or no answer), and {@link #close} unregisters.
     */
    private boolean registered;
    private RegistrationException lastError;

    /**
     * @param resources the node's resources now (the node first; any order, they are sorted by type)
     */
    public Registrar(Supplier<List<NmosResource>> resources, RegistrySource source, PeerToPeer peerToPeer,
            RegistrarOptions options) {
        this.resources = Objects.requireNonNull(resources, "resources");
        this.source = Objects.requireNonNull(source, "source");
        this.peerToPeer = Objects.requireNonNull(peerToPeer, "peerToPeer");
        this.options = Objects.requireNonNull(options, "options");
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(options.requestTimeout()).followRedirects(HttpClient.Redirect.NEVER).build();
        this.thread = Thread.ofPlatform().name("xsight-nmos-registration").daemon().unstarted(this::run);
    }

    /** Starts the registrar's thread. */
    public void start() {
        thread.start();
    }

    /** Registers a changed (or added) resource: POSTed now when registered, or with the next registration. */
    public void update(NmosResource resource) {
        commands.add(new Update(Objects.requireNonNull(resource, "resource")));
    }

    /** Unregisters a resource the node no longer has. */
    public void remove(ResourceType type, UUID id) {
        commands.add(new Remove(type, id));
    }

    public RegistrationStatus status() {
        return status;
    }

    /** Called with each new status, on the registrar's thread. */
    public void addListener(Consumer<RegistrationStatus> listener) {
        listeners.add(Objects.requireNonNull(listener, "listener"));
    }

    /**
     * Unregisters (when registered) and stops the thread; waits for both, at most 20 request timeouts (a registry
     * that stops answering half-way is left to its garbage collection).
     */
    @Override
    public void close() {
        commands.add(new Stop());
        if (thread.isAlive()) {
            try {
                // Unregistration is one DELETE per resource, each within the request timeout; a node has a few.
                thread.join(options.requestTimeout().toMillis() * 20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        http.close();
    }

    // ---------------------------------------------------------------------------------------- registrar thread

    private void run() {
        try {
            while (true) {
                current = nextRegistry();
                if (current == null) {
                    continue;
                }
                try {
                    connect(current);
                    failures = 0;
                    serve(current);
                } catch (RuntimeException e) {
                    unexpected(e);
                } catch (RegistrationException e) {
                    failed(e);
                }
            }
        } catch (Stopping stop) {
            if (current != null && registered) {
                unregister(current);
            }
            peerToPeer(false);
            publish(RegistrationState.STOPPED, null);
        }
    }

    /**
     * The next registry of the list, discovering a new list when it is used up; null after a peer-to-peer wait
     * (nothing found).
     */
    private RegistryClient nextRegistry() throws Stopping {
        if (candidates.isEmpty()) {
            if (status.state() != RegistrationState.PEER_TO_PEER) {
                // A node in peer-to-peer mode stays there while it looks again for a registry.
                publish(RegistrationState.DISCOVERING, null);
            }
            candidates.addAll(candidates());
            if (candidates.isEmpty()) {
                peerToPeer(true);
                publish(RegistrationState.PEER_TO_PEER, null);
                idle(backoff(failures++));
                return null;
            }
        }
        return new RegistryClient(http, candidates.poll(), options.requestTimeout());
    }

    /** IS-04 error conditions: fail over on 5xx and no answer, otherwise back off and register afresh. */
    private void failed(RegistrationException e) throws Stopping {
        lastError = e;
        LOG.warn("NMOS registration: {}", e.getMessage());
        current = null;
        if (e.failOver()) {
            if (candidates.isEmpty()) {
                publish(RegistrationState.BACKING_OFF, null);
                idle(backoff(failures++));
            }
            return;
        }
        if (e.kind() == RegistrationException.Kind.CONFLICT) {
            // IS-04: registered here with another API version; unregister fully, then register again.
            deleteNode(new RegistryClient(http, e.registry(), options.requestTimeout()));
        }
        // A node the registry refuses: nothing improves by asking another at once.
        registered = false;
        candidates.clear();
        publish(RegistrationState.BACKING_OFF, null);
        idle(backoff(failures++));
    }

    /** A bug or a bad resource list must not end registration for good: report, wait, try again. */
    private void unexpected(RuntimeException e) throws Stopping {
        LOG.error("NMOS registration failed unexpectedly; trying again after a back-off", e);
        current = null;
        registered = false;
        candidates.clear();
        publish(RegistrationState.BACKING_OFF, null);
        idle(backoff(failures++));
    }

    /** Enters or leaves peer-to-peer mode once; a failure of the mode is logged, registration goes on. */
    private void peerToPeer(boolean on) {
        if (on == inPeerToPeer) {
            return;
        }
        inPeerToPeer = on;
        try {
            if (on) {
                peerToPeer.enter();
            } else {
                peerToPeer.leave();
            }
        } catch (RuntimeException e) {
            LOG.warn("NMOS peer-to-peer mode could not be {}", on ? "entered" : "left", e);
        }
    }

    /** The source's registries; a source that fails counts as finding none (logged). */
    private List<URI> candidates() {
        try {
            return source.candidates();
        } catch (RuntimeException e) {
            LOG.warn("NMOS registry discovery failed: {}", e.toString());
            return List.of();
        }
    }

    /** Registers with, or (after a fail-over) confirms the registration at, one registry. */
    private void connect(RegistryClient c) throws RegistrationException, Stopping {
        publish(RegistrationState.REGISTERING, c.base());
        boolean stillThere = registered && c.heartbeat(nodeId()) == 200;
        if (stillThere) {
            flushPending(c);
        } else {
            registerAll(c);
        }
        registered = true;
        peerToPeer(false);
        lastError = rejectedOnly(lastError);
        publish(RegistrationState.REGISTERED, c.base());
    }

    /** Heartbeats and applies changes until a failure (thrown) or {@link #close} ({@link Stopping}). */
    private void serve(RegistryClient c) throws RegistrationException, Stopping {
        long period = options.heartbeat().toNanos();
        long next = System.nanoTime() + period;
        while (true) {
            Command cmd;
            try {
                cmd = commands.poll(Math.max(0, next - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (InterruptedException e) {
                throw new Stopping();
            }
            if (cmd == null) {
                if (c.heartbeat(nodeId()) == 404) {
                    LOG.info("NMOS registry {} does not know this node any more: registering again", c.base());
                    publish(RegistrationState.REGISTERING, c.base());
                    registerAll(c);
                    publish(RegistrationState.REGISTERED, c.base());
                }
                next = Math.max(next + period, System.nanoTime());
                continue;
            }
            apply(c, cmd);
        }
    }

    private void apply(RegistryClient c, Command cmd) throws RegistrationException, Stopping {
        switch (cmd) {
            case Stop s -> throw new Stopping();
            case Update u -> {
                pending.put(u.resource().id(), u);
                post(c, u.resource());
                pending.remove(u.resource().id());
            }
            case Remove r -> {
                pending.put(r.id(), r);
                c.delete(r.type(), r.id());
                pending.remove(r.id());
            }
        }
    }

    /** POSTs the resources in registration order; the node first (IS-04 "Referential Integrity"). */
    private void registerAll(RegistryClient c) throws RegistrationException {
        List<NmosResource> all = ordered();
        NmosResource node = all.get(0);
        if (c.post(node) == 200) {
            // IS-04 "Node Encounters HTTP 200 On First Registration": clear the stale record, then register.
            LOG.info("NMOS registry {} held a stale record of this node: deleting it first", c.base());
            c.delete(ResourceType.NODE, node.id());
            c.post(node);
        }
        pending.clear();
        for (NmosResource r : all.subList(1, all.size())) {
            post(c, r);
        }
    }

    private void flushPending(RegistryClient c) throws RegistrationException, Stopping {
        for (Command cmd : List.copyOf(pending.values())) {
            apply(c, cmd);
        }
    }

    /** One POST; a refused resource other than the node is reported and left, and the others go on. */
    private void post(RegistryClient c, NmosResource r) throws RegistrationException {
        try {
            c.post(r);
        } catch (RegistrationException e) {
            if (e.kind() == RegistrationException.Kind.REJECTED && r.type() != ResourceType.NODE) {
                LOG.warn("NMOS registry refused {} {}: {}", r.type().word(), r.id(), e.getMessage());
                lastError = e;
            } else {
                throw e;
            }
        }
    }

    /** IS-04 "Controlled Unregistration": children before parents, the node last. */
    private void unregister(RegistryClient c) {
        List<NmosResource> all = ordered();
        for (int i = all.size() - 1; i >= 0; i--) {
            try {
                c.delete(all.get(i).type(), all.get(i).id());
            } catch (RegistrationException e) {
                LOG.info("NMOS unregistration at {} stopped: {}", c.base(), e.getMessage());
                return;
            }
        }
    }

    private void deleteNode(RegistryClient c) {
        try {
            c.delete(ResourceType.NODE, nodeId());
        } catch (RegistrationException e) {
            LOG.info("NMOS unregistration at {} failed: {}", c.base(), e.getMessage());
        }
    }

    private List<NmosResource> ordered() {
        List<NmosResource> all = new ArrayList<>(resources.get());
        all.sort(Comparator.comparing(NmosResource::type));
        if (all.isEmpty() || all.get(0).type() != ResourceType.NODE) {
            throw new IllegalStateException("the node's resources must include its node resource");
        }
        return all;
    }

    private UUID nodeId() {
        return ordered().get(0).id();
    }

    /** Waits, keeping changes for later; leaves early only to stop. */
    private void idle(long nanos) throws Stopping {
        long until = System.nanoTime() + nanos;
        while (true) {
            long left = until - System.nanoTime();
            if (left <= 0) {
                return;
            }
            Command cmd;
            try {
                cmd = commands.poll(left, TimeUnit.NANOSECONDS);
            } catch (InterruptedException e) {
                throw new Stopping();
            }
            switch (cmd) {
                case null -> {
                    return;
                }
                case Stop s -> throw new Stopping();
                case Update u -> pending.put(u.resource().id(), u);
                case Remove r -> pending.put(r.id(), r);
            }
        }
    }

    /** IS-04: exponential back-off, here with jitter so that many nodes do not retry in step. */
    private long backoff(int failures) {
        long min = options.backoffMin().toNanos();
        long max = options.backoffMax().toNanos();
        long wait = min;
        for (int i = 0; i < failures && wait < max; i++) {
            wait = Math.min(max, wait * 2);
        }
        return wait / 2 + ThreadLocalRandom.current().nextLong(wait / 2 + 1);
    }

    private static RegistrationException rejectedOnly(RegistrationException e) {
        return e != null && e.kind() == RegistrationException.Kind.REJECTED ? e : null;
    }

    private void publish(RegistrationState state, URI registry) {
        RegistrationStatus next = new RegistrationStatus(state, registry, lastError);
        if (next.equals(status)) {
            return;
        }
        status = next;
        for (Consumer<RegistrationStatus> l : listeners) {
            try {
                l.accept(next);
            } catch (RuntimeException e) {
                LOG.warn("NMOS registration status listener failed", e);
            }
        }
    }
}
