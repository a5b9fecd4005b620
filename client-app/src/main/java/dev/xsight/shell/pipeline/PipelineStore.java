package dev.xsight.shell.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.xsight.export.AtomicFile;
import dev.xsight.render.PipelinePreset;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The pipeline saved per source kind, in {@code pipelines.json} in the user's configuration folder:
 * {@code {"version":1,"sources":{"demo":{"preset":"rec709","look":"/grades/show.cube","lookEnabled":true}}}}.
 * Written whole to a temporary file next to it and moved over it atomically, so a crash never leaves half a file.
 * A file that cannot be read is reported once and then treated as empty (it is replaced on the next save).
 *
 * <p>Threading: not thread-safe; the shell uses it on the FX thread (files are a few hundred bytes).
 */
public final class PipelineStore {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long MAX_BYTES = 1 << 20;
    private final Path file;
    private final Map<String, PipelineSetting> settings = new LinkedHashMap<>();
    private String loadProblem;

    public PipelineStore(Path file) {
        this.file = file;
        load();
    }

    /** {@code pipelines.json} in {@code dir} (the shell's config folder). */
    public static PipelineStore inFolder(Path dir) {
        return new PipelineStore(dir.resolve("pipelines.json"));
    }

    public Path file() {
        return file;
    }

    /** Why the file was ignored, or empty when it was read (or absent). */
    public Optional<String> loadProblem() {
        return Optional.ofNullable(loadProblem);
    }

    public Optional<PipelineSetting> get(String sourceKind) {
        return Optional.ofNullable(settings.get(sourceKind));
    }

    /** Records {@code s} for {@code sourceKind} and writes the file; returns the I/O problem, if any. */
    public Optional<String> put(String sourceKind, PipelineSetting s) {
        settings.put(sourceKind, s);
        try {
            save();
            return Optional.empty();
        } catch (IOException e) {
            return Optional.of("cannot save " + file + ": " + e.getMessage());
        }
    }

    private void load() {
        if (!Files.isRegularFile(file)) {
            return;
        }
        try {
            if (Files.size(file) > MAX_BYTES) {
                throw new IOException("larger than " + MAX_BYTES + " bytes");
            }
            JsonNode root = JSON.readTree(file.toFile());
            JsonNode sources = root == null ? null : root.get("sources");
            if (sources == null || !sources.isObject()) {
                throw new IOException("no \"sources\" object");
            }
            for (Iterator<Map.Entry<String, JsonNode>> it = sources.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                settings.put(e.getKey(), parse(e.getKey(), e.getValue()));
            }
        } catch (IOException | IllegalArgumentException e) {
            settings.clear();
            loadProblem = "ignoring " + file + ": " + e.getMessage();
        }
    }

    private static PipelineSetting parse(String kind, JsonNode n) {
        if (!n.isObject()) {
            throw new IllegalArgumentException("source \"" + kind + "\" is not an object");
        }
        PipelinePreset preset = n.hasNonNull("preset") ? PipelinePreset.byId(n.get("preset").asText()) : null;
        Path pipelineFile = n.hasNonNull("pipelineFile") ? Path.of(n.get("pipelineFile").asText()) : null;
        Path look = n.hasNonNull("look") ? Path.of(n.get("look").asText()) : null;
        boolean on = !n.has("lookEnabled") || n.get("lookEnabled").asBoolean(true);
        return new PipelineSetting(preset, pipelineFile, look, on);
    }

    private void save() throws IOException {
        ObjectNode root = JSON.createObjectNode();
        root.put("version", 1);
        ObjectNode sources = root.putObject("sources");
        settings.forEach((kind, s) -> {
            ObjectNode o = sources.putObject(kind);
            if (s.preset() != null) {
                o.put("preset", s.preset().id());
            }
            if (s.pipelineFile() != null) {
                o.put("pipelineFile", s.pipelineFile().toAbsolutePath().toString());
            }
            if (s.look() != null) {
                o.put("look", s.look().toAbsolutePath().toString());
            }
            o.put("lookEnabled", s.lookEnabled());
        });
        AtomicFile.write(file, out -> JSON.writerWithDefaultPrettyPrinter().writeValue(out, root));
    }
}
