package dev.xsight.cli;

import static dev.xsight.cli.CliRun.run;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.xsight.review.SqliteNoteStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The {@code notes} CLI contract. */
class NotesCommandTest {
    @TempDir
    Path dir;

    private CliRun add(Path db, String rate, String tc, String severity, String text) {
        return run("notes", "add", "--db", db.toString(), "--rate", rate, "--tc", tc, "--severity", severity,
                "--category", "banding", "--text", text, "--author", "Ann", "--source", "grade");
    }

    @Test
    void addCreatesTheSessionAndPrintsOnlyTheIdOfTheStoredNote() {
        Path db = dir.resolve("s.xsight");
        CliRun r = run("notes", "add", "--db", db.toString(), "--rate", "24000/1001", "--tc", "01:00:10:05",
                "--out-tc", "01:00:12:00", "--severity", "blocker", "--category", "banding", "--text", "Sky bands");
        assertEquals(0, r.code(), r.err());
        String id = r.out().strip();
        assertTrue(id.matches("[0-9a-f-]{36}"), r.out());
        assertEquals(1, r.out().lines().count());
        try (SqliteNoteStore s = SqliteNoteStore.open(db)) {
            var n = s.get(id).orElseThrow();
            assertEquals("01:00:10:05", n.tcIn().toString());
            assertEquals("01:00:12:00", n.tcOut().toString());
            assertEquals("V-BAND", n.category());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"25|01:00:00:29", "24000/1001|01:00:00:24", "25|01:00:00;10", "30000/1001|01:01:00;00",
        "25|1:00:00:00", "25|01:61:00:00"})
    void timecodeOutsideTheRateExitsTwoWithOneLine(String spec) {
        String[] p = spec.split("\\|");
        CliRun r = add(dir.resolve("s.xsight"), p[0], p[1], "issue", "x");
        assertEquals(2, r.code());
        assertEquals(1, r.err().lines().count(), r.err());
        assertTrue(r.err().contains(p[1]), r.err());
        assertEquals("", r.out());
    }

    @Test
    void aSessionKeepsItsRate() {
        Path db = dir.resolve("s.xsight");
        assertEquals(0, add(db, "25", "01:00:00:00", "fyi", "a").code());
        CliRun r = add(db, "24", "01:00:00:00", "fyi", "b");
        assertEquals(2, r.code());
        assertTrue(r.err().contains("not --rate 24/1"), r.err());
    }

    @Test
    void badSeverityExitsTwo() {
        CliRun r = add(dir.resolve("s.xsight"), "25", "01:00:00:00", "critical", "x");
        assertEquals(2, r.code());
        assertTrue(r.err().contains("expected blocker, issue or fyi"), r.err());
    }

    @Test
    void listJsonIsAnArrayOfAllNotes() throws Exception {
        Path db = dir.resolve("s.xsight");
        String a = add(db, "30000/1001", "01:00:00;00", "blocker", "first").out().strip();
        String b = add(db, "30000/1001", "00:59:59;29", "fyi", "second").out().strip();
        CliRun r = run("notes", "list", "--db", db.toString(), "--json");
        assertEquals(0, r.code(), r.err());
        JsonNode arr = new ObjectMapper().readTree(r.out());
        assertTrue(arr.isArray());
        assertEquals(2, arr.size());
        assertEquals(b, arr.get(0).get("id").asText()); // ordered by timecode
        assertEquals(a, arr.get(1).get("id").asText());
        assertEquals("01:00:00;00", arr.get(1).get("tcIn").asText());
        assertEquals("blocker", arr.get(1).get("severity").asText());
        assertEquals("V-BAND", arr.get(1).get("category").asText());
        assertEquals("Ann", arr.get(1).get("author").asText());
        assertEquals("open", arr.get(1).get("status").asText());
    }

    @ParameterizedTest
    @ValueSource(strings = {"csv", "json", "edl", "resolve-edl", "avid", "otio"})
    void exportThenImportIntoANewSessionGivesTheSameNotes(String format) throws Exception {
        Path db = dir.resolve("s.xsight");
        add(db, "25", "01:00:00:00", "blocker", "one");
        add(db, "25", "01:00:05:10", "issue", "two, with a comma");
        add(db, "25", "10:00:00:24", "fyi", "three");
        Path out = dir.resolve("out." + format);
        CliRun e = run("notes", "export", "--db", db.toString(), "--format", format, "-o", out.toString());
        assertEquals(0, e.code(), e.err());
        Path db2 = dir.resolve("s2.xsight");
        CliRun i = run("notes", "import", "--db", db2.toString(), "--rate", "25", "--format", format, out.toString());
        assertEquals(0, i.code(), i.err());
        JsonNode before = new ObjectMapper().readTree(run("notes", "list", "--db", db.toString(), "--json").out());
        JsonNode after = new ObjectMapper().readTree(run("notes", "list", "--db", db2.toString(), "--json").out());
        assertEquals(before.size(), after.size());
        for (int k = 0; k < before.size(); k++) {
            for (String field : List.of("tcIn", "tcOut", "severity", "category", "text")) {
                assertEquals(before.get(k).get(field), after.get(k).get(field), format + " " + field);
            }
        }
    }

    @Test
    void pdfExportWritesAPdf() throws Exception {
        Path db = dir.resolve("s.xsight");
        add(db, "25", "01:00:00:00", "blocker", "one");
        Path out = dir.resolve("r.pdf");
        assertEquals(0, run("notes", "export", "--db", db.toString(), "--format", "pdf", "-o", out.toString())
                .code());
        assertEquals("%PDF-", new String(Files.readAllBytes(out), 0, 5, java.nio.charset.StandardCharsets.US_ASCII));
    }

    @Test
    void importWithBadLinesNamesThemAndImportsNothingUnlessSkipBad() throws Exception {
        Path db = dir.resolve("s.xsight");
        add(db, "25", "01:00:00:00", "fyi", "existing");
        Path avid = dir.resolve("m.txt");
        Files.writeString(avid, "Ann\t01:00:01:00\tV1\tred\tgood\t1\n"
                + "Ann\t01:00:02:29\tV1\tred\tframe 29\t1\n"
                + "Ann\t01:00:03:00\tV1\tblue\tgood too\t1\n"
                + "just some text\n");
        CliRun r = run("notes", "import", "--db", db.toString(), "--format", "avid", avid.toString());
        assertEquals(2, r.code());
        assertTrue(r.err().contains("line 2") && r.err().contains("line 4"), r.err());
        assertEquals(1, new ObjectMapper().readTree(run("notes", "list", "--db", db.toString(), "--json").out())
                .size());
        r = run("notes", "import", "--db", db.toString(), "--format", "avid", "--skip-bad", avid.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("imported 2 notes"), r.out());
        assertTrue(r.err().contains("line 2"), r.err());
        assertEquals(3, new ObjectMapper().readTree(run("notes", "list", "--db", db.toString(), "--json").out())
                .size());
    }

    @Test
    void aForeignFileIsRefusedWithAMessageAndLeftUntouched() throws Exception {
        Path db = dir.resolve("thesis.docx");
        byte[] content = "PK\3\4 not a session at all".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        Files.write(db, content);
        CliRun r = add(db, "25", "01:00:00:00", "fyi", "x");
        assertEquals(1, r.code());
        assertTrue(r.err().contains("not an Xsight session"), r.err());
        assertEquals(1, r.err().lines().count(), r.err());
        assertArrayEquals(content, Files.readAllBytes(db));
        r = run("notes", "list", "--db", dir.resolve("missing.xsight").toString(), "--json");
        assertEquals(1, r.code());
        assertTrue(r.err().contains("no such session file"), r.err());
        assertTrue(Files.notExists(dir.resolve("missing.xsight")));
    }

    @Test
    void importIntoAMissingSessionFileSaysThatRateCreatesItAndCreatesNothing() throws Exception {
        Path csv = dir.resolve("in.csv");
        Path db = dir.resolve("new.xsight");
        assertEquals(0, add(dir.resolve("src.xsight"), "25", "01:00:00:00", "fyi", "from the grade").code());
        assertEquals(0, run("notes", "export", "--db", dir.resolve("src.xsight").toString(), "--format", "csv", "-o",
                csv.toString()).code());
        CliRun r = run("notes", "import", "--db", db.toString(), "--format", "csv", csv.toString());
        assertEquals(2, r.code(), r.err());
        assertTrue(r.err().contains("no such session file") && r.err().contains("--rate"), r.err());
        assertEquals(1, r.err().lines().count(), r.err());
        assertTrue(Files.notExists(db));
        r = run("notes", "import", "--db", db.toString(), "--rate", "25", "--format", "csv", csv.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("imported 1 notes"), r.out());
        try (SqliteNoteStore s = SqliteNoteStore.open(db)) {
            assertEquals(1, s.list().size());
        }
    }
}
