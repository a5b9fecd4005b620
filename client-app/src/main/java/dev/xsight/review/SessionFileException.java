package dev.xsight.review;

import java.nio.file.Path;

/**
 * A session file that cannot be opened or written: not an Xsight session, corrupt, from a newer version, or an
 * I/O failure. The message names the file and says what to do; the file is left as it was.
 */
public final class SessionFileException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final transient Path file;

    public SessionFileException(Path file, String reason, Throwable cause) {
        super(file + ": " + reason, cause);
        this.file = file;
    }

    public Path file() {
        return file;
    }
}
