package dev.xsight.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.xsight.colour.FrameColour;
import dev.xsight.media.Colorimetry;
import dev.xsight.media.Frame;
import dev.xsight.media.PixelFormat;
import org.junit.jupiter.api.Test;

/** Which preset a source starts on, and that the Rec.2100 presets show their own signal unchanged. */
class PipelinePresetTest {

    private static final Colorimetry PQ_RGB = new Colorimetry(Colorimetry.Primaries.BT2020, Colorimetry.Transfer.PQ,
            Colorimetry.Matrix.IDENTITY, Colorimetry.Range.FULL, Colorimetry.ChromaSiting.LEFT);
    private static final Colorimetry HLG_RGB = new Colorimetry(Colorimetry.Primaries.BT2020,
            Colorimetry.Transfer.HLG, Colorimetry.Matrix.IDENTITY, Colorimetry.Range.FULL,
            Colorimetry.ChromaSiting.LEFT);

    @Test
    void aSourceSignallingPqOrHlgStartsOnTheMatchingRec2100Preset() {
        assertEquals(PipelinePreset.PQ1000, PipelinePreset.defaultFor(Colorimetry.Transfer.PQ));
        assertEquals(PipelinePreset.HLG1000, PipelinePreset.defaultFor(Colorimetry.Transfer.HLG));
        assertEquals(PipelinePreset.REC709, PipelinePreset.defaultFor(Colorimetry.Transfer.BT1886));
        assertEquals(PipelinePreset.REC709, PipelinePreset.defaultFor(null), "before the first frame");
    }

    @Test
    void hlgPresetIsOfferedByNameAndLabel() {
        assertEquals(PipelinePreset.HLG1000, PipelinePreset.byId("hlg1000"));
        assertEquals("Rec.2100 HLG 1000 nits", PipelinePreset.HLG1000.label());
    }

    private static void assertCodesComeBack(Colorimetry c, PipelinePreset preset) {
        int[] levels = {0, 16, 100, 300, 512, 594, 768, 940, 1023};
        int n = levels.length;
        Frame f = Frame.allocate(PixelFormat.parseFfmpegName("gbrp10le"), n * n, n).colorimetry(c);
        for (int i = 0; i < n * n * n; i++) {
            f.plane(0)[i] = (short) levels[i % n];
            f.plane(1)[i] = (short) levels[i / n % n];
            f.plane(2)[i] = (short) levels[i / (n * n)];
        }
        double[] in = FrameColour.codes(f);
        double[] out = FrameColour.render(f, preset.pipeline().compile(f.format(), f.colorimetry()));
        for (int i = 0; i < in.length; i++) {
            long got = Math.round(Math.min(1, Math.max(0, out[i])) * 1023);
            assertTrue(Math.abs(got - (long) in[i]) <= 1, preset + ": code " + (long) in[i] + " came back as " + got);
        }
    }

    @Test
    void pqSourceThroughThePq1000PresetIsShownUnchanged() {
        assertCodesComeBack(PQ_RGB, PipelinePreset.PQ1000);
    }

    @Test
    void hlgSourceThroughTheHlg1000PresetIsShownUnchanged() {
        assertCodesComeBack(HLG_RGB, PipelinePreset.HLG1000);
    }
}
