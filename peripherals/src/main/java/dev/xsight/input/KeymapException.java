package dev.xsight.input;

/** A keymap file that cannot be used; the message names the file, the line and what is wrong. */
public final class KeymapException extends IllegalArgumentException {
    private final String source;
    private final int line;

    public KeymapException(String source, int line, String reason) {
        this(source, line, reason, null);
    }

    public KeymapException(String source, int line, String reason, Throwable cause) {
        super(source + (line > 0 ? " line " + line : "") + ": " + reason, cause);
        this.source = source;
        this.line = line;
    }

    /** The file (or resource) name. */
    public String source() {
        return source;
    }

    /** 1-based line, or 0 when unknown. */
    public int line() {
        return line;
    }
}
