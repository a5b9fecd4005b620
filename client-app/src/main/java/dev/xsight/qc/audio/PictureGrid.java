package dev.xsight.qc.audio;

import dev.xsight.media.FrameRate;

/**
 * Where audio falls on the picture frames: sample {@code n} (counted from the first sample a check heard) lies in
 * picture frame floor(n / sampleRate × frameRate), frame 0 starting with that first sample. Gaps in the blocks'
 * timestamps are not followed: a check measures the audio it is given, sample after sample.
 */
final class PictureGrid {
    private PictureGrid() {
    }

    /** The picture frame in which sample {@code sample} falls. */
    static long frameOf(long sample, int sampleRate, FrameRate rate) {
        return Math.floorDiv(sample * rate.numerator(), (long) sampleRate * rate.denominator());
    }
}
