package dev.xsight.colour;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.ByteArrayInputStream;
import java.io.IOException;

/**
 * Fuzzes the colour file readers and the ASC FDL reader: any byte string either parses or fails with {@link ColourFileException} (never
 * another exception, a hang or an out-of-memory). Runs its seed inputs as a regression test in normal builds; set
 * JAZZER_FUZZ=1 to fuzz.
 */
class ColourParsersFuzzTest {

    @FuzzTest(maxDuration = "30s")
    void cubeReaderFailsOnlyWithColourFileException(byte[] data) throws IOException {
        try {
            LutFile.readCube(new ByteArrayInputStream(data), "fuzz.cube", Lut3dOp.Interpolation.TETRAHEDRAL);
        } catch (ColourFileException expected) {
            // refused with a reason
        }
        try {
            LutFile.read3dl(new ByteArrayInputStream(data), "fuzz.3dl", Lut3dOp.Interpolation.TRILINEAR);
        } catch (ColourFileException expected) {
            // refused with a reason
        }
    }

    @FuzzTest(maxDuration = "30s")
    void xmlReadersFailOnlyWithColourFileException(byte[] data) throws IOException {
        try {
            ClfFile.read(new ByteArrayInputStream(data), "fuzz.clf");
        } catch (ColourFileException expected) {
            // refused with a reason
        }
        try {
            CdlFile.readAll(new ByteArrayInputStream(data), "fuzz.ccc");
        } catch (ColourFileException expected) {
            // refused with a reason
        }
        try {
            AmfFile.read(new ByteArrayInputStream(data), "fuzz.amf", java.nio.file.Path.of("."));
        } catch (ColourFileException expected) {
            // refused with a reason
        }
    }

    @FuzzTest(maxDuration = "30s")
    void fdlReaderFailsOnlyWithColourFileException(byte[] data) throws IOException {
        java.nio.file.Path f = java.nio.file.Files.createTempFile("fuzz", ".fdl");
        try {
            java.nio.file.Files.write(f, data);
            dev.xsight.overlay.FramingDecisions.read(f, null);
        } catch (ColourFileException expected) {
            // refused with a reason
        } finally {
            java.nio.file.Files.deleteIfExists(f);
        }
    }
}
