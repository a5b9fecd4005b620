package dev.xsight.hls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.xsight.hls.playlist.PlaylistException;
import dev.xsight.media.FrameSource;
import dev.xsight.media.SourceProvider;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class HlsSourceProviderTest {
    private static Map<String, SourceProvider> providers() {
        return ServiceLoader.load(SourceProvider.class).stream().map(ServiceLoader.Provider::get)
                .collect(Collectors.toMap(SourceProvider::kind, p -> p));
    }

    @Test
    void hlsAndOtsDemoAreOfferedToTheShell() {
        Map<String, SourceProvider> all = providers();
        assertEquals(SourceProvider.Input.URL, all.get("hls").input());
        assertEquals(SourceProvider.Input.NONE, all.get("ots-demo").input());
    }

    @Test
    void locationsAreUrlsOrLocalPaths() throws Exception {
        assertEquals(URI.create("https://h/a.m3u8"), HlsSourceProvider.locate(" https://h/a.m3u8 "));
        assertEquals(Path.of("/srv/show/index.m3u8").toUri(), HlsSourceProvider.locate("/srv/show/index.m3u8"));
        PlaylistException e = assertThrows(PlaylistException.class, () -> HlsSourceProvider.locate("ftp://h/a.m3u8"));
        assertTrue(e.reason().contains("only http and https"), e.getMessage());
        assertThrows(PlaylistException.class, () -> HlsSourceProvider.locate(""));
    }

    @Test
    void otsDemoFromTheProviderDeliversFramesAndStopsItsServer() throws Exception {
        FrameCollector c = new FrameCollector(10, 0);
        try (FrameSource s = providers().get("ots-demo").open(null)) {
            s.start(c);
            c.awaitWanted(60);
            assertTrue(s.health().summary().contains("640x360"), s.health().summary());
        }
        assertEquals(List.of(), c.errors);
        assertEquals(10, c.seen.size());
        assertEquals("yuv420p10le", c.seen.get(0).format());
    }
}
