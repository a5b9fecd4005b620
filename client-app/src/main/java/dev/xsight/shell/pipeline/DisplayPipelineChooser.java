package dev.xsight.shell.pipeline;

import dev.xsight.render.PipelinePreset;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;

/**
 * The display pipeline controls: a preset chooser and a Load… button (CDL/LUT/CLF/AMF/FDL) for the top bar
 * ({@link #chooser()}), and the DISPLAY PIPELINE line for the status row ({@link #status()}) with the active pipeline
 * and its back end ({@code #pipeline}, e.g. {@code GL · Rec.709 BT.1886 100 nits}). Binds to a
 * {@link PipelineViewModel}; FX thread.
 */
public final class DisplayPipelineChooser {
    private final ComboBox<PipelinePreset> presets = new ComboBox<>();
    private final HBox chooser;
    private final HBox status;
    private boolean updating;

    public DisplayPipelineChooser(PipelineViewModel vm) {
        presets.setId("pipeline-chooser");
        presets.getItems().setAll(PipelinePreset.values());
        presets.setFocusTraversable(false);
        presets.setPromptText("pipeline from file");
        presets.setPrefWidth(260);
        Button load = new Button("Load CDL/LUT/CLF/AMF/FDL…");
        load.setId("pipeline-load");
        load.setFocusTraversable(false);
        load.setOnAction(e -> vm.loadInteractive());
        chooser = new HBox(6, presets, load);
        chooser.setAlignment(Pos.CENTER_RIGHT);
        chooser.setStyle("-fx-padding: 0 12 0 0;");

        Label caption = new Label("DISPLAY PIPELINE");
        Label active = new Label();
        active.setId("pipeline");
        active.textProperty().bind(vm.labelProperty());
        active.setMinWidth(Label.USE_PREF_SIZE);
        active.setStyle("-fx-text-fill: #d6d9de;");
        Tooltip tip = new Tooltip();
        tip.textProperty().bind(vm.labelProperty().concat("\n").concat(vm.backendProperty()));
        active.setTooltip(tip);
        status = new HBox(8, caption, active);
        status.setAlignment(Pos.CENTER_RIGHT);

        presets.valueProperty().addListener((o, was, is) -> {
            if (!updating && is != null) {
                vm.choose(is);
            }
        });
        vm.settingProperty().addListener((o, was, is) -> show(is));
        show(vm.settingProperty().get());
    }

    private void show(PipelineSetting s) {
        updating = true;
        try {
            presets.setValue(s.preset());
        } finally {
            updating = false;
        }
    }

    /** Preset box and Load… button. */
    public Node chooser() {
        return chooser;
    }

    /** Caption and active pipeline label. */
    public Node status() {
        return status;
    }

    /** The preset box (tests). */
    public ComboBox<PipelinePreset> presets() {
        return presets;
    }
}
