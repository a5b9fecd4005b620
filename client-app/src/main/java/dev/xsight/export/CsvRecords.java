package dev.xsight.export;

import dev.xsight.review.Note;
import java.util.ArrayList;
import java.util.List;

/** RFC 4180 CSV: quoted fields may hold commas, quotes ("" escapes) and line breaks. */
final class CsvRecords {
    /** A record and the line it starts on (1-based). */
    record Row(int line, List<String> fields) {
    }

    /** Thrown for an unterminated quote, naming its line. */
    static final class CsvSyntaxException extends IllegalArgumentException {
        private static final long serialVersionUID = 1L;
        final int line;

        CsvSyntaxException(int line, String message) {
            super(message);
            this.line = line;
        }
    }

    /** Reads one record's fields into a note; a bad record throws {@link IllegalArgumentException}. */
    @FunctionalInterface
    interface RowReader {
        Note read(List<String> fields);
    }

    /** Finds a format's columns in the header; throws {@link IllegalArgumentException} naming a missing column. */
    @FunctionalInterface
    interface Columns {
        RowReader find(CsvHeader header);
    }

    private CsvRecords() {
    }

    /**
     * A CSV import: the header's columns through {@code columns}, then each record through the reader it returns.
     * A broken table or a missing column stops the import (one problem, no notes); a record the reader refuses is a
     * problem at its line and the others go on.
     */
    static ImportResult read(String text, Columns columns) {
        Table table = Table.parse(text);
        if (table.problem() != null) {
            return new ImportResult(List.of(), List.of(table.problem()));
        }
        RowReader reader;
        try {
            reader = columns.find(table.header());
        } catch (IllegalArgumentException e) {
            return new ImportResult(List.of(), List.of(ImportProblem.atLine(table.headerLine(), e.getMessage())));
        }
        List<Note> notes = new ArrayList<>();
        List<ImportProblem> problems = new ArrayList<>();
        for (Row row : table.body()) {
            try {
                notes.add(reader.read(row.fields()));
            } catch (IllegalArgumentException e) {
                problems.add(ImportProblem.atLine(row.line(), e.getMessage()));
            }
        }
        return new ImportResult(notes, problems);
    }

    /**
     * A CSV import's header and records, or the problem that stops it (a syntax error, an empty file).
     *
     * @param header the first record's columns (null when {@code problem} is set)
     * @param headerLine the header's line (1-based)
     * @param body the records after the header
     * @param problem why nothing can be imported, or null
     */
    record Table(CsvHeader header, int headerLine, List<Row> body, ImportProblem problem) {
        static Table parse(String text) {
            List<Row> rows;
            try {
                rows = CsvRecords.parse(text);
            } catch (CsvSyntaxException e) {
                return new Table(null, 0, List.of(), ImportProblem.atLine(e.line, e.getMessage()));
            }
            if (rows.isEmpty()) {
                return new Table(null, 0, List.of(), ImportProblem.atLine(1, "empty file: expected a header"));
            }
            return new Table(new CsvHeader(rows.getFirst().fields()), rows.getFirst().line(),
                    rows.subList(1, rows.size()), null);
        }
    }

    /** Splits text into records, skipping blank lines. */
    static List<Row> parse(String text) {
        List<Row> rows = new ArrayList<>();
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        int line = 1;
        int start = 1;
        boolean quoted = false;
        int quoteLine = 0;
        int i = 0;
        int n = text.length();
        while (i < n) {
            char c = text.charAt(i);
            if (quoted) {
                if (c == '"') {
                    if (i + 1 < n && text.charAt(i + 1) == '"') {
                        field.append('"');
                        i += 2;
                        continue;
                    }
                    quoted = false;
                } else {
                    if (c == '\n') {
                        line++;
                    }
                    field.append(c);
                }
                i++;
                continue;
            }
            if (c == '"' && field.isEmpty()) {
                quoted = true;
                quoteLine = line;
            } else if (c == ',') {
                fields.add(field.toString());
                field.setLength(0);
            } else if (c == '\r' || c == '\n') {
                if (c == '\r' && i + 1 < n && text.charAt(i + 1) == '\n') {
                    i++;
                }
                fields.add(field.toString());
                field.setLength(0);
                addRow(rows, start, fields);
                fields = new ArrayList<>();
                line++;
                start = line;
            } else {
                field.append(c);
            }
            i++;
        }
        if (quoted) {
            throw new CsvSyntaxException(quoteLine, "quote opened here is never closed");
        }
        if (!field.isEmpty() || !fields.isEmpty()) {
            fields.add(field.toString());
            addRow(rows, start, fields);
        }
        return rows;
    }

    private static void addRow(List<Row> rows, int line, List<String> fields) {
        if (fields.size() == 1 && fields.getFirst().isBlank()) {
            return;
        }
        rows.add(new Row(line, List.copyOf(fields)));
    }

    /** One field, quoted when it holds a comma, quote, line break or edge blank. */
    static String quote(String s) {
        boolean needs = s.indexOf(',') >= 0 || s.indexOf('"') >= 0 || s.indexOf('\n') >= 0 || s.indexOf('\r') >= 0
                || (!s.isEmpty() && (Character.isWhitespace(s.charAt(0))
                || Character.isWhitespace(s.charAt(s.length() - 1))));
        return needs ? '"' + s.replace("\"", "\"\"") + '"' : s;
    }

    static String line(List<String> fields) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < fields.size(); i++) {
            if (i > 0) {
                b.append(',');
            }
            b.append(quote(fields.get(i)));
        }
        return b.append("\r\n").toString();
    }
}
