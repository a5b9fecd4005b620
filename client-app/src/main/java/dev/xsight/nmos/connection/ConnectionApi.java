package dev.xsight.nmos.connection;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.xsight.nmos.ApiAnswer;
import dev.xsight.nmos.ApiRequest;
import dev.xsight.nmos.NodeModel;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * The IS-05 v1.1 Connection API of the one receiver, under {@code /x-nmos/connection/}: the index resources,
 * {@code single/receivers/{id}/} with {@code constraints}, {@code staged} (GET, PATCH), {@code active} and
 * {@code transporttype}, and {@code bulk/receivers} (POST). The node has no senders: their lists are empty.
 *
 * <p>Threading: called on the HTTP event loop; state changes go to {@link ReceiverConnection}'s thread.
 */
public final class ConnectionApi {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final ReceiverConnection connection;

    public ConnectionApi(ReceiverConnection connection) {
        this.connection = connection;
    }

    /** Answers a request whose path starts {@code x-nmos/connection} ({@code segments} from {@code connection}). */
    public CompletableFuture<ApiAnswer> route(ApiRequest r, List<String> p) {
        // p: ["connection", "v1.1", ...]
        if (p.size() == 1) {
            return get(r, list("v1.1/"));
        }
        if (!p.get(1).equals("v1.1")) {
            return done(ApiAnswer.notFound("Connection API version " + p.get(1) + " (this node serves v1.1)"));
        }
        List<String> q = p.subList(2, p.size());
        if (q.isEmpty()) {
            return get(r, list("bulk/", "single/"));
        }
        return switch (q.getFirst()) {
            case "single" -> single(r, q.subList(1, q.size()));
            case "bulk" -> bulk(r, q.subList(1, q.size()));
            default -> done(ApiAnswer.notFound("/" + String.join("/", q)));
        };
    }

    private CompletableFuture<ApiAnswer> single(ApiRequest r, List<String> q) {
        if (q.isEmpty()) {
            return get(r, list("senders/", "receivers/"));
        }
        if (q.getFirst().equals("senders")) {
            return q.size() == 1 ? get(r, list()) : done(ApiAnswer.notFound("sender " + q.get(1)));
        }
        if (!q.getFirst().equals("receivers")) {
            return done(ApiAnswer.notFound(q.getFirst()));
        }
        String id = connection.receiverId().toString();
        if (q.size() == 1) {
            return get(r, list(id + "/"));
        }
        if (!q.get(1).equals(id)) {
            return done(ApiAnswer.notFound("receiver " + q.get(1)));
        }
        if (q.size() == 2) {
            return get(r, list("constraints/", "staged/", "active/", "transporttype/"));
        }
        if (q.size() > 3) {
            return done(ApiAnswer.notFound(String.join("/", q)));
        }
        return switch (q.get(2)) {
            case "constraints" -> get(r, connection.constraints());
            case "transporttype" -> get(r, TextNode.valueOf(NodeModel.TRANSPORT_RTP));
            case "active" -> r.method().equals("GET") ? connection.active() : notAllowed(r);
            case "staged" -> switch (r.method()) {
                case "GET" -> connection.staged();
                case "PATCH" -> withBody(r, connection::patch);
                default -> notAllowed(r);
            };
            // IS-05: a receiver has no transport file endpoint (senders only).
            default -> done(ApiAnswer.notFound(q.get(2)));
        };
    }

    private CompletableFuture<ApiAnswer> bulk(ApiRequest r, List<String> q) {
        if (q.isEmpty()) {
            return get(r, list("senders/", "receivers/"));
        }
        if (q.size() == 1 && q.getFirst().equals("receivers")) {
            return r.method().equals("POST") ? withBody(r, connection::bulk) : notAllowed(r);
        }
        if (q.size() == 1 && q.getFirst().equals("senders")) {
            return r.method().equals("POST") ? done(ApiAnswer.ok(JsonNodeFactory.instance.arrayNode()))
                    : notAllowed(r);
        }
        return done(ApiAnswer.notFound(String.join("/", q)));
    }

    private static CompletableFuture<ApiAnswer> withBody(ApiRequest r,
            java.util.function.Function<JsonNode, CompletableFuture<ApiAnswer>> handler) {
        JsonNode body;
        try {
            body = JSON.readTree(r.body());
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            return done(ApiAnswer.error(400, "the body is not JSON: " + e.getOriginalMessage(), null));
        } catch (IOException e) {
            return done(ApiAnswer.error(400, "the body cannot be read: " + e.getMessage(), null));
        }
        return handler.apply(body);
    }

    private static CompletableFuture<ApiAnswer> get(ApiRequest r, JsonNode body) {
        return r.method().equals("GET") ? done(ApiAnswer.ok(body)) : notAllowed(r);
    }

    static CompletableFuture<ApiAnswer> notAllowed(ApiRequest r) {
        return done(ApiAnswer.error(405, r.method() + " is not allowed here", null));
    }

    static CompletableFuture<ApiAnswer> done(ApiAnswer a) {
        return CompletableFuture.completedFuture(a);
    }

    static ArrayNode list(String... entries) {
        ArrayNode a = JsonNodeFactory.instance.arrayNode();
        for (String e : entries) {
            a.add(e);
        }
        return a;
    }
}
