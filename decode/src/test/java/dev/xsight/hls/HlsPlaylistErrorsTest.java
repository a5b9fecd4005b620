package dev.xsight.hls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.xsight.hls.demo.LoopbackHttpServer;
import dev.xsight.hls.playlist.PlaylistException;
import dev.xsight.media.SourceException;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Playlists refused before any segment is fetched: redirect loops, a broken line, a master naming a master, HTTP 404.
 * Served from memory by a Netty server on loopback, so these need no media (and no FFmpeg), unlike
 * {@link HlsPlaybackTest}.
 */
class HlsPlaylistErrorsTest {
    static LoopbackHttpServer server;

    @BeforeAll
    static void startServer() throws Exception {
        server = LoopbackHttpServer.start(HlsPlaylistErrorsTest::respond);
    }

    private static LoopbackHttpServer.Response respond(String path) {
        return switch (path) {
            case "/loop/a.m3u8" -> LoopbackHttpServer.Response.redirect("/loop/b.m3u8");
            case "/loop/b.m3u8" -> LoopbackHttpServer.Response.redirect("/loop/a.m3u8");
            case "/broken.m3u8" -> LoopbackHttpServer.Response.ok("application/vnd.apple.mpegurl",
                    "#EXTM3U\n#EXT-X-TARGETDURATION:1\n#EXTINF:one second,\nseg.ts\n".getBytes());
            case "/nested.m3u8" -> LoopbackHttpServer.Response.ok("application/vnd.apple.mpegurl",
                    "#EXTM3U\n#EXT-X-STREAM-INF:BANDWIDTH=1000\n/inner/master.m3u8\n".getBytes());
            case "/inner/master.m3u8" -> LoopbackHttpServer.Response.ok("application/vnd.apple.mpegurl",
                    "#EXTM3U\n#EXT-X-STREAM-INF:BANDWIDTH=600000,RESOLUTION=320x180\nr0/index.m3u8\n".getBytes());
            default -> LoopbackHttpServer.Response.notFound();
        };
    }

    @AfterAll
    static void stopServer() {
        if (server != null) {
            server.close();
        }
    }

    /** What playing {@code path} fails with. */
    private static Exception errorOf(String path) throws Exception {
        HlsOptions o = HlsOptions.of(server.uri(path)).withPaceVod(false)
                .withPlayAudio(false).withTimeout(Duration.ofSeconds(10));
        FrameCollector c = new FrameCollector(1, 0);
        try (HlsSource s = new HlsSource(o)) {
            try {
                s.start(c);
            } catch (PlaylistException e) {
                return e;
            }
            c.await(s, 60);
            assertEquals(0, c.seen.size(), path + " played");
            return s.error();
        }
    }

    @Test
    void redirectLoopIsRefusedAfterFiveRedirects() throws Exception {
        PlaylistException e = assertInstanceOf(PlaylistException.class, errorOf("/loop/a.m3u8"));
        assertTrue(e.reason().contains("more than 5 redirects"), e.getMessage());
        assertEquals(SourceException.Kind.NETWORK, e.kind());
    }

    @Test
    void brokenPlaylistGivesItsLine() throws Exception {
        PlaylistException e = assertInstanceOf(PlaylistException.class, errorOf("/broken.m3u8"));
        assertEquals(3, e.line());
        assertTrue(e.getMessage().contains("/broken.m3u8 line 3"), e.getMessage());
        assertEquals(SourceException.Kind.FORMAT, e.kind());
        assertTrue(e.location().endsWith("/broken.m3u8 line 3"), e.location());
    }

    @Test
    void masterNamingAnotherMasterIsRefused() throws Exception {
        PlaylistException e = assertInstanceOf(PlaylistException.class, errorOf("/nested.m3u8"));
        assertTrue(e.reason().contains("only master -> media"), e.getMessage());
    }

    @Test
    void missingPlaylistGivesHttpStatus() throws Exception {
        PlaylistException e = assertInstanceOf(PlaylistException.class, errorOf("/nothing/here.m3u8"));
        assertTrue(e.reason().contains("HTTP 404"), e.getMessage());
        assertEquals(SourceException.Kind.NETWORK, e.kind());
    }
}
