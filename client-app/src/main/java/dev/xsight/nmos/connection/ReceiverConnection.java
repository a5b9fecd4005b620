package dev.xsight.nmos.connection;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.xsight.nmos.ApiAnswer;
import dev.xsight.nmos.NodeModel;
import dev.xsight.nmos.TaiTime;
import dev.xsight.st2110.sdp.JxsvStream;
import dev.xsight.st2110.sdp.SessionDescription;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The IS-05 v1.1 connection state of the one receiver: {@code /staged}, {@code /active}, activations (immediate,
 * scheduled at an absolute TAI time or after a relative one, cancelled by a PATCH whose mode is null) and what an
 * activation does: it starts, switches or stops the {@link ReceivePipeline} and sets the IS-04 receiver's
 * {@code subscription} in the {@link NodeModel}.
 *
 * <p>Threading: all state is confined to one thread ({@code nmos-connection}), which also runs the scheduled
 * activations; the public methods hand their work to it and return futures, so the HTTP event loop never blocks.
 * Activation listeners run on that thread.
 */
public final class ReceiverConnection implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(ReceiverConnection.class.getName());

    private final UUID receiverId;
    private final NodeModel model;
    private final ReceivePipeline pipeline;
    private final List<String> interfaceIps;
    private final ScheduledExecutorService thread;
    private final List<Consumer<ReceiverParams>> activationListeners = new CopyOnWriteArrayList<>();
    private ReceiverParams staged = ReceiverParams.initial();
    private ReceiverParams active = ReceiverParams.initial();
    private ScheduledFuture<?> pending;

    /**
     * @param interfaceIps the local addresses media may arrive on (first for path 1; the second, when given, for
     *     path 2); {@code interface_ip: "auto"} resolves to them
     */
    public ReceiverConnection(NodeModel model, ReceivePipeline pipeline, List<String> interfaceIps) {
        this.receiverId = model.ids().receiver();
        this.model = model;
        this.pipeline = pipeline;
        this.interfaceIps = List.copyOf(interfaceIps);
        if (this.interfaceIps.isEmpty()) {
            throw new IllegalArgumentException("a receive address is needed");
        }
        this.thread = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "nmos-connection");
            t.setDaemon(true);
            return t;
        });
    }

    public UUID receiverId() {
        return receiverId;
    }

    /** Calls {@code listener} with the new {@code /active} parameters after every activation. */
    public void addActivationListener(Consumer<ReceiverParams> listener) {
        activationListeners.add(listener);
    }

    /** The constraints of both legs ({@code /constraints}): the interface addresses; the rest unconstrained. */
    public ArrayNode constraints() {
        ArrayNode a = JsonNodeFactory.instance.arrayNode();
        for (int i = 0; i < ReceiverParams.LEGS; i++) {
            ObjectNode leg = a.addObject();
            leg.putObject("source_ip");
            leg.putObject("multicast_ip");
            ArrayNode ifs = leg.putObject("interface_ip").putArray("enum");
            interfaceIps.forEach(ifs::add);
            leg.putObject("destination_port").put("minimum", 1).put("maximum", 65535);
            leg.putObject("rtp_enabled");
        }
        return a;
    }

    public CompletableFuture<ApiAnswer> staged() {
        return on(() -> ApiAnswer.ok(staged.toJson()));
    }

    public CompletableFuture<ApiAnswer> active() {
        return on(() -> ApiAnswer.ok(active.toJson()));
    }

    /** {@code PATCH /staged}: 200 (done, or immediate activation done), 202 (scheduled), 400, 423 or 500. */
    public CompletableFuture<ApiAnswer> patch(JsonNode body) {
        return on(() -> doPatch(body));
    }

    /**
     * {@code POST /bulk/receivers}: each element {@code {id, params}} staged in order, answered per element with
     * {@code {id, code}} (and {@code error}, {@code debug} when it failed).
     */
    public CompletableFuture<ApiAnswer> bulk(JsonNode body) {
        return on(() -> {
            if (body == null || !body.isArray()) {
                return ApiAnswer.error(400, "the body must be an array of {\"id\", \"params\"} objects", null);
            }
            ArrayNode out = JsonNodeFactory.instance.arrayNode();
            for (JsonNode e : body) {
                ObjectNode r = out.addObject();
                String id = e.path("id").asText("");
                r.put("id", id);
                ApiAnswer a;
                if (!e.isObject() || !e.path("id").isTextual() || !e.has("params")) {
                    a = ApiAnswer.error(400, "each element is {\"id\", \"params\"}", null);
                } else if (!id.equals(receiverId.toString())) {
                    a = ApiAnswer.error(404, "receiver " + id + " not found", null);
                } else {
                    a = doPatch(e.get("params"));
                }
                r.put("code", a.status());
                if (a.status() >= 400) {
                    r.put("error", a.body().path("error").asText());
                    r.putNull("debug");
                }
            }
            return ApiAnswer.ok(out);
        });
    }

    private CompletableFuture<ApiAnswer> on(Supplier<ApiAnswer> work) {
        try {
            return CompletableFuture.supplyAsync(work, thread);
        } catch (java.util.concurrent.RejectedExecutionException e) {
            return CompletableFuture.completedFuture(ApiAnswer.error(503, "the node is stopping", null));
        }
    }

    private ApiAnswer doPatch(JsonNode body) {
        boolean cancels = body != null && body.path("activation").isObject()
                && body.path("activation").path("mode").isNull();
        ReceiverParams base = staged;
        if (pending != null) {
            if (!cancels) {
                return ApiAnswer.error(423, "an activation is scheduled for " + staged.activationTime()
                        + " (TAI); PATCH activation.mode null to cancel it first", null);
            }
            base = staged.withActivation(null, null, null);
        }
        ReceiverParams next;
        try {
            next = StagedPatch.apply(base, body, interfaceIps);
            if (next.mode() != null) {
                checkActivatable(next);
            }
        } catch (PatchException e) {
            // Refused: nothing changes, a scheduled activation included.
            return ApiAnswer.error(400, e.getMessage(), null);
        }
        if (pending != null) {
            pending.cancel(false);
            pending = null;
        }
        if (ReceiverParams.IMMEDIATE.equals(next.mode())) {
            try {
                ReceiverParams done = activate(next);
                staged = next.withActivation(null, null, null);
                return ApiAnswer.ok(next.withActivation(done.mode(), null, done.activationTime()).toJson());
            } catch (IOException e) {
                staged = next.withActivation(null, null, null);
                return ApiAnswer.error(500, "activation failed: " + e.getMessage(), String.valueOf(e));
            }
        }
        if (next.mode() != null) {
            TaiTime now = TaiTime.now();
            TaiTime when = ReceiverParams.ABSOLUTE.equals(next.mode()) ? TaiTime.parse(next.requestedTime())
                    : now.plus(offset(TaiTime.parse(next.requestedTime())));
            long delay = Math.max(0, Duration.between(now.toUtc(), when.toUtc()).toNanos());
            staged = next.withActivation(next.mode(), next.requestedTime(), when.toString());
            pending = thread.schedule(this::fireScheduled, delay, TimeUnit.NANOSECONDS);
            return ApiAnswer.of(202, staged.toJson());
        }
        staged = next;
        return ApiAnswer.ok(staged.toJson());
    }

    private static Duration offset(TaiTime relative) {
        return Duration.ofSeconds(relative.seconds(), relative.nanos());
    }

    /** A scheduled activation's time has come (on the connection thread). */
    private void fireScheduled() {
        pending = null;
        ReceiverParams s = staged;
        staged = s.withActivation(null, null, null);
        try {
            activate(s);
        } catch (IOException e) {
            LOG.log(System.Logger.Level.WARNING, "scheduled activation (" + s.mode() + ") failed: " + e.getMessage());
        }
    }

    private static void checkActivatable(ReceiverParams p) throws PatchException {
        if (!p.masterEnable()) {
            return;
        }
        if (p.sdp() == null) {
            throw new PatchException("nothing to activate: with master_enable true this receiver needs a"
                    + " transport_file (application/sdp) for the stream's format");
        }
        if (p.legs().stream().noneMatch(TransportLeg::rtpEnabled)) {
            throw new PatchException("nothing to activate: rtp_enabled is false on both legs");
        }
    }

    /** Makes {@code p} active: the pipeline first, then {@code /active}, the subscription and the listeners. */
    private ReceiverParams activate(ReceiverParams p) throws IOException {
        // The activation happens now; starting a pipeline (its decoder warm-up) takes a moment after.
        TaiTime at = TaiTime.now();
        ReceiverParams resolved = p.withLegs(resolve(p));
        if (p.masterEnable()) {
            pipeline.receive(streamOf(resolved));
        } else {
            pipeline.stop();
        }
        active = resolved.withActivation(p.mode(), p.requestedTime(), at.toString());
        model.activated(active.senderId(), active.masterEnable());
        for (Consumer<ReceiverParams> l : activationListeners) {
            l.accept(active);
        }
        return active;
    }

    /** The legs with {@code "auto"} resolved to what the receiver uses (IS-05: {@code /active} shows no "auto"). */
    private List<TransportLeg> resolve(ReceiverParams p) {
        List<TransportLeg> out = new ArrayList<>();
        for (int i = 0; i < ReceiverParams.LEGS; i++) {
            TransportLeg l = p.legs().get(i);
            String iface = l.interfaceIp().equals(TransportLeg.AUTO)
                    ? interfaceIps.get(Math.min(i, interfaceIps.size() - 1)) : l.interfaceIp();
            int port = l.destinationPort();
            if (port == TransportLeg.AUTO_PORT) {
                port = p.sdp() == null ? TransportLeg.DEFAULT_PORT
                        : p.sdp().streams().get(Math.min(i, p.sdp().streams().size() - 1)).port();
            }
            out.add(new TransportLeg(l.sourceIp(), l.multicastIp(), iface, port, l.rtpEnabled()));
        }
        return out;
    }

    /** The stream to receive: the transport file's media format on the addresses of the enabled legs. */
    static SessionDescription streamOf(ReceiverParams p) {
        SessionDescription sdp = p.sdp();
        List<JxsvStream> streams = new ArrayList<>();
        int enabled = (int) p.legs().stream().filter(TransportLeg::rtpEnabled).count();
        for (int i = 0; i < ReceiverParams.LEGS; i++) {
            TransportLeg l = p.legs().get(i);
            if (!l.rtpEnabled()) {
                continue;
            }
            JxsvStream base = sdp.streams().get(Math.min(i, sdp.streams().size() - 1));
            String destination = l.multicastIp() != null ? l.multicastIp() : l.interfaceIp();
            streams.add(new JxsvStream(enabled > 1 ? "leg" + i : null, destination, l.destinationPort(), base.ttl(),
                    l.sourceIp(), base.payloadType(), base.bandwidthKbps(), base.tsRefclk(), base.mediaclk(),
                    base.format()));
        }
        return new SessionDescription(sdp.originAddress(), sdp.sessionId(), sdp.sessionName(), streams,
                streams.size() > 1);
    }

    /** Cancels a scheduled activation, closes the receive pipeline and ends the connection thread. */
    @Override
    public void close() {
        try {
            thread.submit(() -> {
                if (pending != null) {
                    pending.cancel(false);
                }
                pipeline.close();
            }).get(30, TimeUnit.SECONDS);
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            LOG.log(System.Logger.Level.WARNING, "stopping the receiver: " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (java.util.concurrent.RejectedExecutionException e) {
            // Already closed.
        }
        thread.shutdownNow();
    }
}
