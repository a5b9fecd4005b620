package dev.xsight.qc.video;

import dev.xsight.media.Frame;

/**
 * A check that watches decoded frames in presentation order and reports findings as {@link QcEvent}s.
 *
 * <p>Threading: fed from one thread; keeps no reference to a frame after {@link #accept} returns.
 */
public interface VideoCheck {
    /** Looks at the next frame; the frame stays the caller's. */
    void accept(Frame f);

    /** The feed ended: reports what is still open, as the check's definition says. */
    void finish();

    /**
     * The QC worker fell behind and skipped {@code frames} whole frames since the last {@link #accept}: a check that
     * counts frames (timecode continuity, coalescing) counts them as passed. By default nothing.
     */
    default void skipped(long frames) {
    }
}
