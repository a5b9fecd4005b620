package dev.xsight.shell.nmos;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.xsight.nmos.discovery.NmosDiscovery;
import dev.xsight.nmos.discovery.NmosService;
import dev.xsight.nmos.node.NmosNode;
import dev.xsight.nmos.query.JxsSender;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.function.Supplier;

/**
 * What the registry browser does over the network: finds the Query API, and connects a sender to our receiver the
 * way a controller does: GET the sender's {@code manifest_href} (its SDP), then PATCH our receiver's IS-05
 * {@code /staged} with {@code sender_id}, {@code master_enable: true}, the SDP as {@code transport_file} and
 * {@code activate_immediate}.
 *
 * <p>Threading: every method blocks; call from the browser's worker thread.
 */
final class SenderRouting {
    static final Duration TIMEOUT = Duration.ofSeconds(5);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final NmosOptions options;
    private final Supplier<NmosNode> node;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(TIMEOUT).build();

    SenderRouting(NmosOptions options, Supplier<NmosNode> node) {
        this.options = options;
        this.node = node;
    }

    /**
     * The Query API to browse: the one given ({@code --nmos-query}), else the best found by DNS-SD
     * ({@code _nmos-query._tcp}), else the registry given with {@code --registry} (registries commonly serve both
     * APIs at one address).
     */
    URI findQuery() throws RoutingException {
        if (options.query() != null) {
            return options.query();
        }
        List<NmosService> found = new NmosDiscovery(options.registration().discovery(), new Random())
                .find(NmosDiscovery.QUERY);
        if (!found.isEmpty()) {
            return found.getFirst().baseUri();
        }
        if (options.registration().registry() != null) {
            return options.registration().registry();
        }
        throw new RoutingException(RoutingException.Kind.NO_REGISTRY, "No NMOS registry found: no Query API"
                + " advertised (_nmos-query._tcp) and none given (--nmos-query URL or --registry URL)", null);
    }

    /**
     * Connects {@code sender} to our receiver.
     *
     * @return what happened, for the view
     */
    String connect(JxsSender sender) throws RoutingException {
        NmosNode n = node.get();
        if (n == null) {
            throw new RoutingException(RoutingException.Kind.NO_NODE, "The NMOS node is not running", null);
        }
        if (sender.manifestHref() == null || sender.manifestHref().isBlank()) {
            throw new RoutingException(RoutingException.Kind.NO_MANIFEST, "\"" + sender.label()
                    + "\" offers no SDP (its manifest_href is null)", null);
        }
        String sdp = fetchSdp(sender);
        ObjectNode body = JSON.createObjectNode();
        body.put("sender_id", sender.id());
        body.put("master_enable", true);
        body.putObject("activation").put("mode", "activate_immediate");
        body.putObject("transport_file").put("data", sdp).put("type", "application/sdp");
        URI staged = URI.create(n.baseUrl() + "/x-nmos/connection/v1.1/single/receivers/"
                + n.model().ids().receiver() + "/staged");
        HttpResponse<String> r;
        try {
            r = http.send(HttpRequest.newBuilder(staged).timeout(TIMEOUT).header("Content-Type", "application/json")
                    .method("PATCH", HttpRequest.BodyPublishers.ofString(body.toString())).build(),
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new RoutingException(RoutingException.Kind.REFUSED, "Our receiver did not answer at " + staged
                    + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RoutingException(RoutingException.Kind.REFUSED, "Interrupted", e);
        }
        if (r.statusCode() != 200 && r.statusCode() != 202) {
            throw new RoutingException(RoutingException.Kind.REFUSED, "Our receiver refused \"" + sender.label()
                    + "\" (" + r.statusCode() + "): " + errorText(r.body()), null);
        }
        return "Connected \"" + sender.label() + "\" to this monitor";
    }

    private String fetchSdp(JxsSender sender) throws RoutingException {
        URI uri;
        try {
            uri = URI.create(sender.manifestHref());
        } catch (IllegalArgumentException e) {
            throw new RoutingException(RoutingException.Kind.MANIFEST, "\"" + sender.label()
                    + "\" has a manifest_href that is not a URL: " + sender.manifestHref(), e);
        }
        try {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(uri).timeout(TIMEOUT)
                    .header("Accept", "application/sdp").GET().build(),
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            if (r.statusCode() != 200) {
                throw new RoutingException(RoutingException.Kind.MANIFEST, "The SDP of \"" + sender.label()
                        + "\" at " + uri + " answered " + r.statusCode(), null);
            }
            return r.body();
        } catch (IOException | IllegalArgumentException e) {
            throw new RoutingException(RoutingException.Kind.MANIFEST, "Cannot fetch the SDP of \""
                    + sender.label() + "\" at " + uri + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RoutingException(RoutingException.Kind.MANIFEST, "Interrupted", e);
        }
    }

    /** The {@code error} of an IS-05 error body, else the body itself. */
    private static String errorText(String body) {
        try {
            JsonNode n = JSON.readTree(body);
            if (n.path("error").isTextual()) {
                return n.get("error").asText();
            }
        } catch (IOException e) {
            // not JSON: show it as it came
        }
        return body.length() > 300 ? body.substring(0, 300) + " …" : body;
    }

    void close() {
        http.close();
    }
}
