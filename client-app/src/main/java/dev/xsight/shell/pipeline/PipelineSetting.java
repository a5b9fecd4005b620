package dev.xsight.shell.pipeline;

import dev.xsight.colour.CdlOp;
import dev.xsight.colour.DisplayPipeline;
import dev.xsight.colour.Lut3dOp;
import dev.xsight.colour.io.AmfFile;
import dev.xsight.colour.io.DisplayPipelineJson;
import dev.xsight.render.PipelinePreset;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The pipeline chosen for one source: a preset or a whole-pipeline file (AMF or pipeline JSON), optionally a look
 * (a LUT, CLF or CDL file) applied on the source signal before the output, and whether the look is on (the A/B
 * toggle). With the look off the grade steps of an AMF/JSON pipeline are left out as well: B is always the
 * ungraded picture through the same output.
 *
 * @param preset the preset; null when {@code pipelineFile} is set
 * @param pipelineFile an AMF or pipeline JSON file; null when {@code preset} is set
 * @param look a .cube/.3dl/.clf/.ctf/.xml/.cc/.ccc/.cdl file, or null
 * @param lookEnabled A (true, look on) or B (false)
 */
public record PipelineSetting(PipelinePreset preset, Path pipelineFile, Path look, boolean lookEnabled) {

    public PipelineSetting {
        if ((preset == null) == (pipelineFile == null)) {
            throw new IllegalArgumentException("a pipeline setting needs exactly one of preset and pipeline file");
        }
    }

    public static PipelineSetting of(PipelinePreset p) {
        return new PipelineSetting(p, null, null, true);
    }

    public PipelineSetting withPreset(PipelinePreset p) {
        return new PipelineSetting(p, null, look, lookEnabled);
    }

    public PipelineSetting withLook(Path file) {
        return new PipelineSetting(preset, pipelineFile, file, true);
    }

    public PipelineSetting withPipelineFile(Path file) {
        return new PipelineSetting(null, file, null, true);
    }

    public PipelineSetting withLookEnabled(boolean on) {
        return new PipelineSetting(preset, pipelineFile, look, on);
    }

    /** Whether there is anything for the A/B toggle to switch. */
    public boolean hasLook() {
        return look != null || pipelineFile != null;
    }

    /** What a file is used for, by its extension. */
    public enum FileRole { PIPELINE, LUT, CDL, FRAMING, UNKNOWN }

    public static FileRole roleOf(Path file) {
        String n = file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (n.endsWith(".amf") || n.endsWith(".json")) {
            return FileRole.PIPELINE;
        }
        if (n.endsWith(".cube") || n.endsWith(".3dl") || n.endsWith(".clf") || n.endsWith(".ctf")
                || n.endsWith(".xml")) {
            return FileRole.LUT;
        }
        if (n.endsWith(".cc") || n.endsWith(".ccc") || n.endsWith(".cdl")) {
            return FileRole.CDL;
        }
        if (n.endsWith(".fdl")) {
            return FileRole.FRAMING;
        }
        return FileRole.UNKNOWN;
    }

    /** The pipeline this setting describes; reads the pipeline file (not the LUT/CDL, which compile reads). */
    public DisplayPipeline resolve() throws IOException {
        DisplayPipeline base;
        if (preset != null) {
            base = preset.pipeline();
        } else {
            String n = pipelineFile.getFileName().toString().toLowerCase(Locale.ROOT);
            base = n.endsWith(".amf") ? AmfFile.read(pipelineFile) : DisplayPipelineJson.read(pipelineFile);
        }
        if (!lookEnabled) {
            return new DisplayPipeline(base.source(), base.input(), Optional.empty(), List.of(), base.output());
        }
        if (look == null) {
            return base;
        }
        if (roleOf(look) == FileRole.CDL) {
            return base.withCdl(new DisplayPipeline.CdlStep(look, null, CdlOp.Style.ASC));
        }
        List<DisplayPipeline.LutStep> luts = new ArrayList<>(base.luts());
        luts.add(new DisplayPipeline.LutStep(look, Lut3dOp.Interpolation.TETRAHEDRAL));
        return base.withLuts(luts);
    }

    /** E.g. {@code Rec.709 BT.1886 100 nits + look.cube} or {@code … (look off)}. */
    public String label() {
        String base = preset != null ? preset.label() : pipelineFile.getFileName().toString();
        if (look == null && pipelineFile == null) {
            return base;
        }
        String lookName = look != null ? " + " + look.getFileName() : "";
        return base + lookName + (lookEnabled ? "" : " (look off)");
    }
}
