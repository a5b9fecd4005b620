package dev.xsight.overlay;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.xsight.colour.io.ColourFileException;
import dev.xsight.image.DisplayImage;
import dev.xsight.media.Colorimetry;
import dev.xsight.media.Frame;
import dev.xsight.media.FrameRate;
import dev.xsight.media.PixelFormat;
import dev.xsight.media.Timecode;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OverlaysTest {
    @TempDir
    Path tmp;

    @Test
    void safeActionIsNinetyThreePercentAndTitleNinetyPercentCentred() {
        assertArrayEquals(new int[] {67, 38, 1786, 1004}, SafeAreas.rect(1920, 1080, SafeAreas.ACTION));
        assertArrayEquals(new int[] {96, 54, 1728, 972}, SafeAreas.rect(1920, 1080, SafeAreas.TITLE));
        DisplayImage img = new DisplayImage(200, 100);
        SafeAreas.draw(img, new int[] {1023, 1023, 1023});
        assertEquals(1023, img.get(7, 50, 0), "left edge of the 93% box");
        assertEquals(0, img.get(50, 50, 0), "inside stays untouched");
    }

    @Test
    void burntInTimecodeDrawsLightGlyphsOnABlackBoxNearTheBottom() {
        DisplayImage img = new DisplayImage(480, 270);
        int[] box = BurntInTimecode.draw(img, Timecode.parse("10:00:00:00", FrameRate.parse("25")));
        assertTrue(box[1] > 135, "in the lower half");
        int lit = 0;
        for (int y = box[1]; y < box[1] + box[3]; y++) {
            for (int x = box[0]; x < box[0] + box[2]; x++) {
                lit += img.get(x, y, 0) == 940 ? 1 : 0;
                assertTrue(img.get(x, y, 0) == 940 || img.get(x, y, 0) == 64);
            }
        }
        assertTrue(lit > 50, "glyph pixels drawn: " + lit);
    }

    @Test
    void falseColourMarksClippedCrushedAndMidGrey() {
        assertArrayEquals(FalseColour.RED, FalseColour.band(1000));
        assertArrayEquals(FalseColour.PURPLE, FalseColour.band(64));
        assertArrayEquals(FalseColour.GREEN, FalseColour.band(64 + 0.40 * 876));
        assertNull(FalseColour.band(64 + 0.25 * 876));
    }

    @Test
    void zebrasStripeOnlyPixelsAboveTheThreshold() {
        DisplayImage img = new DisplayImage(16, 16);
        for (int y = 0; y < 16; y++) {
            for (int x = 0; x < 16; x++) {
                int v = x < 8 ? 500 : 1000;
                img.set(x, y, v, v, v);
            }
        }
        int n = Zebras.apply(img, 95, 0, false);
        assertEquals(8 * 16, n);
        for (int y = 0; y < 16; y++) {
            for (int x = 0; x < 8; x++) {
                assertEquals(500, img.get(x, y, 1));
            }
        }
        int black = 0;
        for (int y = 0; y < 16; y++) {
            for (int x = 8; x < 16; x++) {
                black += img.get(x, y, 1) == 0 ? 1 : 0;
            }
        }
        assertTrue(black > 0 && black < 128, "stripes, not a fill: " + black);
    }

    @Test
    void outOfRangeAndOutOfGamutPixelsAreFlagged() {
        Frame f = Frame.allocate(PixelFormat.YUV444P10, 4, 1).colorimetry(Colorimetry.BT709);
        short[] y = f.plane(0), cb = f.plane(1), cr = f.plane(2);
        // legal grey; super-white; legal luma with impossible chroma; sub-black
        int[][] px = {{512, 512, 512}, {1000, 512, 512}, {300, 960, 960}, {20, 512, 512}};
        for (int i = 0; i < 4; i++) {
            y[i] = (short) px[i][0];
            cb[i] = (short) px[i][1];
            cr[i] = (short) px[i][2];
        }
        byte[] flags = SignalWarnings.classify(f, 0.005);
        assertEquals(0, flags[0]);
        assertEquals(3, flags[1], "super-white is out of range and above 1.0 in R'G'B'");
        assertEquals(2, flags[2] & 2, "strong chroma leaves the R'G'B' cube");
        assertEquals(1, flags[3] & 1);
        DisplayImage img = new DisplayImage(4, 1);
        assertEquals(3, SignalWarnings.highlight(img, flags));
    }

    @Test
    void pixelProbeReportsSourceCodesAndNits() {
        Frame f = Frame.allocate(PixelFormat.YUV422P10, 4, 2).colorimetry(Colorimetry.BT709);
        f.plane(0)[5] = 940;
        f.plane(1)[2] = 512;
        f.plane(2)[2] = 512;
        int[] display = new int[4 * 2 * 3];
        display[5 * 3] = 1023;
        display[5 * 3 + 1] = 1023;
        display[5 * 3 + 2] = 1023;
        PixelProbe p = PixelProbe.at(f, display, 4, 1, 1, Colorimetry.Transfer.BT1886);
        assertArrayEquals(new int[] {940, 512, 512}, p.source());
        assertEquals(100, p.nits()[0], 1e-9, "full-scale BT.1886 is 100 cd/m²");
        PixelProbe pq = PixelProbe.at(f, display, 4, 1, 1, Colorimetry.Transfer.PQ);
        assertEquals(10000, pq.nits()[1], 1e-6);
    }

    @Test
    void fdlFramingDecisionScalesFromCanvasToPicture() throws Exception {
        Path fdl = tmp.resolve("a.fdl");
        Files.writeString(fdl, """
                {"version": {"major": 1, "minor": 0},
                 "framing_intents": [{"id": "FI", "aspect_ratio": {"width": 2, "height": 1}, "protection": 0.1}],
                 "contexts": [{"label": "cam", "canvases": [{"id": "C1", "dimensions": {"width": 4000, "height": 2000},
                   "framing_decisions": [{"id": "C1-FI", "label": "2:1", "framing_intent_id": "FI",
                     "dimensions": {"width": 3600, "height": 1800}, "anchor_point": {"x": 200, "y": 100},
                     "protection_dimensions": {"width": 4000, "height": 2000}, "protection_anchor_point": {"x": 0, "y": 0}}]}]}]}
                """);
        FramingDecisions d = FramingDecisions.read(fdl, null);
        assertEquals(2, d.guides().size());
        assertArrayEquals(new int[] {100, 50, 1800, 900}, d.toPicture(d.guides().get(0), 2000, 1000));
        DisplayImage img = new DisplayImage(200, 100);
        d.draw(img);
        assertEquals(940, img.get(10, 50, 0));
    }

    @Test
    void fdlWithoutDimensionsNamesTheFieldThatIsMissing() throws Exception {
        Path fdl = tmp.resolve("b.fdl");
        Files.writeString(fdl, "{\"contexts\": [{\"canvases\": [{\"id\": \"C\", \"dimensions\": {\"width\": 10},"
                + " \"framing_decisions\": []}]}]}");
        ColourFileException e = assertThrows(ColourFileException.class, () -> FramingDecisions.read(fdl, null));
        assertTrue(e.getMessage().contains("b.fdl") && e.getMessage().contains("dimensions"), e.getMessage());
        Files.writeString(fdl, "{\"contexts\": [ {\"canvases\": [}");
        ColourFileException e2 = assertThrows(ColourFileException.class, () -> FramingDecisions.read(fdl, null));
        assertEquals(1, e2.line());
    }
}
