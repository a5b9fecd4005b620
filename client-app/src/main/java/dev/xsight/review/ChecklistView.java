package dev.xsight.review;

import dev.xsight.checklist.ChecklistEntry;
import dev.xsight.checklist.ChecklistTemplate;
import dev.xsight.checklist.Verdict;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import javafx.application.Platform;
import javafx.geometry.Insets;
import javafx.scene.control.Label;
import javafx.scene.control.RadioButton;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleGroup;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/**
 * A QC checklist to work through: each item with pass / fail / n/a and a note. Marks are stored in the session
 * (off the FX thread, durably) as they are made and loaded when the view opens. Build and use on the FX thread.
 * Node ids: {@code #item-<itemId>-pass|fail|na}, {@code #item-<itemId>-note}, {@code #checklistStatus}.
 */
public final class ChecklistView extends VBox {
    private final ChecklistTemplate template;
    private final NoteStore store;
    private final Executor io;
    private final Map<String, ToggleGroup> groups = new HashMap<>();
    private final Map<String, TextField> notes = new HashMap<>();
    private final Label status = new Label();
    private String author = "";

    public ChecklistView(ChecklistTemplate template, NoteStore store, Executor io) {
        this.template = template;
        this.store = store;
        this.io = io;
        getStyleClass().add("checklist-view");
        Label title = new Label(template.name());
        title.setStyle("-fx-font-weight: bold;");
        GridPane grid = new GridPane();
        grid.setHgap(8);
        grid.setVgap(4);
        grid.setPadding(new Insets(4));
        int row = 0;
        for (ChecklistTemplate.Item item : template.items()) {
            ToggleGroup g = new ToggleGroup();
            RadioButton pass = radio(item, "pass", Verdict.PASS, g);
            RadioButton fail = radio(item, "fail", Verdict.FAIL, g);
            RadioButton na = radio(item, "na", Verdict.NOT_APPLICABLE, g);
            TextField note = new TextField();
            note.setId("item-" + item.id() + "-note");
            note.setPromptText("note");
            note.setOnAction(e -> save(item.id()));
            note.focusedProperty().addListener((o, was, is) -> {
                if (was && !is) {
                    save(item.id());
                }
            });
            g.selectedToggleProperty().addListener((o, a, b) -> save(item.id()));
            groups.put(item.id(), g);
            notes.put(item.id(), note);
            grid.addRow(row++, new Label(item.text()), pass, fail, na, note);
            GridPane.setHgrow(note, Priority.ALWAYS);
        }
        status.setId("checklistStatus");
        ScrollPane scroll = new ScrollPane(grid);
        scroll.setFitToWidth(true);
        VBox.setVgrow(scroll, Priority.ALWAYS);
        getChildren().addAll(title, scroll, status);
    }

    private static RadioButton radio(ChecklistTemplate.Item item, String suffix, Verdict v, ToggleGroup g) {
        RadioButton b = new RadioButton(v.label());
        b.setId("item-" + item.id() + "-" + suffix);
        b.setUserData(v);
        b.setToggleGroup(g);
        return b;
    }

    /** Author recorded with each mark. */
    public void setAuthor(String author) {
        this.author = author == null ? "" : author;
    }

    /** Loads the stored marks (off the FX thread) and shows them; completes on the FX thread. */
    public CompletableFuture<Void> load() {
        return CompletableFuture.supplyAsync(() -> store.checklist(template.id()), io)
                .thenAcceptAsync(this::show, Platform::runLater);
    }

    private boolean showing;

    private void show(List<ChecklistEntry> entries) {
        showing = true;
        try {
            for (ChecklistEntry e : entries) {
                ToggleGroup g = groups.get(e.itemId());
                if (g == null) {
                    continue;
                }
                g.getToggles().stream().filter(t -> t.getUserData() == e.verdict()).findFirst()
                        .ifPresent(t -> t.setSelected(true));
                notes.get(e.itemId()).setText(e.note());
            }
        } finally {
            showing = false;
        }
    }

    /** The verdict shown for an item. */
    public Verdict verdict(String itemId) {
        var t = groups.get(itemId).getSelectedToggle();
        return t == null ? Verdict.UNCHECKED : (Verdict) t.getUserData();
    }

    private void save(String itemId) {
        if (showing) {
            return;
        }
        ChecklistEntry e = new ChecklistEntry(template.id(), itemId, verdict(itemId), notes.get(itemId).getText(),
                author, Instant.now());
        try {
            CompletableFuture.runAsync(() -> store.mark(e), io).whenCompleteAsync((v, err) -> status.setText(
                    err == null ? "Saved " + itemId : "Not saved: " + err.getMessage()), Platform::runLater);
        } catch (java.util.concurrent.RejectedExecutionException closed) {
            // A field losing focus as its window goes away, after the session was closed.
            status.setText("Not saved: the session is closed");
        }
    }
}
