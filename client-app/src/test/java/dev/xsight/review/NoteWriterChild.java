package dev.xsight.review;

import dev.xsight.media.FrameRate;
import dev.xsight.media.Timecode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * Child process of {@link CrashDurabilityTest}. Loads its classes, prints "warm" and waits for a line on stdin (so
 * the test can start the next child while the current one runs); then opens (or creates) the session given as the
 * first argument, prints "ready" and adds notes forever (or as many as the optional second argument says), printing
 * each id only after {@link NoteStore#add} has returned, that is after the commit.
 */
public final class NoteWriterChild {
    private NoteWriterChild() {
    }

    public static void main(String[] args) throws IOException, ClassNotFoundException {
        FrameRate rate = FrameRate.FPS_25;
        long start = Timecode.parse("01:00:00:00", rate).toFrameCount(rate);
        DrawingCodec.toJson(List.of());
        Class.forName("org.sqlite.JDBC");
        System.out.println("warm");
        System.out.flush();
        if (System.in.read() < 0) {
            return;
        }
        try (SqliteNoteStore store = SqliteNoteStore.openOrCreate(Path.of(args[0]), Session.ofRate(rate, false))) {
            System.out.println("ready");
            System.out.flush();
            long limit = args.length > 1 ? Long.parseLong(args[1]) : Long.MAX_VALUE;
            for (long i = 0; i < limit; i++) {
                Timecode t = Timecode.fromFrameCount(start + i % 100_000, rate, false);
                Note n = Note.create(t, t, Severity.ISSUE, "V-HIT", "crash test note " + i, "child", "");
                store.add(n);
                System.out.println(n.id());
                System.out.flush();
            }
        }
    }
}
