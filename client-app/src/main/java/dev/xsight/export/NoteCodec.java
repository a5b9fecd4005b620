package dev.xsight.export;

import dev.xsight.review.Note;
import dev.xsight.review.Session;
import java.io.IOException;
import java.io.OutputStream;
import java.util.List;

/** Writes notes to one interchange format and/or reads them back. Stateless; safe from any thread. */
interface NoteCodec {
    /** Writes {@code notes} (already checked against {@code session}) as this format. */
    default void write(Session session, List<Note> notes, OutputStream out) throws IOException {
        throw new UnsupportedOperationException("this format cannot be written");
    }

    /**
     * Reads notes from the whole file text, checking every timecode against {@code session}. Bad entries go into
     * {@link ImportResult#problems()} with their line; good ones into {@link ImportResult#notes()}.
     */
    default ImportResult read(Session session, String text) {
        throw new UnsupportedOperationException("this format cannot be read");
    }
}
