package dev.xsight.scope;

/**
 * Read-only view of one picture's scope accumulations: luma waveform and RGB parade as [column][level] counts,
 * the vectorscope grid and the four histograms. Implemented by the CPU {@link Scopes} and the compute-shader
 * {@link GlScopes}, so that {@link ScopeImages} draws either.
 *
 * <p>Threading: an implementation is owned by one thread (the scope worker for {@link Scopes}, the GL thread for
 * {@link GlScopes}); read the counts on that thread, or after it has handed the instance over (the
 * {@link ScopeWorker} listener), and not while a new computation runs.
 *
 * <p>The vectorscope geometry (bar targets, skin-tone line) depends only on the grid size and the luma
 * coefficients, so it is given here once for every implementation.
 */
public interface ScopeCounts {
    /** Levels on the waveform's vertical axis (one per 10-bit code). */
    int LEVELS = 1024;

    /** Count of pixels in waveform column {@code col} at luma code {@code level}. */
    int waveform(int col, int level);

    /** Parade count for {@code channel} (0 R, 1 G, 2 B) in column {@code col} at code {@code level}. */
    int parade(int channel, int col, int level);

    /** Vectorscope count at cell (x, y); x grows with Cb, y downwards with decreasing Cr. */
    int vector(int x, int y);

    /** Histogram count; channel 0 R, 1 G, 2 B, 3 luma. */
    int histogram(int channel, int code);

    /** Waveform columns the picture width is binned onto ({@code x * columns / width}). */
    int columns();

    /** Vectorscope grid edge in cells. */
    int vectorSize();

    /** True when luma and colour differences use the BT.2020 coefficients, false for BT.709. */
    boolean bt2020();

    /** The vectorscope cell where an R'G'B' colour (0..1) lands: its graticule target. */
    default int[] vectorCell(double r, double g, double b) {
        double kr = bt2020() ? ScopeArithmetic.KR_2020 : ScopeArithmetic.KR_709;
        double kb = bt2020() ? ScopeArithmetic.KB_2020 : ScopeArithmetic.KB_709;
        double yy = kr * r + (1 - kr - kb) * g + kb * b;
        double cb = (b - yy) / (2 * (1 - kb)), cr = (r - yy) / (2 * (1 - kr));
        return cell(cb, cr);
    }

    /** The cell of colour differences (Cb, Cr): ±{@link ScopeArithmetic#VECTOR_RANGE} at the grid's edges. */
    private int[] cell(double cb, double cr) {
        double r = ScopeArithmetic.VECTOR_RANGE;
        return new int[] {(int) ((cb / (2 * r) + 0.5) * (vectorSize() - 1) + 0.5),
            (int) ((0.5 - cr / (2 * r)) * (vectorSize() - 1) + 0.5)};
    }

    /** The six bar targets (R, Yl, G, Cy, B, Mg) at {@code level} (0.75 or 1.0) as vectorscope cells. */
    default int[][] barTargets(double level) {
        double[][] bars = {{1, 0, 0}, {1, 1, 0}, {0, 1, 0}, {0, 1, 1}, {0, 0, 1}, {1, 0, 1}};
        int[][] out = new int[6][];
        for (int i = 0; i < 6; i++) {
            out[i] = vectorCell(bars[i][0] * level, bars[i][1] * level, bars[i][2] * level);
        }
        return out;
    }

    /**
     * The skin-tone ("I") line: 123° counter-clockwise from the +Cb axis (SMPTE RP 219 / the NTSC I axis), as the
     * end cell of a line from the centre to the edge.
     */
    default int[] skinToneLineEnd() {
        double a = Math.toRadians(123);
        double r = ScopeArithmetic.VECTOR_RANGE;
        return cell(r * Math.cos(a), r * Math.sin(a));
    }
}
