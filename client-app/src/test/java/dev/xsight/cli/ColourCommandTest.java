package dev.xsight.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.xsight.TestRequirements;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** {@code colour eval} reproduces the colour references through the CLI contract, on the CPU and with --gpu. */
class ColourCommandTest {
    @TempDir
    Path tmp;

    static Path colour() {
        return TestRequirements.conformance("colour");
    }

    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of("ycbcr_bt709_10bit_narrow_to_rgb", "ycbcr:bt709:narrow:10", 1e-4, false),
                Arguments.of("eotf_pq_st2084_nits", "eotf:pq", 1.0, false),
                Arguments.of("gamut_rec2020_to_rec709_linear", "gamut:rec2020:rec709", 1e-4, false),
                Arguments.of("aces13_sdr_video_rec709_100nit", "aces-output:1.3:rec709-100", 0.5 / 1023, true),
                Arguments.of("aces20_sdr_rec709_100nit", "aces-output:2.0:rec709-100", 0.5 / 1023, true),
                Arguments.of("lut3d_33_tetrahedral", "lut:" + colour().resolve("files").resolve("lut3d_33_nonlinear.cube") + ":tetrahedral", 1e-5, false));
    }

    @ParameterizedTest(name = "{0} cpu")
    @MethodSource("cases")
    void evalOnCpuMatchesSharedReference(String name, String step, double tol, boolean clamp) throws Exception {
        check(name, step, tol, clamp, false);
    }

    @ParameterizedTest(name = "{0} gpu")
    @MethodSource("cases")
    void evalWithGpuMatchesSharedReference(String name, String step, double tol, boolean clamp) throws Exception {
        TestRequirements.requireGl();
        check(name, step, tol, clamp, true);
    }

    private void check(String name, String step, double tol, boolean clamp, boolean gpu) throws Exception {
        Path dir = colour();
        ObjectMapper m = new ObjectMapper();
        JsonNode ref = m.readTree(dir.resolve(name + ".json").toFile());
        Path in = tmp.resolve("in.json"), out = tmp.resolve("out.json");
        m.writeValue(in.toFile(), m.createObjectNode().set("inputs", ref.get("inputs")));
        List<String> args = new ArrayList<>(List.of("colour", "eval", "--step", step, "--in", in.toString(), "--out",
                out.toString()));
        if (gpu) {
            args.add("--gpu");
        }
        assertEquals(0, Main.run(args.toArray(String[]::new)));
        JsonNode got = m.readTree(out.toFile()).get("outputs");
        JsonNode want = ref.get("outputs");
        assertEquals(want.size(), got.size());
        for (int i = 0; i < want.size(); i++) {
            for (int k = 0; k < 3; k++) {
                double w = want.get(i).get(k).asDouble(), g = got.get(i).get(k).asDouble();
                if (clamp) {
                    w = Math.min(1, Math.max(0, w));
                    g = Math.min(1, Math.max(0, g));
                }
                double t = tol * Math.max(1, Math.abs(w) * (tol >= 1 ? 1e-4 : 1));
                assertTrue(Math.abs(w - g) <= t, name + " row " + i + " ch " + k + ": want " + w + " got " + g);
            }
        }
    }

    @Test
    void unknownStepIsAUsageErrorExitingTwo() throws Exception {
        Path in = tmp.resolve("in.json");
        Files.writeString(in, "{\"inputs\": [[0.1, 0.2, 0.3]]}");
        assertEquals(2, Main.run("colour", "eval", "--step", "eotf:gamma9", "--in", in.toString(), "--out",
                tmp.resolve("o.json").toString()));
    }

    @Test
    void malformedLutIsReportedWithFileAndLineAndExitsTwo() throws Exception {
        Path in = tmp.resolve("in.json");
        Files.writeString(in, "{\"inputs\": [[0.1, 0.2, 0.3]]}");
        Path lut = tmp.resolve("bad.cube");
        Files.writeString(lut, "LUT_3D_SIZE 2\n0 0 0\n1 nan 0\n");
        assertEquals(2, Main.run("colour", "eval", "--step", "lut:" + lut + ":trilinear", "--in", in.toString(), "--out",
                tmp.resolve("o.json").toString()));
    }
}
