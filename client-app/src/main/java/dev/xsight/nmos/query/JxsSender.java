package dev.xsight.nmos.query;

import java.util.Objects;

/**
 * A JPEG XS sender of the facility as the registry browser lists it: a Sender whose Flow has media type
 * {@code video/jxsv} (BCP-006-01).
 *
 * @param manifestHref the Sender's {@code manifest_href} (its SDP file), or null when it has none
 * @param format the Flow's picture format in one line ({@link JxsSenderList#describe}), empty when it says none
 */
public record JxsSender(String id, String label, String description, String flowId, String manifestHref,
        String transport, String format) {
    public JxsSender {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(label, "label");
        Objects.requireNonNull(format, "format");
    }

    /** A sender whose flow's format is not described. */
    public JxsSender(String id, String label, String description, String flowId, String manifestHref,
            String transport) {
        this(id, label, description, flowId, manifestHref, transport, "");
    }
}
