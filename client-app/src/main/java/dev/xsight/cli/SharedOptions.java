package dev.xsight.cli;

import dev.xsight.export.NoteFormat;
import dev.xsight.review.SqliteNoteStore;
import dev.xsight.st2110.PacketMode;
import java.io.PrintWriter;
import java.nio.file.Path;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** The option groups that several commands share, as picocli mixins: one definition, one meaning, one check each. */
final class SharedOptions {
    private SharedOptions() {
    }

    /** {@code --db}: the review session file a {@code notes} command works on, and its one-line answers. */
    static final class SessionFile {
        @Spec(Spec.Target.MIXEE)
        CommandSpec spec;

        @Option(names = "--db", required = true, description = "Session file.")
        Path db;

        /** The existing session file; a missing, foreign or corrupt one is refused. */
        SqliteNoteStore open() {
            return SqliteNoteStore.open(db);
        }

        /** One line on the command's standard output, flushed at once (scripts read it as the acknowledgement). */
        void println(Object line) {
            PrintWriter w = spec.commandLine().getOut();
            w.println(line);
            w.flush();
        }
    }

    /** {@code --format}: the note interchange format of {@code notes export} and {@code notes import}. */
    static final class NoteFormatChoice {
        @Option(names = "--format", required = true,
                description = "csv, json, edl, resolve-edl, avid, otio, pdf (export only) or frameio-csv (import only).")
        String name;

        NoteFormat toWrite() {
            NoteFormat f = NoteFormat.parse(name);
            if (!f.canWrite()) {
                throw new IllegalArgumentException("format " + f.cliName() + " can be imported, not exported");
            }
            return f;
        }

        NoteFormat toRead() {
            NoteFormat f = NoteFormat.parse(name);
            if (!f.canRead()) {
                throw new IllegalArgumentException("format " + f.cliName() + " can be exported, not imported");
            }
            return f;
        }
    }

    /** {@code --bpp} and {@code --mode}: how pictures are JPEG XS encoded and packetized for RFC 9134. */
    static final class JxsSending {
        @Option(names = "--bpp", defaultValue = "2",
                description = "JPEG XS bits per pixel when encoding (default ${DEFAULT-VALUE}).")
        double bpp;

        @Option(names = "--mode", defaultValue = "codestream",
                description = "RFC 9134 packetization: codestream or slice (default ${DEFAULT-VALUE}).")
        String mode;

        PacketMode packetMode() {
            return PacketMode.parse(mode);
        }
    }

    /** {@code --threads}: JPEG XS decoder threads. */
    static final class DecoderThreads {
        @Option(names = "--threads", defaultValue = "1", description = "Decoder threads (default ${DEFAULT-VALUE}).")
        int threads;
    }

    /** {@code --runs}: how many timed runs a benchmark takes the median of. */
    static final class Runs {
        @Option(names = "--runs", paramLabel = "N",
                description = "Timed runs per figure; the median is reported (default ${DEFAULT-VALUE}).")
        int count = 5;
    }
}
