package dev.xsight.review;

import dev.xsight.checklist.QcCategory;
import dev.xsight.checklist.QcTaxonomy;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.TextArea;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.util.StringConverter;

/**
 * Edits the note selected in the notes list: status (open → fix / best possible / creative intent / waived),
 * severity, category and text; Save stores them, Delete asks for confirmation in place and removes the note.
 *
 * <p>Changes go through {@link NotesViewModel#edit} and {@link NotesViewModel#delete}, so the store runs off the FX
 * thread; the editor says "Saving…" and is disabled until the store has committed, then shows the stored note's
 * edited time. Build and use it on the FX thread. Node ids: {@code #noteEditor}, {@code #editStatus},
 * {@code #editSeverity}, {@code #editCategory}, {@code #editText}, {@code #saveNote}, {@code #deleteNote},
 * {@code #confirmDelete}, {@code #cancelDelete}, {@code #editState}.
 */
public final class NoteEditor extends VBox {
    private static final DateTimeFormatter EDITED = DateTimeFormatter.ofPattern("HH:mm:ss")
            .withZone(ZoneId.systemDefault());

    private final NotesViewModel vm;
    private final ObjectProperty<Note> note = new SimpleObjectProperty<>(this, "note");
    private final ComboBox<NoteStatus> status = new ComboBox<>();
    private final ComboBox<Severity> severity = new ComboBox<>();
    private final ComboBox<String> category = new ComboBox<>();
    private final TextArea text = new TextArea();
    private final Button save = new Button("Save");
    private final Button delete = new Button("Delete…");
    private final Button confirm = new Button("Delete note");
    private final Button cancel = new Button("Keep");
    private final Label question = new Label("Delete this note? This cannot be undone.");
    private final Label state = new Label();
    private final HBox actions;
    private final HBox confirmRow;

    public NoteEditor(NotesViewModel vm) {
        this.vm = vm;
        setId("noteEditor");
        getStyleClass().add("note-editor");
        setSpacing(6);
        setPadding(new Insets(8, 0, 0, 0));

        status.setId("editStatus");
        status.getItems().setAll(NoteStatus.values());
        status.setConverter(named(NoteStatus::label));
        severity.setId("editSeverity");
        severity.getItems().setAll(Severity.values());
        severity.setConverter(named(Severity::name));
        category.setId("editCategory");
        category.setEditable(true);
        category.setPromptText("Category");
        for (QcCategory c : QcTaxonomy.builtIn().categories()) {
            category.getItems().add(c.code());
        }
        text.setId("editText");
        text.setWrapText(true);
        text.setPrefRowCount(3);
        save.setId("saveNote");
        delete.setId("deleteNote");
        confirm.setId("confirmDelete");
        confirm.getStyleClass().add("danger");
        cancel.setId("cancelDelete");
        state.setId("editState");
        state.getStyleClass().add("notes-status");

        HBox kind = new HBox(6, status, severity, category);
        HBox.setHgrow(category, Priority.ALWAYS);
        category.setMaxWidth(Double.MAX_VALUE);
        Region gap = new Region();
        HBox.setHgrow(gap, Priority.ALWAYS);
        actions = new HBox(6, state, gap, delete, save);
        actions.setAlignment(Pos.CENTER_LEFT);
        question.setWrapText(true);
        Region gap2 = new Region();
        HBox.setHgrow(gap2, Priority.ALWAYS);
        confirmRow = new HBox(6, question, gap2, cancel, confirm);
        confirmRow.setAlignment(Pos.CENTER_LEFT);
        getChildren().addAll(kind, text, actions, confirmRow);

        save.setOnAction(e -> save());
        delete.setOnAction(e -> askDelete(true));
        cancel.setOnAction(e -> askDelete(false));
        confirm.setOnAction(e -> delete());
        note.addListener((o, a, b) -> show(b));
        show(null);
    }

    /** The note being edited (the list's selection); null hides the editor. */
    public ObjectProperty<Note> noteProperty() {
        return note;
    }

    private void show(Note n) {
        boolean any = n != null;
        setVisible(any);
        setManaged(any);
        askDelete(false);
        setDisable(false);
        if (!any) {
            return;
        }
        status.setValue(n.status());
        severity.setValue(n.severity());
        category.setValue(n.category());
        category.getEditor().setText(n.category());
        text.setText(n.text());
        state.setText("Edited " + EDITED.format(n.edited()));
    }

    private void askDelete(boolean ask) {
        confirmRow.setVisible(ask);
        confirmRow.setManaged(ask);
        actions.setVisible(!ask);
        actions.setManaged(!ask);
    }

    private void save() {
        Note n = note.get();
        if (n == null) {
            return;
        }
        String cat = category.getEditor().getText();
        String canonical = QcTaxonomy.builtIn().canonical(cat == null ? "" : cat);
        setDisable(true);
        state.setText("Saving…");
        vm.edit(n, status.getValue(), severity.getValue(), canonical, text.getText()).whenComplete((stored, err) -> {
            setDisable(false);
            if (err != null) {
                state.setText("Not saved: " + vm.statusProperty().get());
            } else if (note.get() != null && note.get().id().equals(stored.id())) {
                note.set(stored);
                state.setText("Saved · edited " + EDITED.format(stored.edited()));
            }
        });
    }

    private void delete() {
        Note n = note.get();
        if (n == null) {
            return;
        }
        setDisable(true);
        state.setText("Deleting…");
        vm.delete(n.id()).whenComplete((gone, err) -> {
            setDisable(false);
            if (err != null) {
                askDelete(false);
                state.setText("Not deleted: " + vm.statusProperty().get());
            } else {
                // The list may have moved its selection to a neighbour while removing the note: close the editor
                // rather than leave another note open under the operator's hand.
                note.set(null);
            }
        });
    }

    private static <T> StringConverter<T> named(java.util.function.Function<T, String> f) {
        return new StringConverter<>() {
            @Override
            public String toString(T t) {
                return t == null ? "" : f.apply(t);
            }

            @Override
            public T fromString(String s) {
                throw new UnsupportedOperationException();
            }
        };
    }
}
