package dev.xsight.gl;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.xsight.colour.ColourProgram;
import dev.xsight.colour.ColourReference;
import dev.xsight.colour.ColourSteps;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The ACES 2.0 output transforms the shared set has no reference for (sRGB 100 nits; Rec.2100 PQ 1000 nits P3-D65-
 * and Rec.2020-limited), plus Rec.709 100 nits over our own inputs, against tables made with OpenColorIO 2.4.2's
 * builtins (the version and settings of the shared ACES 2.0 reference, whose outputs the same build reproduces;
 * provenance in each file and in the resources' README), on the CPU reference and through the generated GLSL,
 * within the shared README's display-code tolerance (clamp to [0, 1], ½ code at 10 bits). The inputs are those of
 * the ACES 1.3 tables: a grid, log-uniform random triples (highlights up to 300, zeros) and extras.
 */
class OcioAces20ReferencesTest {
    @RegisterExtension
    static final OffscreenGl GL = new OffscreenGl();

    private static ColourReference load(String name, String step) throws Exception {
        Path p;
        try {
            p = Path.of(OcioAces20ReferencesTest.class.getResource("/dev/xsight/colour/ocio/" + name + ".json").toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
        return ColourReference.load(p, ColourReference.Kind.DISPLAY_CODE, List.of(step));
    }

    private static String stepOf(String name) {
        // aces20_srgb-100 → aces-output:2.0:srgb-100
        return "aces-output:2.0:" + name.substring("aces20_".length());
    }

    @ParameterizedTest
    @ValueSource(strings = {"aces20_rec709-100", "aces20_srgb-100", "aces20_pq1000-p3d65lim", "aces20_pq1000-rec2020lim"})
    void cpuReferenceMatchesOpenColorIo(String name) throws Exception {
        ColourReference ref = load(name, stepOf(name));
        double[] px = ref.inputs().clone();
        ColourSteps.parseAll(ref.steps()).apply(px, ref.count());
        List<String> bad = ref.failures(px);
        assertTrue(bad.isEmpty(), () -> name + " (CPU):\n" + String.join("\n", bad));
    }

    @ParameterizedTest
    @ValueSource(strings = {"aces20_rec709-100", "aces20_srgb-100", "aces20_pq1000-p3d65lim", "aces20_pq1000-rec2020lim"})
    void gpuMatchesOpenColorIo(String name) throws Exception {
        GlContext ctx = GL.require();
        ColourReference ref = load(name, stepOf(name));
        ColourProgram program = ColourSteps.parseAll(ref.steps());
        double[] gpu;
        try (GlColourEvaluator e = new GlColourEvaluator(program)) {
            gpu = e.evaluate(ref.inputs(), ref.count());
        }
        List<String> bad = ref.failures(gpu);
        assertTrue(bad.isEmpty(), () -> name + " on " + ctx.renderer() + ":\n" + String.join("\n", bad));
    }
}
