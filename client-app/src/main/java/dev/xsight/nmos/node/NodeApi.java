package dev.xsight.nmos.node;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.xsight.nmos.ApiAnswer;
import dev.xsight.nmos.ApiRequest;
import dev.xsight.nmos.NmosResource;
import dev.xsight.nmos.NodeModel;
import dev.xsight.nmos.ResourceType;
import java.util.List;
import java.util.UUID;

/**
 * The IS-04 v1.3 Node API under {@code /x-nmos/node/}: {@code self}, and the lists of devices, sources, flows,
 * senders and receivers with each resource by id (404 with the error body for an unknown one). The deprecated
 * {@code PUT /receivers/{id}/target} is answered 501, as v1.3 allows: connections go through IS-05.
 *
 * <p>Threading: called on the HTTP event loop; reads the {@link NodeModel}, which any thread may read.
 */
final class NodeApi {
    private final NodeModel model;

    NodeApi(NodeModel model) {
        this.model = model;
    }

    /** Answers a request whose path starts {@code x-nmos/node} ({@code p} from {@code node}). */
    ApiAnswer route(ApiRequest r, List<String> p) {
        if (p.size() == 1) {
            return get(r, list("v1.3/"));
        }
        if (!p.get(1).equals("v1.3")) {
            return ApiAnswer.notFound("Node API version " + p.get(1) + " (this node serves v1.3)");
        }
        List<String> q = p.subList(2, p.size());
        if (q.isEmpty()) {
            return get(r, list("self/", "sources/", "flows/", "devices/", "senders/", "receivers/"));
        }
        if (q.getFirst().equals("self")) {
            return q.size() == 1 ? get(r, model.self().data()) : ApiAnswer.notFound(String.join("/", q));
        }
        ResourceType type = typeOf(q.getFirst());
        if (type == null) {
            return ApiAnswer.notFound("/" + q.getFirst());
        }
        if (q.size() == 1) {
            ArrayNode a = JsonNodeFactory.instance.arrayNode();
            model.list(type).forEach(res -> a.add(res.data()));
            return get(r, a);
        }
        NmosResource res = find(type, q.get(1));
        if (res == null) {
            return ApiAnswer.notFound(type.word() + " " + q.get(1));
        }
        if (q.size() == 2) {
            return get(r, res.data());
        }
        if (q.size() == 3 && type == ResourceType.RECEIVER && q.get(2).equals("target")) {
            return r.method().equals("PUT") ? ApiAnswer.error(501, "PUT /target is deprecated and not implemented:"
                    + " connect through the IS-05 Connection API (the device's sr-ctrl control)", null)
                    : ApiAnswer.error(405, r.method() + " is not allowed here", null);
        }
        return ApiAnswer.notFound(String.join("/", q));
    }

    private NmosResource find(ResourceType type, String id) {
        try {
            return model.find(type, UUID.fromString(id)).orElse(null);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static ResourceType typeOf(String segment) {
        for (ResourceType t : ResourceType.values()) {
            if (t != ResourceType.NODE && t.nodeApiPath().equals(segment)) {
                return t;
            }
        }
        return null;
    }

    static ApiAnswer get(ApiRequest r, com.fasterxml.jackson.databind.JsonNode body) {
        return r.method().equals("GET") ? ApiAnswer.ok(body)
                : ApiAnswer.error(405, r.method() + " is not allowed here", null);
    }

    static ArrayNode list(String... entries) {
        ArrayNode a = JsonNodeFactory.instance.arrayNode();
        for (String e : entries) {
            a.add(e);
        }
        return a;
    }
}
