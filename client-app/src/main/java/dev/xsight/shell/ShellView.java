package dev.xsight.shell;

import dev.xsight.shell.monitoring.AudioMeter;
import javafx.beans.binding.Bindings;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.image.ImageView;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;

/**
 * The main window's layout: source list (left), viewer (centre), notes/QC slot (right), status bar (bottom). Binds
 * to a {@link ShellViewModel} and holds no state of its own.
 */
public final class ShellView extends BorderPane {
    private final StackPane notesSlot = new StackPane();
    private final VBox qcSlot = new VBox();
    private final ListView<SourceEntry> sourceList = new ListView<>();
    private final VBox sourceFooter = new VBox();
    private final HBox displaySlot = new HBox();
    private final HBox displayChooserSlot = new HBox();

    private final StackPane timelineSlot = new StackPane();
    private final ImageView picture = new ImageView();
    private final StackPane viewerPane = new StackPane();
    private final HBox viewersBox = new HBox(2);

    ShellView(ShellViewModel vm) {
        getStyleClass().add("shell");
        setTop(topBar(vm));
        setLeft(sourcePanel(vm));
        setCenter(viewers(vm));
        setRight(notesPanel());
        setBottom(bottom(vm));
    }

    /**
     * Puts {@code panel} (the review module's notes and QC panel) in the right-hand slot, replacing the placeholder.
     * FX thread.
     */
    public void setNotesPanel(Node panel) {
        notesSlot.getChildren().setAll(panel);
    }

    /** Puts {@code panel} (live QC's counters) under the notes in the right-hand panel. FX thread. */
    public void setQcPanel(Node panel) {
        qcSlot.getChildren().setAll(panel);
    }

    /** Puts the display pipeline chooser in the top bar and its status at the right of the status line. FX thread. */
    public void setDisplayControls(Node chooser, Node status) {
        displayChooserSlot.getChildren().setAll(chooser);
        displaySlot.getChildren().setAll(status);
    }

    /**
     * Lays {@code overlay} exactly over the picture (same size and place, following resizes), above the picture and
     * below the help overlay; {@code toolbar} (may be null) goes to the viewer's top edge. FX thread.
     */
    public void setViewerOverlay(Region overlay, Node toolbar) {
        Runnable fit = () -> {
            javafx.geometry.Bounds b = picture.getLayoutBounds();
            overlay.setMinSize(b.getWidth(), b.getHeight());
            overlay.setPrefSize(b.getWidth(), b.getHeight());
            overlay.setMaxSize(b.getWidth(), b.getHeight());
        };
        picture.layoutBoundsProperty().addListener((o, was, is) -> fit.run());
        fit.run();
        overlay.visibleProperty().bind(picture.imageProperty().isNotNull());
        viewerPane.getChildren().add(1, overlay);
        if (toolbar != null) {
            StackPane.setAlignment(toolbar, Pos.TOP_CENTER);
            StackPane.setMargin(toolbar, new Insets(16, 0, 0, 0));
            viewerPane.getChildren().add(2, toolbar);
        }
    }

    /** Docks {@code panel} (the scopes) at the right of the viewers; it takes space only while managed. FX thread. */
    public void setScopesPanel(Node panel) {
        viewersBox.getChildren().add(panel);
    }

    /** Puts {@code strip} (the notes' marker strip) between the viewer and the status bar. FX thread. */
    public void setTimeline(Node strip) {
        timelineSlot.getChildren().setAll(strip);
    }

    /** The viewer's picture (for frame grabs and tests). */
    public ImageView picture() {
        return picture;
    }

    /** The source list (for tests and keyboard focus). */
    public ListView<SourceEntry> sourceList() {
        return sourceList;
    }

    private Node topBar(ShellViewModel vm) {
        Label brand = new Label("XSIGHT");
        brand.getStyleClass().add("brand");
        Label sub = new Label("REFERENCE MONITOR");
        sub.getStyleClass().add("brand-sub");
        HBox logo = new HBox(8, brand, sub);
        logo.setAlignment(Pos.BASELINE_LEFT);
        Label source = new Label();
        source.setId("source-title");
        source.getStyleClass().add("source-title");
        source.textProperty().bind(vm.sourceNameProperty());
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        Label transport = pill();
        transport.setId("transport");
        transport.textProperty().bind(Bindings.when(vm.frozenProperty()).then("❚❚ FREEZE").otherwise("▶ LIVE"));
        vm.frozenProperty().addListener((o, was, is) -> style(transport, is ? "pill-frozen" : "pill-live"));
        style(transport, "pill-live");
        Label lut = pill();
        lut.textProperty().bind(Bindings.when(vm.lutEnabledProperty()).then("LUT ON").otherwise("LUT OFF"));
        vm.lutEnabledProperty().addListener((o, was, is) -> style(lut, is ? "pill-on" : null));
        Label ref = pill();
        ref.setId("reference-indicator");
        ref.textProperty().bind(Bindings.when(vm.referenceVisibleProperty())
                .then(Bindings.concat("REF OUT ● ", vm.referenceDetailProperty())).otherwise("REF OUT"));
        vm.referenceVisibleProperty().addListener((o, was, is) -> style(ref, is ? "pill-on" : null));
        Label sbs = pill();
        sbs.setId("side-by-side-pill");
        sbs.textProperty().bind(Bindings.when(vm.sideBySide().activeProperty()).then("SIDE BY SIDE ●")
                .otherwise("SIDE BY SIDE"));
        vm.sideBySide().activeProperty().addListener((o, was, is) -> style(sbs, is ? "pill-on" : null));
        sbs.setOnMouseClicked(e -> vm.perform(dev.xsight.input.Action.SIDE_BY_SIDE));
        Label help = pill();
        help.setText("? KEYS");
        // The pills are also buttons for the mouse; keys stay the primary way.
        help.setOnMouseClicked(e -> vm.perform(dev.xsight.input.Action.HELP));
        ref.setOnMouseClicked(e -> vm.perform(dev.xsight.input.Action.TOGGLE_REFERENCE_WINDOW));
        lut.setOnMouseClicked(e -> vm.perform(dev.xsight.input.Action.TOGGLE_LUT));
        transport.setOnMouseClicked(e -> vm.perform(dev.xsight.input.Action.PLAY_PAUSE));
        // The pills are controls and keep their full labels; the source title gives way first (ellipsis), and the
        // "REFERENCE MONITOR" tag is the first thing to go on a narrow window.
        for (Label p : new Label[] {transport, lut, sbs, ref, help}) {
            p.setMinWidth(Region.USE_PREF_SIZE);
        }
        brand.setMinWidth(Region.USE_PREF_SIZE);
        sub.setMinWidth(0);
        source.setMinWidth(120);
        HBox bar = new HBox(logo, source, spacer, displayChooserSlot, transport, lut, sbs, ref, help);
        bar.getStyleClass().add("top-bar");
        return bar;
    }

    private static Label pill() {
        Label l = new Label();
        l.getStyleClass().add("pill");
        return l;
    }

    private static void style(Label pill, String extra) {
        pill.getStyleClass().removeAll("pill-live", "pill-frozen", "pill-on");
        if (extra != null) {
            pill.getStyleClass().add(extra);
        }
    }

    private Node sourcePanel(ShellViewModel vm) {
        Label header = new Label("SOURCES");
        header.getStyleClass().add("panel-header");
        sourceList.setId("source-list");
        sourceList.getStyleClass().add("source-list");
        sourceList.setItems(vm.sources());
        sourceList.setFocusTraversable(false);
        sourceList.setCellFactory(list -> new SourceCell(vm));
        sourceList.setOnMouseClicked(e -> vm.select(sourceList.getSelectionModel().getSelectedItem()));
        vm.selectedProperty().addListener((o, was, is) -> {
            sourceList.getSelectionModel().select(is);
            sourceList.refresh();
        });
        VBox panel = sidePanel(header, sourceList, "side-left", 250, 200);
        panel.getChildren().add(sourceFooter);
        return panel;
    }

    /** Puts {@code footer} under the source list (the NMOS node's state and the registry browser's button). */
    public void setSourceFooter(Node footer) {
        sourceFooter.getChildren().setAll(footer);
    }

    /** A side panel: {@code header} over {@code body}, which takes the height left; {@code side} names its edge. */
    private static VBox sidePanel(Node header, Node body, String side, double prefWidth, double minWidth) {
        VBox.setVgrow(body, Priority.ALWAYS);
        VBox panel = new VBox(header, body);
        panel.getStyleClass().addAll("side-panel", side);
        panel.setPrefWidth(prefWidth);
        panel.setMinWidth(minWidth);
        return panel;
    }

    /** Two lines per source: its name and whether it plays, can be opened or is missing from this build. */
    private static final class SourceCell extends ListCell<SourceEntry> {
        private final ShellViewModel vm;
        private final Label name = new Label();
        private final Label detail = new Label();
        private final VBox box = new VBox(2, name, detail);

        SourceCell(ShellViewModel vm) {
            this.vm = vm;
            name.getStyleClass().add("source-name");
            detail.getStyleClass().add("source-detail");
            detail.setWrapText(true);
            detail.setMaxWidth(215);
        }

        @Override
        protected void updateItem(SourceEntry item, boolean empty) {
            super.updateItem(item, empty);
            getStyleClass().remove("source-unavailable");
            if (empty || item == null) {
                setGraphic(null);
                return;
            }
            name.setText(item.label());
            // A name longer than the panel ends in an ellipsis; the whole of it shows on hover.
            if (name.getTooltip() == null || !item.label().equals(name.getTooltip().getText())) {
                name.setTooltip(new javafx.scene.control.Tooltip(item.label()));
            }
            if (!item.available()) {
                getStyleClass().add("source-unavailable");
                detail.setText(item.unavailableReason());
            } else if (item == vm.selectedProperty().get()) {
                detail.setText("on air");
            } else {
                detail.setText(switch (item.provider().input()) {
                    case NONE -> "built in · click to play";
                    case FILE -> "choose a file";
                    case URL -> "enter a URL";
                });
            }
            setGraphic(box);
        }
    }

    /** The main viewer, and in side-by-side mode the second viewer to its right. */
    private Node viewers(ShellViewModel vm) {
        Node main = viewer(vm);
        SideBySide sbs = vm.sideBySide();
        // In side by side each viewer carries its own source name, timecode and health line.
        Label mainTag = viewerTag("primary-tag", Bindings.concat(vm.sourceNameProperty(), "   ",
                vm.timecodeProperty()));
        mainTag.visibleProperty().bind(sbs.activeProperty());
        StackPane.setAlignment(mainTag, Pos.TOP_LEFT);
        StackPane.setMargin(mainTag, new Insets(8));
        viewerPane.getChildren().addAll(mainTag, meter("audio-meter", vm.audioLevelsProperty(), Pos.BOTTOM_RIGHT));

        ImageView secondImage = new ImageView();
        secondImage.setId("second-image");
        secondImage.setPreserveRatio(true);
        secondImage.setSmooth(true);
        secondImage.imageProperty().bind(sbs.pictureProperty());
        StackPane second = new StackPane();
        second.setId("second-viewer");
        second.getStyleClass().addAll("viewer", "second-viewer");
        second.setMinSize(160, 90);
        secondImage.fitWidthProperty().bind(second.widthProperty().subtract(24));
        secondImage.fitHeightProperty().bind(second.heightProperty().subtract(24));
        Label name = viewerTag("second-source", sbs.sourceNameProperty());
        StackPane.setAlignment(name, Pos.TOP_LEFT);
        StackPane.setMargin(name, new Insets(8));
        Label tc = viewerTag("second-timecode", sbs.timecodeProperty());
        tc.getStyleClass().add("second-timecode");
        Label health = viewerTag("second-health", sbs.healthProperty());
        sbs.healthOkProperty().addListener((o, was, ok) -> {
            health.getStyleClass().removeAll("health-ok", "health-bad");
            health.getStyleClass().add(ok ? "health-ok" : "health-bad");
        });
        health.getStyleClass().add("health-ok");
        health.setWrapText(true);
        health.maxWidthProperty().bind(second.widthProperty().subtract(16));
        AudioMeter secondMeter = meter("second-audio-meter", sbs.audioLevelsProperty(), Pos.BOTTOM_LEFT);
        secondMeter.managedProperty().bind(secondMeter.visibleProperty());
        VBox foot = new VBox(2, secondMeter, tc, health);
        foot.setAlignment(Pos.BOTTOM_LEFT);
        foot.setPickOnBounds(false);
        foot.setMaxSize(Region.USE_PREF_SIZE, Region.USE_PREF_SIZE);
        StackPane.setAlignment(foot, Pos.BOTTOM_LEFT);
        StackPane.setMargin(foot, new Insets(8));
        second.getChildren().addAll(secondImage, name, foot);
        second.visibleProperty().bind(sbs.activeProperty());
        second.managedProperty().bind(sbs.activeProperty());
        HBox.setHgrow(main, Priority.ALWAYS);
        HBox.setHgrow(second, Priority.ALWAYS);
        // Equal halves: the primary keeps its GL or CPU path, the second one a CPU preview.
        if (main instanceof Region r) {
            r.setPrefWidth(0);
            r.setMaxWidth(Double.MAX_VALUE);
        }
        second.setPrefWidth(0);
        second.setMaxWidth(Double.MAX_VALUE);
        HBox box = viewersBox;
        box.getChildren().addAll(main, second);
        box.getStyleClass().add("viewers");
        return box;
    }

    /** A per-channel meter in a corner of a viewer, shown while its source has audio. */
    private static AudioMeter meter(String id,
                                    javafx.beans.value.ObservableValue<dev.xsight.media.audio.AudioLevels> levels,
                                    Pos corner) {
        AudioMeter m = new AudioMeter(id);
        levels.addListener((o, was, is) -> m.show(is));
        StackPane.setAlignment(m, corner);
        StackPane.setMargin(m, new Insets(8));
        return m;
    }

    private static Label viewerTag(String id, javafx.beans.value.ObservableValue<String> text) {
        Label l = new Label();
        l.setId(id);
        l.getStyleClass().add("viewer-tag");
        l.textProperty().bind(text);
        l.setMouseTransparent(true);
        return l;
    }

    private Node viewer(ShellViewModel vm) {
        ImageView view = picture;
        view.setId("viewer-image");
        view.setPreserveRatio(true);
        view.setSmooth(true);
        view.imageProperty().bind(vm.pictureProperty());
        StackPane viewer = viewerPane;
        viewer.getStyleClass().add("viewer");
        viewer.setMinSize(320, 180);
        view.fitWidthProperty().bind(viewer.widthProperty().subtract(24));
        view.fitHeightProperty().bind(viewer.heightProperty().subtract(24));
        Label placeholder = new Label("No source — choose one on the left");
        placeholder.getStyleClass().add("viewer-placeholder");
        placeholder.visibleProperty().bind(vm.pictureProperty().isNull());
        HelpOverlay help = new HelpOverlay(vm.keymap());
        help.visibleProperty().bind(vm.helpVisibleProperty());
        viewer.getChildren().addAll(view, placeholder, help);
        return viewer;
    }

    private Node notesPanel() {
        Label header = new Label("NOTES & QC");
        header.getStyleClass().add("panel-header");
        Label placeholder = new Label("Notes and the QC checklist\nappear here, synced to timecode.\n\n"
                + "N  add note    D  draw\n↑ ↓  previous / next note");
        placeholder.getStyleClass().add("notes-placeholder");
        notesSlot.setId("notes-slot");
        notesSlot.getChildren().add(placeholder);
        notesSlot.setPadding(new Insets(0, 12, 12, 12));
        qcSlot.setId("qc-slot");
        qcSlot.setPadding(new Insets(0, 12, 12, 12));
        VBox.setVgrow(notesSlot, Priority.ALWAYS);
        return sidePanel(header, new VBox(notesSlot, qcSlot), "side-right", 380, 300);
    }

    private Node bottom(ShellViewModel vm) {
        Label tc = new Label();
        tc.setId("timecode");
        tc.getStyleClass().add("timecode");
        tc.textProperty().bind(vm.timecodeProperty());
        tc.setMinWidth(Region.USE_PREF_SIZE);
        Label format = figure("format", vm.formatProperty(), "figure");
        Label health = figure("health", vm.healthProperty(), "figure");
        vm.healthOkProperty().addListener((o, was, ok) -> {
            health.getStyleClass().removeAll("health-ok", "health-bad");
            health.getStyleClass().add(ok ? "health-ok" : "health-bad");
        });
        health.getStyleClass().add("health-ok");
        Label fps = figure("fps", vm.fpsProperty(), "figure-mono");
        Label marks = new Label();
        marks.getStyleClass().add("figure-mono");
        // Two short lines instead of one long one, so the marks never squeeze the health figures out.
        marks.textProperty().bind(Bindings.createStringBinding(
                () -> "IN " + dash(vm.markInProperty().get()) + "   " + vm.markers().size() + " MARKERS\nOUT "
                        + dash(vm.markOutProperty().get()),
                vm.markInProperty(), vm.markOutProperty(), vm.markers()));
        // What must always be readable keeps its full width (timecode, marks, display rate); the source format and
        // the stream health wrap onto a second line instead of being cut, the health taking the room that is left.
        format.setWrapText(true);
        format.setMinWidth(150);
        format.setPrefWidth(190);
        health.setWrapText(true);
        health.setMinWidth(200);
        health.setMaxWidth(Double.MAX_VALUE);
        VBox healthBlock = block("STREAM HEALTH", health);
        HBox.setHgrow(healthBlock, Priority.ALWAYS);
        VBox marksBlock = block("MARKS", marks);
        VBox fpsBlock = block("DISPLAY", fps);
        marksBlock.setMinWidth(Region.USE_PREF_SIZE);
        fpsBlock.setMinWidth(Region.USE_PREF_SIZE);
        HBox bar = new HBox(tc, block("SOURCE FORMAT", format), healthBlock, marksBlock, fpsBlock);
        bar.getStyleClass().add("bottom-bar");
        Label status = new Label();
        status.setId("status");
        status.getStyleClass().add("status-line");
        status.setMaxWidth(Double.MAX_VALUE);
        status.textProperty().bind(vm.statusProperty());
        HBox.setHgrow(status, Priority.ALWAYS);
        displaySlot.getStyleClass().add("status-line");
        displaySlot.setAlignment(Pos.CENTER_RIGHT);
        HBox statusRow = new HBox(status, displaySlot);
        timelineSlot.setId("timeline-slot");
        timelineSlot.getStyleClass().add("timeline-slot");
        return new VBox(timelineSlot, bar, statusRow);
    }

    private static String dash(String s) {
        return s == null || s.isEmpty() ? "--:--:--:--" : s;
    }

    private static Label figure(String id, javafx.beans.value.ObservableValue<String> text, String style) {
        Label l = new Label();
        l.setId(id);
        l.getStyleClass().add(style);
        l.textProperty().bind(text);
        return l;
    }

    private static VBox block(String caption, Label value) {
        Label c = new Label(caption);
        c.getStyleClass().add("caption");
        VBox box = new VBox(2, c, value);
        box.setAlignment(Pos.CENTER_LEFT);
        return box;
    }
}
