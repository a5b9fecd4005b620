package dev.xsight.colour.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import dev.xsight.colour.AcesOutput;
import dev.xsight.colour.ColourOp;
import dev.xsight.colour.ColourProgram;
import dev.xsight.colour.DisplayPipeline;
import dev.xsight.colour.Lut3dOp;
import dev.xsight.colour.RangeOp;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Readers produce the ops their formats define. */
class ColourFilesTest {
    @TempDir
    Path tmp;

    @Test
    void resolveCubeAppliesShaperThenCubeWithTheirInputRanges() throws Exception {
        Path p = tmp.resolve("r.cube");
        StringBuilder b = new StringBuilder("LUT_1D_SIZE 2\nLUT_1D_INPUT_RANGE 0 4\nLUT_3D_SIZE 2\n0 0 0\n1 1 1\n");
        for (int i = 0; i < 8; i++) {
            b.append(i & 1).append(' ').append(i >> 1 & 1).append(' ').append(i >> 2 & 1).append('\n');
        }
        Files.writeString(p, b);
        List<ColourOp> ops = LutFile.read(p, Lut3dOp.Interpolation.TRILINEAR);
        assertEquals(2, ops.size());
        double[] v = new ColourProgram(ops).apply(2, 1, 4);
        assertArrayEquals(new double[] {0.5, 0.25, 1}, v, 1e-12);
    }

    @Test
    void threeDlIdentityMapsCodesBackToThemselves() throws Exception {
        Path p = tmp.resolve("i.3dl");
        StringBuilder b = new StringBuilder("0 1023\n");
        for (int r = 0; r < 2; r++) {
            for (int g = 0; g < 2; g++) {
                for (int bl = 0; bl < 2; bl++) {
                    b.append(r * 4095).append(' ').append(g * 4095).append(' ').append(bl * 4095).append('\n');
                }
            }
        }
        Files.writeString(p, b);
        double[] v = new ColourProgram(LutFile.read(p, Lut3dOp.Interpolation.TETRAHEDRAL)).apply(0.2, 0.7, 0.9);
        assertArrayEquals(new double[] {0.2, 0.7, 0.9}, v, 1e-6);
    }

    @Test
    void clfRangeMatrixLogAndExponentFollowTheSpec() throws Exception {
        Path p = tmp.resolve("a.clf");
        Files.writeString(p, """
                <?xml version="1.0" encoding="UTF-8"?>
                <ProcessList id="x" compCLFversion="3">
                  <Range inBitDepth="10i" outBitDepth="32f"><minInValue>64</minInValue><maxInValue>940</maxInValue>
                    <minOutValue>0</minOutValue><maxOutValue>1</maxOutValue></Range>
                  <Matrix inBitDepth="32f" outBitDepth="32f"><Array dim="3 4">2 0 0 0.1  0 1 0 0  0 0 1 0</Array></Matrix>
                  <Exponent inBitDepth="32f" outBitDepth="32f" style="basicFwd"><ExponentParams exponent="2"/></Exponent>
                  <Log inBitDepth="32f" outBitDepth="32f" style="log2"/>
                  <Log inBitDepth="32f" outBitDepth="32f" style="antiLog2"/>
                </ProcessList>
                """);
        List<ColourOp> ops = ClfFile.read(p);
        assertInstanceOf(RangeOp.class, ops.get(0));
        // Pipeline values are normalised: a 10i input of code D arrives as D / 1023.
        double[] v = new ColourProgram(ops).apply(502 / 1023.0, 940 / 1023.0, 2000 / 1023.0);
        // (502-64)/876 = 0.5 -> 2*0.5+0.1 = 1.1 -> 1.21 ; 1 -> 1 ; clamped 1 -> 1
        assertArrayEquals(new double[] {1.21, 1, 1}, v, 1e-9);
    }

    @Test
    void clfLut3dIsBlueFastest() throws Exception {
        Path p = tmp.resolve("l.clf");
        StringBuilder a = new StringBuilder();
        for (int r = 0; r < 2; r++) {
            for (int g = 0; g < 2; g++) {
                for (int b = 0; b < 2; b++) {
                    a.append(r).append(' ').append(g).append(' ').append(b).append(' ');
                }
            }
        }
        Files.writeString(p, "<ProcessList id=\"l\"><LUT3D inBitDepth=\"32f\" outBitDepth=\"32f\" interpolation=\"tetrahedral\">"
                + "<Array dim=\"2 2 2 3\">" + a + "</Array></LUT3D></ProcessList>");
        assertArrayEquals(new double[] {0.1, 0.6, 0.3}, new ColourProgram(ClfFile.read(p)).apply(0.1, 0.6, 0.3), 1e-7);
    }

    @Test
    void amfSetsInputLookAndOutput() throws Exception {
        Path p = tmp.resolve("a.amf");
        Files.writeString(p, """
                <?xml version="1.0" encoding="UTF-8"?>
                <aces:acesMetadataFile xmlns:aces="urn:ampas:aces:amf:v1.0" xmlns:cdl="urn:ASC:CDL:v1.01">
                  <aces:pipeline>
                    <aces:inputTransform><aces:transformId>urn:ampas:aces:transformId:v1.5:ACEScsc.Academy.ACEScct_to_ACES.a1.0.3</aces:transformId></aces:inputTransform>
                    <aces:lookTransform applied="false">
                      <cdl:SOPNode><cdl:Slope>1.1 1 1</cdl:Slope><cdl:Offset>0 0 0</cdl:Offset><cdl:Power>1 1 1</cdl:Power></cdl:SOPNode>
                      <cdl:SatNode><cdl:Saturation>0.9</cdl:Saturation></cdl:SatNode>
                    </aces:lookTransform>
                    <aces:outputTransform><aces:transformId>urn:ampas:aces:transformId:v1.5:RRTODT.Academy.Rec709_100nits_dim.a1.0.3</aces:transformId></aces:outputTransform>
                  </aces:pipeline>
                </aces:acesMetadataFile>
                """);
        DisplayPipeline d = AmfFile.read(p);
        assertEquals(DisplayPipeline.Input.ACESCCT, d.input());
        assertEquals(new DisplayPipeline.AcesOutputStep(AcesOutput.Version.V1_3, AcesOutput.Target.REC709_100), d.output());
        assertEquals(1.1, CdlFile.read(d.cdl().orElseThrow().file(), null).slope()[0], 1e-12);
    }
}
