package dev.xsight.export;

import dev.xsight.review.Session;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Reads notes from an interchange file, checking each against the session. Call off the FX thread. */
public final class NoteImport {
    /** Files larger than this are refused before reading (a marker list of a feature is well under 1 MiB). */
    public static final long MAX_FILE_BYTES = 64L << 20;

    private NoteImport() {
    }

    /**
     * Reads {@code file}. With {@code skipBad} false any bad entry makes the whole import fail.
     *
     * @throws ImportException listing the bad entries (nothing imported), or when the file is unreadable
     */
    public static ImportResult read(NoteFormat format, Session session, Path file, boolean skipBad)
            throws IOException {
        if (!format.canRead()) {
            throw new IllegalArgumentException("format " + format.cliName() + " is export-only");
        }
        long size = Files.size(file);
        if (size > MAX_FILE_BYTES) {
            throw new ImportException(file, "file of " + size + " bytes is larger than " + MAX_FILE_BYTES);
        }
        return read(format, session, file, Files.readAllBytes(file), skipBad);
    }

    /** {@link #read(NoteFormat, Session, Path, boolean)} on bytes already read ({@code file} names them in messages). */
    static ImportResult read(NoteFormat format, Session session, Path file, byte[] bytes, boolean skipBad) {
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new ImportException(file, "not UTF-8 text");
        }
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1);
        }
        ImportResult r = format.codec().read(session, text);
        if (!r.problems().isEmpty() && !skipBad) {
            throw new ImportException(file, r.problems());
        }
        return r;
    }
}
