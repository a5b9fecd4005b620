package dev.xsight.shell.nmos;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.xsight.nmos.query.JxsSender;
import dev.xsight.nmos.query.QueryClient;
import dev.xsight.nmos.query.QueryException;
import dev.xsight.st2110.sdp.SessionDescription;
import java.net.URI;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Names the sender an activation routed to us: its IS-04 label when a registry is known (the browser's list, else
 * a Query API request for that sender), else the SDP's session name, else the sender id.
 *
 * <p>Threading: {@link #remember} and {@link #useQuery} from any thread; {@link #labelOf} blocks (one HTTP request
 * at most) and runs on the shell node's thread.
 */
final class SenderNames {
    private static final Logger LOG = LoggerFactory.getLogger(SenderNames.class);
    private static final Duration TIMEOUT = Duration.ofSeconds(3);

    private final URI configured;
    private final Supplier<URI> registry;
    private volatile Map<String, String> known = Map.of();
    private volatile URI browsed;

    /**
     * @param query the Query API given in the options, or null
     * @param registry the registry the node is registered with now, or null (a registry usually serves its Query
     *     API at the same address)
     */
    SenderNames(URI query, Supplier<URI> registry) {
        this.configured = query;
        this.registry = registry;
    }

    /** The senders the browser lists now. */
    void remember(List<JxsSender> senders) {
        Map<String, String> m = new HashMap<>();
        senders.forEach(s -> m.put(s.id(), s.label()));
        known = Map.copyOf(m);
    }

    /** The Query API the browser found. */
    void useQuery(URI base) {
        browsed = base;
    }

    /** The label of {@code sender} (null: none given) from the registry, else the SDP's session name or the id. */
    String labelOf(UUID sender, SessionDescription sdp) {
        if (sender != null) {
            String label = known.get(sender.toString());
            if (label == null || label.isBlank()) {
                label = ask(sender);
            }
            if (label != null && !label.isBlank()) {
                return label;
            }
        }
        if (sdp != null && sdp.sessionName() != null && !sdp.sessionName().isBlank()
                && !sdp.sessionName().equals("-")) {
            return sdp.sessionName();
        }
        return sender != null ? sender.toString() : "a sender with no id";
    }

    private String ask(UUID sender) {
        URI base = configured != null ? configured : browsed != null ? browsed : registry.get();
        if (base == null) {
            return null;
        }
        try (QueryClient q = new QueryClient(base, TIMEOUT)) {
            List<ObjectNode> found = q.list("senders", Map.of("id", sender.toString()));
            // The id filter is a basic query; a registry that ignores it still answers with the right one among all.
            return found.stream().filter(o -> o.path("id").asText("").equals(sender.toString())).findFirst()
                    .map(o -> o.path("label").asText(null)).orElse(null);
        } catch (QueryException | RuntimeException e) {
            LOG.info("sender {} not named by the Query API at {}: {}", sender, base, e.getMessage());
            return null;
        }
    }
}
