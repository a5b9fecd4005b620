package dev.xsight.review;

import dev.xsight.checklist.QcCategory;
import dev.xsight.checklist.QcTaxonomy;
import java.util.ArrayList;
import java.util.List;
import javafx.collections.ListChangeListener;
import javafx.css.PseudoClass;
import javafx.geometry.Insets;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.util.StringConverter;

/**
 * The notes panel: filters on top, the notes list (notes under the playhead highlighted with the {@code :active}
 * pseudo-class and selected-scrolled into view), and a quick-add row at the bottom (type, press Enter).
 *
 * <p>A thin view over {@link NotesViewModel}; build it and use it on the FX thread. Node ids for styling and tests:
 * {@code #notesList}, {@code #filterSeverity}, {@code #filterCategory}, {@code #filterStatus}, {@code #filterAuthor},
 * {@code #noteText}, {@code #noteSeverity}, {@code #noteCategory}, {@code #addNote}, {@code #notesStatus}; the
 * selected note's {@link NoteEditor} sits between the list and the quick-add row.
 */
public final class NotesPanel extends BorderPane {
    /** Set on list cells whose note covers the current timecode. */
    public static final PseudoClass ACTIVE = PseudoClass.getPseudoClass("active");
    private static final String ALL = "All";

    private final NotesViewModel vm;
    private final ListView<Note> list = new ListView<>();
    private final TextField text = new TextField();
    private final ComboBox<Severity> severity = new ComboBox<>();
    private final ComboBox<String> category = new ComboBox<>();
    private final NoteEditor editor;

    public NotesPanel(NotesViewModel vm) {
        this.vm = vm;
        getStyleClass().add("notes-panel");
        getStylesheets().add(NotesPanel.class.getResource("notes.css").toExternalForm());
        setTop(filters());
        editor = new NoteEditor(vm);
        setCenter(list());
        setBottom(new VBox(editor, quickAdd()));
        followSelection();
    }

    /** The editor of the selected note (hidden while nothing is selected). */
    public NoteEditor editor() {
        return editor;
    }

    /**
     * The editor edits the list's selection. A saved note replaces the old one in the list (same id): the editor
     * keeps it and the list selects it again; a note that is deleted or filtered away closes the editor and clears
     * the selection.
     */
    private void followSelection() {
        list.getSelectionModel().selectedItemProperty().addListener((o, a, b) -> {
            Note editing = editor.noteProperty().get();
            if (b != null) {
                editor.noteProperty().set(b);
            } else if (editing != null && list.getItems().stream().noneMatch(n -> n.id().equals(editing.id()))) {
                editor.noteProperty().set(null);
            }
        });
        editor.noteProperty().addListener((o, a, b) -> {
            if (b == null) {
                list.getSelectionModel().clearSelection();
            } else if (list.getSelectionModel().getSelectedItem() != b) {
                int at = list.getItems().indexOf(b);
                if (at >= 0) {
                    list.getSelectionModel().select(at);
                }
            }
        });
    }

    public NotesViewModel viewModel() {
        return vm;
    }

    /** Focuses the quick-add text field (the shell's N key). */
    public void focusQuickAdd() {
        text.requestFocus();
    }

    private javafx.scene.layout.GridPane filters() {
        ComboBox<Severity> sev = new ComboBox<>();
        sev.setId("filterSeverity");
        sev.getItems().add(null);
        sev.getItems().addAll(Severity.values());
        sev.setConverter(named(s -> s == null ? ALL + " severities" : s.name()));
        sev.valueProperty().bindBidirectional(vm.severityFilterProperty());

        ComboBox<String> cat = new ComboBox<>();
        cat.setId("filterCategory");
        cat.setEditable(false);
        ComboBox<NoteStatus> st = new ComboBox<>();
        st.setId("filterStatus");
        st.getItems().add(null);
        st.getItems().addAll(NoteStatus.values());
        st.setConverter(named(s -> s == null ? ALL + " statuses" : s.label()));
        st.valueProperty().bindBidirectional(vm.statusFilterProperty());
        ComboBox<String> who = new ComboBox<>();
        who.setId("filterAuthor");

        Runnable refreshChoices = () -> {
            refill(cat, NotesViewModel.distinct(vm.notes(), Note::category));
            refill(who, NotesViewModel.distinct(vm.notes(), Note::author));
        };
        vm.notes().addListener((ListChangeListener<Note>) c -> refreshChoices.run());
        refreshChoices.run();
        cat.valueProperty().addListener((o, a, b) -> vm.categoryFilterProperty().set(b == null || b.equals(ALL)
                ? "" : b));
        who.valueProperty().addListener((o, a, b) -> vm.authorFilterProperty().set(b == null || b.equals(ALL)
                ? "" : b));
        javafx.scene.layout.GridPane box = new javafx.scene.layout.GridPane();
        box.setHgap(6);
        box.setVgap(6);
        box.setPadding(new Insets(4, 0, 8, 0));
        box.getStyleClass().add("notes-filters");
        box.addRow(0, sev, cat);
        box.addRow(1, st, who);
        for (ComboBox<?> c : List.of(sev, cat, st, who)) {
            c.setMaxWidth(Double.MAX_VALUE);
            javafx.scene.layout.GridPane.setHgrow(c, Priority.ALWAYS);
        }
        cat.setPromptText("Category");
        who.setPromptText("Author");
        var half = new javafx.scene.layout.ColumnConstraints();
        half.setPercentWidth(50);
        box.getColumnConstraints().addAll(half, half);
        return box;
    }

    private static void refill(ComboBox<String> box, List<String> values) {
        String keep = box.getValue();
        List<String> items = new ArrayList<>();
        items.add(ALL);
        items.addAll(values);
        if (!box.getItems().equals(items)) {
            box.getItems().setAll(items);
            box.setValue(keep != null && items.contains(keep) ? keep : ALL);
        }
    }

    private ListView<Note> list() {
        list.setId("notesList");
        list.setItems(vm.visibleNotes());
        QcTaxonomy tax = QcTaxonomy.builtIn();
        list.setCellFactory(lv -> new NoteCell(tax));
        vm.activeNotes().addListener((ListChangeListener<Note>) c -> {
            list.refresh();
            if (!vm.activeNotes().isEmpty()) {
                list.scrollTo(vm.activeNotes().getFirst());
            }
        });
        VBox.setVgrow(list, Priority.ALWAYS);
        return list;
    }

    /** Severity chip, range and category on the first line; the text; author and status small underneath. */
    private final class NoteCell extends ListCell<Note> {
        private final QcTaxonomy tax;
        private final Label chip = new Label();
        private final Label range = new Label();
        private final Label cat = new Label();
        private final Label body = new Label();
        private final Label meta = new Label();
        private final VBox box;

        NoteCell(QcTaxonomy tax) {
            this.tax = tax;
            getStyleClass().add("note-cell");
            chip.getStyleClass().add("note-chip");
            range.getStyleClass().add("note-range");
            cat.getStyleClass().add("note-category");
            body.getStyleClass().add("note-text");
            body.setWrapText(true);
            meta.getStyleClass().add("note-meta");
            HBox top = new HBox(8, chip, range, cat);
            top.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
            box = new VBox(3, top, body, meta);
            body.maxWidthProperty().bind(list.widthProperty().subtract(40));
            setPrefWidth(0);
        }

        @Override
        protected void updateItem(Note n, boolean empty) {
            super.updateItem(n, empty);
            setText(null);
            if (empty || n == null) {
                setGraphic(null);
                pseudoClassStateChanged(ACTIVE, false);
                return;
            }
            chip.setText(n.severity().name());
            chip.getStyleClass().removeAll("sev-blocker", "sev-issue", "sev-fyi");
            chip.getStyleClass().add("sev-" + n.severity().name().toLowerCase(java.util.Locale.ROOT));
            range.setText(n.tcIn().equals(n.tcOut()) ? n.tcIn().toString() : n.tcIn() + " – " + n.tcOut());
            cat.setText(n.category().isEmpty() ? "" : tax.displayName(n.category()));
            body.setText(n.text());
            String extras = (n.drawings().isEmpty() ? "" : "  ·  " + n.drawings().size() + " drawing"
                    + (n.drawings().size() == 1 ? "" : "s")) + (n.frameGrab().isPresent() ? "  ·  grab" : "");
            meta.setText((n.author().isEmpty() ? "" : n.author() + "  ·  ") + n.status().label() + extras);
            setGraphic(box);
            pseudoClassStateChanged(ACTIVE, vm.isActive(n));
        }
    }

    private VBox quickAdd() {
        text.setId("noteText");
        text.setPromptText("Note at the playhead, Enter to add");
        severity.setId("noteSeverity");
        severity.getItems().setAll(Severity.values());
        severity.setValue(Severity.ISSUE);
        severity.setConverter(named(s -> s == null ? "" : s.name()));
        category.setId("noteCategory");
        category.setEditable(true);
        for (QcCategory c : QcTaxonomy.builtIn().categories()) {
            category.getItems().add(c.code());
        }
        Button add = new Button("Add");
        add.setId("addNote");
        add.setDefaultButton(false);
        add.setOnAction(e -> submit());
        text.setOnKeyPressed(e -> {
            if (e.getCode() == KeyCode.ENTER) {
                submit();
                e.consume();
            }
        });
        category.setPromptText("Category");
        HBox kind = new HBox(6, severity, category);
        HBox.setHgrow(category, Priority.ALWAYS);
        category.setMaxWidth(Double.MAX_VALUE);
        HBox row = new HBox(6, text, add);
        HBox.setHgrow(text, Priority.ALWAYS);
        Label status = new Label();
        status.setId("notesStatus");
        status.getStyleClass().add("notes-status");
        status.textProperty().bind(vm.statusProperty());
        VBox box = new VBox(6, kind, row, status);
        box.setPadding(new Insets(8, 0, 0, 0));
        box.getStyleClass().add("notes-quick-add");
        return box;
    }

    private void submit() {
        String t = text.getText() == null ? "" : text.getText().strip();
        if (t.isEmpty()) {
            return;
        }
        String cat = category.getEditor() != null && category.isEditable() ? category.getEditor().getText()
                : category.getValue();
        vm.addNote(severity.getValue(), QcTaxonomy.builtIn().canonical(cat == null ? "" : cat), t)
                .thenRun(() -> text.clear());
    }

    private static <T> StringConverter<T> named(java.util.function.Function<T, String> f) {
        return new StringConverter<>() {
            @Override
            public String toString(T t) {
                return f.apply(t);
            }

            @Override
            public T fromString(String s) {
                throw new UnsupportedOperationException();
            }
        };
    }
}
