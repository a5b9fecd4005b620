package dev.xsight.cli;

import dev.xsight.export.NoteExport;
import dev.xsight.export.NoteFormat;
import dev.xsight.export.NoteImport;
import dev.xsight.media.FrameRate;
import dev.xsight.media.Timecode;
import dev.xsight.review.Note;
import dev.xsight.review.Session;
import dev.xsight.review.Severity;
import dev.xsight.review.SqliteNoteStore;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code xsight notes bench}: measures the session store and the exports on this machine and prints markdown
 * table rows: durable adds per second (one transaction, fsync, per note), reading back, and export/import time per
 * format for the same notes. Medians of several runs.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Measure committed notes/s (synchronous=FULL) and export/import time; prints markdown rows.")
final class NotesBenchCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;
    @Option(names = "--notes", defaultValue = "1000", description = "Notes per run (default ${DEFAULT-VALUE}).")
    int count;
    @Mixin
    SharedOptions.Runs runs;
    @Option(names = "--machine", defaultValue = "this machine", description = "Machine label for the table.")
    String machine;
    @Option(names = "--dir", description = "Folder for the session files (default: a temporary folder).")
    Path dir;

    @Override
    public Integer call() throws Exception {
        if (count < 1 || count > 1_000_000 || runs.count < 1 || runs.count > 100) {
            throw new IllegalArgumentException("--notes 1..1000000 and --runs 1..100");
        }
        Path work = dir != null ? Files.createDirectories(dir) : Files.createTempDirectory("xsight-bench");
        PrintWriter w = spec.commandLine().getOut();
        Session session = new Session("Bench", "Ep 1", "Master", FrameRate.FPS_23_976, false, List.of("grade"));
        List<Note> notes = notes(session, count);
        double[] addRate = new double[runs.count];
        double[] addLatencyMs = new double[runs.count];
        double[] listMs = new double[runs.count];
        Path db = null;
        for (int r = 0; r < runs.count; r++) {
            db = work.resolve("bench-" + r + ".xsight");
            Files.deleteIfExists(db);
            try (SqliteNoteStore s = SqliteNoteStore.openOrCreate(db, session)) {
                double[] each = new double[notes.size()];
                long t0 = System.nanoTime();
                for (int i = 0; i < notes.size(); i++) {
                    long a = System.nanoTime();
                    s.add(notes.get(i));
                    each[i] = (System.nanoTime() - a) / 1e6;
                }
                addRate[r] = notes.size() / ((System.nanoTime() - t0) / 1e9);
                addLatencyMs[r] = median(each);
                long l0 = System.nanoTime();
                int n = s.list().size();
                listMs[r] = (System.nanoTime() - l0) / 1e6;
                if (n != notes.size()) {
                    throw new IllegalStateException("stored " + n + " of " + notes.size());
                }
            }
        }
        String cmd = "`./monitor notes bench --notes " + count + " --runs " + runs.count + "`";
        w.printf("| notes committed per second, one transaction each (WAL, synchronous=FULL) | %.0f notes/s | %s |"
                + " %s |%n", median(addRate), cmd, machine);
        w.printf("| median latency of one durable add (commit + fsync) | %.2f ms | %s | %s |%n",
                median(addLatencyMs), cmd, machine);
        w.printf("| read back %d notes | %.1f ms | %s | %s |%n", count, median(listMs), cmd, machine);
        for (NoteFormat f : NoteFormat.values()) {
            if (!f.canWrite()) {
                continue;
            }
            Path out = work.resolve("bench." + f.cliName() + "." + f.extension());
            double[] ex = new double[runs.count];
            double[] im = new double[runs.count];
            for (int r = 0; r < runs.count; r++) {
                long t0 = System.nanoTime();
                NoteExport.write(f, session, notes, out);
                ex[r] = (System.nanoTime() - t0) / 1e6;
                if (f.canRead()) {
                    long t1 = System.nanoTime();
                    int n = NoteImport.read(f, session, out, false).notes().size();
                    im[r] = (System.nanoTime() - t1) / 1e6;
                    if (n != notes.size()) {
                        throw new IllegalStateException(f.cliName() + " read back " + n + " of " + notes.size());
                    }
                }
            }
            w.printf("| export %d notes as %s (%d KiB) | %.1f ms | %s | %s |%n", count, f.cliName(),
                    Files.size(out) / 1024, median(ex), cmd, machine);
            if (f.canRead()) {
                w.printf("| import %d notes from %s | %.1f ms | %s | %s |%n", count, f.cliName(), median(im),
                        cmd, machine);
            }
        }
        w.flush();
        if (dir == null) {
            deleteTree(work);
        }
        return 0;
    }

    private static List<Note> notes(Session s, int n) {
        Severity[] sev = Severity.values();
        String[] cats = {"V-BAND", "V-HIT", "V-COMP", "A-SYNC", "V-FOCUS"};
        long start = Timecode.parse("01:00:00:00", s.rate()).toFrameCount(s.rate());
        return java.util.stream.IntStream.range(0, n).mapToObj(i -> {
            Timecode in = s.timecodeAt(start + i * 37L);
            Timecode out = in.plusFrames(i % 48, s.rate());
            return Note.create(in, out, sev[i % 3], cats[i % cats.length], "Bench note " + i
                    + ": banding visible in the upper third, compare with the reference grade", "QC " + (i % 4),
                    "grade");
        }).toList();
    }

    private static double median(double[] v) {
        double[] c = v.clone();
        Arrays.sort(c);
        return c.length % 2 == 1 ? c[c.length / 2] : (c[c.length / 2 - 1] + c[c.length / 2]) / 2;
    }

    private static void deleteTree(Path p) throws IOException {
        try (Stream<Path> s = Files.walk(p)) {
            for (Path q : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(q);
            }
        }
    }
}
