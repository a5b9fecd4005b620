package dev.xsight.cli;

import dev.xsight.checklist.QcTaxonomy;
import dev.xsight.export.ImportResult;
import dev.xsight.export.NoteExport;
import dev.xsight.export.NoteFormat;
import dev.xsight.export.NoteImport;
import dev.xsight.export.NoteJson;
import dev.xsight.media.FrameRate;
import dev.xsight.media.Timecode;
import dev.xsight.review.Note;
import dev.xsight.review.Session;
import dev.xsight.review.Severity;
import dev.xsight.review.SqliteNoteStore;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code xsight notes}: review notes in a session file or a shared session: add, list, export, import. */
@Command(name = "notes", mixinStandardHelpOptions = true,
        description = "Review notes in a session file (SQLite): add, list, export, import.",
        subcommands = {NotesCommand.Add.class, NotesCommand.ListNotes.class, NotesCommand.Export.class,
            NotesCommand.Import.class, NotesBenchCommand.class})
final class NotesCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** A subcommand on the notes of a session file ({@code --db}) or, with {@code --server}, of a shared session. */
    abstract static class OnNotes implements Callable<Integer> {
        @Mixin
        SharedOptions.SessionFile session;
        @Mixin
        SessionServerOptions shared;

        /** What a subcommand does with all the notes it read and the session they count in. */
        interface NotesUse {
            void accept(List<Note> notes, Session session) throws Exception;
        }

        /** Reads all notes of the shared session (with {@code --server}) or of the session file and hands them on. */
        void readAll(NotesUse use) throws Exception {
            if (shared.given()) {
                SharedNotes.Snapshot snap = SharedNotes.read(shared);
                use.accept(snap.notes(), snap.session());
                return;
            }
            try (SqliteNoteStore store = session.open()) {
                use.accept(store.list(), store.session());
            }
        }
    }

    /** {@code notes add}: one note, acknowledged (id printed) only after it is committed to disk or the server. */
    @Command(name = "add", mixinStandardHelpOptions = true,
            description = "Add a note; prints its id once it is durably stored (in the session file, or acknowledged"
                    + " by the shared session's server). Creates the session file if needed.")
    static final class Add extends OnNotes {
        @Option(names = "--id", description = "The note's id (a UUID); adding the same id again is acknowledged "
                + "once and stored once.")
        String id;
        @Option(names = "--drop-frame", description = "Timecodes count drop-frame (29.97/59.94); also implied by ';'.")
        boolean dropFrame;
        @Option(names = "--rate", required = true, description = "Session frame rate, e.g. 24000/1001, 25, 29.97.")
        String rate;
        @Option(names = "--tc", required = true, description = "Timecode in, HH:MM:SS:FF (HH:MM:SS;FF drop-frame).")
        String tc;
        @Option(names = "--out-tc", description = "Timecode out, inclusive (default: the in frame).")
        String outTc;
        @Option(names = "--severity", required = true, description = "blocker, issue or fyi.")
        String severity;
        @Option(names = "--category", required = true, description = "Taxonomy code or name (e.g. V-BAND, banding),"
                + " or free text.")
        String category;
        @Option(names = "--text", required = true, description = "The note.")
        String text;
        @Option(names = "--author", defaultValue = "", description = "Who wrote it.")
        String author;
        @Option(names = "--source", defaultValue = "", description = "Feed or file it was seen on.")
        String source;

        @Override
        public Integer call() throws Exception {
            FrameRate r = FrameRate.parse(rate);
            Timecode in = Timecode.parse(tc == null ? null : tc.trim(), r);
            Severity sev = Severity.parse(severity);
            if (shared.given()) {
                Session s = Session.ofRate(r, dropFrame || in.dropFrame());
                in = s.parseTimecode(tc);
                Timecode out = outTc == null ? in : s.parseTimecode(outTc);
                Note n = withId(Note.create(in, out, sev, QcTaxonomy.builtIn().canonical(category), text, author,
                        source), id).checkedFor(s);
                SharedNotes.add(shared, n, r);
                session.println(n.id());
                return 0;
            }
            try (SqliteNoteStore store = SqliteNoteStore.openOrCreate(session.db(),
                    Session.ofRate(r, in.dropFrame()))) {
                Session s = store.session();
                if (!s.rate().equals(r)) {
                    throw new IllegalArgumentException(session.db() + " counts " + s.rate() + " (" + s.rate().label()
                            + " fps), not --rate " + r);
                }
                in = s.parseTimecode(tc);
                Timecode out = outTc == null ? in : s.parseTimecode(outTc);
                Note n = withId(Note.create(in, out, sev, QcTaxonomy.builtIn().canonical(category), text, author,
                        source), id);
                store.add(n);
                session.println(n.id());
            }
            return 0;
        }
    }

    /** {@code notes list}. */
    @Command(name = "list", mixinStandardHelpOptions = true,
            description = "List the notes of a session file, or of a whole shared session.")
    static final class ListNotes extends OnNotes {
        @Option(names = "--json", description = "All notes as a JSON array (frame grabs left out).")
        boolean json;

        @Override
        public Integer call() throws Exception {
            readAll(this::print);
            return 0;
        }

        private void print(List<Note> notes, Session s) {
            {
                PrintWriter w = session.spec.commandLine().getOut();
                if (json) {
                    w.println(NoteJson.toArray(notes, s, false).toPrettyString());
                } else {
                    for (Note n : notes) {
                        w.printf("%s  %s-%s  %-7s %-9s %-15s %s%s%n", n.id(), n.tcIn(), n.tcOut(),
                                n.severity().label(), n.category(), n.status().label(), n.text().lines()
                                        .findFirst().orElse(""), n.author().isEmpty() ? "" : "  (" + n.author() + ")");
                    }
                }
                w.flush();
            }
        }
    }

    /** {@code notes export}. */
    @Command(name = "export", mixinStandardHelpOptions = true,
            description = "Export all notes of a session file or a shared session (atomically: temporary file, then "
                    + "rename).")
    static final class Export extends OnNotes {
        @Mixin
        SharedOptions.NoteFormatChoice format;
        @Option(names = {"-o", "--output"}, required = true, description = "Output file.")
        Path out;

        @Override
        public Integer call() throws Exception {
            NoteFormat f = format.toWrite();
            readAll((notes, s) -> {
                NoteExport.write(f, s, notes, out);
                session.println("exported " + notes.size() + " notes to " + out);
            });
            return 0;
        }
    }

    /** {@code notes import}. */
    @Command(name = "import", mixinStandardHelpOptions = true,
            description = "Import notes; any bad line aborts the import (nothing stored) unless --skip-bad.")
    static final class Import implements Callable<Integer> {
        @Mixin
        SharedOptions.SessionFile session;
        @Mixin
        SharedOptions.NoteFormatChoice format;
        @Option(names = "--skip-bad", description = "Import the good entries and report the bad ones.")
        boolean skipBad;
        @Option(names = "--rate", description = "Frame rate of a new session file: with it a missing --db file is "
                + "created, without it a missing file is an error.")
        String rate;
        @Option(names = "--drop-frame", description = "With --rate: the new session counts drop-frame.")
        boolean dropFrame;
        @Parameters(index = "0", description = "File to import.")
        Path in;

        @Override
        public Integer call() throws Exception {
            NoteFormat f = format.toRead();
            if (!Files.isRegularFile(in)) {
                throw new IllegalArgumentException(in + ": no such file");
            }
            Path db = session.db();
            if (!Files.exists(db) && rate == null) {
                throw new IllegalArgumentException(db + ": no such session file; add --rate RATE (and --drop-frame "
                        + "for 29.97/59.94 drop-frame) to create it");
            }
            try (SqliteNoteStore store = Files.exists(db) ? session.open()
                    : SqliteNoteStore.openOrCreate(db, Session.ofRate(FrameRate.parse(rate), dropFrame))) {
                ImportResult r = NoteImport.read(f, store.session(), in, skipBad);
                int added = store.addAll(r.notes());
                session.println("imported " + added + " notes" + (r.notes().size() > added ? " ("
                        + (r.notes().size() - added) + " already present)" : ""));
                PrintWriter err = session.spec.commandLine().getErr();
                for (var p : r.problems()) {
                    err.println("xsight notes import: skipped " + in + " " + p);
                }
                err.flush();
            }
            return 0;
        }
    }

    /** {@code n} with the given id instead of its fresh one (when {@code id} is given). */
    static Note withId(Note n, String id) {
        if (id == null) {
            return n;
        }
        return new Note(id.trim(), n.source(), n.tcIn(), n.tcOut(), n.category(), n.severity(), n.text(), n.author(),
                n.status(), n.created(), n.edited(), n.frameGrab(), n.drawings());
    }
}
