package dev.xsight.review;

import java.util.Locale;

/** Where a note stands: opened by the reviewer, then resolved one way or another. */
public enum NoteStatus {
    OPEN,
    /** Fixed in a later version. */
    FIX,
    /** Cannot be improved further from the material available. */
    BEST_POSSIBLE,
    /** Intended by the director; not a fault. */
    CREATIVE_INTENT,
    /** Accepted by the client as is. */
    WAIVED;

    /** Parses {@code open}, {@code best-possible}, {@code Creative Intent} ... case-insensitively. */
    public static NoteStatus parse(String text) {
        if (text != null) {
            String t = text.trim().toUpperCase(Locale.ROOT).replace('-', '_').replace(' ', '_');
            for (NoteStatus s : values()) {
                if (s.name().equals(t)) {
                    return s;
                }
            }
        }
        throw new IllegalArgumentException("bad status '" + text
                + "': expected open, fix, best-possible, creative-intent or waived");
    }

    /** Lower-case words joined by '-', as the CLI and exports write it. */
    public String label() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
