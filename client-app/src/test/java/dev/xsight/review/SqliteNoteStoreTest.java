package dev.xsight.review;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.xsight.checklist.ChecklistEntry;
import dev.xsight.checklist.Verdict;
import dev.xsight.media.FrameRate;
import dev.xsight.media.Timecode;
import dev.xsight.media.TimecodeException;
import java.io.ByteArrayOutputStream;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The SQLite session store on real files. */
class SqliteNoteStoreTest {
    private static final FrameRate RATE = FrameRate.FPS_29_97;

    @TempDir
    Path dir;

    private static Timecode tc(String s) {
        return Timecode.parse(s, RATE);
    }

    private static Session dropSession() {
        return new Session("Prod", "Ep 101", "UHD HDR master", RATE, true, List.of("grade", "OTS"));
    }

    static byte[] png() throws Exception {
        java.awt.image.BufferedImage img = new java.awt.image.BufferedImage(64, 36,
                java.awt.image.BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < 36; y++) {
            for (int x = 0; x < 64; x++) {
                img.setRGB(x, y, (x * 4) << 16 | (y * 7) << 8 | 0x40);
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        javax.imageio.ImageIO.write(img, "png", out);
        return out.toByteArray();
    }

    @Test
    void storesEveryFieldOfANoteAndReadsItBackAfterReopening() throws Exception {
        Path f = dir.resolve("s.xsight");
        List<Drawing> drawings = List.of(
                new Drawing.Pen(List.of(new NormalizedPoint(0.1, 0.2), new NormalizedPoint(0.15, 0.25)),
                        StrokeStyle.DEFAULT),
                new Drawing.Arrow(new NormalizedPoint(0, 0), new NormalizedPoint(1, 1), new StrokeStyle("#00ff00",
                        0.01)),
                new Drawing.Rectangle(new NormalizedPoint(0.2, 0.2), new NormalizedPoint(0.4, 0.5),
                        StrokeStyle.DEFAULT),
                new Drawing.Ellipse(new NormalizedPoint(0.5, 0.5), new NormalizedPoint(0.6, 0.7),
                        StrokeStyle.DEFAULT),
                new Drawing.Text(new NormalizedPoint(0.3, 0.9), "boom in shot", StrokeStyle.DEFAULT));
        Note n = new Note("n-1", "grade", tc("01:09:00;02"), tc("01:10:00;00"), "V-FRAMING", Severity.BLOCKER,
                "Boom, top \"left\"\nsecond line", "Ann", NoteStatus.CREATIVE_INTENT,
                Instant.parse("2026-01-02T03:04:05.678Z"), Instant.parse("2026-01-02T04:00:00Z"),
                Optional.of(FrameGrab.ofPng(png())), drawings);
        try (SqliteNoteStore s = SqliteNoteStore.openOrCreate(f, dropSession())) {
            s.add(n);
        }
        try (SqliteNoteStore s = SqliteNoteStore.open(f)) {
            assertEquals(dropSession(), s.session());
            assertEquals(List.of(n), s.list());
        }
    }

    @Test
    void newFileIsWalWithOurApplicationIdAndCurrentSchema() throws Exception {
        Path f = dir.resolve("s.xsight");
        SqliteNoteStore.openOrCreate(f, dropSession()).close();
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + f); Statement st = c.createStatement()) {
            assertEquals("wal", one(st, "PRAGMA journal_mode"));
            assertEquals(Integer.toString(SqliteNoteStore.APPLICATION_ID), one(st, "PRAGMA application_id"));
            assertEquals(Integer.toString(SqliteNoteStore.SCHEMA_VERSION), one(st, "PRAGMA user_version"));
        }
        try (Statement st = connOf(f).createStatement()) {
            assertEquals("ok", one(st, "PRAGMA integrity_check"));
        }
    }

    private static Connection connOf(Path f) throws Exception {
        return DriverManager.getConnection("jdbc:sqlite:" + f);
    }

    private static String one(Statement st, String sql) throws Exception {
        try (ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }

    @Test
    void refusesAForeignSqliteDatabaseAndLeavesItUntouched() throws Exception {
        Path f = dir.resolve("other.db");
        try (Connection c = connOf(f); Statement st = c.createStatement()) {
            st.execute("CREATE TABLE t (x)");
            st.execute("INSERT INTO t VALUES (1)");
        }
        byte[] before = Files.readAllBytes(f);
        SessionFileException e = assertThrows(SessionFileException.class, () -> SqliteNoteStore.openOrCreate(f,
                dropSession()));
        assertTrue(e.getMessage().contains("not an Xsight session"), e.getMessage());
        assertArrayEquals(before, Files.readAllBytes(f));
        assertFalse(Files.exists(Path.of(f + "-wal")));
    }

    @Test
    void refusesATextFileAndAnEmptyFileWithoutRecreatingThem() throws Exception {
        Path text = dir.resolve("notes.xsight");
        Files.writeString(text, "these are my notes, not a database\n");
        SessionFileException e = assertThrows(SessionFileException.class, () -> SqliteNoteStore.openOrCreate(text,
                dropSession()));
        assertTrue(e.getMessage().contains("not a SQLite database"), e.getMessage());
        assertEquals("these are my notes, not a database\n", Files.readString(text));

        Path empty = Files.createFile(dir.resolve("empty.xsight"));
        e = assertThrows(SessionFileException.class, () -> SqliteNoteStore.openOrCreate(empty, dropSession()));
        assertTrue(e.getMessage().contains("is empty"), e.getMessage());
        assertEquals(0, Files.size(empty));
    }

    @Test
    void refusesACorruptSessionAndLeavesItUntouched() throws Exception {
        Path f = dir.resolve("s.xsight");
        try (SqliteNoteStore s = SqliteNoteStore.openOrCreate(f, dropSession())) {
            for (int i = 0; i < 50; i++) {
                s.add(Note.create(tc("01:00:00;00").plusFrames(i, RATE), tc("01:00:00;00").plusFrames(i, RATE),
                        Severity.FYI, "V-HIT", "note " + i, "", ""));
            }
        }
        long pageSize;
        try (Connection c = connOf(f); Statement st = c.createStatement()) {
            pageSize = Long.parseLong(one(st, "PRAGMA page_size"));
        }
        try (RandomAccessFile raf = new RandomAccessFile(f.toFile(), "rw")) {
            raf.seek(pageSize); // page 2: a b-tree page; garbage over its header (SQLite file format 1.6)
            raf.write(new byte[] {(byte) 0x77, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, 0x12, 0x34});
        }
        byte[] before = Files.readAllBytes(f);
        SessionFileException e = assertThrows(SessionFileException.class, () -> SqliteNoteStore.open(f));
        assertTrue(e.getMessage().contains("corrupt"), e.getMessage());
        assertArrayEquals(before, Files.readAllBytes(f));
    }

    @Test
    void refusesAFileFromANewerSchema() throws Exception {
        Path f = dir.resolve("s.xsight");
        SqliteNoteStore.openOrCreate(f, dropSession()).close();
        try (Connection c = connOf(f); Statement st = c.createStatement()) {
            st.execute("PRAGMA user_version = 99");
        }
        SessionFileException e = assertThrows(SessionFileException.class, () -> SqliteNoteStore.open(f));
        assertTrue(e.getMessage().contains("newer Xsight"), e.getMessage());
    }

    @Test
    void migratesAVersionOneSessionToTheCurrentSchemaKeepingItsNotes() throws Exception {
        Path f = dir.resolve("v1.xsight");
        try (Connection c = connOf(f); Statement st = c.createStatement()) {
            st.execute("PRAGMA application_id = " + SqliteNoteStore.APPLICATION_ID);
            SqliteNoteStore.migrate(c, 0, 1, f);
            st.execute("INSERT INTO session VALUES (1, 'P', 'E', 'D', 30000, 1001, 1, '[]')");
            st.execute("INSERT INTO note VALUES ('old', '', '01:00:00;00', '01:00:00;00', 107892, 107892, 'V-HIT',"
                    + " 'ISSUE', 'from v1', 'Ann', 'OPEN', 0, 0, NULL, '[]')");
        }
        try (SqliteNoteStore s = SqliteNoteStore.open(f)) {
            assertEquals("from v1", s.list().getFirst().text());
            s.mark(new ChecklistEntry("video-qc", "banding", Verdict.FAIL, "sky", "Ann", Instant.now()));
            assertEquals(Verdict.FAIL, s.checklist("video-qc").getFirst().verdict());
        }
        try (Connection c = connOf(f); Statement st = c.createStatement()) {
            assertEquals(Integer.toString(SqliteNoteStore.SCHEMA_VERSION), one(st, "PRAGMA user_version"));
        }
    }

    @Test
    void rejectsTimecodesThatDoNotExistAtTheSessionRate() {
        try (SqliteNoteStore s = SqliteNoteStore.openOrCreate(dir.resolve("25.xsight"),
                Session.ofRate(FrameRate.FPS_25, false))) {
            Timecode bad = Timecode.parse("01:00:00:29");
            assertThrows(TimecodeException.class, () -> s.add(Note.create(bad, bad, Severity.FYI, "", "x", "", "")));
            Timecode dropLabel = Timecode.parse("01:00:00;10");
            assertThrows(TimecodeException.class, () -> s.add(Note.create(dropLabel, dropLabel, Severity.FYI, "",
                    "x", "", "")));
            Timecode in = Timecode.parse("01:00:01:00");
            Timecode before = Timecode.parse("01:00:00:00");
            assertThrows(IllegalArgumentException.class, () -> s.add(Note.create(in, before, Severity.FYI, "", "x",
                    "", "")));
            assertTrue(s.list().isEmpty());
        }
    }

    @Test
    void addAllStoresAllOrNothing() {
        try (SqliteNoteStore s = SqliteNoteStore.openOrCreate(dir.resolve("s.xsight"), dropSession())) {
            Note good = Note.create(tc("01:00:00;00"), tc("01:00:00;00"), Severity.FYI, "", "good", "", "");
            Timecode skipped = Timecode.parse("01:01:00;00"); // dropped label at minute 1
            Note bad = Note.create(skipped, skipped, Severity.FYI, "", "bad", "", "");
            assertThrows(TimecodeException.class, () -> s.addAll(List.of(good, bad)));
            assertTrue(s.list().isEmpty());
            assertEquals(1, s.addAll(List.of(good)));
            assertEquals(0, s.addAll(List.of(good)));
        }
    }

    @Test
    void updateAndDeleteChangeTheStoredNote() {
        try (SqliteNoteStore s = SqliteNoteStore.openOrCreate(dir.resolve("s.xsight"), dropSession())) {
            Note n = s.add(Note.create(tc("01:00:00;00"), tc("01:00:00;00"), Severity.ISSUE, "V-HIT", "hit", "", ""));
            s.update(n.withStatus(NoteStatus.WAIVED));
            assertEquals(NoteStatus.WAIVED, s.get(n.id()).orElseThrow().status());
            assertTrue(s.delete(n.id()));
            assertTrue(s.get(n.id()).isEmpty());
            assertThrows(IllegalArgumentException.class, () -> s.update(n));
        }
    }
}
