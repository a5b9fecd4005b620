package dev.xsight.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.xsight.colour.ColourProgram;
import dev.xsight.colour.DisplayPipeline;
import dev.xsight.colour.Gamut;
import dev.xsight.colour.Lut3dOp;
import dev.xsight.colour.io.ColourFileException;
import dev.xsight.media.Colorimetry;
import dev.xsight.media.PixelFormat;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One compile per (pipeline, format, colorimetry), shared by every output that asks. */
class ProgramCacheTest {
    @TempDir
    Path dir;

    /** A 2-point identity 3D LUT with a chosen red gain at full scale. */
    private Path lut(String name, double redAtOne) throws Exception {
        StringBuilder s = new StringBuilder("LUT_3D_SIZE 2\n");
        for (int b = 0; b < 2; b++) {
            for (int g = 0; g < 2; g++) {
                for (int r = 0; r < 2; r++) {
                    s.append(r * redAtOne).append(' ').append(g).append(' ').append(b).append('\n');
                }
            }
        }
        return Files.writeString(dir.resolve(name), s);
    }

    @Test
    void theSamePipelineAndSignalCompileOnceAndOtherSignalsCompileTheirOwn() throws Exception {
        ProgramCache cache = new ProgramCache();
        DisplayPipeline p = DisplayPipeline.rec709Bt1886().withLuts(List.of(
                new DisplayPipeline.LutStep(lut("a.cube", 1), Lut3dOp.Interpolation.TETRAHEDRAL)));
        ColourProgram preview = cache.program(p, PixelFormat.YUV422P10, Colorimetry.BT709);
        ColourProgram reference = cache.program(p, PixelFormat.YUV422P10, Colorimetry.BT709);
        assertSame(preview, reference, "the reference output gets the preview's program");
        assertEquals(1, cache.compilations());
        assertNotSame(preview, cache.program(p, PixelFormat.YUV422P10, Colorimetry.BT2100_PQ));
        assertEquals(2, cache.compilations());
    }

    @Test
    void filesAreReadOnceUntilThePipelineIsForgotten() throws Exception {
        ProgramCache cache = new ProgramCache();
        Path file = lut("look.cube", 1);
        DisplayPipeline p = DisplayPipeline.rec709Bt1886().withLuts(List.of(
                new DisplayPipeline.LutStep(file, Lut3dOp.Interpolation.TETRAHEDRAL)));
        ColourProgram first = cache.program(p, PixelFormat.YUV422P10, Colorimetry.BT709);
        Files.writeString(file, "not a cube file\n");
        assertSame(first, cache.program(p, PixelFormat.YUV422P10, Colorimetry.BT709), "not read again");
        cache.forget(p);
        assertThrows(ColourFileException.class, () -> cache.program(p, PixelFormat.YUV422P10, Colorimetry.BT709));
        // A failure is not kept: once the file is good again, the next request compiles it.
        lut("look.cube", 0.5);
        cache.program(p, PixelFormat.YUV422P10, Colorimetry.BT709);
        assertEquals(3, cache.compilations());
    }

    private static DisplayPipeline white(double nits) {
        return new DisplayPipeline(Optional.empty(), DisplayPipeline.Input.VIDEO, Optional.empty(), List.of(),
                new DisplayPipeline.DisplayEncoding(Gamut.REC709, Colorimetry.Transfer.BT1886, nits));
    }

    @Test
    void keepsTheMostRecentlyUsedProgramsAndDropsTheLeastRecentlyUsed() {
        ProgramCache cache = new ProgramCache();
        ColourProgram kept = cache.program(white(100), PixelFormat.YUV422P10, Colorimetry.BT709);
        cache.program(white(101), PixelFormat.YUV422P10, Colorimetry.BT709);
        for (int i = 2; i <= ProgramCache.CAPACITY; i++) {
            cache.program(white(100), PixelFormat.YUV422P10, Colorimetry.BT709); // used again and again: stays
            cache.program(white(100 + i), PixelFormat.YUV422P10, Colorimetry.BT709);
        }
        assertEquals(ProgramCache.CAPACITY + 1, cache.compilations());
        assertSame(kept, cache.program(white(100), PixelFormat.YUV422P10, Colorimetry.BT709));
        cache.program(white(101), PixelFormat.YUV422P10, Colorimetry.BT709);
        assertEquals(ProgramCache.CAPACITY + 2, cache.compilations(), "the least recently used was compiled again");
    }
}
