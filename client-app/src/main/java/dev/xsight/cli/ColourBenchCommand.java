package dev.xsight.cli;

import dev.xsight.colour.AcesOutput;
import dev.xsight.colour.ColourProgram;
import dev.xsight.colour.DisplayPipeline;
import dev.xsight.colour.FrameColour;
import dev.xsight.colour.Lut3dOp;
import dev.xsight.gl.GlContext;
import dev.xsight.gl.GlFrameRenderer;
import dev.xsight.gl.GlUnavailableException;
import dev.xsight.media.Colorimetry;
import dev.xsight.media.Frame;
import dev.xsight.media.PixelFormat;
import dev.xsight.image.DisplayImage;
import dev.xsight.scope.GlScopes;
import dev.xsight.scope.Scopes;
import java.util.Arrays;
import java.util.concurrent.Callable;
import org.lwjgl.opengl.GL11C;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code xsight colour bench}: throughput of the CPU reference, the GL path and the scopes (medians). */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Measure CPU reference Mpixel/s (ACES pipeline, 33^3 tetrahedral LUT), GL frames/s and CPU/GL scope time.")
final class ColourBenchCommand implements Callable<Integer> {
    @Option(names = "--width", defaultValue = "1920")
    int width;

    @Option(names = "--height", defaultValue = "1080")
    int height;

    @Mixin
    SharedOptions.Runs runs;

    @Option(names = "--aces", defaultValue = "1.3", description = "ACES version for the full pipeline (1.3 or 2.0).")
    String aces;

    @Override
    public Integer call() {
        Frame f = Frame.allocate(PixelFormat.YUV422P10, width, height).colorimetry(Colorimetry.BT709);
        for (int p = 0; p < 3; p++) {
            short[] s = f.plane(p);
            for (int i = 0; i < s.length; i++) {
                s[i] = (short) (64 + (i * 7 + p * 131) % 877);
            }
        }
        double mpx = width * (double) height / 1e6;
        ColourProgram acesProgram = DisplayPipeline.aces(AcesOutput.Version.parse(aces), AcesOutput.Target.REC709_100,
                DisplayPipeline.Input.VIDEO).compile(f.format(), f.colorimetry());
        double acesS = median(() -> FrameColour.render(f, acesProgram));
        System.out.printf("cpu full ACES %s pipeline (Y'CbCr 4:2:2 10-bit -> Rec.709): %.2f Mpixel/s (%.0f ms/frame)%n",
                aces, mpx / acesS, acesS * 1e3);

        float[] table = new float[33 * 33 * 33 * 3];
        for (int i = 0; i < table.length; i++) {
            table[i] = (float) Math.sqrt((i % 97) / 96.0);
        }
        ColourProgram lut = ColourProgram.of(new Lut3dOp(33, table, new double[3], new double[] {1, 1, 1},
                Lut3dOp.Interpolation.TETRAHEDRAL, "bench"));
        double[] px = new double[width * height * 3];
        double lutS = median(() -> {
            for (int i = 0; i < px.length; i++) {
                px[i] = (i % 1021) / 1020.0;
            }
            lut.apply(px, width * height);
        });
        System.out.printf("cpu 33^3 tetrahedral LUT: %.2f Mpixel/s%n", mpx / lutS);

        double[] rgb = FrameColour.render(f, acesProgram);
        DisplayImage img = DisplayImage.fromNormalised(width, height, rgb);
        Scopes scopes = new Scopes(960, 512, false);
        double scopeS = median(() -> scopes.compute(img));
        System.out.printf("scopes (waveform+parade+vectorscope+histogram) per %dx%d frame: %.1f ms%n", width, height,
                scopeS * 1e3);

        try (GlContext ctx = GlContext.offscreen(); GlFrameRenderer r = new GlFrameRenderer(acesProgram)) {
            r.upload(f);
            r.render();
            GL11C.glFinish();
            int frames = Math.max(3, runs.count);
            long t0 = System.nanoTime();
            for (int i = 0; i < frames; i++) {
                r.upload(f);
                r.render();
                GL11C.glFinish();
            }
            double s = (System.nanoTime() - t0) / 1e9 / frames;
            System.out.printf("gl upload+ACES render %dx%d on %s: %.2f frames/s%n", width, height, ctx.renderer(), 1 / s);
            benchGlScopes(r, img, scopeS, ctx.renderer());
        } catch (RuntimeException e) {
            System.out.println("gl: not measured (" + e.getMessage() + ")");
        }
        return 0;
    }

    /** Compute-shader scopes on the rendered texture (no picture readback), with and without reading counts back. */
    private void benchGlScopes(GlFrameRenderer r, DisplayImage img, double cpuS, String renderer) {
        try (GlScopes gs = GlScopes.create(960, 512, false)) {
            int tex = r.colourTexture();
            double accS = median(() -> {
                gs.accumulate(tex);
                GL11C.glFinish();
            });
            double fullS = median(() -> gs.compute(tex));
            double uploadS = median(() -> gs.compute(img));
            System.out.printf("gl scopes per %dx%d frame on %s: %.1f ms without readback of counts, %.1f ms with"
                    + " (cpu scopes / gl with readback: %.2fx), %.1f ms from an uploaded picture%n", width, height,
                    renderer, accS * 1e3, fullS * 1e3, cpuS / fullS, uploadS * 1e3);
        } catch (GlUnavailableException e) {
            System.out.println("gl scopes: not measured (" + e.getMessage() + ")");
        }
    }

    private double median(Runnable r) {
        r.run();
        double[] t = new double[Math.max(1, runs.count)];
        for (int i = 0; i < t.length; i++) {
            long t0 = System.nanoTime();
            r.run();
            t[i] = (System.nanoTime() - t0) / 1e9;
        }
        Arrays.sort(t);
        return t[t.length / 2];
    }
}
