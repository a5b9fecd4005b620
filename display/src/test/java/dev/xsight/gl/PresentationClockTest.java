package dev.xsight.gl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** When frames go on the glass, and how presents are counted. Times are made up: no clock is read. */
class PresentationClockTest {
    private static final long PERIOD = 40_000_000L; // 25 fps
    private static final long NOW = 5_000_000_000L;

    private static PresentationClock clock() {
        PresentationClock c = new PresentationClock(1);
        c.period(PERIOD);
        return c;
    }

    @Test
    void aBurstOfFramesIsDueOneSourcePeriodApartAfterOneFrameOfLatency() {
        PresentationClock c = clock();
        long pts0 = 90_000_000_000L;
        // All five arrive at the same instant (a burst from the network); they are due at the source's own rate.
        for (int i = 0; i < 5; i++) {
            assertEquals(NOW + PERIOD + i * PERIOD, c.due(pts0 + i * PERIOD, NOW));
        }
    }

    @Test
    void aTimestampJumpOfMoreThanASecondReanchorsInsteadOfStallingOrRacing() {
        PresentationClock c = clock();
        c.due(0, NOW);
        // The sender restarted its timestamps an hour later: the frame is due one latency from now, not in an hour.
        long later = NOW + 2 * PERIOD;
        assertEquals(later + PERIOD, c.due(3_600_000_000_000L, later));
        assertEquals(1, c.snapshot().reanchors());
        // A small jitter does not re-anchor.
        assertEquals(later + 2 * PERIOD + 3_000_000L, c.due(3_600_000_000_000L + PERIOD + 3_000_000L, later));
        assertEquals(1, c.snapshot().reanchors());
    }

    @Test
    void aPresentMoreThanHalfAPeriodAfterItsDueTimeIsLate() {
        PresentationClock c = clock();
        c.presented(NOW, NOW + PERIOD / 2); // exactly half: on time
        c.presented(NOW + PERIOD, NOW + PERIOD + PERIOD / 2 + 1);
        assertEquals(new PresentationClock.Counts(2, 1, 0, 0, 0), c.snapshot());
    }

    @Test
    void aPictureHeldForThreePeriodsCountsTwoRepeatsUnlessFramesWereDroppedMeanwhile() {
        PresentationClock c = clock();
        c.presented(NOW, NOW);
        c.presented(NOW + PERIOD, NOW + PERIOD); // on cadence
        c.presented(NOW + 4 * PERIOD, NOW + 4 * PERIOD); // nothing for two periods: the screen repeated twice
        assertEquals(2, c.snapshot().repeated());
        c.dropped(); // one frame overtaken: the gap is a drop, not a repeat
        c.presented(NOW + 6 * PERIOD, NOW + 6 * PERIOD);
        assertEquals(new PresentationClock.Counts(4, 0, 2, 1, 0), c.snapshot());
    }

    @Test
    void resetForgetsTheAnchorAndTheLastPresentButKeepsTheCounters() {
        PresentationClock c = clock();
        c.due(0, NOW);
        c.presented(NOW, NOW);
        c.reset();
        long much = NOW + 100 * PERIOD;
        assertEquals(much + PERIOD, c.due(123, much)); // no re-anchor counted: a new source, not a jump
        c.presented(much + PERIOD, much + PERIOD);
        assertEquals(new PresentationClock.Counts(2, 0, 0, 0, 0), c.snapshot());
    }

    @Test
    void latencyOutsideZeroToTenFramesIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> new PresentationClock(-1));
        assertThrows(IllegalArgumentException.class, () -> new PresentationClock(11));
    }
}
