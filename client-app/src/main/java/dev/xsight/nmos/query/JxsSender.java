package dev.xsight.nmos.query;

import java.util.Objects;

/**
 * A JPEG XS sender of the facility as the registry browser lists it: a Sender whose Flow has media type
 * {@code video/jxsv} (BCP-006-01).
 *
 * @param manifestHref the Sender's {@code manifest_href} (its SDP file), or null when it has none
 */
public record JxsSender(String id, String label, String description, String flowId, String manifestHref,
        String transport) {
    public JxsSender {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(label, "label");
    }
}
