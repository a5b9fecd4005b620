package dev.xsight.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class DurationArgTest {

    @Test
    void acceptsMillisecondsSecondsMinutesHoursAndPlainSeconds() {
        assertEquals(Duration.ofMillis(500), DurationArg.positive("--timeout", "500ms"));
        assertEquals(Duration.ofMillis(2500), DurationArg.positive("--timeout", "2.5s"));
        assertEquals(Duration.ofSeconds(90), DurationArg.positive("--timeout", "1.5m"));
        assertEquals(Duration.ofHours(1), DurationArg.positive("--timeout", "1h"));
        assertEquals(Duration.ofSeconds(3), DurationArg.positive("--timeout", " 3 "));
        assertEquals(Duration.ofSeconds(6), DurationArg.positive("--timeout", "6S"));
        assertEquals(Duration.ofSeconds(10), DurationArg.positive("--run-for", "10s"));
        assertEquals(Duration.ofMinutes(2), DurationArg.positive("--run-for", "2m"));
    }

    @Test
    void badValueNamesTheOptionAndTheAcceptedFormsOnOneLine() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> DurationArg.positive("--run-for", "soon"));
        assertEquals("--run-for: bad duration 'soon': expected e.g. 10s, 500ms, 2m or 1h (a plain number is seconds)",
                e.getMessage());
        for (String bad : new String[] {"-1s", "10 s", "1d", "", "s", "1e3"}) {
            IllegalArgumentException b = assertThrows(IllegalArgumentException.class,
                    () -> DurationArg.positive("--timeout", bad), bad);
            assertTrue(b.getMessage().startsWith("--timeout: bad duration '" + bad + "'"), b.getMessage());
            assertTrue(!b.getMessage().contains("\n"), b.getMessage());
        }
    }

    @Test
    void zeroOnlyWhereTheOptionAllowsItAndNothingAboveSevenDays() {
        assertEquals(Duration.ZERO, DurationArg.nonNegative("--live-offset", "0"));
        assertEquals(Duration.ZERO, DurationArg.nonNegative("--live-offset", "0s"));
        IllegalArgumentException zero = assertThrows(IllegalArgumentException.class,
                () -> DurationArg.positive("--timeout", "0s"));
        assertEquals("--timeout: bad duration '0s': must be above 0 and at most 7 days", zero.getMessage());
        assertThrows(IllegalArgumentException.class, () -> DurationArg.positive("--timeout", "0.1ms"));
        assertEquals(Duration.ofDays(7), DurationArg.positive("--run-for", "168h"));
        assertThrows(IllegalArgumentException.class, () -> DurationArg.nonNegative("--live-offset", "169h"));
    }
}
