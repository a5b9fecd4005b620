package dev.xsight.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.xsight.colour.DisplayPipeline;
import dev.xsight.gl.GlContext;
import dev.xsight.gl.ProgramSource;
import dev.xsight.media.Colorimetry;
import dev.xsight.media.Frame;
import dev.xsight.signal.DemoSource;
import java.nio.IntBuffer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The preview renderer on its own: reduced size, CPU reference, and GL against it. */
class PipelineRendererTest {
    private final List<String> backends = new ArrayList<>();
    private final List<RuntimeException> failures = new ArrayList<>();
    private final List<Colorimetry> seen = new ArrayList<>();
    private final PipelineRenderer.Listener listener = new PipelineRenderer.Listener() {
        @Override
        public void backendChosen(String backend, boolean gl) {
            backends.add(backend);
        }

        @Override
        public void pipelineFailed(DisplayPipeline pipeline, RuntimeException error) {
            failures.add(error);
        }

        @Override
        public void colorimetrySeen(Colorimetry c) {
            seen.add(c);
        }
    };

    private static Frame bars() {
        return new DemoSource(DemoSource.Settings.defaults().withMotion(false)).produce(0);
    }

    private static IntBuffer render(PipelineRenderer r, Frame f, RenderParams p) {
        int w = r.width(f, 1, p), h = r.height(f, 1, p);
        IntBuffer out = IntBuffer.allocate(w * h);
        r.render(f, out, w, h, 1, new PictureAnalysis(), p);
        return out;
    }

    @Test
    void cpuPreviewIsAQuarterSizeAndShowsTheBarsThroughThePipeline() {
        Frame f = bars();
        RenderParams p = RenderParams.preview(DisplayPipeline.rec709Bt1886());
        try (PipelineRenderer r = new PipelineRenderer(ProgramSource.compiling(), false, listener)) {
            assertEquals(480, r.width(f, 1, p));
            assertEquals(270, r.height(f, 1, p));
            IntBuffer out = render(r, f, p);
            assertTrue(backends.get(0).startsWith("CPU"), backends.toString());
            // 75% yellow bar (x 446–651 of 1920): R = G = 0.75 full scale, B = 0 (within the dither's one code).
            int yellow = out.get(100 * 480 + 548 / 4);
            assertEquals(191, (yellow >> 16) & 0xFF, 1);
            assertEquals(191, (yellow >> 8) & 0xFF, 1);
            assertEquals(0, yellow & 0xFF, 1);
            // Frame line 0 is the top of the picture: the top rows are bars, the bottom rows pattern 4's black.
            assertTrue(((out.get(10 * 480 + 548 / 4) >> 16) & 0xFF) > 150, "bars at the top");
            assertTrue(((out.get(265 * 480 + 548 / 4) >> 16) & 0xFF) < 10, "black at the bottom");
        } finally {
            f.release();
        }
    }

    @Test
    void glPreviewMatchesTheCpuReferenceWithinTwoCodes() {
        dev.xsight.gl.TestGl.requireGl();
        Frame f = bars();
        for (PipelinePreset preset : new PipelinePreset[] {PipelinePreset.REC709, PipelinePreset.PQ1000,
                PipelinePreset.ACES13_REC709}) {
            RenderParams p = RenderParams.preview(preset.pipeline());
            try (PipelineRenderer gl = new PipelineRenderer(ProgramSource.compiling(), true, listener);
                 PipelineRenderer cpu = new PipelineRenderer(ProgramSource.compiling(), false, listener)) {
                IntBuffer g = render(gl, f, p);
                assertEquals(960, gl.width(f, 1, p));
                IntBuffer c = render(cpu, f, p);
                // GL renders at 960x540, the CPU at 480x270: compare the same source samples (every 2nd GL pixel)
                // at even CPU columns, where both have a co-sited 4:2:2 chroma sample (odd ones interpolate
                // between different neighbours: 2 source samples apart on GL, 4 on the CPU).
                int worst = 0;
                String where = "";
                for (int y = 0; y < 270; y += 3) {
                    for (int x = 0; x < 480; x += 2) {
                        int a = g.get(y * 2 * 960 + x * 2), b = c.get(y * 480 + x);
                        for (int shift = 0; shift <= 16; shift += 8) {
                            int d = Math.abs(((a >> shift) & 0xFF) - ((b >> shift) & 0xFF));
                            if (d > worst) {
                                worst = d;
                                where = " at " + x + "," + y;
                            }
                        }
                    }
                }
                // One 8-bit code from dither thresholds at different positions, one from GPU/CPU rounding.
                assertTrue(worst <= 2, preset + ": GL and CPU differ by " + worst + " codes" + where);
            }
        }
        assertTrue(backends.stream().anyMatch(b -> b.startsWith("GL")), backends.toString());
        assertEquals(List.of(), failures);
        f.release();
    }

    @Test
    void framesThatStartSignallingPqAreReportedOnceSoTheSourceCanFollowIt() {
        Frame sdr = bars();
        Frame pq = bars().colorimetry(Colorimetry.BT2100_PQ);
        RenderParams p = RenderParams.preview(DisplayPipeline.rec709Bt1886());
        try (PipelineRenderer r = new PipelineRenderer(ProgramSource.compiling(), false, listener)) {
            render(r, sdr, p);
            render(r, sdr, p);
            render(r, pq, p);
            render(r, pq, p);
            assertEquals(List.of(sdr.colorimetry(), Colorimetry.BT2100_PQ), seen);
            assertEquals(PipelinePreset.PQ1000, PipelinePreset.defaultFor(seen.get(1).transfer()));
        } finally {
            sdr.release();
            pq.release();
        }
    }
}
