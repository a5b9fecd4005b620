package dev.xsight.shell.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.xsight.render.PipelinePreset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PipelineStoreTest {
    @TempDir
    Path dir;

    @Test
    void savedPipelinesAreReadBackPerSourceKind() {
        Path file = dir.resolve("sub/pipelines.json");
        PipelineStore store = new PipelineStore(file);
        PipelineSetting hls = PipelineSetting.of(PipelinePreset.ACES20_REC709).withLook(dir.resolve("show.cube"))
                .withLookEnabled(false);
        assertEquals(Optional.empty(), store.put("demo", PipelineSetting.of(PipelinePreset.PQ1000)));
        assertEquals(Optional.empty(), store.put("hls", hls));
        PipelineStore again = new PipelineStore(file);
        assertEquals(Optional.of(PipelineSetting.of(PipelinePreset.PQ1000)), again.get("demo"));
        assertEquals(Optional.of(hls), again.get("hls"));
        assertEquals(Optional.empty(), again.get("st2110"));
    }

    @Test
    void writesLeaveNoTemporaryFilesBehind() throws Exception {
        Path file = dir.resolve("pipelines.json");
        PipelineStore store = new PipelineStore(file);
        for (PipelinePreset p : PipelinePreset.values()) {
            store.put("demo", PipelineSetting.of(p));
        }
        try (var files = Files.list(dir)) {
            assertEquals(java.util.List.of(file), files.toList());
        }
    }

    @Test
    void unreadableFileIsReportedAndTreatedAsEmpty() throws Exception {
        Path file = dir.resolve("pipelines.json");
        Files.writeString(file, "{\"sources\": {\"demo\": {\"preset\": \"rec601\"}}}");
        PipelineStore store = new PipelineStore(file);
        assertTrue(store.loadProblem().orElseThrow().contains("unknown pipeline preset 'rec601'"),
                store.loadProblem().toString());
        assertEquals(Optional.empty(), store.get("demo"));
        Files.writeString(file, "{not json");
        assertTrue(new PipelineStore(file).loadProblem().isPresent());
    }

    @Test
    void presetsAreFoundByTheirCommandLineNames() {
        assertEquals(PipelinePreset.ACES13_PQ1000, PipelinePreset.byId("ACES13-pq1000"));
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> PipelinePreset.byId("rec2020"));
        assertTrue(e.getMessage().contains("rec709, srgb, pq1000"), e.getMessage());
    }
}
