package dev.xsight.checklist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChecklistTemplatesTest {
    @TempDir
    Path dir;

    @Test
    void taxonomyCoversTheVideoAndAudioFaultsOfAQcPass() {
        QcTaxonomy t = QcTaxonomy.builtIn();
        List<String> wanted = List.of("hits", "dead pixel", "compression", "banding", "aliasing", "flash frame",
                "dropped frame", "duplicate frame", "freeze", "black", "illegal levels", "gamut", "framing", "focus",
                "vfx", "audio dropout", "clicks", "sync", "loudness");
        for (String w : wanted) {
            assertTrue(t.find(w).isPresent(), w);
        }
        Set<String> codes = t.categories().stream().map(QcCategory::code).collect(Collectors.toSet());
        assertEquals(t.categories().size(), codes.size(), "codes are unique");
        assertEquals("V-BAND", t.canonical(" Banding "));
        assertEquals("A-LOUD", t.canonical("a-loud"));
        assertEquals("Lens flare", t.canonical("Lens flare")); // custom categories stay as typed
    }

    @Test
    void everyBuiltInItemNamesATaxonomyCode() {
        QcTaxonomy t = QcTaxonomy.builtIn();
        for (ChecklistTemplate tpl : ChecklistTemplates.builtIn()) {
            for (ChecklistTemplate.Item i : tpl.items()) {
                assertTrue(t.find(i.category()).isPresent(), tpl.id() + "/" + i.id());
            }
        }
    }

    @Test
    void userTemplatesAreAddedFromAFolderAndReplaceBuiltInsOfTheSameId() throws Exception {
        Files.writeString(dir.resolve("hdr-check.json"), """
                {"name": "HDR spot check", "items": [
                  {"id": "maxcll", "text": "MaxCLL within the mastering display", "category": "V-LEVELS"},
                  {"id": "clip", "text": "No hard clipping in speculars"}]}""");
        Files.writeString(dir.resolve("audio.json"), """
                {"id": "audio-qc", "name": "Our sound QC", "items": [{"id": "lufs", "text": "-24 LKFS +-2"}]}""");
        List<ChecklistTemplate> all = ChecklistTemplates.load(dir);
        ChecklistTemplate hdr = all.stream().filter(t -> t.id().equals("hdr-check")).findFirst().orElseThrow();
        assertEquals(2, hdr.items().size());
        ChecklistTemplate audio = all.stream().filter(t -> t.id().equals("audio-qc")).findFirst().orElseThrow();
        assertEquals("Our sound QC", audio.name());
        assertTrue(all.stream().anyMatch(t -> t.id().equals("video-qc")));
    }

    @Test
    void aBrokenUserTemplateIsNamedInTheError() throws Exception {
        Files.writeString(dir.resolve("broken.json"), "{\"name\": \"x\", \"items\": [\n{\"id\": }]}");
        ChecklistFormatException e = assertThrows(ChecklistFormatException.class, () -> ChecklistTemplates.load(dir));
        assertTrue(e.getMessage().contains("broken.json") && e.getMessage().contains("line 2"), e.getMessage());
        Files.writeString(dir.resolve("broken.json"), "{\"name\": \"x\", \"items\": [{\"id\": \"a\", \"text\": \"t\"},"
                + " {\"id\": \"a\", \"text\": \"u\"}]}");
        e = assertThrows(ChecklistFormatException.class, () -> ChecklistTemplates.load(dir));
        assertTrue(e.getMessage().contains("repeats item id a"), e.getMessage());
    }
}
