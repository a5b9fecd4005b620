package dev.xsight.signal;

import dev.xsight.media.Colorimetry;
import dev.xsight.media.Frame;
import dev.xsight.media.PixelFormat;
import dev.xsight.media.Timecode;

/**
 * Renders the demo test signal into 10-bit 4:2:2 1920x1080 frames (BT.709, narrow range): SMPTE RP 219 colour bars
 * whose top row scrolls, the RP 219 10-bit luma ramp, PLUGE, a moving box and a burnt-in timecode.
 *
 * <p>Layout (SMPTE RP 219-1 for a 1920-sample line, a = 1920, d = 240, c = 1440 / 7): pattern 1 (lines 0-629,
 * 7/12 of the picture) 40% grey side panels around seven 75% bars; pattern 2 (lines 630-719) 100% cyan, 100%
 * white, 75% white, 100% blue; pattern 3 (lines 720-809) 100% yellow, the luma ramp from 0% to 100% over the bar
 * width, 100% red; pattern 4 (lines 810-1079) 15% grey, 0% black, 100% white, 0% black, PLUGE -2% / 0% / +2% / 0%
 * / +4%, 0% black, 15% grey. Code values are RP 219's 10-bit table (BT.709 matrix, narrow range).
 *
 * <p>All line templates are built once; {@link #render} only copies lines and draws two small overlays, so it
 * allocates nothing. Not thread-safe: one renderer per source thread.
 */
public final class TestSignal {
    public static final int WIDTH = 1920;
    public static final int HEIGHT = 1080;
    public static final PixelFormat FORMAT = PixelFormat.YUV422P10;

    /** Side panel width d and the start of the bar region. */
    public static final int SIDE = 240;
    /** Widths of the seven 75% bars (c = 1440/7, rounded so they sum to 1440). */
    static final int[] BAR_WIDTHS = {206, 205, 206, 206, 206, 205, 206};
    /** First line of patterns 2, 3 and 4 (7/12, 8/12, 9/12 of 1080). */
    public static final int PATTERN2_LINE = 630;
    public static final int PATTERN3_LINE = 720;
    public static final int PATTERN4_LINE = 810;

    /** RP 219 10-bit colours as {Y', Cb, Cr}. */
    public static final int[] GREY_40 = {414, 512, 512};
    public static final int[] WHITE_75 = {721, 512, 512};
    public static final int[] YELLOW_75 = {674, 176, 543};
    public static final int[] CYAN_75 = {581, 589, 176};
    public static final int[] GREEN_75 = {534, 253, 207};
    public static final int[] MAGENTA_75 = {251, 771, 817};
    public static final int[] RED_75 = {204, 435, 848};
    public static final int[] BLUE_75 = {111, 848, 481};
    public static final int[] CYAN_100 = {754, 615, 64};
    public static final int[] BLUE_100 = {127, 960, 471};
    public static final int[] YELLOW_100 = {877, 64, 553};
    public static final int[] RED_100 = {250, 409, 960};
    public static final int[] WHITE_100 = {940, 512, 512};
    public static final int[] GREY_15 = {195, 512, 512};
    public static final int[] BLACK_0 = {64, 512, 512};
    public static final int[] BLACK_MINUS_2 = {46, 512, 512};
    public static final int[] BLACK_PLUS_2 = {82, 512, 512};
    public static final int[] BLACK_PLUS_4 = {99, 512, 512};

    private static final int[][] BARS_75 = {WHITE_75, YELLOW_75, CYAN_75, GREEN_75, MAGENTA_75, RED_75, BLUE_75};

    /** Pixels the pattern-1 bars move per frame when motion is on. */
    public static final int BAR_SPEED = 2;
    /** The moving box: size, the lines it crosses, pixels per frame. */
    public static final int BOX_SIZE = 72;
    public static final int BOX_TOP = 520;
    public static final int BOX_SPEED = 6;
    /** Timecode burn-in: top line, digit scale. */
    public static final int BURN_TOP = 48;
    private static final int BURN_SCALE = 8;

    private final boolean motion;
    // Line templates, luma (1920) and chroma (960 each) per pattern; pattern 1 holds two periods to scroll over.
    private final short[] bars1Y = new short[2 * 1440];
    private final short[] bars1Cb = new short[2 * 720];
    private final short[] bars1Cr = new short[2 * 720];
    private final short[][] line2 = new short[3][];
    private final short[][] line3 = new short[3][];
    private final short[][] line4 = new short[3][];
    private final short[][] line1Sides = new short[3][];

    /**
     * @param motion whether the bars scroll and the box moves (false gives a still RP 219 picture plus timecode)
     */
    public TestSignal(boolean motion) {
        this.motion = motion;
        for (int p = 0; p < 3; p++) {
            int w = p == 0 ? WIDTH : WIDTH / 2;
            line2[p] = new short[w];
            line3[p] = new short[w];
            line4[p] = new short[w];
            line1Sides[p] = new short[w];
        }
        buildTemplates();
    }

    private void buildTemplates() {
        // Pattern 1: the seven bars, written twice so a scrolled window is one contiguous copy.
        int x = 0;
        for (int b = 0; b < 7; b++) {
            for (int i = 0; i < BAR_WIDTHS[b]; i++, x++) {
                put(bars1Y, bars1Cb, bars1Cr, x, BARS_75[b]);
                put(bars1Y, bars1Cb, bars1Cr, x + 1440, BARS_75[b]);
            }
        }
        fill(line1Sides, 0, SIDE, GREY_40);
        fill(line1Sides, WIDTH - SIDE, WIDTH, GREY_40);
        // Pattern 2: 100% cyan, 100% white under the first bar, 75% white, 100% blue.
        fill(line2, 0, SIDE, CYAN_100);
        fill(line2, SIDE, SIDE + BAR_WIDTHS[0], WHITE_100);
        fill(line2, SIDE + BAR_WIDTHS[0], WIDTH - SIDE, WHITE_75);
        fill(line2, WIDTH - SIDE, WIDTH, BLUE_100);
        // Pattern 3: 100% yellow, luma ramp 0% -> 100% over the bar width, 100% red.
        fill(line3, 0, SIDE, YELLOW_100);
        for (int i = 0; i < 1440; i++) {
            int y = rampCode(i);
            line3[0][SIDE + i] = (short) y;
        }
        for (int i = SIDE / 2; i < (WIDTH - SIDE) / 2; i++) {
            line3[1][i] = 512;
            line3[2][i] = 512;
        }
        fill(line3, WIDTH - SIDE, WIDTH, RED_100);
        // Pattern 4: 15% grey, 0% black (1.5c), 100% white (2c), 0% black (5c/6), PLUGE (5 x c/3), black (c), grey.
        int[] widths = {SIDE, 309, 411, 171, 69, 68, 69, 68, 69, 206, SIDE};
        int[][] colours = {GREY_15, BLACK_0, WHITE_100, BLACK_0, BLACK_MINUS_2, BLACK_0, BLACK_PLUS_2, BLACK_0,
                BLACK_PLUS_4, BLACK_0, GREY_15};
        x = 0;
        for (int i = 0; i < widths.length; i++) {
            fill(line4, x, x + widths[i], colours[i]);
            x += widths[i];
        }
    }

    /** The RP 219 Y-ramp: 64 at the left of the bar region rising linearly to 940 at the right. */
    static int rampCode(int i) {
        return 64 + (int) Math.round(876.0 * i / 1439);
    }

    private static void put(short[] y, short[] cb, short[] cr, int x, int[] c) {
        y[x] = (short) c[0];
        if ((x & 1) == 0) { // 4:2:2 chroma is co-sited with the even luma sample
            cb[x >> 1] = (short) c[1];
            cr[x >> 1] = (short) c[2];
        }
    }

    private static void fill(short[][] line, int from, int to, int[] c) {
        for (int x = from; x < to; x++) {
            put(line[0], line[1], line[2], x, c);
        }
    }

    /** Where the bars start for frame {@code n}: 0 at frame 0, moving right {@link #BAR_SPEED} px per frame. */
    public int barOffset(long n) {
        return motion ? (int) Math.floorMod(-n * BAR_SPEED, 1440L) : 0;
    }

    /** Left edge of the moving box in frame {@code n} (it bounces between the side panels). */
    public int boxX(long n) {
        int span = 1440 - BOX_SIZE;
        long p = motion ? Math.floorMod(n * BOX_SPEED, 2L * span) : 0;
        return SIDE + (int) (p <= span ? p : 2L * span - p);
    }

    /**
     * Renders frame number {@code n} with burnt-in {@code timecode} into {@code frame} (1920x1080 4:2:2 10-bit) and
     * sets its colorimetry to BT.709 narrow.
     */
    public void render(Frame frame, long n, Timecode timecode) {
        if (!frame.format().equals(FORMAT) || frame.width() != WIDTH || frame.height() != HEIGHT) {
            throw new IllegalArgumentException("test signal renders " + WIDTH + "x" + HEIGHT + " "
                    + FORMAT.describe() + ", not " + frame.describe());
        }
        short[] y = frame.plane(0);
        short[] cb = frame.plane(1);
        short[] cr = frame.plane(2);
        int off = barOffset(n) & ~1; // even, so luma and chroma stay co-sited
        for (int line = 0; line < HEIGHT; line++) {
            int ly = line * WIDTH;
            int lc = line * (WIDTH / 2);
            if (line < PATTERN2_LINE) {
                System.arraycopy(line1Sides[0], 0, y, ly, WIDTH);
                System.arraycopy(line1Sides[1], 0, cb, lc, WIDTH / 2);
                System.arraycopy(line1Sides[2], 0, cr, lc, WIDTH / 2);
                System.arraycopy(bars1Y, off, y, ly + SIDE, 1440);
                System.arraycopy(bars1Cb, off >> 1, cb, lc + SIDE / 2, 720);
                System.arraycopy(bars1Cr, off >> 1, cr, lc + SIDE / 2, 720);
            } else {
                short[][] t = line < PATTERN3_LINE ? line2 : line < PATTERN4_LINE ? line3 : line4;
                System.arraycopy(t[0], 0, y, ly, WIDTH);
                System.arraycopy(t[1], 0, cb, lc, WIDTH / 2);
                System.arraycopy(t[2], 0, cr, lc, WIDTH / 2);
            }
        }
        if (motion) {
            drawBox(frame, boxX(n));
        }
        if (timecode != null) {
            burnTimecode(frame, timecode);
        }
        frame.colorimetry(Colorimetry.BT709);
    }

    private static void drawBox(Frame frame, int left) {
        // 100% white frame with a 0% black centre and a 50% grey core: shows motion judder and edge handling.
        for (int dy = 0; dy < BOX_SIZE; dy++) {
            for (int dx = 0; dx < BOX_SIZE; dx++) {
                int edge = Math.min(Math.min(dx, dy), Math.min(BOX_SIZE - 1 - dx, BOX_SIZE - 1 - dy));
                int[] c = edge < 8 ? WHITE_100 : edge < 20 ? BLACK_0 : MID_GREY;
                fillPixel(frame, left + dx, BOX_TOP + dy, c);
            }
        }
    }

    private static final int[] MID_GREY = {502, 512, 512};

    private static void fillPixel(Frame frame, int x, int y, int[] c) {
        frame.plane(0)[y * WIDTH + x] = (short) c[0];
        if ((x & 1) == 0) {
            int i = y * (WIDTH / 2) + (x >> 1);
            frame.plane(1)[i] = (short) c[1];
            frame.plane(2)[i] = (short) c[2];
        }
    }

    /** Width in pixels of the burnt-in timecode box. */
    static int burnWidth() {
        return 11 * 6 * BURN_SCALE + 2 * BURN_SCALE * 2;
    }

    private static void burnTimecode(Frame frame, Timecode tc) {
        int boxW = burnWidth();
        int boxH = 7 * BURN_SCALE + 4 * BURN_SCALE;
        int left = (WIDTH - boxW) / 2 & ~1;
        for (int y = BURN_TOP; y < BURN_TOP + boxH; y++) {
            for (int x = left; x < left + boxW; x++) {
                fillPixel(frame, x, y, BLACK_0);
            }
        }
        int x = left + 2 * BURN_SCALE;
        int y = BURN_TOP + 2 * BURN_SCALE;
        x = glyphPair(frame, x, y, tc.hours());
        x = glyph(frame, x, y, BitmapFont.COLON);
        x = glyphPair(frame, x, y, tc.minutes());
        x = glyph(frame, x, y, BitmapFont.COLON);
        x = glyphPair(frame, x, y, tc.seconds());
        x = glyph(frame, x, y, tc.dropFrame() ? BitmapFont.SEMICOLON : BitmapFont.COLON);
        glyphPair(frame, x, y, tc.frames());
    }

    private static int glyphPair(Frame frame, int x, int y, int value) {
        x = glyph(frame, x, y, BitmapFont.digit(value / 10 % 10));
        return glyph(frame, x, y, BitmapFont.digit(value % 10));
    }

    private static int glyph(Frame frame, int x, int y, int[] rows) {
        for (int r = 0; r < BitmapFont.HEIGHT; r++) {
            for (int c = 0; c < BitmapFont.WIDTH; c++) {
                if ((rows[r] >> (BitmapFont.WIDTH - 1 - c) & 1) != 0) {
                    for (int sy = 0; sy < BURN_SCALE; sy++) {
                        for (int sx = 0; sx < BURN_SCALE; sx++) {
                            fillPixel(frame, x + c * BURN_SCALE + sx, y + r * BURN_SCALE + sy, WHITE_75);
                        }
                    }
                }
            }
        }
        return x + (BitmapFont.WIDTH + 1) * BURN_SCALE;
    }
}
