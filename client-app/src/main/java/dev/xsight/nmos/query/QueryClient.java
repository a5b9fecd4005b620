package dev.xsight.nmos.query;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Requests to one IS-04 v1.3 Query API: whole collections with paging ("APIs: Query Parameters", pagination) and
 * websocket subscriptions ({@link QuerySubscription}). The GETs block on the caller's thread; a subscription's
 * callbacks run on the JDK HTTP client's threads.
 */
public final class QueryClient implements AutoCloseable {
    static final String PATH = "/x-nmos/query/v1.3/";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern LINK = Pattern.compile("<([^>]*)>\\s*;\\s*rel=\"?([a-z]+)\"?");
    /** A guard against a registry whose {@code next} links never end. */
    private static final int MAX_PAGES = 10_000;

    private final URI base;
    private final Duration timeout;
    private final HttpClient http;

    /** @param base the Query API's base URL, {@code http://host:port} */
    public QueryClient(URI base, Duration timeout) {
        this.base = Objects.requireNonNull(base, "base");
        this.timeout = Objects.requireNonNull(timeout, "timeout");
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(timeout).build();
    }

    public URI base() {
        return base;
    }

    /**
     * Every resource of a collection ({@code senders}, {@code flows} ...) matching the basic query {@code filter}.
     * When the registry pages (it sends {@code X-Paging-Limit}), pages are asked for in creation order from the
     * start and the {@code next} links followed until a page comes back empty; a resource seen on two pages counts
     * once.
     */
    public List<ObjectNode> list(String collection, Map<String, String> filter) throws QueryException {
        Map<String, String> query = new LinkedHashMap<>(filter);
        query.put("paging.order", "create");
        query.put("paging.since", "0:0");
        URI next = uri(collection, query);
        Map<String, ObjectNode> byId = new LinkedHashMap<>();
        Set<URI> seen = new HashSet<>();
        for (int page = 0; page < MAX_PAGES && next != null && seen.add(next); page++) {
            HttpResponse<String> res = get(next);
            JsonNode body = parse(next, res.body());
            if (!body.isArray()) {
                throw new QueryException(QueryException.Kind.PROTOCOL, next, res.statusCode(),
                        "GET " + next + " did not answer with an array", null);
            }
            for (JsonNode n : body) {
                if (n instanceof ObjectNode o && o.hasNonNull("id")) {
                    byId.putIfAbsent(o.get("id").asText(), o);
                }
            }
            boolean paged = res.headers().firstValue("X-Paging-Limit").isPresent();
            if (!paged || body.isEmpty()) {
                break;
            }
            next = nextLink(next, res.headers().allValues("Link")).orElse(null);
        }
        return new ArrayList<>(byId.values());
    }

    /**
     * Creates a subscription (POST {@code /subscriptions}) to a collection and connects to its websocket;
     * {@code onChanges} gets each grain's changes, {@code onClosed} the reason when the connection ends.
     */
    public QuerySubscription subscribe(String collection, Map<String, String> params,
            Consumer<List<ResourceChange>> onChanges, Consumer<String> onClosed) throws QueryException {
        ObjectNode body = JSON.createObjectNode();
        body.put("max_update_rate_ms", 100);
        body.put("resource_path", "/" + collection);
        ObjectNode p = body.putObject("params");
        params.forEach(p::put);
        body.put("persist", false);
        body.put("secure", false);
        URI uri = uri("subscriptions", Map.of());
        HttpResponse<String> res = send(HttpRequest.newBuilder(uri).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString())), uri);
        JsonNode sub = parse(uri, res.body());
        String href = sub.path("ws_href").asText("");
        if (href.isEmpty()) {
            throw new QueryException(QueryException.Kind.PROTOCOL, uri, res.statusCode(),
                    "subscription answer has no ws_href", null);
        }
        return QuerySubscription.open(http, URI.create(href), sub.path("id").asText(""), timeout, onChanges,
                onClosed);
    }

    private HttpResponse<String> get(URI uri) throws QueryException {
        return send(HttpRequest.newBuilder(uri).GET(), uri);
    }

    private HttpResponse<String> send(HttpRequest.Builder request, URI uri) throws QueryException {
        HttpResponse<String> res;
        try {
            res = http.send(request.timeout(timeout).header("Accept", "application/json").build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new QueryException(QueryException.Kind.UNREACHABLE, uri, 0, "no answer from " + uri + ": " + e,
                    e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new QueryException(QueryException.Kind.UNREACHABLE, uri, 0, "interrupted", e);
        }
        if (res.statusCode() / 100 != 2) {
            throw new QueryException(QueryException.Kind.STATUS, uri, res.statusCode(),
                    uri + " answered " + res.statusCode(), null);
        }
        return res;
    }

    private static JsonNode parse(URI uri, String body) throws QueryException {
        try {
            return JSON.readTree(body);
        } catch (JsonProcessingException e) {
            throw new QueryException(QueryException.Kind.PROTOCOL, uri, 0, uri + " answered with bad JSON: "
                    + e.getOriginalMessage(), e);
        }
    }

    /** RFC 8288 {@code Link} values: the target of {@code rel="next"}, resolved against the request. */
    static Optional<URI> nextLink(URI request, List<String> linkHeaders) {
        for (String header : linkHeaders) {
            Matcher m = LINK.matcher(header);
            while (m.find()) {
                if (m.group(2).equals("next")) {
                    try {
                        return Optional.of(request.resolve(m.group(1)));
                    } catch (IllegalArgumentException bad) {
                        return Optional.empty();
                    }
                }
            }
        }
        return Optional.empty();
    }

    private URI uri(String tail, Map<String, String> query) {
        String b = base.toString();
        StringBuilder s = new StringBuilder(b.endsWith("/") ? b.substring(0, b.length() - 1) : b).append(PATH)
                .append(tail);
        char sep = '?';
        for (Map.Entry<String, String> e : query.entrySet()) {
            s.append(sep).append(encode(e.getKey())).append('=').append(encode(e.getValue()));
            sep = '&';
        }
        return URI.create(s.toString());
    }

    /** RFC 3986 3.4: ':' and '/' may stand in a query as they are; cursors read as the spec writes them (0:10). */
    private static String encode(String v) {
        return URLEncoder.encode(v, StandardCharsets.UTF_8).replace("%3A", ":").replace("%2F", "/");
    }

    @Override
    public void close() {
        http.close();
    }
}
