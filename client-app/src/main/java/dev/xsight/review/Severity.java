package dev.xsight.review;

import java.util.Locale;

/** How much a note matters to the deliverable, in the order a QC report sorts them. */
public enum Severity {
    /** The deliverable fails QC until this is fixed or waived. */
    BLOCKER,
    /** A fault to fix or justify; does not by itself fail the deliverable. */
    ISSUE,
    /** For information only. */
    FYI;

    /** Parses {@code blocker}, {@code Issue}, {@code FYI} ... case-insensitively. */
    public static Severity parse(String text) {
        if (text != null) {
            String t = text.trim().toUpperCase(Locale.ROOT);
            for (Severity s : values()) {
                if (s.name().equals(t)) {
                    return s;
                }
            }
        }
        throw new IllegalArgumentException("bad severity '" + text + "': expected blocker, issue or fyi");
    }

    /** Lower-case word as the CLI and the CSV write it. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
