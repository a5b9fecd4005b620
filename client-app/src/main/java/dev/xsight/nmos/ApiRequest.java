package dev.xsight.nmos;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * One request to the NMOS APIs.
 *
 * @param method upper-case HTTP method
 * @param segments the decoded path split at {@code /}, without empty segments (a trailing slash is ignored)
 * @param body the request body (empty when none)
 */
public record ApiRequest(String method, List<String> segments, byte[] body) {
    public ApiRequest {
        segments = List.copyOf(segments);
    }

    /** The path segments from {@code from} on. */
    public List<String> tail(int from) {
        return from >= segments.size() ? List.of() : segments.subList(from, segments.size());
    }

    public String bodyText() {
        return new String(body, StandardCharsets.UTF_8);
    }
}
