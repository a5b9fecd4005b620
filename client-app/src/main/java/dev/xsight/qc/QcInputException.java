package dev.xsight.qc;

/**
 * A feed the QC run cannot analyse (a file that is not media, a timecode tag that does not fit its rate); the
 * message names it in one line. An {@link IllegalArgumentException}, so the CLI exits 2 with it.
 */
public final class QcInputException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    public QcInputException(String input, String reason) {
        super(input + ": " + reason);
    }
}
