package dev.xsight.shell;

import dev.xsight.input.Action;
import dev.xsight.input.KeyChord;
import dev.xsight.input.Keymap;
import java.util.List;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;

/** The key-binding overlay: every action with its chords, grouped, read from the keymap in use. */
final class HelpOverlay extends StackPane {

    HelpOverlay(Keymap keymap) {
        getStyleClass().add("help-overlay");
        setId("help-overlay");
        VBox card = new VBox(4);
        card.getStyleClass().add("help-card");
        card.setMaxSize(USE_PREF_SIZE, USE_PREF_SIZE);
        Label title = new Label("Keyboard");
        title.getStyleClass().add("help-title");
        card.getChildren().add(title);
        HBox columns = new HBox(36);
        for (Action.Group[] col : new Action.Group[][] {{Action.Group.TRANSPORT, Action.Group.MONITORING,
                Action.Group.APPLICATION}, {Action.Group.REVIEW, Action.Group.VIEW}}) {
            VBox column = new VBox(2);
            for (Action.Group g : col) {
                column.getChildren().add(group(keymap, g));
            }
            columns.getChildren().add(column);
        }
        card.getChildren().add(columns);
        Label hint = new Label("Bindings come from the keymap file (xsight demo --keymap FILE). Esc closes.");
        hint.getStyleClass().add("help-hint");
        card.getChildren().add(hint);
        getChildren().add(card);
        StackPane.setAlignment(card, Pos.CENTER);
    }

    private static VBox group(Keymap keymap, Action.Group group) {
        VBox box = new VBox(3);
        Label heading = new Label(group.label().toUpperCase(java.util.Locale.ROOT));
        heading.getStyleClass().add("help-group");
        box.getChildren().add(heading);
        GridPane grid = new GridPane();
        grid.setHgap(14);
        grid.setVgap(5);
        int row = 0;
        for (Action a : Action.values()) {
            if (a.group() != group) {
                continue;
            }
            List<KeyChord> chords = keymap.chordsFor(a);
            HBox keys = new HBox(4);
            keys.setAlignment(Pos.CENTER_RIGHT);
            for (KeyChord c : chords) {
                Label cap = new Label(c.label());
                cap.getStyleClass().add("keycap");
                keys.getChildren().add(cap);
            }
            if (chords.isEmpty()) {
                Label none = new Label("—");
                none.getStyleClass().add("help-hint");
                keys.getChildren().add(none);
            }
            Label text = new Label(a.description());
            text.getStyleClass().add("help-text");
            grid.addRow(row++, keys, text);
        }
        box.getChildren().add(grid);
        return box;
    }
}
