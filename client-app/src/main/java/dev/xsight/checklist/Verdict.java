package dev.xsight.checklist;

import java.util.Locale;

/** The operator's mark on a checklist item. */
public enum Verdict {
    UNCHECKED, PASS, FAIL, NOT_APPLICABLE;

    /** Parses {@code pass}, {@code fail}, {@code n/a}, {@code na}, {@code unchecked}. */
    public static Verdict parse(String text) {
        String t = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
        return switch (t) {
            case "pass" -> PASS;
            case "fail" -> FAIL;
            case "n/a", "na", "n.a.", "not_applicable", "not-applicable" -> NOT_APPLICABLE;
            case "", "unchecked" -> UNCHECKED;
            default -> throw new IllegalArgumentException("bad verdict '" + text + "': expected pass, fail or n/a");
        };
    }

    public String label() {
        return this == NOT_APPLICABLE ? "n/a" : name().toLowerCase(Locale.ROOT);
    }
}
