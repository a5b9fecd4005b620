package dev.xsight.nmos.query;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * One entry of a Query API websocket grain's {@code data} (IS-04 "Behaviour: Querying"): the resource's id
 * ({@code path}) with its state before and after. Added: no {@code pre}; removed: no {@code post}; unchanged (the
 * first, "sync" grain of a subscription): both, equal.
 */
public record ResourceChange(String path, ObjectNode pre, ObjectNode post) {
    public boolean removed() {
        return post == null;
    }
}
