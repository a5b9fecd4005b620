package dev.xsight.nmos.query;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One Query API websocket subscription: reads the grain messages ({@code grain.data}: path, pre, post) and hands
 * each grain's changes on. A message that is not a grain is logged and skipped.
 *
 * <p>Threading: callbacks run on the JDK HTTP client's threads, one message at a time (the listener asks for the
 * next message only after handling one); {@link #close} may be called from any thread.
 */
public final class QuerySubscription implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(QuerySubscription.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String id;
    private final WebSocket socket;

    private QuerySubscription(String id, WebSocket socket) {
        this.id = id;
        this.socket = socket;
    }

    static QuerySubscription open(HttpClient http, URI wsHref, String id, Duration timeout,
            Consumer<List<ResourceChange>> onChanges, Consumer<String> onClosed) throws QueryException {
        try {
            WebSocket ws = http.newWebSocketBuilder().connectTimeout(timeout)
                    .buildAsync(wsHref, new Listener(onChanges, onClosed))
                    .get(timeout.toMillis() + 1000, TimeUnit.MILLISECONDS);
            return new QuerySubscription(id, ws);
        } catch (ExecutionException | TimeoutException e) {
            throw new QueryException(QueryException.Kind.UNREACHABLE, wsHref, 0,
                    "websocket " + wsHref + " did not open: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new QueryException(QueryException.Kind.UNREACHABLE, wsHref, 0, "interrupted", e);
        }
    }

    /** The subscription's id under {@code /subscriptions}. */
    public String id() {
        return id;
    }

    /** Reads a grain message's changes; empty for anything else. */
    static List<ResourceChange> changes(JsonNode grain) {
        List<ResourceChange> out = new ArrayList<>();
        JsonNode data = grain.path("grain").path("data");
        if (!grain.path("grain_type").asText().equals("event") || !data.isArray()) {
            return out;
        }
        for (JsonNode d : data) {
            String path = d.path("path").asText("");
            ObjectNode pre = d.get("pre") instanceof ObjectNode o ? o : null;
            ObjectNode post = d.get("post") instanceof ObjectNode o ? o : null;
            if (!path.isEmpty() && (pre != null || post != null)) {
                out.add(new ResourceChange(path, pre, post));
            }
        }
        return out;
    }

    @Override
    public void close() {
        socket.sendClose(WebSocket.NORMAL_CLOSURE, "done").orTimeout(1, TimeUnit.SECONDS)
                .whenComplete((ws, e) -> socket.abort());
    }

    private static final class Listener implements WebSocket.Listener {
        private final Consumer<List<ResourceChange>> onChanges;
        private final Consumer<String> onClosed;
        private final StringBuilder text = new StringBuilder();

        Listener(Consumer<List<ResourceChange>> onChanges, Consumer<String> onClosed) {
            this.onChanges = onChanges;
            this.onClosed = onClosed;
        }

        @Override
        public CompletionStage<?> onText(WebSocket ws, CharSequence part, boolean last) {
            text.append(part);
            if (last) {
                String message = text.toString();
                text.setLength(0);
                try {
                    onChanges.accept(changes(JSON.readTree(message)));
                } catch (Exception e) {
                    LOG.warn("Query API websocket message skipped: {}", e.toString());
                }
            }
            ws.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket ws, int statusCode, String reason) {
            onClosed.accept("closed by the registry (" + statusCode + (reason.isEmpty() ? "" : " " + reason) + ")");
            return null;
        }

        @Override
        public void onError(WebSocket ws, Throwable error) {
            onClosed.accept("failed: " + error);
        }
    }
}
