package dev.xsight.nmos.registration;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.xsight.nmos.NmosResource;
import dev.xsight.nmos.ResourceType;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.UUID;

/**
 * The requests of the IS-04 v1.3 Registration API against one registry, blocking on the caller's thread. Status
 * codes become results or {@link RegistrationException}s of the kind IS-04 "Behaviour: Registration" implies.
 */
final class RegistryClient {
    static final String PATH = "/x-nmos/registration/v1.3/";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http;
    private final URI base;
    private final Duration timeout;

    RegistryClient(HttpClient http, URI base, Duration timeout) {
        this.http = http;
        this.base = base;
        this.timeout = timeout;
    }

    URI base() {
        return base;
    }

    /** POST /resource: 201 when created, 200 when it updated a resource the registry held. */
    int post(NmosResource r) throws RegistrationException {
        ObjectNode body = JSON.createObjectNode();
        body.put("type", r.type().word());
        body.set("data", r.data());
        HttpResponse<String> res = send(HttpRequest.newBuilder(uri("resource"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString())), "register " + describe(r));
        int s = res.statusCode();
        if (s == 200 || s == 201) {
            return s;
        }
        throw failure(s, res.body(), "register " + describe(r));
    }

    /** POST /health/nodes/{id}: 200, or 404 when the registry does not know the node. */
    int heartbeat(UUID node) throws RegistrationException {
        HttpResponse<String> res = send(HttpRequest.newBuilder(uri("health/nodes/" + node))
                .POST(HttpRequest.BodyPublishers.noBody()), "heartbeat");
        int s = res.statusCode();
        if (s == 200 || s == 404) {
            return s;
        }
        throw failure(s, res.body(), "heartbeat");
    }

    /** DELETE /resource/{type}s/{id}: 204, or 404 when it was not there (both fine). */
    void delete(ResourceType type, UUID id) throws RegistrationException {
        String what = "unregister " + type.word() + " " + id;
        HttpResponse<String> res = send(HttpRequest.newBuilder(uri("resource/" + type.word() + "s/" + id))
                .DELETE(), what);
        int s = res.statusCode();
        if (s != 204 && s != 404 && s != 200) {
            throw failure(s, res.body(), what);
        }
    }

    private URI uri(String tail) {
        String b = base.toString();
        return URI.create((b.endsWith("/") ? b.substring(0, b.length() - 1) : b) + PATH + tail);
    }

    private HttpResponse<String> send(HttpRequest.Builder request, String what) throws RegistrationException {
        try {
            return http.send(request.timeout(timeout).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new RegistrationException(RegistrationException.Kind.UNREACHABLE, base, 0,
                    what + ": no answer from " + base + " (" + e + ")", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RegistrationException(RegistrationException.Kind.UNREACHABLE, base, 0,
                    what + ": interrupted", e);
        }
    }

    private RegistrationException failure(int status, String body, String what) {
        RegistrationException.Kind kind = status >= 500 ? RegistrationException.Kind.SERVER_ERROR
                : status == 409 ? RegistrationException.Kind.CONFLICT
                : status >= 400 ? RegistrationException.Kind.REJECTED
                : RegistrationException.Kind.PROTOCOL;
        String detail = body == null || body.isBlank() ? "" : ": " + abbreviate(body);
        return new RegistrationException(kind, base, status, what + " at " + base + " answered " + status + detail,
                null);
    }

    private static String describe(NmosResource r) {
        return r.type().word() + " " + r.id();
    }

    private static String abbreviate(String s) {
        String one = s.replaceAll("\\s+", " ").trim();
        return one.length() > 300 ? one.substring(0, 300) + "…" : one;
    }
}
