package dev.xsight.qc;

/**
 * A QC profile that cannot be used; the message names the file and the field ({@code checks.black.severity}) and
 * what is wrong. An {@link IllegalArgumentException}, so the CLI exits 2 with it.
 */
public final class QcProfileException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;
    private final String file;
    private final String field;

    public QcProfileException(String file, String field, String reason, Throwable cause) {
        super(file + (field == null || field.isEmpty() ? "" : ": " + field) + ": " + reason, cause);
        this.file = file;
        this.field = field == null ? "" : field;
    }

    /** The profile file (or built-in resource) at fault. */
    public String file() {
        return file;
    }

    /** The field at fault, e.g. {@code checks.black.severity}, or empty for the file as a whole. */
    public String field() {
        return field;
    }
}
