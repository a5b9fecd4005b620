package dev.xsight.hls.audio;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Audio block times within a run: stamps where the demuxer gives them, sample counts where it does not. */
class AudioTimelineTest {
    /** 1024 samples at 48 kHz. */
    private static final long AAC_FRAME_NANOS = 21_333_333L;

    @Test
    void unstampedFramesOfAMultiFramePesFollowTheFirstBySampleCount() {
        AudioTimeline t = new AudioTimeline();
        assertEquals(1_400_000_000L, t.place(1_400_000_000L, 1024, 48_000));
        // MPEG-TS: the next frames of the PES come back stamped 0.
        assertEquals(1_400_000_000L + AAC_FRAME_NANOS, t.place(0, 1024, 48_000));
        assertEquals(1_400_000_000L + 2 * AAC_FRAME_NANOS, t.place(0, 1024, 48_000));
        // The next stamped frame agrees with the count (within rounding) and is kept as stamped.
        assertEquals(1_464_000_000L, t.place(1_464_000_000L, 1024, 48_000));
    }

    @Test
    void aGapIsKeptAndResetStartsANewRun() {
        AudioTimeline t = new AudioTimeline();
        t.place(0, 1024, 48_000);
        assertEquals(500_000_000L, t.place(500_000_000L, 1024, 48_000), "a forward jump is a real gap");
        t.reset();
        assertEquals(100_000_000L, t.place(100_000_000L, 1024, 48_000), "a new run may start anywhere");
    }
}
