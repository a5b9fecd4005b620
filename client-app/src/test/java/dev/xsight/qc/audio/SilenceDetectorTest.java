package dev.xsight.qc.audio;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.xsight.qc.QcEvent;
import java.util.List;
import org.junit.jupiter.api.Test;

class SilenceDetectorTest {
    private static List<QcEvent> run(Signals s, int block) {
        List<QcEvent> events = Signals.list();
        s.feed(SilenceDetector.defaults(events::add), block);
        return events;
    }

    @Test
    void thresholdIsFfmpegsTruncatedCodeWithAStrictLessThan() {
        // −60 dB × 32767 = 32.767, truncated to 32: amplitude 31 is silent, 32 is not.
        assertEquals(1, run(new Signals(48000, 2).sine(440, 1, 0, -10).constant(96000, 31).sine(440, 1, 90, -10),
                1000).size());
        assertEquals(List.of(), run(new Signals(48000, 2).sine(440, 1, 0, -10).constant(96000, 32)
                .sine(440, 1, 0, -10), 1000));
        assertEquals(1, run(new Signals(48000, 2).sine(440, 1, 0, -10).constant(96000, -31).sine(440, 1, 90, -10),
                1000).size());
    }

    // The tones after a run start at their peak: a sine starting at phase 0 would add a silent sample to the run.

    @Test
    void aRunOfExactlyTheMinimumDurationCounts() {
        assertEquals(1, run(new Signals(48000, 1).sine(440, 1, 0, -10).constant(48000, 0).sine(440, 1, 90, -10),
                1000).size());
        assertEquals(List.of(), run(new Signals(48000, 1).sine(440, 1, 0, -10).constant(47999, 0)
                .sine(440, 1, 90, -10), 1000));
    }

    @Test
    void theSameRunWhateverTheBlocks() {
        Signals s = new Signals(44100, 2).sine(440, 1.3, 0, -10).constant(66150, 0).sine(440, 2, 90, -10)
                .constant(50000, 0);
        List<QcEvent> a = run(s, 1);
        assertEquals(2, a.size(), "the second ends with the feed: " + a);
        assertEquals(a, run(s, 1024));
        assertEquals(a, run(s, 100000));
        QcEvent first = a.get(0);
        assertEquals(1.5, first.values().get("duration_s"), 1e-9);
        assertEquals(32, first.firstFrame()); // 1.3 s at 25 fps
        assertEquals(69, first.lastFrame()); // the last silent sample is at 2.79998 s
        assertEquals(-96.3, first.values().get("peak_dbfs"));
    }
}
