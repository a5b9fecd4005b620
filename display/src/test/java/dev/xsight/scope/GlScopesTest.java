package dev.xsight.scope;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.xsight.colour.DisplayPipeline;
import dev.xsight.colour.TestFrames;
import dev.xsight.gl.GlContext;
import dev.xsight.gl.GlFrameRenderer;
import dev.xsight.gl.GlUnavailableException;
import dev.xsight.gl.TestGl;
import dev.xsight.image.DisplayImage;
import dev.xsight.media.Colorimetry;
import dev.xsight.media.Frame;
import dev.xsight.media.PixelFormat;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.lwjgl.opengl.GL11C;

/** The compute-shader scopes count exactly what the CPU scopes count, from an uploaded picture or a GL texture. */
class GlScopesTest {

    /** Makes a context and the GPU scopes, or fails the test saying why neither is possible here. */
    private static GlContext context() {
        TestGl.requireGl();
        return GlContext.offscreen();
    }

    private static GlScopes gpuScopes(int columns, int vectorSize, boolean bt2020) {
        try {
            return GlScopes.create(columns, vectorSize, bt2020);
        } catch (GlUnavailableException e) {
            throw new AssertionError("no compute shaders (OpenGL 4.3): " + e.getMessage() + "; Mesa's llvmpipe has "
                    + "them: install " + TestGl.MESA, e);
        }
    }

    private static void assertSameCounts(ScopeCounts cpu, ScopeCounts gpu) {
        for (int c = 0; c < cpu.columns(); c++) {
            for (int l = 0; l < ScopeCounts.LEVELS; l++) {
                int cc = c, ll = l;
                assertEquals(cpu.waveform(c, l), gpu.waveform(c, l), () -> "waveform column " + cc + " level " + ll);
                for (int ch = 0; ch < 3; ch++) {
                    int k = ch;
                    assertEquals(cpu.parade(ch, c, l), gpu.parade(ch, c, l),
                            () -> "parade channel " + k + " column " + cc + " level " + ll);
                }
            }
        }
        for (int y = 0; y < cpu.vectorSize(); y++) {
            for (int x = 0; x < cpu.vectorSize(); x++) {
                int xx = x, yy = y;
                assertEquals(cpu.vector(x, y), gpu.vector(x, y), () -> "vectorscope cell " + xx + "," + yy);
            }
        }
        for (int ch = 0; ch < 4; ch++) {
            for (int code = 0; code < ScopeCounts.LEVELS; code++) {
                int k = ch, cc = code;
                assertEquals(cpu.histogram(ch, code), gpu.histogram(ch, code), () -> "histogram " + k + " code " + cc);
            }
        }
    }

    private static long histogramTotal(ScopeCounts s, int channel) {
        long n = 0;
        for (int code = 0; code < ScopeCounts.LEVELS; code++) {
            n += s.histogram(channel, code);
        }
        return n;
    }

    /**
     * SMPTE-like bars: seven 75% bars over two thirds of the height, reverse blue bars, then a -I/white/+Q/black
     * row with a PLUGE-like step, all as 10-bit full-range codes.
     */
    private static DisplayImage bars(int w, int h) {
        int hi = 767;
        int[][] top = {{hi, hi, hi}, {hi, hi, 0}, {0, hi, hi}, {0, hi, 0}, {hi, 0, hi}, {hi, 0, 0}, {0, 0, hi}};
        int[][] mid = {{0, 0, hi}, {0, 0, 0}, {hi, 0, hi}, {0, 0, 0}, {0, hi, hi}, {0, 0, 0}, {hi, hi, hi}};
        int[][] low = {{0, 130, 290}, {1023, 1023, 1023}, {200, 0, 430}, {0, 0, 0}, {0, 0, 0}, {40, 40, 40}, {0, 0, 0}};
        DisplayImage img = new DisplayImage(w, h);
        for (int y = 0; y < h; y++) {
            int[][] row = y < h * 2 / 3 ? top : y < h * 3 / 4 ? mid : low;
            for (int x = 0; x < w; x++) {
                int[] c = row[x * 7 / w];
                img.set(x, y, c[0], c[1], c[2]);
            }
        }
        return img;
    }

    @Test
    void smpteLikeBarsGiveTheCpuCountsExactly() {
        DisplayImage img = bars(1280, 720);
        Scopes cpu = new Scopes(960, 512, false);
        cpu.compute(img);
        try (GlContext ctx = context(); GlScopes gpu = gpuScopes(960, 512, false)) {
            gpu.compute(img);
            assertEquals(1280L * 720, histogramTotal(gpu, 3), "every pixel once in the luma histogram");
            int[] red = gpu.vectorCell(767 / 1023.0, 0, 0);
            assertTrue(gpu.vector(red[0], red[1]) > 0, "the 75% red bar lands on its target on " + ctx.renderer());
            assertSameCounts(cpu, gpu);
        }
    }

    /** Random codes at an odd size (column binning with a remainder), plus the eight corners of the code cube. */
    private static DisplayImage noise(int w, int h, long seed) {
        Random rnd = new Random(seed);
        DisplayImage img = new DisplayImage(w, h);
        int[] codes = img.codes();
        for (int i = 0; i < codes.length; i++) {
            codes[i] = rnd.nextInt(1024);
        }
        for (int corner = 0; corner < 8; corner++) {
            img.set(corner, 0, (corner & 1) * 1023, (corner >> 1 & 1) * 1023, (corner >> 2) * 1023);
        }
        return img;
    }

    @Test
    void oddSizedNoiseGivesTheCpuCountsExactlyWithBt709() {
        DisplayImage img = noise(1917, 1079, 1);
        Scopes cpu = new Scopes(960, 512, false);
        cpu.compute(img);
        try (GlContext ctx = context(); GlScopes gpu = gpuScopes(960, 512, false)) {
            gpu.compute(img);
            assertSameCounts(cpu, gpu);
        }
    }

    /** The largest grid and BT.2020 weights give the largest fixed-point products (44 bits before the shift). */
    @Test
    void oddSizedNoiseGivesTheCpuCountsExactlyOnTheLargestBt2020Grid() {
        DisplayImage img = noise(1917, 1079, 2);
        Scopes cpu = new Scopes(1917, 4096, true);
        cpu.compute(img);
        try (GlContext ctx = context(); GlScopes gpu = gpuScopes(1917, 4096, true)) {
            gpu.compute(img);
            assertSameCounts(cpu, gpu);
        }
    }

    @Test
    void countsAreClearedBetweenPictures() {
        Scopes cpu = new Scopes(100, 64, false);
        cpu.compute(bars(300, 200));
        try (GlContext ctx = context(); GlScopes gpu = gpuScopes(100, 64, false)) {
            gpu.compute(noise(400, 300, 3));
            gpu.compute(bars(300, 200));
            assertEquals(300L * 200, histogramTotal(gpu, 0));
            assertSameCounts(cpu, gpu);
        }
    }

    @Test
    void renderedTextureGivesTheCountsOfItsReadBackCodes() {
        Frame f = TestFrames.rampsAndBars(PixelFormat.YUV422P10, 1000, 562, Colorimetry.BT709);
        try (GlContext ctx = context(); GlScopes gpu = gpuScopes(640, 256, false);
                GlFrameRenderer r = new GlFrameRenderer(DisplayPipeline.rec709Bt1886().compile(f.format(),
                        f.colorimetry()))) {
            r.upload(f);
            r.render();
            gpu.compute(r.colourTexture());
            Scopes cpu = new Scopes(640, 256, false);
            cpu.compute(new DisplayImage(f.width(), f.height(), r.readCodes(null)));
            assertEquals(1000L * 562, histogramTotal(gpu, 1));
            assertSameCounts(cpu, gpu);
        }
    }

    @Test
    void countsBecomeReadyWhenTheGpuIsDoneAndReadBackGivesTheLastAccumulation() {
        Frame f = TestFrames.rampsAndBars(PixelFormat.YUV444P10, 320, 180, Colorimetry.BT709);
        try (GlContext ctx = context(); GlScopes gpu = gpuScopes(160, 128, false);
                GlFrameRenderer r = new GlFrameRenderer(DisplayPipeline.rec709Bt1886().compile(f.format(),
                        f.colorimetry()))) {
            IllegalStateException none = assertThrows(IllegalStateException.class, gpu::readBack);
            assertTrue(none.getMessage().contains("no scope accumulation"), none.getMessage());
            assertFalse(gpu.countsReady(), "nothing accumulated yet");
            r.upload(f);
            r.render();
            gpu.compute(noise(64, 48, 4));
            gpu.accumulate(r.colourTexture());
            GL11C.glFinish();
            assertTrue(gpu.countsReady(), "ready once the GPU has finished");
            gpu.readBack();
            Scopes cpu = new Scopes(160, 128, false);
            cpu.compute(new DisplayImage(320, 180, r.readCodes(null)));
            assertSameCounts(cpu, gpu);
        }
    }

    @Test
    void scopePicturesDrawnFromGpuCountsEqualThoseFromCpuCounts() {
        DisplayImage img = bars(720, 405);
        Scopes cpu = new Scopes(360, 256, true);
        cpu.compute(img);
        try (GlContext ctx = context(); GlScopes gpu = gpuScopes(360, 256, true)) {
            gpu.compute(img);
            assertArrayEquals(ScopeImages.waveform(cpu, 200).codes(), ScopeImages.waveform(gpu, 200).codes());
            assertArrayEquals(ScopeImages.parade(cpu, 200).codes(), ScopeImages.parade(gpu, 200).codes());
            DisplayImage vector = ScopeImages.vectorscope(gpu);
            assertArrayEquals(ScopeImages.vectorscope(cpu).codes(), vector.codes());
            int[] green = gpu.vectorCell(0, 767 / 1023.0, 0);
            assertTrue(vector.get(green[0], green[1], 1) > 500, "a bright trace on the 75% green target");
        }
    }

    @Test
    void badScopeSizesAreRefusedBeforeAnyGlWork() {
        assertThrows(IllegalArgumentException.class, () -> GlScopes.create(0, 512, false));
        assertThrows(IllegalArgumentException.class, () -> GlScopes.create(8193, 512, false));
        assertThrows(IllegalArgumentException.class, () -> GlScopes.create(960, 7, false));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> GlScopes.create(960, 4097, false));
        assertTrue(e.getMessage().contains("4097"), e.getMessage());
    }

    @Test
    void withoutACurrentContextCreationSaysGlIsUnavailable() {
        TestGl.requireGl();
        GlUnavailableException e = assertThrows(GlUnavailableException.class, () -> GlScopes.create(960, 512, false));
        assertTrue(e.getMessage().contains("current OpenGL context"), e.getMessage());
    }

    /** Mesa offers OpenGL 4.2 when told to through the environment: a driver without compute shaders. */
    @Test
    void onAnOpenGl42ContextCreationSaysGl43IsNeededAndWhatTheContextIs() throws Exception {
        try (GlContext ctx = context()) {
            // Skipped only on a machine with a GPU driver: the version override is Mesa's (every other machine has it).
            assumeTrue(ctx.renderer().contains("llvmpipe") || ctx.version().contains("Mesa"),
                    "GPU: the OpenGL 4.2 override needs Mesa, the driver here is " + ctx.renderer());
        }
        ProcessBuilder pb = new ProcessBuilder(ProcessHandle.current().info().command().orElse("java"),
                "-cp", System.getProperty("java.class.path"), GlScopesCreateProbe.class.getName());
        pb.environment().put("MESA_GL_VERSION_OVERRIDE", "4.2");
        Path log = Files.createTempFile("glscopes-probe", ".txt");
        pb.redirectErrorStream(true).redirectOutput(log.toFile());
        Process p = pb.start();
        String out;
        try {
            assertTrue(p.waitFor(60, TimeUnit.SECONDS), "probe finished within 60 s");
            out = Files.readString(log);
        } finally {
            p.destroyForcibly();
            Files.deleteIfExists(log);
        }
        assertTrue(out.contains("unavailable: compute-shader scopes need OpenGL 4.3, the context is 4.2"), out);
    }

    @Test
    void codesOutsideTenBitsAreRefusedNamingThePixel() {
        DisplayImage img = bars(64, 32);
        img.set(5, 7, 1024, 0, 0);
        try (GlContext ctx = context(); GlScopes gpu = gpuScopes(64, 64, false)) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> gpu.compute(img));
            assertTrue(e.getMessage().contains("(5, 7)"), e.getMessage());
        }
    }

    @Test
    void aTextureThatIsNotRgb10A2IsRefused() {
        try (GlContext ctx = context(); GlScopes gpu = gpuScopes(64, 64, false)) {
            int tex = GL11C.glGenTextures();
            try {
                GL11C.glBindTexture(GL11C.GL_TEXTURE_2D, tex);
                GL11C.glTexImage2D(GL11C.GL_TEXTURE_2D, 0, GL11C.GL_RGBA8, 16, 16, 0, GL11C.GL_RGBA,
                        GL11C.GL_UNSIGNED_BYTE, (java.nio.ByteBuffer) null);
                GL11C.glBindTexture(GL11C.GL_TEXTURE_2D, 0);
                IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> gpu.compute(tex));
                assertTrue(e.getMessage().contains("RGB10_A2"), e.getMessage());
            } finally {
                GL11C.glDeleteTextures(tex);
            }
        }
    }
}
