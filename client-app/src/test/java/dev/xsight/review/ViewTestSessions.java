package dev.xsight.review;

import dev.xsight.media.FrameRate;
import java.nio.file.Path;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;

/** The session file and store thread that the review views' TestFX tests open before and close after each test. */
final class ViewTestSessions {
    private ViewTestSessions() {
    }

    /** A new, empty session file in {@code dir}, counting {@code rate} non-drop. */
    static SqliteNoteStore fresh(Path dir, String prefix, FrameRate rate) {
        return SqliteNoteStore.openOrCreate(dir.resolve(prefix + "-" + System.nanoTime() + ".xsight"),
                Session.ofRate(rate, false));
    }

    /** Lets the store thread finish what the view queued, then closes the store. */
    static void close(ExecutorService io, SqliteNoteStore store) throws InterruptedException {
        io.shutdown();
        io.awaitTermination(60, TimeUnit.SECONDS);
        store.close();
    }
}
