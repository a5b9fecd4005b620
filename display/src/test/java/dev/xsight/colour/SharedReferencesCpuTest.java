package dev.xsight.colour;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every shared colour reference passes through the CPU reference within the conformance README's tolerances. */
class SharedReferencesCpuTest {

    @ParameterizedTest(name = "{0} via {2}")
    @MethodSource("dev.xsight.colour.ColourReference#arguments")
    void cpuReferenceMatchesSharedReference(String name, ColourReference.Kind kind, List<String> steps) throws Exception {
        Path dir = ColourReference.colourDir();
        assertTrue(Files.isDirectory(dir), "the repository's colour references are missing: " + dir);
        Path json = dir.resolve(name + ".json");
        assertTrue(Files.exists(json), name + ".json is not in " + dir);
        ColourReference ref = ColourReference.load(json, kind, steps);
        double[] px = ref.inputs().clone();
        ColourProgram program = ColourSteps.parseAll(steps);
        program.apply(px, ref.count());
        List<String> bad = ref.failures(px);
        assertTrue(bad.isEmpty(), () -> name + ":\n" + String.join("\n", bad));
    }

    @Test
    void everySharedReferenceFileIsCatalogued() throws Exception {
        Path dir = ColourReference.colourDir();
        assertTrue(Files.isDirectory(dir), "the repository's colour references are missing: " + dir);
        List<String> known = ColourReference.catalogue(dir).stream().map(o -> (String) o[0]).distinct().sorted().toList();
        try (Stream<Path> s = Files.list(dir)) {
            List<String> present = s.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".json"))
                    .map(n -> n.substring(0, n.length() - 5)).sorted().toList();
            assertTrue(known.containsAll(present), "uncatalogued reference files: " + present);
            assertEquals(present.size(), present.stream().filter(known::contains).count());
        }
    }
}
