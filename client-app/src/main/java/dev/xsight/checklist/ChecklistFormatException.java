package dev.xsight.checklist;

/** A taxonomy or checklist template file that cannot be used; the message names the file and what is wrong. */
public final class ChecklistFormatException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    public ChecklistFormatException(String file, String reason, Throwable cause) {
        super(file + ": " + reason, cause);
    }
}
