package dev.xsight.shell.pipeline;

import dev.xsight.render.PipelinePreset;
import dev.xsight.shell.ShellOptions;
import dev.xsight.shell.ShellView;
import dev.xsight.shell.ShellViewModel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import javafx.stage.FileChooser;
import javafx.stage.Window;

/**
 * Wires the display pipeline into a shell: the view-model, the chooser in the bottom bar and the Load… file dialog.
 */
public final class DisplaySetup {
    private DisplaySetup() {
    }

    /**
     * @param rendering a pipeline forced for every source ({@code demo --pipeline}), and whether the preview tries
     *     OpenGL
     * @param configDir the folder of {@code pipelines.json}
     */
    public static PipelineViewModel attach(ShellViewModel vm, ShellView view, Window owner,
            ShellOptions.Rendering rendering, Path configDir) {
        PipelineViewModel display = new PipelineViewModel(vm, PipelineStore.inFolder(configDir),
                Optional.ofNullable(rendering.pipeline()), rendering.glPreview());
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
