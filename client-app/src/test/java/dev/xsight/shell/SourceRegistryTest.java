package dev.xsight.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.xsight.media.FrameRate;
import dev.xsight.signal.DemoSource;
import dev.xsight.signal.DemoSourceProvider;
import java.util.List;
import org.junit.jupiter.api.Test;

class SourceRegistryTest {

    @Test
    void demoIsDiscoveredAndMissingReceiversGetAPlaceholderThatSaysWhy() {
        List<SourceEntry> e = SourceRegistry.discover().entries();
        assertEquals(List.of("demo", "st2110", "hls"), e.stream().map(SourceEntry::kind).limit(3).toList());
        assertTrue(e.get(0).available());
        assertEquals("Demo test signal (1080p59.94)", e.get(0).label());
        SourceEntry hls = e.stream().filter(x -> x.kind().equals("hls")).findFirst().orElseThrow();
        if (!hls.available()) {
            assertEquals("HLS playback is not available in this build", hls.unavailableReason());
        }
    }

    @Test
    void aProviderReplacesTheEntryOfItsKind() {
        SourceRegistry r = SourceRegistry.of(List.of())
                .with(new DemoSourceProvider(DemoSource.Settings.forRate(FrameRate.FPS_25)));
        assertEquals("Demo test signal (1080p25)", r.entries().get(0).label());
        assertEquals(3, r.entries().size());
        assertFalse(r.entries().get(1).available());
    }
}
