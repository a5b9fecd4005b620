package dev.xsight.gl;

import static org.junit.jupiter.api.Assertions.assertTrue;

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
 * The ACES output transforms the shared set has no reference for, against tables made with OpenColorIO's builtins
 * on our own inputs (a grid, log-uniform random triples with highlights up to 300 and zeros, extras): ACES 1.3 sRGB
 * 100 and Rec.2100 PQ 1000 P3-D65- / Rec.2020-limited with OpenColorIO 2.1.2 (the version of the shared ACES 1.3
 * reference), ACES 2.0 for the same targets and Rec.709 100 with OpenColorIO 2.4.2 (the version of the shared ACES
 * 2.0 reference). Provenance is in each file and the resources' README. Checked on the CPU reference and through the
 * generated GLSL within the shared README's display-code tolerance (clamp to [0, 1], ½ code at 10 bits).
 */
class OcioReferencesTest {
    @RegisterExtension
    static final OffscreenGl GL = new OffscreenGl();

    /** {@code aces13_srgb-100} → the table with the step {@code aces-output:1.3:srgb-100}. */
    private static ColourReference load(String name) throws Exception {
        Path p;
        try {
            p = Path.of(OcioReferencesTest.class.getResource("/dev/xsight/colour/ocio/" + name + ".json").toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
        String version = name.startsWith("aces13_") ? "1.3" : "2.0";
        String step = "aces-output:" + version + ":" + name.substring(name.indexOf('_') + 1);
        return ColourReference.load(p, ColourReference.Kind.DISPLAY_CODE, List.of(step));
    }

    @ParameterizedTest
    @ValueSource(strings = {"aces13_srgb-100", "aces13_pq1000-p3d65lim", "aces13_pq1000-rec2020lim",
        "aces20_rec709-100", "aces20_srgb-100", "aces20_pq1000-p3d65lim", "aces20_pq1000-rec2020lim"})
    void cpuReferenceMatchesOpenColorIo(String name) throws Exception {
        ColourReference ref = load(name);
        double[] px = ref.inputs().clone();
        ColourSteps.parseAll(ref.steps()).apply(px, ref.count());
        List<String> bad = ref.failures(px);
        assertTrue(bad.isEmpty(), () -> name + " (CPU):\n" + String.join("\n", bad));
    }

    @ParameterizedTest
    @ValueSource(strings = {"aces13_srgb-100", "aces13_pq1000-p3d65lim", "aces13_pq1000-rec2020lim",
        "aces20_rec709-100", "aces20_srgb-100", "aces20_pq1000-p3d65lim", "aces20_pq1000-rec2020lim"})
    void gpuMatchesOpenColorIo(String name) throws Exception {
        GlContext ctx = GL.require();
        ColourReference ref = load(name);
        ColourProgram program = ColourSteps.parseAll(ref.steps());
        double[] gpu;
        try (GlColourEvaluator e = new GlColourEvaluator(program)) {
            gpu = e.evaluate(ref.inputs(), ref.count());
        }
        List<String> bad = ref.failures(gpu);
        assertTrue(bad.isEmpty(), () -> name + " on " + ctx.renderer() + ":\n" + String.join("\n", bad));
    }
}
