package dev.xsight.nmos;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Objects;
import java.util.UUID;

/**
 * One IS-04 resource as the Node API serves it and the Registration API receives it: its type, its id and its
 * JSON body (which carries the same {@code id} and a {@code version} "seconds:nanoseconds" TAI timestamp).
 * Immutable: a change is a new value with a new version. The body must not be modified after construction.
 */
public record NmosResource(ResourceType type, UUID id, ObjectNode data) {
    public NmosResource {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(data, "data");
    }

    /** The {@code version} field of the body. */
    public String version() {
        return data.path("version").asText();
    }
}
