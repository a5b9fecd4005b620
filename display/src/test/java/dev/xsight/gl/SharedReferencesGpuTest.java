package dev.xsight.gl;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.xsight.colour.ColourProgram;
import dev.xsight.colour.ColourReference;
import dev.xsight.colour.ColourSteps;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every shared colour reference passes through the generated GLSL (offscreen, RGBA32F) within the README's
 * tolerances, and the GPU agrees with the CPU reference to ±1 code at 10 bits.
 */
class SharedReferencesGpuTest {
    @RegisterExtension
    static final OffscreenGl GL = new OffscreenGl();

    @ParameterizedTest(name = "{0} via {2}")
    @MethodSource("dev.xsight.colour.ColourReference#arguments")
    void gpuMatchesSharedReferenceAndCpu(String name, ColourReference.Kind kind, List<String> steps) throws Exception {
        Path dir = ColourReference.colourDir();
        assertTrue(Files.isDirectory(dir), "the repository's colour references are missing: " + dir);
        GlContext ctx = GL.require();
        ColourReference ref = ColourReference.load(dir.resolve(name + ".json"), kind, steps);
        ColourProgram program = ColourSteps.parseAll(steps);
        double[] gpu;
        try (GlColourEvaluator e = new GlColourEvaluator(program)) {
            gpu = e.evaluate(ref.inputs(), ref.count());
        }
        List<String> bad = ref.failures(gpu);
        assertTrue(bad.isEmpty(), () -> name + " on " + ctx.renderer() + ":\n" + String.join("\n", bad));
        double[] cpu = ref.inputs().clone();
        program.apply(cpu, ref.count());
        if (kind == ColourReference.Kind.DISPLAY_CODE || kind == ColourReference.Kind.LUT
                || kind == ColourReference.Kind.CURVE) {
            for (int i = 0; i < cpu.length; i++) {
                double c = Math.min(1, Math.max(0, cpu[i])), g = Math.min(1, Math.max(0, gpu[i]));
                int dc = (int) Math.abs(Math.round(c * 1023) - Math.round(g * 1023));
                int row = i / 3;
                assertTrue(dc <= 1, "row " + row + " cpu " + cpu[i] + " gpu " + gpu[i] + " differ by " + dc + " codes");
            }
        }
    }
}
