package dev.xsight.gl;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.xsight.colour.ColourProgram;
import dev.xsight.colour.ColourReference;
import dev.xsight.colour.ColourSteps;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every step kind's generated GLSL agrees with its CPU reference (float32 vs double) on a wide input set. */
class GpuMatchesCpuTest {
    @RegisterExtension
    static final OffscreenGl GL = new OffscreenGl();

    static String res(String name) {
        try {
            return Path.of(GpuMatchesCpuTest.class.getResource("/colour/" + name).toURI()).toString();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A file of the repository's colour conformance set (testdata/conformance/colour/files). */
    static String conformanceFile(String name) {
        return ColourReference.colourDir().resolve("files").resolve(name).toString();
    }

    static Stream<String> steps() {
        return Stream.of("eotf:bt1886", "inverse-eotf:bt1886", "eotf:srgb", "inverse-eotf:srgb", "eotf:pq",
                "inverse-eotf:pq", "eotf:hlg:1000", "inverse-eotf:hlg:1000", "eotf:hlg:2000", "oetf:hlg",
                "inverse-oetf:hlg", "ootf:hlg:1000", "inverse-ootf:hlg:400", "gamut:dcip3:rec2020", "gamut:ap1:p3d65",
                "acescct-to-aces", "aces-to-acescct", "acescc-to-aces", "aces-to-acescc", "acescg-to-aces",
                "ycbcr:bt601:full:8", "ycbcr:bt2020:narrow:12",
                "cdl:" + conformanceFile("cdl_grade.cc"), "cdl:" + conformanceFile("cdl_grade.cc") + ":noclamp",
                "lut:" + conformanceFile("lut3d_33_nonlinear.cube") + ":trilinear", "clf:" + res("look.clf"),
                "aces-output:1.3:srgb-100", "aces-output:1.3:pq1000-p3d65lim", "aces-output:1.3:pq1000-rec2020lim",
                "aces-output:2.0:srgb-100", "aces-output:2.0:pq1000-p3d65lim", "aces-output:2.0:pq1000-rec2020lim");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("steps")
    void gpuAgreesWithCpu(String step) {
        GlContext ctx = GL.require();
        ColourProgram p = ColourSteps.parseAll(List.of(step));
        boolean codes = step.startsWith("ycbcr");
        double scale = step.contains(":8") ? 255 : 4095;
        int n = 11;
        double[] in = new double[(n * n * n + 6) * 3];
        int k = 0;
        for (int b = 0; b < n; b++) {
            for (int g = 0; g < n; g++) {
                for (int r = 0; r < n; r++) {
                    in[k++] = r / (n - 1.0) * (codes ? scale : 1);
                    in[k++] = g / (n - 1.0) * (codes ? scale : 1);
                    in[k++] = b / (n - 1.0) * (codes ? scale : 1);
                }
            }
        }
        double[][] extras = {{-0.05, 0.2, 0.5}, {2, 2, 2}, {1.2, 0.1, 0.05}, {0.001, 0.002, 0.0005}, {10, 5, 1},
            {0.18, 0.18, 0.18}};
        for (double[] e : extras) {
            for (double v : e) {
                in[k++] = codes ? Math.abs(v) * scale / 10 : v;
            }
        }
        int count = k / 3;
        if (step.startsWith("eotf:pq") || step.contains("eotf:hlg") || step.startsWith("inverse-oetf")) {
            for (int i = 0; i < in.length; i++) {
                in[i] = Math.min(Math.max(in[i], 0), 1);
            }
        }
        if (step.startsWith("inverse-eotf:pq") || step.startsWith("inverse-eotf:hlg") || step.startsWith("inverse-ootf")) {
            for (int i = 0; i < in.length; i++) {
                in[i] = Math.max(in[i], 0) * 400;
            }
        }
        double[] cpu = in.clone();
        p.apply(cpu, count);
        double[] gpu;
        try (GlColourEvaluator e = new GlColourEvaluator(p)) {
            gpu = e.evaluate(in, count);
        }
        boolean display = step.startsWith("aces-output");
        for (int i = 0; i < cpu.length; i++) {
            double c = cpu[i], g = gpu[i];
            boolean ok;
            if (display) {
                c = Math.min(1, Math.max(0, c));
                g = Math.min(1, Math.max(0, g));
                ok = Math.abs(Math.round(c * 1023) - Math.round(g * 1023)) <= 1;
            } else if (Math.abs(c) > Float.MAX_VALUE) {
                ok = Double.isInfinite(g) && Math.signum(g) == Math.signum(c); // beyond float32 on the GPU
            } else {
                ok = Math.abs(c - g) <= 2e-4 * Math.max(1, Math.abs(c));
            }
            int row = i / 3;
            assertTrue(ok, step + " row " + row + " [" + in[row * 3] + ", " + in[row * 3 + 1] + ", " + in[row * 3 + 2]
                    + "] ch " + i % 3 + ": cpu " + cpu[i] + " gpu " + gpu[i]);
        }
    }
}
