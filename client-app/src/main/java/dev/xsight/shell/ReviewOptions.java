package dev.xsight.shell;

import dev.xsight.media.FrameRate;
import java.nio.file.Path;
import java.util.Objects;

/**
 * The review session the shell opens in its notes slot.
 *
 * @param sessionFile the SQLite session file (created with {@code rate} when missing)
 * @param rate frame rate a new session counts in
 * @param dropFrame whether a new session counts drop-frame
 * @param author name written into new notes and checklist marks
 * @param checklistFolder folder of the user's checklist templates ({@code *.json}), may be absent or null
 */
public record ReviewOptions(Path sessionFile, FrameRate rate, boolean dropFrame, String author,
                            Path checklistFolder) {
    public ReviewOptions {
        Objects.requireNonNull(sessionFile, "sessionFile");
        Objects.requireNonNull(rate, "rate");
        author = author == null ? "" : author;
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
