package dev.xsight.review;

import dev.xsight.checklist.ChecklistEntry;
import dev.xsight.checklist.Verdict;
import dev.xsight.media.FrameRate;
import dev.xsight.media.Timecode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteOpenMode;

/**
 * A {@link NoteStore} in one SQLite file per session: WAL journal, {@code synchronous=FULL} (a commit returns after
 * the WAL is fsynced, SQLite "PRAGMA synchronous"), schema versioned in {@code user_version} and upgraded by
 * {@link #MIGRATIONS}, marked as ours with {@code application_id} {@link #APPLICATION_ID}.
 *
 * <p>A file is checked before anything is written to it: the 16-byte SQLite magic and the application id in the
 * database header (SQLite file format 1.3: offset 0 and 68), then {@code PRAGMA quick_check}. A foreign, corrupt or
 * newer file is refused with a {@link SessionFileException} and left untouched. A new file is built under a
 * temporary name and linked into place only once its schema has committed, so a crash never leaves a half-made
 * session.
 *
 * <p>Threading: one JDBC connection, every method {@code synchronized}; safe from any thread, never from the FX
 * thread (disk I/O).
 */
public final class SqliteNoteStore implements NoteStore {
    /** "XSG1" big-endian: marks a SQLite file as an Xsight session. */
    public static final int APPLICATION_ID = 0x58534731;

    /** Schema steps; step {@code i} takes {@code user_version} from {@code i} to {@code i + 1}. */
    static final List<List<String>> MIGRATIONS = List.of(
            List.of("""
                    CREATE TABLE session (
                        id INTEGER PRIMARY KEY CHECK (id = 1),
                        production TEXT NOT NULL, episode TEXT NOT NULL, deliverable TEXT NOT NULL,
                        rate_num INTEGER NOT NULL, rate_den INTEGER NOT NULL, drop_frame INTEGER NOT NULL,
                        sources TEXT NOT NULL)""", """
                    CREATE TABLE note (
                        id TEXT PRIMARY KEY, source TEXT NOT NULL,
                        tc_in TEXT NOT NULL, tc_out TEXT NOT NULL,
                        in_frame INTEGER NOT NULL, out_frame INTEGER NOT NULL CHECK (out_frame >= in_frame),
                        category TEXT NOT NULL,
                        severity TEXT NOT NULL CHECK (severity IN ('BLOCKER', 'ISSUE', 'FYI')),
                        text TEXT NOT NULL, author TEXT NOT NULL,
                        status TEXT NOT NULL CHECK (status IN ('OPEN', 'FIX', 'BEST_POSSIBLE', 'CREATIVE_INTENT',
                            'WAIVED')),
                        created_ms INTEGER NOT NULL, edited_ms INTEGER NOT NULL,
                        frame_grab BLOB, drawings TEXT NOT NULL)""",
                    "CREATE INDEX note_by_in ON note (in_frame, created_ms)"),
            List.of("""
                    CREATE TABLE checklist_entry (
                        template_id TEXT NOT NULL, item_id TEXT NOT NULL,
                        verdict TEXT NOT NULL CHECK (verdict IN ('UNCHECKED', 'PASS', 'FAIL', 'NOT_APPLICABLE')),
                        note TEXT NOT NULL, author TEXT NOT NULL, edited_ms INTEGER NOT NULL,
                        PRIMARY KEY (template_id, item_id))"""),
            List.of("""
                    CREATE TABLE shared_outbox (
                        message_id TEXT PRIMARY KEY, payload BLOB NOT NULL, queued_ms INTEGER NOT NULL)"""));

    /** The schema version this build writes. */
    public static final int SCHEMA_VERSION = MIGRATIONS.size();

    private static final byte[] SQLITE_MAGIC = "SQLite format 3\0".getBytes(StandardCharsets.US_ASCII);
    private static final String NOTE_COLUMNS = "id, source, tc_in, tc_out, in_frame, out_frame, category, severity,"
            + " text, author, status, created_ms, edited_ms, frame_grab, drawings";

    private final Path file;
    private final Connection conn;
    private final Session session;
    private boolean closed;

    private SqliteNoteStore(Path file, Connection conn, Session session) {
        this.file = file;
        this.conn = conn;
        this.session = session;
    }

    /**
     * Opens an existing session file.
     *
     * @throws SessionFileException if it is missing, not an Xsight session, corrupt or from a newer version
     */
    public static SqliteNoteStore open(Path file) {
        if (!Files.exists(file)) {
            throw new SessionFileException(file, "no such session file", null);
        }
        return openChecked(file);
    }

    /**
     * Opens {@code file}, creating it for {@code sessionIfNew} when it does not exist. An existing file is never
     * replaced; its own session is used (check {@link #session()} against what you expected).
     */
    public static SqliteNoteStore openOrCreate(Path file, Session sessionIfNew) {
        if (!Files.exists(file)) {
            create(file, sessionIfNew);
        }
        return openChecked(file);
    }

    private static void create(Path file, Session s) {
        Path dir = file.toAbsolutePath().getParent();
        Path tmp = dir.resolve("." + file.getFileName() + ".creating-" + UUID.randomUUID());
        try {
            try (Connection c = connect(tmp, true)) {
                try (Statement st = c.createStatement()) {
                    st.execute("PRAGMA application_id = " + APPLICATION_ID);
                }
                migrate(c, 0, tmp);
                c.setAutoCommit(false);
                try (PreparedStatement ps = c.prepareStatement("INSERT INTO session VALUES (1, ?, ?, ?, ?, ?, ?, ?)")) {
                    ps.setString(1, s.production());
                    ps.setString(2, s.episode());
                    ps.setString(3, s.deliverable());
                    ps.setInt(4, s.rate().numerator());
                    ps.setInt(5, s.rate().denominator());
                    ps.setInt(6, s.dropFrame() ? 1 : 0);
                    ps.setString(7, DrawingCodec.stringsToJson(s.sources()));
                    ps.executeUpdate();
                }
                c.commit();
            }
            try {
                // A hard link fails if the name exists: a session made meanwhile by someone else is never replaced.
                Files.createLink(file, tmp);
            } catch (FileAlreadyExistsException e) {
                // another process created it first: use theirs
            } catch (UnsupportedOperationException | IOException e) {
                if (!Files.exists(file)) {
                    Files.move(tmp, file);
                }
            }
            syncDirectory(dir);
        } catch (SQLException | IOException e) {
            throw new SessionFileException(file, "cannot create session file: " + e.getMessage(), e);
        } finally {
            try {
                Files.deleteIfExists(tmp);
                Files.deleteIfExists(Path.of(tmp + "-journal"));
            } catch (IOException ignored) {
                // a stray temporary file is harmless
            }
        }
    }

    private static void syncDirectory(Path dir) {
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        } catch (IOException ignored) {
            // not every platform can fsync a directory; the link itself is already in place
        }
    }

    private static SqliteNoteStore openChecked(Path file) {
        checkHeader(file);
        Connection c = null;
        try {
            c = connect(file, false);
            int appId = pragmaInt(c, "application_id");
            if (appId != APPLICATION_ID) {
                throw new SessionFileException(file, String.format("is a SQLite database but not an Xsight session "
                        + "(application_id 0x%08X); open a .xsight session file instead", appId), null);
            }
            int version = pragmaInt(c, "user_version");
            if (version > SCHEMA_VERSION) {
                throw new SessionFileException(file, "was written by a newer Xsight (schema " + version
                        + ", this build reads up to " + SCHEMA_VERSION + "); upgrade Xsight to open it", null);
            }
            try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("PRAGMA quick_check")) {
                String first = rs.next() ? rs.getString(1) : "no answer";
                if (!"ok".equals(first)) {
                    throw new SessionFileException(file, "is corrupt (" + first + "); restore it from a copy", null);
                }
            }
            try (Statement st = c.createStatement()) {
                st.execute("PRAGMA journal_mode = WAL");
                st.execute("PRAGMA synchronous = FULL");
                st.execute("PRAGMA foreign_keys = ON");
            }
            if (version < SCHEMA_VERSION) {
                migrate(c, version, file);
            }
            Session s = readSession(c, file);
            c.setAutoCommit(false);
            return new SqliteNoteStore(file, c, s);
        } catch (SQLException e) {
            closeQuietly(c);
            throw new SessionFileException(file, describe(e), e);
        } catch (RuntimeException e) {
            closeQuietly(c);
            throw e;
        }
    }

    private static String describe(SQLException e) {
        String m = String.valueOf(e.getMessage());
        if (m.contains("SQLITE_CORRUPT") || m.contains("malformed") || m.contains("SQLITE_NOTADB")) {
            return "is corrupt (" + m + "); restore it from a copy";
        }
        return "cannot open session file: " + m;
    }

    /** Database header check (SQLite file format section 1.3) before SQLite is allowed to touch the file. */
    private static void checkHeader(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new SessionFileException(file, "is not a regular file", null);
        }
        byte[] header = new byte[100];
        int n;
        try (InputStream in = Files.newInputStream(file)) {
            n = in.readNBytes(header, 0, header.length);
        } catch (IOException e) {
            throw new SessionFileException(file, "cannot read: " + e.getMessage(), e);
        }
        if (n == 0) {
            throw new SessionFileException(file, "is empty, not an Xsight session; remove it or choose another name",
                    null);
        }
        if (n < header.length || !Arrays.equals(header, 0, 16, SQLITE_MAGIC, 0, 16)) {
            throw new SessionFileException(file, "is not an Xsight session (not a SQLite database)", null);
        }
        int appId = ByteBuffer.wrap(header, 68, 4).getInt();
        if (appId != APPLICATION_ID) {
            throw new SessionFileException(file, String.format("is a SQLite database but not an Xsight session "
                    + "(application_id 0x%08X); open a .xsight session file instead", appId), null);
        }
    }

    private static Connection connect(Path file, boolean mayCreate) throws SQLException {
        SQLiteConfig cfg = new SQLiteConfig();
        if (!mayCreate) {
            cfg.resetOpenMode(SQLiteOpenMode.CREATE);
        }
        cfg.setBusyTimeout(10_000);
        cfg.setTransactionMode(SQLiteConfig.TransactionMode.IMMEDIATE);
        return DriverManager.getConnection("jdbc:sqlite:" + file.toAbsolutePath(), cfg.toProperties());
    }

    private static int pragmaInt(Connection c, String pragma) throws SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("PRAGMA " + pragma)) {
            return rs.next() ? rs.getInt(1) : 0;
        }
    }

    /** Applies migration steps {@code from..SCHEMA_VERSION-1}, each in its own transaction with its version bump. */
    static void migrate(Connection c, int from, Path file) throws SQLException {
        migrate(c, from, SCHEMA_VERSION, file);
    }

    static void migrate(Connection c, int from, int to, Path file) throws SQLException {
        boolean auto = c.getAutoCommit();
        c.setAutoCommit(false);
        try {
            for (int v = from; v < to; v++) {
                try (Statement st = c.createStatement()) {
                    for (String sql : MIGRATIONS.get(v)) {
                        st.execute(sql);
                    }
                    st.execute("PRAGMA user_version = " + (v + 1));
                }
                c.commit();
            }
        } catch (SQLException e) {
            c.rollback();
            throw e;
        } finally {
            c.setAutoCommit(auto);
        }
    }

    private static Session readSession(Connection c, Path file) throws SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(
                "SELECT production, episode, deliverable, rate_num, rate_den, drop_frame, sources FROM session")) {
            if (!rs.next()) {
                throw new SessionFileException(file, "has no session record; restore it from a copy", null);
            }
            try {
                List<String> sources = DrawingCodec.stringsFromJson(rs.getString(7));
                return new Session(rs.getString(1), rs.getString(2), rs.getString(3),
                        new FrameRate(rs.getInt(4), rs.getInt(5)), rs.getInt(6) != 0, sources);
            } catch (IllegalArgumentException e) {
                throw new SessionFileException(file, "has a damaged session record: " + e.getMessage(), e);
            }
        }
    }

    /** The file this store writes. */
    public Path file() {
        return file;
    }

    @Override
    public Session session() {
        return session;
    }

    @Override
    public synchronized Note add(Note note) {
        note.checkedFor(session);
        ensureOpen();
        try {
            if (exists(note.id())) {
                conn.rollback();
                throw new IllegalArgumentException("note id " + note.id() + " is already in " + file);
            }
            insert(note);
            conn.commit();
            return note;
        } catch (SQLException e) {
            throw failed("add note", e);
        }
    }

    @Override
    public synchronized int addAll(List<Note> notes) {
        for (Note n : notes) {
            n.checkedFor(session);
        }
        ensureOpen();
        try {
            int added = 0;
            for (Note n : notes) {
                if (!exists(n.id())) {
                    insert(n);
                    added++;
                }
            }
            conn.commit();
            return added;
        } catch (SQLException e) {
            throw failed("add notes", e);
        }
    }

    @Override
    public synchronized Note update(Note note) {
        note.checkedFor(session);
        ensureOpen();
        try {
            try (PreparedStatement ps = conn.prepareStatement("DELETE FROM note WHERE id = ?")) {
                ps.setString(1, note.id());
                if (ps.executeUpdate() == 0) {
                    conn.rollback();
                    throw new IllegalArgumentException("no note " + note.id() + " in " + file);
                }
            }
            insert(note);
            conn.commit();
            return note;
        } catch (SQLException e) {
            throw failed("update note", e);
        }
    }

    @Override
    public synchronized boolean delete(String id) {
        ensureOpen();
        try (PreparedStatement ps = conn.prepareStatement("DELETE FROM note WHERE id = ?")) {
            ps.setString(1, id);
            boolean gone = ps.executeUpdate() > 0;
            conn.commit();
            return gone;
        } catch (SQLException e) {
            throw failed("delete note", e);
        }
    }

    @Override
    public synchronized Optional<Note> get(String id) {
        ensureOpen();
        try (PreparedStatement ps = conn.prepareStatement("SELECT " + NOTE_COLUMNS + " FROM note WHERE id = ?")) {
            ps.setString(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                Optional<Note> n = rs.next() ? Optional.of(readNote(rs)) : Optional.empty();
                conn.commit();
                return n;
            }
        } catch (SQLException e) {
            throw failed("read note", e);
        }
    }

    @Override
    public synchronized List<Note> list() {
        ensureOpen();
        try (Statement st = conn.createStatement(); ResultSet rs = st.executeQuery(
                "SELECT " + NOTE_COLUMNS + " FROM note ORDER BY in_frame, created_ms, id")) {
            List<Note> out = new ArrayList<>();
            while (rs.next()) {
                out.add(readNote(rs));
            }
            conn.commit();
            return out;
        } catch (SQLException e) {
            throw failed("read notes", e);
        }
    }

    @Override
    public synchronized List<ChecklistEntry> checklist(String templateId) {
        ensureOpen();
        try (PreparedStatement ps = conn.prepareStatement("SELECT item_id, verdict, note, author, edited_ms"
                + " FROM checklist_entry WHERE template_id = ? ORDER BY item_id")) {
            ps.setString(1, templateId);
            List<ChecklistEntry> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new ChecklistEntry(templateId, rs.getString(1), Verdict.valueOf(rs.getString(2)),
                            rs.getString(3), rs.getString(4), Instant.ofEpochMilli(rs.getLong(5))));
                }
            }
            conn.commit();
            return out;
        } catch (SQLException e) {
            throw failed("read checklist", e);
        }
    }

    @Override
    public synchronized void mark(ChecklistEntry e) {
        ensureOpen();
        try (PreparedStatement ps = conn.prepareStatement(
                "INSERT OR REPLACE INTO checklist_entry VALUES (?, ?, ?, ?, ?, ?)")) {
            ps.setString(1, e.templateId());
            ps.setString(2, e.itemId());
            ps.setString(3, e.verdict().name());
            ps.setString(4, e.note());
            ps.setString(5, e.author());
            ps.setLong(6, e.edited().toEpochMilli());
            ps.executeUpdate();
            conn.commit();
        } catch (SQLException ex) {
            throw failed("mark checklist item", ex);
        }
    }

    /**
     * Keeps an event of a shared session that the server has not acknowledged yet (see
     * {@code dev.xsight.session.SharedSession}), durably: a note made offline survives a restart. Queuing the same
     * message id twice keeps the first.
     */
    public synchronized void queueShared(String messageId, byte[] payload) {
        ensureOpen();
        try (PreparedStatement ps = conn.prepareStatement("INSERT OR IGNORE INTO shared_outbox VALUES (?, ?, ?)")) {
            ps.setString(1, messageId);
            ps.setBytes(2, payload);
            ps.setLong(3, System.currentTimeMillis());
            ps.executeUpdate();
            conn.commit();
        } catch (SQLException e) {
            throw failed("queue shared event " + messageId, e);
        }
    }

    /** Forgets a queued shared-session event once the server acknowledged (or refused) it. */
    public synchronized void dequeueShared(String messageId) {
        ensureOpen();
        try (PreparedStatement ps = conn.prepareStatement("DELETE FROM shared_outbox WHERE message_id = ?")) {
            ps.setString(1, messageId);
            ps.executeUpdate();
            conn.commit();
        } catch (SQLException e) {
            throw failed("clear shared event " + messageId, e);
        }
    }

    /** The queued shared-session events, oldest first. */
    public synchronized List<byte[]> queuedShared() {
        ensureOpen();
        try (Statement st = conn.createStatement(); ResultSet rs = st.executeQuery(
                "SELECT payload FROM shared_outbox ORDER BY queued_ms, rowid")) {
            List<byte[]> out = new ArrayList<>();
            while (rs.next()) {
                out.add(rs.getBytes(1));
            }
            conn.commit();
            return out;
        } catch (SQLException e) {
            throw failed("read queued shared events", e);
        }
    }

    @Override
    public synchronized void close() {
        if (!closed) {
            closed = true;
            closeQuietly(conn);
        }
    }

    private boolean exists(String id) throws SQLException {
        try (PreparedStatement ps = conn.prepareStatement("SELECT 1 FROM note WHERE id = ?")) {
            ps.setString(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    private void insert(Note n) throws SQLException {
        try (PreparedStatement ps = conn.prepareStatement("INSERT INTO note (" + NOTE_COLUMNS
                + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            ps.setString(1, n.id());
            ps.setString(2, n.source());
            ps.setString(3, n.tcIn().toString());
            ps.setString(4, n.tcOut().toString());
            ps.setLong(5, n.tcIn().toFrameCount(session.rate()));
            ps.setLong(6, n.tcOut().toFrameCount(session.rate()));
            ps.setString(7, n.category());
            ps.setString(8, n.severity().name());
            ps.setString(9, n.text());
            ps.setString(10, n.author());
            ps.setString(11, n.status().name());
            ps.setLong(12, n.created().toEpochMilli());
            ps.setLong(13, n.edited().toEpochMilli());
            ps.setBytes(14, n.frameGrab().map(FrameGrab::png).orElse(null));
            ps.setString(15, DrawingCodec.toJson(n.drawings()));
            ps.executeUpdate();
        }
    }

    private Note readNote(ResultSet rs) throws SQLException {
        String id = rs.getString(1);
        try {
            byte[] grab = rs.getBytes(14);
            return new Note(id, rs.getString(2), Timecode.parse(rs.getString(3)), Timecode.parse(rs.getString(4)),
                    rs.getString(7), Severity.valueOf(rs.getString(8)), rs.getString(9), rs.getString(10),
                    NoteStatus.valueOf(rs.getString(11)), Instant.ofEpochMilli(rs.getLong(12)),
                    Instant.ofEpochMilli(rs.getLong(13)),
                    grab == null ? Optional.empty() : Optional.of(FrameGrab.ofPng(grab)),
                    DrawingCodec.fromJson(rs.getString(15)));
        } catch (IllegalArgumentException e) {
            throw new SessionFileException(file, "note " + id + " is damaged: " + e.getMessage(), e);
        }
    }

    private void ensureOpen() {
        if (closed) {
            throw new IllegalStateException("session store " + file + " is closed");
        }
    }

    private SessionFileException failed(String what, SQLException e) {
        try {
            conn.rollback();
        } catch (SQLException ignored) {
            // the original failure is the one to report
        }
        return new SessionFileException(file, "cannot " + what + ": " + e.getMessage(), e);
    }

    private static void closeQuietly(Connection c) {
        if (c != null) {
            try {
                c.close();
            } catch (SQLException ignored) {
                // closing is best effort
            }
        }
    }
}
