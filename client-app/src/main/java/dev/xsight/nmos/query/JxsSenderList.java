package dev.xsight.nmos.query;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The live list of a registry's JPEG XS senders: fetched whole at {@link #start} (paged GETs of flows and senders),
 * then kept current by websocket subscriptions to both. A sender is listed while its flow is known and has media
 * type {@code video/jxsv}. The first grain of each subscription is the registry's full set (IS-04 "Behaviour:
 * Querying": a new subscription starts with a sync of every matching resource) and replaces what the GET found.
 *
 * <p>Threading: the websocket callbacks and {@link #start} update the state under this object's lock; listeners
 * get each changed list (sorted by label), in order, on the thread that changed it, under the lock: they
 * must not block or call back into this object from another thread.
 */
public final class JxsSenderList implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(JxsSenderList.class);
    /** BCP-006-01 / RFC 9134: the media type of a JPEG XS video flow. */
    public static final String JXSV = "video/jxsv";

    private final QueryClient client;
    private final List<Consumer<List<JxsSender>>> listeners = new CopyOnWriteArrayList<>();
    private final List<Consumer<String>> disconnectListeners = new CopyOnWriteArrayList<>();
    private final List<QuerySubscription> subscriptions = new ArrayList<>();
    // Guarded by this.
    private final Map<String, ObjectNode> flows = new HashMap<>();
    private final Map<String, ObjectNode> senders = new HashMap<>();
    private final Map<String, Boolean> synced = new HashMap<>();
    private List<JxsSender> current = List.of();
    private boolean closed;

    public JxsSenderList(QueryClient client) {
        this.client = Objects.requireNonNull(client, "client");
    }

    /** Called with each new list. */
    public void addListener(Consumer<List<JxsSender>> listener) {
        listeners.add(Objects.requireNonNull(listener, "listener"));
    }

    /**
     * Called with the reason when a subscription's websocket ends (the registry went away or closed it): the list
     * stops following changes, and the caller may {@link #close} it and start a new one (on another Query API).
     */
    public void addDisconnectListener(Consumer<String> listener) {
        disconnectListeners.add(Objects.requireNonNull(listener, "listener"));
    }

    /** The senders now, sorted by label. */
    public synchronized List<JxsSender> senders() {
        return current;
    }

    /**
     * Fetches flows and senders and subscribes to their changes.
     *
     * @throws QueryException the registry could not be read or the subscriptions not made
     */
    public void start() throws QueryException {
        List<ObjectNode> f = client.list("flows", Map.of());
        List<ObjectNode> s = client.list("senders", Map.of());
        synchronized (this) {
            f.forEach(o -> flows.put(o.get("id").asText(), o));
            s.forEach(o -> senders.put(o.get("id").asText(), o));
        }
        recompute();
        for (String collection : List.of("flows", "senders")) {
            QuerySubscription sub = client.subscribe(collection, Map.of(), changes -> apply(collection, changes),
                    reason -> disconnected(collection, reason));
            synchronized (this) {
                subscriptions.add(sub);
            }
        }
    }

    private void disconnected(String collection, String reason) {
        synchronized (this) {
            if (closed) {
                return;
            }
        }
        LOG.info("Query API subscription to {} at {} {}", collection, client.base(), reason);
        for (Consumer<String> l : disconnectListeners) {
            l.accept("subscription to " + collection + " at " + client.base() + " " + reason);
        }
    }

    /** Applies one grain's changes to {@code collection} ({@code flows} or {@code senders}). */
    void apply(String collection, List<ResourceChange> changes) {
        synchronized (this) {
            Map<String, ObjectNode> map = collection.equals("flows") ? flows : senders;
            if (synced.put(collection, Boolean.TRUE) == null) {
                map.clear();
            }
            for (ResourceChange c : changes) {
                if (c.removed()) {
                    map.remove(c.path());
                } else {
                    map.put(c.path(), c.post());
                }
            }
        }
        recompute();
    }

    private void recompute() {
        List<JxsSender> next;
        synchronized (this) {
            List<JxsSender> out = new ArrayList<>();
            for (ObjectNode s : senders.values()) {
                ObjectNode flow = flows.get(s.path("flow_id").asText(""));
                if (flow != null && JXSV.equals(flow.path("media_type").asText())) {
                    out.add(new JxsSender(s.path("id").asText(), s.path("label").asText(""),
                            s.path("description").asText(""), flow.path("id").asText(), text(s, "manifest_href"),
                            s.path("transport").asText(""), describe(flow)));
                }
            }
            out.sort(Comparator.comparing(JxsSender::label).thenComparing(JxsSender::id));
            next = List.copyOf(out);
            if (next.equals(current)) {
                return;
            }
            current = next;
            // Under the lock, so that listeners see the lists in the order they were made.
            for (Consumer<List<JxsSender>> l : listeners) {
                l.accept(next);
            }
        }
    }

    /**
     * A video flow's format in one line from its IS-04 and BCP-006-01 attributes, e.g.
     * {@code 1920x1080p25 · High444.12 2k-1 Sublev3bpp · 110 Mb/s}; what the flow leaves out is left out.
     */
    public static String describe(JsonNode flow) {
        StringBuilder b = new StringBuilder();
        if (flow.path("frame_width").canConvertToInt() && flow.path("frame_height").canConvertToInt()) {
            b.append(flow.get("frame_width").asInt()).append('x').append(flow.get("frame_height").asInt());
            b.append(flow.path("interlace_mode").asText("progressive").equals("progressive") ? "p" : "i");
            JsonNode rate = flow.path("grain_rate");
            long num = rate.path("numerator").asLong(0);
            long den = rate.path("denominator").asLong(1);
            if (num > 0 && den > 0) {
                b.append(num % den == 0 ? Long.toString(num / den)
                        : String.format(java.util.Locale.ROOT, "%.2f", (double) num / den));
            }
        }
        StringBuilder codec = new StringBuilder();
        for (String k : List.of("profile", "level", "sublevel")) {
            if (flow.path(k).isTextual()) {
                codec.append(codec.isEmpty() ? "" : " ").append(flow.get(k).asText());
            }
        }
        if (!codec.isEmpty()) {
            b.append(b.isEmpty() ? "" : " · ").append(codec);
        }
        if (flow.path("bit_rate").canConvertToLong()) { // kilobits per second (BCP-006-01)
            b.append(b.isEmpty() ? "" : " · ").append(Math.round(flow.get("bit_rate").asLong() / 1000.0))
                    .append(" Mb/s");
        }
        return b.toString();
    }

    private static String text(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }

    @Override
    public void close() {
        List<QuerySubscription> subs;
        synchronized (this) {
            closed = true;
            subs = List.copyOf(subscriptions);
            subscriptions.clear();
        }
        subs.forEach(QuerySubscription::close);
    }
}
