package dev.xsight.scope;

import dev.xsight.image.DisplayImage;

/**
 * Scope accumulations over a displayed picture (10-bit R'G'B' codes): luma waveform, RGB parade, vectorscope and
 * histograms. One instance owns its count buffers and reuses them (no allocation per frame); not thread-safe —
 * {@link ScopeWorker} runs it on one worker thread.
 *
 * <p>Luma and colour difference use the BT.709 (or BT.2020) coefficients on the displayed R'G'B' (ITU-R BT.709-6
 * item 3.2–3.3); the vectorscope plots Cb horizontally, Cr vertically, ±0.65 at the grid edge (100 % bars inside its circle).
 */
public final class Scopes extends ScopeGrid {
    /** Levels on the waveform's vertical axis (one per 10-bit code). */
    public static final int LEVELS = ScopeCounts.LEVELS;
    private final ScopeArithmetic fixed;
    private final int[] waveform;
    private final int[] parade;
    private final int[] vector;
    private final int[] histogram;

    /**
     * @param columns waveform columns (the picture width is binned onto them)
     * @param vectorSize vectorscope grid edge in cells
     * @param bt2020 use BT.2020 luma coefficients instead of BT.709
     */
    public Scopes(int columns, int vectorSize, boolean bt2020) {
        super(columns, vectorSize, bt2020);
        this.fixed = ScopeArithmetic.of(vectorSize, bt2020);
        waveform = new int[columns * LEVELS];
        parade = new int[3 * columns * LEVELS];
        vector = new int[vectorSize * vectorSize];
        histogram = new int[4 * LEVELS];
    }

    private int[] columnOf = new int[0];

    /** Recomputes every scope from {@code img}. Integer fixed-point inner loop; no allocation after the first call. */
    @Override
    public void compute(DisplayImage img) {
        java.util.Arrays.fill(waveform, 0);
        java.util.Arrays.fill(parade, 0);
        java.util.Arrays.fill(vector, 0);
        java.util.Arrays.fill(histogram, 0);
        int w = img.width(), h = img.height();
        if (columnOf.length != w) {
            columnOf = new int[w];
            for (int x = 0; x < w; x++) {
                columnOf[x] = (int) ((long) x * columns / w);
            }
        }
        int[] c = img.codes();
        // 16.16 fixed point luma weights; colour differences scaled onto the vectorscope grid (ScopeArithmetic).
        final int one = ScopeArithmetic.ONE;
        int wr = fixed.wr(), wg = fixed.wg(), wb = fixed.wb();
        int vs = vectorSize;
        int cbS = fixed.cbScale(), crS = fixed.crScale();
        int centre = fixed.centre();
        int[] wf = waveform, pa = parade, vec = vector, hist = histogram;
        int gBase = columns * LEVELS, bBase = 2 * columns * LEVELS;
        // Vertical strips keep the few scope columns a strip touches in cache (they are [column][level] arrays).
        for (int x0 = 0; x0 < w; x0 += STRIP) {
            int x1 = Math.min(w, x0 + STRIP);
            for (int y = 0; y < h; y++) {
                int row = y * w * 3;
                for (int x = x0; x < x1; x++) {
                    int i = row + x * 3;
                    int r = c[i], g = c[i + 1], b = c[i + 2];
                    int col = columnOf[x] * LEVELS;
                    int yFix = wr * r + wg * g + wb * b;
                    int luma = (yFix + one / 2) >> 16;
                    if (luma > LEVELS - 1) {
                        luma = LEVELS - 1;
                    } else if (luma < 0) {
                        luma = 0;
                    }
                    wf[col + luma]++;
                    pa[col + r]++;
                    pa[gBase + col + g]++;
                    pa[bBase + col + b]++;
                    hist[r]++;
                    hist[LEVELS + g]++;
                    hist[2 * LEVELS + b]++;
                    hist[3 * LEVELS + luma]++;
                    long bd = ((long) b << 16) - yFix, rd = ((long) r << 16) - yFix;
                    int vx = (int) ((bd * cbS >> 16) + centre >> 16);
                    int vy = (int) (centre - (rd * crS >> 16) >> 16);
                    if (vx >= 0 && vx < vs && vy >= 0 && vy < vs) {
                        vec[vy * vs + vx]++;
                    }
                }
            }
        }
    }

    private static final int STRIP = 32;

    /** Count of pixels in waveform column {@code col} at luma code {@code level}. */
    @Override
    public int waveform(int col, int level) {
        return waveform[col * LEVELS + level];
    }

    /** Parade count for {@code channel} (0 R, 1 G, 2 B). */
    @Override
    public int parade(int channel, int col, int level) {
        return parade[(channel * columns + col) * LEVELS + level];
    }

    /** Vectorscope count at cell (x, y); x grows with Cb, y downwards with decreasing Cr. */
    @Override
    public int vector(int x, int y) {
        return vector[y * vectorSize + x];
    }

    /** Histogram count; channel 0 R, 1 G, 2 B, 3 luma. */
    @Override
    public int histogram(int channel, int code) {
        return histogram[channel * LEVELS + code];
    }
}
