package dev.xsight.shell;

import dev.xsight.render.PipelinePreset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import javafx.stage.FileChooser;
import javafx.stage.Window;

/**
 * Wires the display pipeline into a shell: the view-model, the chooser in the bottom bar and the Load… file dialog.
 * {@code xsight.pipeline} (set by {@code demo --pipeline}) forces a preset id or a file for every source;
 * {@code xsight.preview.gl=false} skips OpenGL and renders the preview on the CPU.
 */
public final class DisplaySetup {
    private DisplaySetup() {
    }

    static PipelineViewModel attach(ShellViewModel vm, ShellView view, Window owner) {
        boolean tryGl = !"false".equalsIgnoreCase(System.getProperty("xsight.preview.gl", "true"));
        PipelineViewModel display = new PipelineViewModel(vm, PipelineStore.inUserConfig(),
                forced(System.getProperty("xsight.pipeline")), tryGl);
        DisplayPipelineChooser chooser = new DisplayPipelineChooser(display);
        view.setDisplayControls(chooser.chooser(), chooser.status());
        display.setFilePrompt(() -> {
            FileChooser dialog = new FileChooser();
            dialog.setTitle("Load CDL, LUT, CLF, AMF or FDL");
            dialog.getExtensionFilters().addAll(
                    new FileChooser.ExtensionFilter("Colour files", "*.cube", "*.3dl", "*.clf", "*.ctf", "*.xml",
                            "*.cc", "*.ccc", "*.cdl", "*.amf", "*.json", "*.fdl"),
                    new FileChooser.ExtensionFilter("All files", "*"));
            return Optional.ofNullable(dialog.showOpenDialog(owner)).map(java.io.File::toPath);
        });
        return display;
    }

    /**
     * A preset id, a LUT/CDL file (on Rec.709), or an AMF/pipeline JSON file; {@link IllegalArgumentException} for
     * anything else.
     */
    public static Optional<PipelineSetting> forced(String value) {
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        Path p = Path.of(value);
        if (!Files.isRegularFile(p)) {
            return Optional.of(PipelineSetting.of(PipelinePreset.byId(value)));
        }
        return switch (PipelineSetting.roleOf(p)) {
            case PIPELINE -> Optional.of(PipelineSetting.of(PipelinePreset.REC709).withPipelineFile(p));
            case LUT, CDL -> Optional.of(PipelineSetting.of(PipelinePreset.REC709).withLook(p));
            default -> throw new IllegalArgumentException("--pipeline: " + value
                    + " is not a preset, LUT, CLF, CDL, AMF or pipeline JSON file");
        };
    }
}
