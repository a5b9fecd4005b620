package dev.xsight.signal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.xsight.media.Colorimetry;
import dev.xsight.media.Frame;
import dev.xsight.media.PixelFormat;
import dev.xsight.media.Timecode;
import java.util.BitSet;
import org.junit.jupiter.api.Test;

class TestSignalTest {
    private static final int BAR_LINE = 300; // below the burnt-in timecode, above the moving box

    private static Frame render(boolean motion, long n) {
        Frame f = Frame.allocate(PixelFormat.YUV422P10, 1920, 1080);
        new TestSignal(motion).render(f, n, Timecode.parse("01:00:00;00"));
        return f;
    }

    private static int[] yCbCr(Frame f, int x, int line) {
        int c = line * 960 + x / 2;
        return new int[] {f.plane(0)[line * 1920 + x] & 0xFFFF, f.plane(1)[c] & 0xFFFF, f.plane(2)[c] & 0xFFFF};
    }

    @Test
    void pattern1HasRp219SeventyFivePercentBarsBetweenFortyPercentGreyPanels() {
        Frame f = render(true, 0);
        // RP 219 Table 1, 10-bit Y'CbCr: 40% grey 414/512/512, then 75% white, yellow, cyan, green, magenta, red, blue.
        assertArrayEquals(new int[] {414, 512, 512}, yCbCr(f, 100, BAR_LINE));
        int[][] expected = {{721, 512, 512}, {674, 176, 543}, {581, 589, 176}, {534, 253, 207}, {251, 771, 817},
                {204, 435, 848}, {111, 848, 481}};
        int[] centres = {342, 548, 754, 960, 1166, 1372, 1578};
        for (int b = 0; b < 7; b++) {
            assertArrayEquals(expected[b], yCbCr(f, centres[b], BAR_LINE), "bar " + b);
        }
        assertArrayEquals(new int[] {414, 512, 512}, yCbCr(f, 1800, BAR_LINE));
        // The first bar starts at d = 240 samples and the last ends at 1680.
        assertEquals(414, f.plane(0)[BAR_LINE * 1920 + 239] & 0xFFFF);
        assertEquals(721, f.plane(0)[BAR_LINE * 1920 + 240] & 0xFFFF);
        assertEquals(111, f.plane(0)[BAR_LINE * 1920 + 1679] & 0xFFFF);
        assertEquals(414, f.plane(0)[BAR_LINE * 1920 + 1680] & 0xFFFF);
    }

    @Test
    void patterns2And4HaveRp219HundredPercentColoursAndPluge() {
        Frame f = render(false, 0);
        int p2 = 660;
        assertArrayEquals(new int[] {754, 615, 64}, yCbCr(f, 100, p2), "100% cyan");
        assertArrayEquals(new int[] {940, 512, 512}, yCbCr(f, 340, p2), "100% white");
        assertArrayEquals(new int[] {721, 512, 512}, yCbCr(f, 1000, p2), "75% white");
        assertArrayEquals(new int[] {127, 960, 471}, yCbCr(f, 1800, p2), "100% blue");
        int p3 = 760;
        assertArrayEquals(new int[] {877, 64, 553}, yCbCr(f, 100, p3), "100% yellow");
        assertArrayEquals(new int[] {250, 409, 960}, yCbCr(f, 1800, p3), "100% red");
        int p4 = 900;
        assertArrayEquals(new int[] {195, 512, 512}, yCbCr(f, 100, p4), "15% grey");
        assertArrayEquals(new int[] {64, 512, 512}, yCbCr(f, 400, p4), "0% black");
        assertArrayEquals(new int[] {940, 512, 512}, yCbCr(f, 750, p4), "100% white");
        // PLUGE: -2% (46), 0%, +2% (82), 0%, +4% (99) from sample 1131 (d + 1.5c + 2c + 5c/6), c/3 wide each.
        assertEquals(46, yCbCr(f, 1165, p4)[0], "-2% black");
        assertEquals(64, yCbCr(f, 1234, p4)[0]);
        assertEquals(82, yCbCr(f, 1302, p4)[0], "+2% black");
        assertEquals(64, yCbCr(f, 1370, p4)[0]);
        assertEquals(99, yCbCr(f, 1440, p4)[0], "+4% black");
        assertEquals(64, yCbCr(f, 1600, p4)[0]);
    }

    @Test
    void rampRisesFromBlackToWhiteThroughDistinctTenBitCodes() {
        Frame f = render(false, 0);
        int line = 760;
        BitSet codes = new BitSet(1024);
        int previous = 0;
        for (int x = 240; x < 1680; x++) {
            int y = f.plane(0)[line * 1920 + x] & 0xFFFF;
            assertTrue(y >= previous, "ramp must not fall at sample " + x);
            previous = y;
            codes.set(y);
        }
        assertEquals(64, f.plane(0)[line * 1920 + 240] & 0xFFFF);
        assertEquals(940, f.plane(0)[line * 1920 + 1679] & 0xFFFF);
        assertEquals(877, codes.cardinality(), "every code 64..940 appears once at least");
        int notMultipleOf4 = 0;
        for (int c = codes.nextSetBit(0); c >= 0; c = codes.nextSetBit(c + 1)) {
            if (c % 4 != 0) {
                notMultipleOf4++;
            }
        }
        assertTrue(notMultipleOf4 > 600, "a ramp from 8-bit codes would hold only multiples of 4");
    }

    @Test
    void timecodeIsBurntInAsWhiteDotsOnABlackBox() {
        Frame a = render(false, 0);
        Frame b = Frame.allocate(PixelFormat.YUV422P10, 1920, 1080);
        new TestSignal(false).render(b, 0, Timecode.parse("01:00:00;01"));
        int differing = 0;
        int white = 0;
        for (int line = TestSignal.BURN_TOP; line < TestSignal.BURN_TOP + 88; line++) {
            for (int x = 0; x < 1920; x++) {
                int i = line * 1920 + x;
                if (a.plane(0)[i] != b.plane(0)[i]) {
                    differing++;
                }
                if ((a.plane(0)[i] & 0xFFFF) == 721 && x > 700 && x < 1220) {
                    white++;
                }
            }
        }
        assertTrue(differing > 0, "the last frame digit differs between 01:00:00;00 and 01:00:00;01");
        assertTrue(white > 1000, "digits are drawn in 75% white");
        assertEquals(64, a.plane(0)[(TestSignal.BURN_TOP + 2) * 1920 + 960 - 270] & 0xFFFF, "box is 0% black");
    }

    @Test
    void barsAndBoxMoveBetweenFramesWhileRampAndPlugeStayStill() {
        Frame a = render(true, 0);
        Frame b = render(true, 10);
        TestSignal s = new TestSignal(true);
        assertNotEquals(s.boxX(0), s.boxX(10));
        // 10 frames at 2 px per frame: the white/yellow edge moved 20 samples right.
        assertEquals(721, yCbCr(b, 240 + 206 + 19, BAR_LINE)[0]);
        assertEquals(674, yCbCr(b, 240 + 206 + 21, BAR_LINE)[0]);
        for (int line : new int[] {760, 900}) {
            for (int x = 0; x < 1920; x++) {
                assertEquals(a.plane(0)[line * 1920 + x], b.plane(0)[line * 1920 + x]);
            }
        }
        assertEquals(Colorimetry.BT709, b.colorimetry());
    }
}
