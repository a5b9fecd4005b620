package dev.xsight.qc.audio;

/**
 * A check that listens to decoded audio blocks in order and reports findings as {@link dev.xsight.qc.QcEvent}s.
 *
 * <p>Threading: fed from one thread; keeps no reference to a block after {@link #accept} returns.
 */
public interface AudioCheck {
    /**
     * Listens to the next block.
     *
     * @param interleaved 16-bit samples, channel-interleaved; the caller's, read only during the call
     * @param frames sample frames in the block
     * @param channels channels per frame
     * @param sampleRate samples per second
     * @param ptsNanos the time of the block's first sample on the pictures' time line ({@code Frame.ptsNanos})
     */
    void accept(short[] interleaved, int frames, int channels, int sampleRate, long ptsNanos);

    /** The feed ended: reports what is still open, as the check's definition says. */
    void finish();
}
