package dev.xsight.export;

import dev.xsight.review.Note;
import dev.xsight.review.Session;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/** Exports a session's notes to a file atomically (see {@link AtomicFile}). Call off the FX thread. */
public final class NoteExport {
    private NoteExport() {
    }

    public static void write(NoteFormat format, Session session, List<Note> notes, Path out) throws IOException {
        if (!format.canWrite()) {
            throw new IllegalArgumentException("format " + format.cliName() + " is import-only");
        }
        for (Note n : notes) {
            n.checkedFor(session);
        }
        AtomicFile.write(out, o -> format.codec().write(session, notes, o));
    }
}
