package dev.xsight.scope;

/**
 * The integer constants of the scope accumulation, shared by the CPU {@link Scopes} and the compute shader of
 * {@link GlScopes} so that both count exactly the same cells. All weights are 16.16 fixed point.
 *
 * <p>Per pixel with 10-bit codes r, g, b (0..1023):
 * <pre>
 *   yFix  = wr*r + wg*g + wb*b                       (0 .. 1023 * 2^16, fits 32 bits)
 *   luma  = (yFix + 2^15) >> 16                       (0 .. 1023)
 *   bd    = (b << 16) - yFix,  rd = (r << 16) - yFix   (|bd|, |rd| < 2^26)
 *   vx    = ((bd * cbScale >> 16) + centre) >> 16
 *   vy    = (centre - (rd * crScale >> 16)) >> 16
 * </pre>
 * with arithmetic (flooring) shifts. The products {@code bd * cbScale} need up to 44 bits (cbScale, crScale
 * < 2^18 for grids up to 4096 cells); everything after the first shift fits 32 bits.
 *
 * @param wr 16.16 weight of R' (Kr)
 * @param wg 16.16 weight of G' (1 - Kr - Kb, so that the weights add to exactly 2^16)
 * @param wb 16.16 weight of B' (Kb)
 * @param cbScale 16.16 factor from (B' - Y') in code units to vectorscope cells
 * @param crScale 16.16 factor from (R' - Y') in code units to vectorscope cells
 * @param centre the grid centre in 16.16, plus one half for rounding to the nearest cell
 */
record ScopeArithmetic(int wr, int wg, int wb, int cbScale, int crScale, int centre) {
    static final double KR_709 = 0.2126;
    static final double KB_709 = 0.0722;
    static final double KR_2020 = 0.2627;
    static final double KB_2020 = 0.0593;
    static final int ONE = 1 << 16;
    /**
     * Cb/Cr at the grid edge. The 100 % bars' colour differences reach a magnitude of about 0.6 (magenta, green:
     * |Cb, Cr| = 0.596 in BT.709); at 0.65 their targets sit at about 92 % of the radius, inside the graticule circle
     * with room for the target boxes, as on a broadcast vectorscope.
     */
    static final double VECTOR_RANGE = 0.65;

    /** BT.709-6 item 3.2 or BT.2020-2 table 4 luma coefficients; Cb/Cr ±{@link #VECTOR_RANGE} at the grid edge. */
    static ScopeArithmetic of(int vectorSize, boolean bt2020) {
        double kr = bt2020 ? KR_2020 : KR_709;
        double kb = bt2020 ? KB_2020 : KB_709;
        int wr = (int) Math.round(kr * ONE), wb = (int) Math.round(kb * ONE), wg = ONE - wr - wb;
        double perUnit = (vectorSize - 1) / (2 * VECTOR_RANGE); // cells per unit of Cb or Cr
        double cbK = perUnit / (2 * (1 - kb) * 1023.0), crK = perUnit / (2 * (1 - kr) * 1023.0);
        int centre = (int) Math.round((vectorSize - 1) * 0.5 * ONE) + ONE / 2;
        return new ScopeArithmetic(wr, wg, wb, (int) Math.round(cbK * ONE), (int) Math.round(crK * ONE), centre);
    }

    /** The size limits every implementation accepts; throws naming the bad value. */
    static void checkSize(int columns, int vectorSize) {
        if (columns < 1 || columns > 8192 || vectorSize < 8 || vectorSize > 4096) {
            throw new IllegalArgumentException("bad scope size: " + columns + " columns (1..8192), vectorscope "
                    + vectorSize + " (8..4096)");
        }
    }
}
