package dev.xsight.session;

import java.util.Objects;

/**
 * Someone in a shared session, as their presence announces them.
 *
 * @param name who they are (shown beside their notes)
 * @param role what they say they do; what they may do is decided by the server's permissions, not by this
 * @param feed which feed they watch ("grade" on ST 2110, "OTS" on HLS, a file ...)
 */
public record Member(String name, Role role, String feed) {
    /** Roles of a review session; the server's subject permissions enforce them. */
    public enum Role {
        /** Watches and reads notes. */
        VIEWER,
        /** Adds and edits notes. */
        REVIEWER,
        /** Adds notes and drives the playhead and source everyone follows. */
        DRIVER;

        public static Role parse(String s) {
            try {
                return valueOf(s.trim().toUpperCase(java.util.Locale.ROOT));
            } catch (IllegalArgumentException | NullPointerException e) {
                throw new IllegalArgumentException("role '" + s + "' is not viewer, reviewer or driver");
            }
        }

        public String word() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    public Member {
        if (name == null || name.isBlank() || name.length() > 100) {
            throw new IllegalArgumentException("member name must be 1-100 characters");
        }
        Objects.requireNonNull(role, "role");
        feed = Objects.requireNonNullElse(feed, "");
    }
}
