package dev.xsight.nmos;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;

/**
 * One answer of the NMOS APIs: a status and a JSON body (null for none), with any extra headers.
 *
 * @param status the HTTP status
 * @param body the JSON body, or null for an empty one
 * @param headers extra response headers (e.g. {@code Location})
 */
public record ApiAnswer(int status, JsonNode body, Map<String, String> headers) {
    public ApiAnswer {
        headers = Map.copyOf(headers);
    }

    public static ApiAnswer ok(JsonNode body) {
        return new ApiAnswer(200, body, Map.of());
    }

    public static ApiAnswer of(int status, JsonNode body) {
        return new ApiAnswer(status, body, Map.of());
    }

    /**
     * The error body every NMOS API answers 4xx/5xx with: {@code code}, {@code error} (for a person) and
     * {@code debug} (for a programmer, or null).
     */
    public static ApiAnswer error(int status, String error, String debug) {
        ObjectNode n = JsonNodeFactory.instance.objectNode();
        n.put("code", status);
        n.put("error", error);
        if (debug == null) {
            n.putNull("debug");
        } else {
            n.put("debug", debug);
        }
        return new ApiAnswer(status, n, Map.of());
    }

    public static ApiAnswer notFound(String what) {
        return error(404, what + " not found", null);
    }
}
