package dev.xsight.colour.io;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.xsight.colour.Cdl;
import dev.xsight.colour.ColourOp;
import dev.xsight.colour.GlslBuilder;
import dev.xsight.colour.Lut3dOp;
import dev.xsight.overlay.FramingDecisions;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Fuzzes the colour file readers and the ASC FDL reader. Any byte string either parses or fails with
 * {@link ColourFileException} (never another exception, a hang or an out-of-memory), and what parses is usable:
 * a LUT maps every colour of the unit cube (and a little outside it) to finite values, every parsed op describes
 * itself and emits its GLSL, and an FDL's guides are finite rectangles inside their canvas that map inside the
 * picture. Runs its seed inputs as a regression test in normal builds; {@code ./monitor fuzz --target lut|clf|fdl}
 * fuzzes.
 */
class ColourParsersFuzzTest {
    private static final double[] SAMPLES = {-0.1, 0, 0.18, 0.5, 1, 1.2};

    @FuzzTest(maxDuration = "30s")
    void cubeReaderFailsOnlyWithColourFileException(byte[] data) throws IOException {
        try {
            checkLut(LutFile.readCube(new ByteArrayInputStream(data), "fuzz.cube", Lut3dOp.Interpolation.TETRAHEDRAL));
        } catch (ColourFileException expected) {
            // refused with a reason
        }
        try {
            checkLut(List.of(LutFile.read3dl(new ByteArrayInputStream(data), "fuzz.3dl",
                    Lut3dOp.Interpolation.TRILINEAR)));
        } catch (ColourFileException expected) {
            // refused with a reason
        }
    }

    private static void checkLut(List<ColourOp> ops) {
        checkUsable(ops);
        for (double r : SAMPLES) {
            for (double g : SAMPLES) {
                for (double b : SAMPLES) {
                    double[] p = {r, g, b};
                    for (ColourOp op : ops) {
                        op.apply(p, 0);
                    }
                    if (!Double.isFinite(p[0]) || !Double.isFinite(p[1]) || !Double.isFinite(p[2])) {
                        throw new AssertionError("LUT maps (" + r + ", " + g + ", " + b + ") to " + p[0] + ", " + p[1]
                                + ", " + p[2] + " through " + ops.stream().map(ColourOp::describe).toList());
                    }
                }
            }
        }
    }

    private static void checkUsable(List<? extends ColourOp> ops) {
        GlslBuilder glsl = new GlslBuilder();
        int i = 0;
        for (ColourOp op : ops) {
            if (op.describe() == null) {
                throw new AssertionError("op without description: " + op.getClass());
            }
            op.emitGlsl(glsl, "op" + i++);
        }
    }

    @FuzzTest(maxDuration = "30s")
    void xmlReadersFailOnlyWithColourFileException(byte[] data) throws IOException {
        try {
            checkUsable(ClfFile.read(new ByteArrayInputStream(data), "fuzz.clf"));
        } catch (ColourFileException expected) {
            // refused with a reason
        }
        try {
            List<Cdl> cdls = CdlFile.readAll(new ByteArrayInputStream(data), "fuzz.ccc");
            if (cdls.isEmpty()) {
                throw new AssertionError("a CDL file read without a correction");
            }
        } catch (ColourFileException expected) {
            // refused with a reason
        }
        try {
            AmfFile.read(new ByteArrayInputStream(data), "fuzz.amf", Path.of("."));
        } catch (ColourFileException expected) {
            // refused with a reason
        }
    }

    @FuzzTest(maxDuration = "30s")
    void fdlReaderFailsOnlyWithColourFileException(byte[] data) throws IOException {
        Path f = Files.createTempFile("fuzz", ".fdl");
        try {
            Files.write(f, data);
            check(FramingDecisions.read(f, null));
        } catch (ColourFileException expected) {
            // refused with a reason
        } finally {
            Files.deleteIfExists(f);
        }
    }

    private static void check(FramingDecisions d) {
        double cw = d.canvasWidth();
        double ch = d.canvasHeight();
        if (!(cw > 0 && ch > 0 && Double.isFinite(cw) && Double.isFinite(ch)) || d.guides().isEmpty()) {
            throw new AssertionError("canvas " + cw + " x " + ch + " with " + d.guides().size() + " guides");
        }
        for (FramingDecisions.Guide g : d.guides()) {
            boolean inside = g.x() >= 0 && g.y() >= 0 && g.width() > 0 && g.height() > 0
                    && g.x() + g.width() <= cw + 1e-6 && g.y() + g.height() <= ch + 1e-6;
            if (!inside) {
                throw new AssertionError("guide " + g + " outside the canvas " + cw + " x " + ch);
            }
            int[] r = d.toPicture(g, 1920, 1080);
            if (r[0] < 0 || r[1] < 0 || r[0] + r[2] > 1921 || r[1] + r[3] > 1081) {
                throw new AssertionError("guide " + g + " maps to " + java.util.Arrays.toString(r) + " in 1920x1080");
            }
        }
    }
}
