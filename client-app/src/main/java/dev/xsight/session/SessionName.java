package dev.xsight.session;

import java.util.regex.Pattern;

/**
 * The name of a shared session: letters, digits, {@code -} and {@code _}, 1 to 64 characters. It is a NATS subject
 * token and part of a JetStream stream name, so nothing else is allowed.
 */
public record SessionName(String value) {
    private static final Pattern VALID = Pattern.compile("[A-Za-z0-9_-]{1,64}");

    public SessionName {
        if (value == null || !VALID.matcher(value).matches()) {
            throw new IllegalArgumentException("session name " + (value == null ? "(none)" : "'" + value + "'")
                    + " is not allowed: use 1-64 letters, digits, '-' or '_'");
        }
    }

    /** Every subject of the session: {@code xsight.<name>.>}. */
    public String allSubjects() {
        return "xsight." + value + ".>";
    }

    /** The subject of one kind of event, e.g. {@code subject("notes")}. */
    public String subject(String kind) {
        return "xsight." + value + "." + kind;
    }

    /** The JetStream stream that keeps this session ({@code XSIGHT_<name>}). */
    public String streamName() {
        return "XSIGHT_" + value;
    }

    @Override
    public String toString() {
        return value;
    }
}
