package dev.xsight.shell;

import dev.xsight.media.FrameRate;
import dev.xsight.session.SessionJoin;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * The review session the shell opens in its notes slot.
 *
 * @param sessionFile the SQLite session file (created with {@code rate} when missing)
 * @param rate frame rate a new session counts in
 * @param dropFrame whether a new session counts drop-frame
 * @param author name written into new notes and checklist marks
 * @param checklistFolder folder of the user's checklist templates ({@code *.json}), may be absent or null
 * @param shared a shared session to join; its notes are then kept in {@code sessionFile} as the offline cache
 */
public record ReviewOptions(Path sessionFile, FrameRate rate, boolean dropFrame, String author,
                            Path checklistFolder, Optional<SessionJoin> shared) {
    public ReviewOptions {
        Objects.requireNonNull(sessionFile, "sessionFile");
        Objects.requireNonNull(rate, "rate");
        author = author == null ? "" : author;
        shared = Objects.requireNonNullElse(shared, Optional.empty());
    }

    /** A session file of one's own (no shared session). */
    public ReviewOptions(Path sessionFile, FrameRate rate, boolean dropFrame, String author, Path checklistFolder) {
        this(sessionFile, rate, dropFrame, author, checklistFolder, Optional.empty());
    }

    /** The same, joining {@code join} (or leaving the shared session when empty). */
    public ReviewOptions withShared(Optional<SessionJoin> join) {
        return new ReviewOptions(sessionFile, rate, dropFrame, author, checklistFolder, join);
    }

    /**
     * The same, joining {@code join} with its notes cached in a file of their own beside the default sessions (one
     * folder per server, one file per session).
     */
    public ReviewOptions inSharedCache(SessionJoin join) {
        String host = join.server().displayUrl().replaceAll("[^A-Za-z0-9.-]", "_");
        Path file = dataHome().resolve("sessions").resolve("shared").resolve(host)
                .resolve(join.name().value() + ".xsight");
        return new ReviewOptions(file, rate, dropFrame, author, checklistFolder, Optional.of(join));
    }

    /**
     * {@code $XDG_DATA_HOME/xsight/sessions/demo.xsight}, or {@code ~/.local/share/xsight/sessions/demo.xsight}
     * when that variable is not set (XDG Base Directory Specification).
     */
    public static Path defaultSessionFile() {
        return dataHome().resolve("sessions").resolve("demo.xsight");
    }

    /** {@code ~/.config/xsight/checklists} (or under {@code $XDG_CONFIG_HOME}). */
    public static Path defaultChecklistFolder() {
        String cfg = System.getenv("XDG_CONFIG_HOME");
        Path base = cfg != null && !cfg.isBlank() ? Path.of(cfg)
                : Path.of(System.getProperty("user.home"), ".config");
        return base.resolve("xsight").resolve("checklists");
    }

    private static Path dataHome() {
        String data = System.getenv("XDG_DATA_HOME");
        Path base = data != null && !data.isBlank() ? Path.of(data)
                : Path.of(System.getProperty("user.home"), ".local", "share");
        return base.resolve("xsight");
    }
}
