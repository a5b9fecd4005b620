package dev.xsight.render;

import dev.xsight.colour.ColourProgram;
import dev.xsight.colour.DisplayPipeline;
import dev.xsight.colour.FrameColour;
import dev.xsight.gl.GlContext;
import dev.xsight.gl.GlFrameRenderer;
import dev.xsight.gl.ProgramSource;
import dev.xsight.image.DisplayImage;
import dev.xsight.media.Colorimetry;
import dev.xsight.media.Frame;
import dev.xsight.media.PixelFormat;
import java.nio.IntBuffer;
import java.util.Objects;

/**
 * The preview through a {@link DisplayPipeline}. The frame is first decimated to the preview size (every k-th
 * sample of every plane, which keeps the chroma siting; as wide as the parameters' {@link RenderParams.SizePolicy}
 * allows on the chosen back end), then rendered either by OpenGL ({@link GlFrameRenderer}: offscreen EGL context,
 * planes through PBOs, the pipeline in the shader, RGB10_A2 target read back as 10-bit codes) or, when no context
 * can be made, by the CPU reference ({@link ColourProgram#applyParallel}). The 10-bit result goes to the 8-bit
 * preview with a 4×4 ordered dither of the two dropped bits. Programs come from a {@link ProgramSource} (the
 * viewer's {@link ProgramCache}), fetched again only when the pipeline or the frames' format or colorimetry change.
 *
 * <p>Threading: everything on the preview converter thread (the GL context is created and used there only). The
 * listener is called on the converter thread.
 */
public final class PipelineRenderer implements PictureRenderer {
    private static final int[] BAYER = {0, 8, 2, 10, 12, 4, 14, 6, 3, 11, 1, 9, 15, 7, 13, 5};

    /** Hears which back end runs and when a pipeline cannot be compiled. */
    public interface Listener {
        /** E.g. {@code GL (llvmpipe …)} or {@code CPU (no OpenGL: …)}. */
        void backendChosen(String backend, boolean gl);

        /** {@code pipeline} failed for this source; the previous program stays. */
        void pipelineFailed(DisplayPipeline pipeline, RuntimeException error);

        /** Frames now carry {@code c} (the first frame, or a change); called on the render thread. */
        default void colorimetrySeen(Colorimetry c) {
        }
    }

    private final Listener listener;
    private final ProgramSource programs;
    private final boolean tryGl;
    private boolean started;
    private GlContext gl;
    private GlFrameRenderer glRenderer;
    private ColourProgram program;
    private DisplayPipeline compiled;
    private PixelFormat compiledFormat;
    private Colorimetry compiledColorimetry;
    private final SignalPainter painter = new SignalPainter();
    private double[] px;

    /**
     * @param programs where compiled programs come from (shared with the viewer's other outputs)
     * @param tryGl false to use the CPU path without trying OpenGL
     */
    public PipelineRenderer(ProgramSource programs, boolean tryGl, Listener listener) {
        this.programs = Objects.requireNonNull(programs);
        this.tryGl = tryGl;
        this.listener = Objects.requireNonNull(listener);
    }

    private void start() {
        if (started) {
            return;
        }
        started = true;
        String reason = "disabled";
        if (tryGl) {
            try {
                gl = GlContext.offscreen();
                listener.backendChosen("GL " + gl.renderer(), true);
                return;
            } catch (RuntimeException | LinkageError e) {
                reason = e.getMessage();
                gl = null;
            }
        }
        listener.backendChosen("CPU (no OpenGL: " + reason + ")", false);
    }

    private int factor(Frame f, RenderParams params) {
        start();
        return params.size().factor(f.width(), gl != null);
    }

    @Override
    public int width(Frame f, int step, RenderParams params) {
        int k = factor(f, params);
        return (f.width() + k - 1) / k;
    }

    @Override
    public int height(Frame f, int step, RenderParams params) {
        int k = factor(f, params);
        return (f.height() + k - 1) / k;
    }

    /**
     * Renders {@code f}, keeps its displayed codes and source samples in {@code analysis} (its buffers, reused) and
     * paints the parameters' overlays over the 8-bit picture only (the analysis stays clean for the scopes and the
     * probe).
     */
    @Override
    public void render(Frame f, IntBuffer out, int width, int height, int step, PictureAnalysis analysis,
                       RenderParams params) {
        int k = factor(f, params);
        Frame s = decimate(f, k, analysis.sourceFor(f, k, width, height));
        ensureProgram(f, params.pipeline());
        if (program == null) {
            analysis.invalidate();
            return;
        }
        DisplayImage clean = analysis.codesFor(width, height);
        if (gl != null) {
            gl.makeCurrent();
            glRenderer.upload(s);
            glRenderer.render();
            int[] read = glRenderer.readCodes(clean.codes());
            if (read != clean.codes()) {
                System.arraycopy(read, 0, clean.codes(), 0, clean.codes().length);
            }
        } else {
            cpu(s, clean.codes());
        }
        DisplayTarget target = params.target();
        analysis.publish(k, f.width(), f.height(), target);
        int[] codes = painter.paint(clean, s, params.overlays(), target.bt2020()).codes();
        int n = width * height;
        for (int i = 0, row = 0, x = 0; i < n; i++) {
            int t = BAYER[(row & 3) * 4 + (x & 3)] >> 2;
            out.put(i, 0xFF000000 | to8(codes[i * 3], t) << 16 | to8(codes[i * 3 + 1], t) << 8
                    | to8(codes[i * 3 + 2], t));
            if (++x == width) {
                x = 0;
                row++;
            }
        }
    }

    private static int to8(int code10, int threshold) {
        int q = code10 >> 2;
        return (code10 & 3) > threshold && q < 255 ? q + 1 : q;
    }

    /** Fetches the program again when the pipeline or the frame's format/colorimetry changed. */
    private void ensureProgram(Frame f, DisplayPipeline want) {
        if ((want == compiled || want.equals(compiled)) && f.format().equals(compiledFormat)
                && f.colorimetry().equals(compiledColorimetry)) {
            return;
        }
        boolean newColorimetry = !f.colorimetry().equals(compiledColorimetry);
        compiled = want;
        compiledFormat = f.format();
        compiledColorimetry = f.colorimetry();
        if (newColorimetry) {
            listener.colorimetrySeen(f.colorimetry());
        }
        try {
            ColourProgram next = programs.program(want, f.format(), f.colorimetry());
            if (gl != null) {
                GlFrameRenderer r = new GlFrameRenderer(next);
                if (glRenderer != null) {
                    glRenderer.close();
                }
                glRenderer = r;
            }
            program = next;
        } catch (RuntimeException e) {
            listener.pipelineFailed(want, e);
        }
    }

    private void cpu(Frame s, int[] codes) {
        int n = s.width() * s.height();
        if (px == null || px.length != n * 3) {
            px = new double[n * 3];
        }
        FrameColour.gather(s, px);
        program.applyParallel(px, n);
        for (int i = 0; i < n * 3; i++) {
            double v = px[i];
            codes[i] = v >= 1 ? 1023 : v > 0 ? (int) Math.round(v * 1023) : 0; // NaN → 0
        }
    }

    /** Every k-th sample of every plane of {@code f} into {@code small} (k = 1: a plain copy). */
    private static Frame decimate(Frame f, int k, Frame small) {
        for (int p = 0; p < f.format().planeCount(); p++) {
            short[] src = f.plane(p), dst = small.plane(p);
            int sw = f.planeWidth(p), sh = f.planeHeight(p), dw = small.planeWidth(p), dh = small.planeHeight(p);
            if (k == 1) {
                System.arraycopy(src, 0, dst, 0, dw * dh);
                continue;
            }
            for (int y = 0; y < dh; y++) {
                int sy = Math.min(y * k, sh - 1);
                for (int x = 0; x < dw; x++) {
                    dst[y * dw + x] = src[sy * sw + Math.min(x * k, sw - 1)];
                }
            }
        }
        small.colorimetry(f.colorimetry());
        small.timecode(f.timecode());
        return small;
    }

    @Override
    public void close() {
        if (glRenderer != null) {
            glRenderer.close();
            glRenderer = null;
        }
        if (gl != null) {
            gl.close();
            gl = null;
        }
    }
}
