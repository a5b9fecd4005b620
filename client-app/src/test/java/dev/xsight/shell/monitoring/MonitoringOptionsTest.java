package dev.xsight.shell.monitoring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.xsight.render.SignalOverlays;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The monitoring options of {@code demo --scopes/--overlay}: the same words as {@code colour render --overlay}. */
class MonitoringOptionsTest {

    @Test
    void overlayListUsesTheColourRenderVocabulary() {
        MonitoringOptions o = MonitoringOptions.parse("waveform", List.of("safe", "fdl=a.fdl", "falsecolor",
                "zebra=90", "warnings", "probe", "timecode"));
        assertEquals(ScopeLayout.WAVEFORM, o.scopes());
        assertTrue(o.safeAreas() && o.probe() && o.timecode());
        assertEquals(Path.of("a.fdl"), o.fdl());
        assertEquals(new SignalOverlays(true, true, 90, true), o.signal());
        assertEquals(MonitoringOptions.NONE, MonitoringOptions.parse(null, List.of()));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> MonitoringOptions.parse(null, List.of("scanlines")));
        assertTrue(e.getMessage().contains("'scanlines'"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> MonitoringOptions.parse(null, List.of("zebra=120")));
        assertThrows(IllegalArgumentException.class, () -> MonitoringOptions.parse("quad4", List.of()));
    }
}
