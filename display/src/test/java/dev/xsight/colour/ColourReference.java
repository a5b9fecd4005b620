package dev.xsight.colour;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** A conformance file ({@code inputs}/{@code outputs} triples) and the README's tolerance for its kind. */
public record ColourReference(String name, double[] inputs, double[] outputs, int count, Kind kind, List<String> steps) {

    /** Tolerance classes from the conformance README. */
    public enum Kind { MATRIX, CURVE, PQ_NITS, DISPLAY_CODE, LUT }

    /** The repository's colour references (testdata/conformance/colour). */
    public static Path colourDir() {
        return Path.of(System.getProperty("xsight.testdata.dir", "../testdata"), "conformance", "colour");
    }

    public static ColourReference load(Path json, Kind kind, List<String> steps) throws IOException {
        JsonNode root = new ObjectMapper().readTree(json.toFile());
        return new ColourReference(json.getFileName().toString(), flat(root.get("inputs")), flat(root.get("outputs")),
                root.get("inputs").size(), kind, steps);
    }

    static double[] flat(JsonNode rows) {
        double[] d = new double[rows.size() * 3];
        for (int i = 0; i < rows.size(); i++) {
            for (int k = 0; k < 3; k++) {
                d[i * 3 + k] = rows.get(i).get(k).asDouble();
            }
        }
        return d;
    }

    /** Rows whose error exceeds the tolerance, as readable lines (at most 10). */
    public List<String> failures(double[] actual) {
        List<String> bad = new ArrayList<>();
        int total = 0;
        double worst = 0;
        for (int i = 0; i < count * 3; i++) {
            double ref = outputs[i], got = actual[i];
            double tol;
            double err;
            switch (kind) {
                case MATRIX -> {
                    tol = 1e-4 * Math.max(1, Math.abs(ref));
                    err = Math.abs(got - ref);
                }
                case CURVE -> {
                    tol = 1e-4 * Math.max(Math.abs(ref), 1e-3);
                    err = Math.abs(got - ref);
                }
                case PQ_NITS -> {
                    tol = 1e-4 * Math.max(Math.abs(ref), 1e-3 * 10000);
                    err = Math.abs(got - ref);
                }
                case DISPLAY_CODE -> {
                    tol = 0.5 / 1023;
                    err = Math.abs(clamp01(got) - clamp01(ref));
                }
                default -> {
                    tol = 1e-5;
                    err = Math.abs(got - ref);
                }
            }
            if (!(err <= tol)) {
                total++;
                worst = Math.max(worst, err);
                if (bad.size() < 10) {
                    int row = i / 3;
                    bad.add("row " + row + " ch " + i % 3 + " in [" + inputs[row * 3] + ", " + inputs[row * 3 + 1] + ", "
                            + inputs[row * 3 + 2] + "] expected " + ref + " got " + got + " (tol " + tol + ")");
                }
            }
        }
        if (total > 0) {
            bad.add(total + " values out of tolerance, worst error " + worst);
        }
        return bad;
    }

    private static double clamp01(double v) {
        return v < 0 ? 0 : (v > 1 ? 1 : v);
    }

    /**
     * JUnit arguments (name, kind, steps) for every catalogued reference; a missing folder fails the test.
     */
    public static java.util.stream.Stream<org.junit.jupiter.params.provider.Arguments> arguments() {
        Path dir = colourDir();
        if (!Files.isDirectory(dir)) {
            throw new AssertionError("the repository's colour references are missing: " + dir);
        }
        return catalogue(dir).stream().map(o -> org.junit.jupiter.params.provider.Arguments.of(o[0], o[1], o[2]));
    }

    /** Which steps reproduce each colour reference, and its tolerance kind. */
    public static List<Object[]> catalogue(Path dir) {
        String f = dir.resolve("files").toString() + "/";
        return List.of(
                new Object[] {"ycbcr_bt709_10bit_narrow_to_rgb", Kind.MATRIX, List.of("ycbcr:bt709:narrow:10")},
                new Object[] {"ycbcr_bt2020ncl_10bit_narrow_to_rgb", Kind.MATRIX, List.of("ycbcr:bt2020:narrow:10")},
                new Object[] {"eotf_bt1886_gamma24", Kind.CURVE, List.of("eotf:bt1886")},
                new Object[] {"eotf_srgb", Kind.CURVE, List.of("eotf:srgb")},
                new Object[] {"eotf_pq_st2084_nits", Kind.PQ_NITS, List.of("eotf:pq")},
                new Object[] {"gamut_rec2020_to_rec709_linear", Kind.MATRIX, List.of("gamut:rec2020:rec709")},
                new Object[] {"gamut_aces_ap0_to_ap1", Kind.MATRIX, List.of("gamut:ap0:ap1")},
                new Object[] {"aces13_sdr_video_rec709_100nit", Kind.DISPLAY_CODE, List.of("aces-output:1.3:rec709-100")},
                new Object[] {"aces20_sdr_rec709_100nit", Kind.DISPLAY_CODE, List.of("aces-output:2.0:rec709-100")},
                new Object[] {"cdl_asc_clamp", Kind.MATRIX, List.of("cdl:" + f + "cdl_grade.cc")},
                new Object[] {"cdl_asc_clamp", Kind.MATRIX, List.of("cdl:" + f + "cdl_grade.ccc#grade01")},
                new Object[] {"cdl_asc_clamp", Kind.MATRIX, List.of("cdl:" + f + "cdl_grade.cdl")},
                new Object[] {"lut3d_33_tetrahedral", Kind.LUT, List.of("lut:" + f + "lut3d_33_nonlinear.cube:tetrahedral")},
                new Object[] {"lut1d_1024_linear", Kind.LUT, List.of("lut:" + f + "lut1d_1024.cube:linear")});
    }
}
