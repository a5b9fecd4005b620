package dev.xsight.export;

import dev.xsight.checklist.QcTaxonomy;
import dev.xsight.review.Note;
import dev.xsight.review.NoteStatus;
import dev.xsight.review.Session;
import dev.xsight.review.Severity;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;

/**
 * QC report CSV in the column style of streaming-platform QC reports: one row per note with timecode in and out,
 * severity, category and code, description, author and status (plus id, source and times so it reads back
 * losslessly apart from drawings and frame grabs). UTF-8, CRLF, RFC 4180 quoting.
 */
final class CsvNotes implements NoteCodec {
    static final List<String> HEADER = List.of("Note ID", "Timecode In", "Timecode Out", "Severity", "Category",
            "Code", "Description", "Author", "Status", "Source", "Created", "Edited");

    @Override
    public void write(Session session, List<Note> notes, OutputStream out) throws IOException {
        QcTaxonomy tax = QcTaxonomy.builtIn();
        StringBuilder b = new StringBuilder(CsvRecords.line(HEADER));
        for (Note n : notes) {
            b.append(CsvRecords.line(List.of(n.id(), n.tcIn().toString(), n.tcOut().toString(), n.severity().label(),
                    tax.displayName(n.category()), n.category(), n.text(), n.author(), n.status().label(),
                    n.source(), n.created().toString(), n.edited().toString())));
        }
        out.write(b.toString().getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public ImportResult read(Session session, String text) {
        return CsvRecords.read(text, h -> {
            int cIn = h.find("Timecode In", "TC In", "Timecode");
            int cDesc = h.find("Description", "Note", "Comment");
            if (cIn < 0 || cDesc < 0) {
                throw new IllegalArgumentException("header needs \"Timecode In\" and \"Description\" columns");
            }
            int cId = h.find("Note ID", "ID");
            int cOut = h.find("Timecode Out", "TC Out");
            int cSev = h.find("Severity");
            int cCode = h.find("Code");
            int cCat = h.find("Category");
            int cAuthor = h.find("Author");
            int cStatus = h.find("Status");
            int cSource = h.find("Source");
            int cCreated = h.find("Created");
            int cEdited = h.find("Edited");
            return f -> {
                String sev = CsvHeader.get(f, cSev);
                String status = CsvHeader.get(f, cStatus);
                String code = CsvHeader.get(f, cCode);
                return ImportedNotes.build(session, CsvHeader.get(f, cId), CsvHeader.get(f, cSource),
                        CsvHeader.get(f, cIn), CsvHeader.get(f, cOut), null,
                        code.isEmpty() ? CsvHeader.get(f, cCat) : code,
                        sev.isEmpty() ? Severity.ISSUE : Severity.parse(sev), fieldRaw(f, cDesc),
                        CsvHeader.get(f, cAuthor), status.isEmpty() ? NoteStatus.OPEN : NoteStatus.parse(status),
                        instant(CsvHeader.get(f, cCreated)), instant(CsvHeader.get(f, cEdited)));
            };
        });
    }

    private static String fieldRaw(List<String> f, int c) {
        return c < f.size() ? f.get(c) : "";
    }

    static Instant instant(String s) {
        if (s.isEmpty()) {
            return null;
        }
        try {
            return Instant.parse(s);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("bad time '" + s + "': expected ISO-8601 like 2026-01-31T12:00:00Z");
        }
    }
}
