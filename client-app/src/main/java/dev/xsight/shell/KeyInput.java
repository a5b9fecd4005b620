package dev.xsight.shell;

import dev.xsight.input.Action;
import dev.xsight.input.KeyChord;
import dev.xsight.input.KeyChord.Modifier;
import java.util.EnumSet;
import java.util.Optional;
import javafx.scene.Scene;
import javafx.scene.control.TextInputControl;
import javafx.scene.input.KeyEvent;

/** Routes every key press of a scene through the {@link dev.xsight.input.Keymap} to the view-model's actions. */
final class KeyInput {
    private KeyInput() {
    }

    /** The chord a JavaFX key event stands for, if its key has a name the keymap knows. */
    static Optional<KeyChord> chordOf(KeyEvent e) {
        String key = e.getCode().name();
        if (!KeyChord.isKnownKey(key)) {
            return Optional.empty();
        }
        EnumSet<Modifier> mods = EnumSet.noneOf(Modifier.class);
        if (e.isControlDown()) {
            mods.add(Modifier.CTRL);
        }
        if (e.isShiftDown()) {
            mods.add(Modifier.SHIFT);
        }
        if (e.isAltDown()) {
            mods.add(Modifier.ALT);
        }
        if (e.isMetaDown()) {
            mods.add(Modifier.META);
        }
        return Optional.of(new KeyChord(key, mods));
    }

    /** Installs the filter: bound keys perform their action (and are consumed) unless a text field has focus. */
    static void bind(Scene scene, ShellViewModel vm) {
        // A key press that performed an action must not also type its character into whatever has focus now
        // (N focuses the note field: its 'n' is not part of the note).
        boolean[] swallowTyped = {false};
        scene.addEventFilter(KeyEvent.KEY_TYPED, e -> {
            if (swallowTyped[0]) {
                swallowTyped[0] = false;
                e.consume();
            }
        });
        scene.addEventFilter(KeyEvent.KEY_RELEASED, e -> swallowTyped[0] = false);
        scene.addEventFilter(KeyEvent.KEY_PRESSED, e -> {
            swallowTyped[0] = false;
            if (scene.getFocusOwner() instanceof TextInputControl) {
                if (!e.getCode().name().equals("ESCAPE")) {
                    return;
                }
                // Esc leaves a text field first, so the single-letter keys work again.
                scene.getRoot().requestFocus();
                e.consume();
                return;
            }
            Optional<Action> a = chordOf(e).flatMap(vm.keymap()::actionFor);
            if (a.isPresent()) {
                e.consume();
                swallowTyped[0] = true;
                vm.perform(a.get());
            }
        });
    }
}
