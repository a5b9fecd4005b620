package dev.xsight.scope;

import dev.xsight.image.DisplayImage;

/**
 * The geometry both scope implementations count on: waveform columns, vectorscope grid edge and luma coefficients,
 * checked once here. Immutable: these three may be read on any thread; the counts keep their owner's threading.
 */
abstract class ScopeGrid implements ScopeCounts {
    final int columns;
    final int vectorSize;
    final boolean bt2020;

    /** @throws IllegalArgumentException for sizes outside {@link ScopeArithmetic#checkSize}'s ranges */
    ScopeGrid(int columns, int vectorSize, boolean bt2020) {
        ScopeArithmetic.checkSize(columns, vectorSize);
        this.columns = columns;
        this.vectorSize = vectorSize;
        this.bt2020 = bt2020;
    }

    /** Recounts every scope from {@code img}, on the owner's thread. */
    public abstract void compute(DisplayImage img);

    @Override
    public final int columns() {
        return columns;
    }

    @Override
    public final int vectorSize() {
        return vectorSize;
    }

    @Override
    public final boolean bt2020() {
        return bt2020;
    }
}
