package dev.xsight.review;

import java.util.List;
import java.util.Objects;
import javafx.event.EventHandler;
import javafx.scene.Scene;
import javafx.scene.control.TextInputControl;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;

/**
 * The review quick keys, for the shell to install on its scene and list in its help overlay:
 * M drops a marker (an FYI note "Marker" at the playhead), I and O set the in and out marks, N focuses the note
 * field, D toggles drawing on the viewer. Keys typed into a text field are left alone. FX thread only.
 */
public final class ReviewShortcuts {
    /** One key and what it does, for the help overlay. */
    public record Shortcut(KeyCode key, String action) {
    }

    /** The keys in the order the help overlay lists them. */
    public static final List<Shortcut> HELP = List.of(
            new Shortcut(KeyCode.M, "Marker at the playhead"),
            new Shortcut(KeyCode.I, "Mark in"),
            new Shortcut(KeyCode.O, "Mark out"),
            new Shortcut(KeyCode.N, "Write a note"),
            new Shortcut(KeyCode.D, "Draw on the picture (toggle)"));

    private ReviewShortcuts() {
    }

    /**
     * Installs the keys as an event filter on {@code scene}.
     *
     * @param drawing the viewer's drawing layer, or null when there is none
     * @return the installed filter, to remove with {@code scene.removeEventFilter(KeyEvent.KEY_PRESSED, it)}
     */
    public static EventHandler<KeyEvent> install(Scene scene, NotesPanel panel, DrawingLayer drawing) {
        Objects.requireNonNull(panel, "panel");
        NotesViewModel vm = panel.viewModel();
        EventHandler<KeyEvent> h = e -> {
            if (e.isShortcutDown() || e.isAltDown() || e.getTarget() instanceof TextInputControl) {
                return;
            }
            switch (e.getCode()) {
                case M -> vm.addNote(Severity.FYI, "", "Marker");
                case I -> vm.markInHere();
                case O -> vm.markOutHere();
                case N -> panel.focusQuickAdd();
                case D -> {
                    if (drawing != null) {
                        drawing.setDrawingEnabled(drawing.isMouseTransparent());
                    }
                }
                default -> {
                    return;
                }
            }
            e.consume();
        };
        scene.addEventFilter(KeyEvent.KEY_PRESSED, h);
        return h;
    }
}
