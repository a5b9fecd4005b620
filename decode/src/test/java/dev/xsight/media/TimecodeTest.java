package dev.xsight.media;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalTime;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TimecodeTest {

    @ParameterizedTest(name = "{0} fps {1} frame {2} = {3}")
    @CsvSource({
        // rate, drop, frame count, label — SMPTE ST 12-1 drop-frame vectors
        "30000/1001, true, 0, 00:00:00;00",
        "30000/1001, true, 1799, 00:00:59;29",
        "30000/1001, true, 1800, 00:01:00;02",
        "30000/1001, true, 3597, 00:01:59;29",
        "30000/1001, true, 3598, 00:02:00;02",
        "30000/1001, true, 17981, 00:09:59;29",
        "30000/1001, true, 17982, 00:10:00;00",
        "30000/1001, true, 17983, 00:10:00;01",
        "30000/1001, true, 19781, 00:10:59;29",
        "30000/1001, true, 19782, 00:11:00;02",
        "30000/1001, true, 107892, 01:00:00;00",
        "60000/1001, true, 3599, 00:00:59;59",
        "60000/1001, true, 3600, 00:01:00;04",
        "60000/1001, true, 35964, 00:10:00;00",
        "60000/1001, true, 215784, 01:00:00;00",
        "30000/1001, false, 1800, 00:01:00:00",
        "24000/1001, false, 86400, 01:00:00:00",
        "24, false, 23, 00:00:00:23",
        "25, false, 90000, 01:00:00:00",
        "48000/1001, false, 47, 00:00:00:47",
        "48, false, 172800, 01:00:00:00",
        "50, false, 180049, 01:00:00:49",
        "60000/1001, false, 216000, 01:00:00:00",
        "60, false, 59, 00:00:00:59",
        "30, false, 2592000, 00:00:00:00",
    })
    void frameCountAndLabelAgreeBothWays(String rate, boolean drop, long count, String label) {
        FrameRate r = FrameRate.parse(rate);
        Timecode tc = Timecode.fromFrameCount(count, r, drop);
        assertEquals(label, tc.toString());
        assertEquals(count % Timecode.framesPerDay(r, drop), Timecode.parse(label, r).toFrameCount(r));
    }

    @Test
    void dropFrameSkipsFramesZeroAndOneEachMinuteExceptTenth() {
        FrameRate r = FrameRate.FPS_29_97;
        for (long f = 0; f < Timecode.framesPerDay(r, true); f += 7) {
            Timecode tc = Timecode.fromFrameCount(f, r, true);
            if (tc.seconds() == 0 && tc.minutes() % 10 != 0) {
                assertTrue(tc.frames() >= 2, () -> "dropped label produced: " + tc);
            }
        }
        assertThrows(TimecodeException.class, () -> Timecode.parse("00:01:00;00", r));
        assertThrows(TimecodeException.class, () -> Timecode.parse("00:01:00;01", r));
        assertEquals(1800, Timecode.parse("00:01:00;02", r).toFrameCount(r));
    }

    @Test
    void dropFrameAt5994DropsFourLabels() {
        FrameRate r = FrameRate.FPS_59_94;
        assertThrows(TimecodeException.class, () -> Timecode.parse("00:02:00;03", r));
        Timecode before = Timecode.fromFrameCount(2 * 3600 - 4 - 1, r, true);
        Timecode after = before.plusFrames(1, r);
        assertEquals("00:01:59;59", before.toString());
        assertEquals("00:02:00;04", after.toString());
    }

    @Test
    void everyFrameCountRoundTripsAtEveryRate() {
        for (FrameRate r : FrameRate.SUPPORTED) {
            for (boolean drop : r.supportsDropFrame() ? new boolean[] {false, true} : new boolean[] {false}) {
                long day = Timecode.framesPerDay(r, drop);
                for (long f = 0; f < day; f += 997) {
                    Timecode tc = Timecode.fromFrameCount(f, r, drop);
                    assertEquals(f, tc.toFrameCount(r), () -> r + " " + tc);
                    assertEquals(tc, Timecode.parse(tc.toString(), r));
                }
            }
        }
    }

    @Test
    void wrapsAtTwentyFourHours() {
        FrameRate r = FrameRate.FPS_25;
        assertEquals("23:59:59:24", Timecode.fromFrameCount(-1, r, false).toString());
        assertEquals("00:00:00:00", Timecode.parse("23:59:59:24", r).plusFrames(1, r).toString());
    }

    @Test
    void timeOfDayMapsToTheFrameStartingAtOrBeforeIt() {
        assertEquals("10:20:30:12", Timecode.ofTimeOfDay(LocalTime.of(10, 20, 30, 500_000_000),
                FrameRate.FPS_25, false).toString());
        assertEquals("10:20:30:12", Timecode.ofTimeOfDay(LocalTime.of(10, 20, 30, 519_999_999),
                FrameRate.FPS_25, false).toString());
        // Drop-frame time of day tracks the clock (107892 frames in an hour are labelled 01:00:00;00);
        // non-drop at 29.97 falls 3.6 s behind it.
        assertEquals("01:00:00;00", Timecode.ofTimeOfDay(LocalTime.of(1, 0), FrameRate.FPS_29_97, true).toString());
        assertEquals("00:59:56:12", Timecode.ofTimeOfDay(LocalTime.of(1, 0), FrameRate.FPS_29_97, false).toString());
        assertEquals("00:00:01:00", Timecode.ofTimeOfDay(LocalTime.of(0, 0, 1), FrameRate.FPS_60, false).toString());
    }

    @Test
    void rejectsLabelsOutsideTheRate() {
        assertThrows(TimecodeException.class, () -> Timecode.parse("00:00:00:29", FrameRate.FPS_25));
        assertThrows(TimecodeException.class, () -> Timecode.parse("00:00:00;10", FrameRate.FPS_25));
        assertThrows(TimecodeException.class, () -> Timecode.parse("00:00:00;10", FrameRate.FPS_30));
        assertThrows(TimecodeException.class, () -> Timecode.parse("24:00:00:00"));
        assertThrows(TimecodeException.class, () -> Timecode.parse("00:60:00:00"));
        assertThrows(TimecodeException.class, () -> Timecode.parse("1:00:00:00"));
        assertThrows(TimecodeException.class, () -> Timecode.parse("00-00-00-00"));
        assertThrows(TimecodeException.class, () -> Timecode.parse(null));
    }

    @Test
    void frameRatesParseFromFractionsAndDecimals() {
        assertEquals(FrameRate.FPS_23_976, FrameRate.parse("23.976"));
        assertEquals(FrameRate.FPS_29_97, FrameRate.parse("29.97"));
        assertEquals(FrameRate.FPS_59_94, FrameRate.parse("60000/1001"));
        assertEquals(FrameRate.FPS_50, FrameRate.parse("50"));
        assertEquals(FrameRate.FPS_47_95, FrameRate.parse("47.95"));
        assertThrows(IllegalArgumentException.class, () -> FrameRate.parse("31"));
        assertThrows(IllegalArgumentException.class, () -> FrameRate.parse("fast"));
        assertEquals(24, FrameRate.FPS_23_976.nominal());
        assertEquals(2, FrameRate.FPS_29_97.droppedPerMinute());
        assertEquals(4, FrameRate.FPS_59_94.droppedPerMinute());
        assertEquals(0, FrameRate.FPS_25.droppedPerMinute());
        assertEquals("59.94", FrameRate.FPS_59_94.label());
        assertEquals("23.976", FrameRate.FPS_23_976.label());
    }

    @Test
    void framesInCountsExactlyOverLongSpans() {
        // 1001 seconds of 30000/1001 is exactly 30000 frames; the frame before the boundary is 29999.
        assertEquals(30000, FrameRate.FPS_29_97.framesIn(1001L * 1_000_000_000L));
        assertEquals(29999, FrameRate.FPS_29_97.framesIn(1001L * 1_000_000_000L - 1));
        assertEquals(60000L * 86400 * 30 / 1001, FrameRate.FPS_59_94.framesIn(86400L * 30 * 1_000_000_000L));
    }
}
