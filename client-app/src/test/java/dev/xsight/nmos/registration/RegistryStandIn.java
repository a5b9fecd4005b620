package dev.xsight.nmos.registration;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A Registration API v1.3 stand-in on loopback for tests: the resource, health and delete paths with the
 * referential integrity rule (a parent must be registered first), recording every request in arrival order.
 */
public final class RegistryStandIn implements AutoCloseable {
    static final String BASE = "/x-nmos/registration/v1.3/";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One request as it arrived. */
    public record Request(String method, String path, JsonNode body) {
        /** {@code POST node}, {@code HEARTBEAT}, {@code DELETE receiver} ... */
        public String summary() {
            if (path.startsWith(BASE + "health/nodes/")) {
                return "HEARTBEAT";
            }
            if (method.equals("POST")) {
                return "POST " + body.path("type").asText();
            }
            return method + " " + path.substring((BASE + "resource/").length()).replaceAll("s/.*", "");
        }
    }

    private final HttpServer server;
    private final BlockingQueue<Request> requests = new LinkedBlockingQueue<>();
    // Guarded by this.
    private final Map<String, String> types = new HashMap<>();
    private final Map<String, String> parents = new HashMap<>();
    private final Set<String> refuse = new HashSet<>();
    private int forcedStatus;
    private int conflicts;

    private RegistryStandIn(HttpServer server) {
        this.server = server;
    }

    public static RegistryStandIn start(int port) throws IOException {
        HttpServer s = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 16);
        RegistryStandIn r = new RegistryStandIn(s);
        s.createContext(BASE, r::handle);
        s.start();
        return r;
    }

    public URI base() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    int port() {
        return server.getAddress().getPort();
    }

    /** The next request, waiting for it; fails the test after 10 s. */
    public Request next() throws InterruptedException {
        Request r = requests.poll(10, TimeUnit.SECONDS);
        if (r == null) {
            throw new AssertionError("no request reached the registry stand-in");
        }
        return r;
    }

    /** The next request that is not a heartbeat. */
    public Request nextNonHeartbeat() throws InterruptedException {
        while (true) {
            Request r = next();
            if (!r.summary().equals("HEARTBEAT")) {
                return r;
            }
        }
    }

    /** Requests arrived but not taken yet. */
    int waiting() {
        return requests.size();
    }

    /** Forgets every resource, as after garbage collection. */
    synchronized void forget() {
        types.clear();
        parents.clear();
    }

    /** Holds a resource as if registered before. */
    synchronized void hold(String type, String id) {
        types.put(id, type);
    }

    /** Answers POSTs of this resource id with 400. */
    synchronized void refuse(String id) {
        refuse.add(id);
    }

    /** Answers every request with this status (0: normal behaviour again). */
    synchronized void answerAllWith(int status) {
        forcedStatus = status;
    }

    /** Answers the next {@code n} node POSTs with 409, as a registry holding the node at another API version. */
    synchronized void conflictOnNodePosts(int n) {
        conflicts = n;
    }

    synchronized boolean holds(String id) {
        return types.containsKey(id);
    }

    private void handle(HttpExchange ex) throws IOException {
        String method = ex.getRequestMethod();
        String path = ex.getRequestURI().getPath();
        byte[] in = ex.getRequestBody().readAllBytes();
        JsonNode body = in.length == 0 ? JSON.missingNode() : JSON.readTree(in);
        int status;
        String answer;
        // Recorded and answered under one lock: a test that saw a request and then changes the stand-in's state
        // knows that request was answered from the state before.
        synchronized (this) {
            requests.add(new Request(method, path, body));
            if (forcedStatus != 0) {
                status = forcedStatus;
                answer = "{\"code\":" + status + ",\"error\":\"forced\",\"debug\":null}";
            } else {
                status = route(method, path, body);
                answer = status >= 400 ? "{\"code\":" + status + ",\"error\":\"stand-in\",\"debug\":null}"
                        : status == 204 ? "" : body.path("data").toString();
            }
        }
        byte[] out = answer.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", "application/json");
        ex.sendResponseHeaders(status, status == 204 ? -1 : out.length);
        if (status != 204) {
            ex.getResponseBody().write(out);
        }
        ex.close();
    }

    private int route(String method, String path, JsonNode body) {
        if (method.equals("POST") && path.equals(BASE + "resource")) {
            String type = body.path("type").asText();
            JsonNode data = body.path("data");
            String id = data.path("id").asText();
            if (refuse.contains(id)) {
                return 400;
            }
            if (type.equals("node") && conflicts > 0) {
                conflicts--;
                return 409;
            }
            String parent = switch (type) {
                case "node" -> null;
                case "device" -> data.path("node_id").asText();
                default -> data.path("device_id").asText();
            };
            if (parent != null && !types.containsKey(parent)) {
                return 400;
            }
            boolean existed = types.put(id, type) != null;
            if (parent != null) {
                parents.put(id, parent);
            }
            return existed ? 200 : 201;
        }
        if (method.equals("POST") && path.startsWith(BASE + "health/nodes/")) {
            return types.containsKey(path.substring((BASE + "health/nodes/").length())) ? 200 : 404;
        }
        if (method.equals("DELETE") && path.startsWith(BASE + "resource/")) {
            String id = path.substring(path.lastIndexOf('/') + 1);
            if (types.remove(id) == null) {
                return 404;
            }
            removeChildren(id);
            return 204;
        }
        return 404;
    }

    private void removeChildren(String id) {
        for (String child : Set.copyOf(parents.keySet())) {
            if (id.equals(parents.get(child))) {
                parents.remove(child);
                types.remove(child);
                removeChildren(child);
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
