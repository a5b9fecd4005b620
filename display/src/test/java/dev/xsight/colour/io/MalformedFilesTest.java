package dev.xsight.colour.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.xsight.colour.Lut3dOp;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Broken colour files are refused with the file, line and problem named, before any large allocation. */
class MalformedFilesTest {
    @TempDir
    Path tmp;

    private Path file(String name, String text) throws Exception {
        Path p = tmp.resolve(name);
        Files.writeString(p, text);
        return p;
    }

    private ColourFileException cube(String text) throws Exception {
        Path p = file("x.cube", text);
        return assertThrows(ColourFileException.class, () -> LutFile.read(p, Lut3dOp.Interpolation.TETRAHEDRAL));
    }

    @Test
    void cubeWithNanNamesTheLine() throws Exception {
        ColourFileException e = cube("TITLE \"t\"\nLUT_3D_SIZE 2\n0 0 0\n1 0 0\nNaN 1 0\n");
        assertEquals(5, e.line());
        assertTrue(e.getMessage().contains("x.cube:5"), e.getMessage());
    }

    @Test
    void cubeWithAValueBeyondTheFloatRangeNamesTheLine() throws Exception {
        // finite as a double, infinite in the float table: interpolating it gave NaN (found by fuzzing)
        ColourFileException e = cube("LUT_3D_SIZE 2\n0 0 0\n1 0 0\n0 1e120 0\n");
        assertEquals(4, e.line());
        assertTrue(e.problem().contains("float range"), e.problem());
    }

    @Test
    void cubeWithTooFewRowsSaysHowManyItNeeds() throws Exception {
        ColourFileException e = cube("LUT_3D_SIZE 2\n0 0 0\n1 0 0\n");
        assertTrue(e.problem().contains("needs 8"), e.problem());
    }

    @Test
    void cubeWithABillionEntriesIsRefusedBeforeAllocating() throws Exception {
        ColourFileException e = cube("LUT_3D_SIZE 1000\n0 0 0\n");
        assertEquals(1, e.line());
        assertTrue(e.problem().contains("outside 2..256"), e.problem());
        ColourFileException e1 = cube("LUT_1D_SIZE 1000000000\n0 0 0\n");
        assertTrue(e1.problem().contains("outside"), e1.problem());
    }

    @Test
    void cubeWithTwoValuesOnARowIsRefused() throws Exception {
        ColourFileException e = cube("LUT_1D_SIZE 2\n0 0\n1 1 1\n");
        assertEquals(2, e.line());
    }

    @Test
    void cubeWithInvertedDomainIsRefused() throws Exception {
        ColourFileException e = cube("LUT_1D_SIZE 2\nDOMAIN_MIN 1 1 1\nDOMAIN_MAX 0 0 0\n0 0 0\n1 1 1\n");
        assertTrue(e.problem().contains("domain"), e.problem());
    }

    @Test
    void threeDlWithMissingRowsIsRefused() throws Exception {
        Path p = file("x.3dl", "0 512 1023\n0 0 0\n4095 4095 4095\n");
        ColourFileException e = assertThrows(ColourFileException.class,
                () -> LutFile.read(p, Lut3dOp.Interpolation.TRILINEAR));
        assertTrue(e.problem().contains("27"), e.problem());
    }

    @Test
    void cdlWithoutSlopeNamesTheElementLine() throws Exception {
        Path p = file("x.cc", "<ColorCorrection id=\"a\">\n<SOPNode>\n<Offset>0 0 0</Offset>\n<Power>1 1 1</Power>\n"
                + "</SOPNode>\n</ColorCorrection>\n");
        ColourFileException e = assertThrows(ColourFileException.class, () -> CdlFile.read(p, null));
        assertEquals(2, e.line());
        assertTrue(e.problem().contains("Slope"), e.problem());
    }

    @Test
    void cdlWithExternalEntityIsRefusedWithoutReadingIt() throws Exception {
        Path secret = file("secret.txt", "1 1 1");
        Path p = file("x.cc", "<?xml version=\"1.0\"?>\n<!DOCTYPE c [<!ENTITY x SYSTEM \"" + secret.toUri() + "\">]>\n"
                + "<ColorCorrection><SOPNode><Slope>&x;</Slope><Offset>0 0 0</Offset><Power>1 1 1</Power></SOPNode>"
                + "</ColorCorrection>");
        ColourFileException e = assertThrows(ColourFileException.class, () -> CdlFile.read(p, null));
        assertTrue(e.problem().contains("DOCTYPE"), e.problem());
        assertEquals(2, e.line());
    }

    @Test
    void clfWithHugeDimIsRefusedBeforeAllocating() throws Exception {
        Path p = file("x.clf", "<ProcessList id=\"p\" compCLFversion=\"3\">\n<LUT3D inBitDepth=\"32f\" outBitDepth=\"32f\">\n"
                + "<Array dim=\"1000 1000 1000 3\">0 0 0</Array>\n</LUT3D>\n</ProcessList>\n");
        ColourFileException e = assertThrows(ColourFileException.class, () -> ClfFile.read(p));
        assertEquals(3, e.line());
        assertTrue(e.problem().contains("too large"), e.problem());
    }

    @Test
    void clfArrayWithWrongCountSaysWhatDimExpects() throws Exception {
        Path p = file("x.clf", "<ProcessList id=\"p\">\n<Matrix inBitDepth=\"32f\" outBitDepth=\"32f\">\n"
                + "<Array dim=\"3 3\">1 0 0 0 1 0 0 0</Array>\n</Matrix>\n</ProcessList>\n");
        ColourFileException e = assertThrows(ColourFileException.class, () -> ClfFile.read(p));
        assertTrue(e.problem().contains("8 values, dim says 9"), e.problem());
    }

    @Test
    void clfWithUnknownNodeIsNamed() throws Exception {
        Path p = file("x.clf", "<ProcessList id=\"p\">\n<GradingTone inBitDepth=\"32f\" outBitDepth=\"32f\"/>\n</ProcessList>");
        ColourFileException e = assertThrows(ColourFileException.class, () -> ClfFile.read(p));
        assertTrue(e.problem().contains("GradingTone"), e.problem());
        assertEquals(2, e.line());
    }

    @Test
    void clfMissingBitDepthIsRefused() throws Exception {
        Path p = file("x.clf", "<ProcessList id=\"p\">\n<Matrix><Array dim=\"3 3\">1 0 0 0 1 0 0 0 1</Array></Matrix>\n"
                + "</ProcessList>");
        ColourFileException e = assertThrows(ColourFileException.class, () -> ClfFile.read(p));
        assertTrue(e.problem().contains("inBitDepth"), e.problem());
    }

    @Test
    void amfWithCameraInputTransformIsRefusedByName() throws Exception {
        Path p = file("x.amf", "<aces:acesMetadataFile xmlns:aces=\"urn:ampas:aces:amf:v1.0\">\n<aces:pipeline>\n"
                + "<aces:inputTransform>\n<aces:transformId>urn:ampas:aces:transformId:v1.5:IDT.ARRI.Alexa-v3-logC-EI800.a1.v2"
                + "</aces:transformId>\n</aces:inputTransform>\n</aces:pipeline>\n</aces:acesMetadataFile>");
        ColourFileException e = assertThrows(ColourFileException.class, () -> AmfFile.read(p));
        assertEquals(3, e.line());
        assertTrue(e.problem().contains("unsupported input transform"), e.problem());
    }

    @Test
    void amfWithoutOutputTransformIsRefused() throws Exception {
        Path p = file("x.amf", "<acesMetadataFile><pipeline></pipeline></acesMetadataFile>");
        ColourFileException e = assertThrows(ColourFileException.class, () -> AmfFile.read(p));
        assertTrue(e.problem().contains("outputTransform"), e.problem());
    }

    @Test
    void pipelineJsonThatIsNotTextIsRefusedWithItsName() throws Exception {
        // Starts like UTF-32 to the JSON reader's encoding guess, then is not: refused as a colour file, not an I/O
        // error from deep inside the parser.
        Path p = java.nio.file.Files.createTempFile("pipe", ".json");
        java.nio.file.Files.write(p, new byte[] {0, 0, 0, '{', 'z', '"', 'c', 1, 2, 3, 4, 5});
        ColourFileException e = assertThrows(ColourFileException.class, () -> DisplayPipelineJson.read(p));
        assertTrue(e.getMessage().contains(p.toString()), e.getMessage());
        ColourFileException f = assertThrows(ColourFileException.class,
                () -> dev.xsight.overlay.FramingDecisions.read(p, null));
        assertTrue(f.problem().startsWith("not JSON text"), f.problem());
        java.nio.file.Files.delete(p);
    }
}
