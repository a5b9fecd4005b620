package dev.xsight.gl;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.xsight.colour.ColourProgram;
import dev.xsight.colour.ColourSteps;
import java.util.List;
import org.junit.jupiter.api.Test;

class GlColourEvaluatorTest {

    @Test
    void gpuMatchesCpuForTransferCurvesWithinOneTenBitCode() {
        TestGl.requireGl();
        ColourProgram p = ColourSteps.parseAll(List.of("eotf:srgb", "gamut:rec709:rec2020", "inverse-eotf:pq"));
        double[] in = new double[300];
        for (int i = 0; i < 100; i++) {
            in[i * 3] = i / 99.0;
            in[i * 3 + 1] = (99 - i) / 99.0;
            in[i * 3 + 2] = (i % 10) / 9.0;
        }
        double[] cpu = in.clone();
        p.apply(cpu, 100);
        try (GlContext ctx = GlContext.offscreen(); GlColourEvaluator e = new GlColourEvaluator(p)) {
            double[] gpu = e.evaluate(in, 100);
            for (int i = 0; i < 300; i++) {
                assertTrue(Math.abs(Math.round(gpu[i] * 1023) - Math.round(cpu[i] * 1023)) <= 1,
                        "value " + i + " cpu " + cpu[i] + " gpu " + gpu[i] + " on " + ctx.renderer());
            }
        }
    }
}
