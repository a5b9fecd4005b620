package dev.xsight.media;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The typed health line and error line a person reads. */
class SourceHealthTest {

    @Test
    void liveOffsetIsShownOnceFromItsOwnField() {
        SourceHealth h = new SourceHealth(SourceHealth.State.OK, "hls 25 fps", 10, 0, 0, Double.NaN, 6.71, List.of(),
                List.of(), null);
        assertEquals("hls 25 fps · live -6.7 s", h.summary());
        assertEquals("demo 59.94 fps", SourceHealth.starting("demo 59.94 fps").summary());
    }

    @Test
    void twoLegsEndTheLineWithEachLegsState() {
        var a = new SourceHealth.Leg("A", "up", true, 100, 0, 0, 0.1);
        var b = new SourceHealth.Leg("B", "down", false, 0, 0, 0, 0);
        SourceHealth h = new SourceHealth(SourceHealth.State.DEGRADED, "59.94 fps · 0 lost", 5, 0, 0, 1.5, Double.NaN,
                List.of(a, b), List.of(), null);
        assertEquals("59.94 fps · 0 lost · 2022-7 A up / B down", h.summary());
        assertFalse(h.ok());
        var one = new SourceHealth(SourceHealth.State.OK, "59.94 fps", 5, 0, 0, 1.5, Double.NaN, List.of(a), List.of(),
                null);
        assertEquals("59.94 fps", one.summary(), "a stream without redundancy names no legs");
        assertTrue(one.ok());
    }

    @Test
    void aFailedRenditionAndTheErrorFollowTheDetail() {
        var audioFailed = new SourceException(SourceException.Kind.NETWORK, "http://h/a.m3u8", true,
                "audio rendition 'en' failed: HTTP 404", null);
        var stopped = new SourceException(SourceException.Kind.FORMAT, "http://h/v.m3u8 line 3", false,
                "http://h/v.m3u8 line 3: EXTINF without a duration", null);
        SourceHealth h = new SourceHealth(SourceHealth.State.FAILED, "640x360", 1, 0, 0, Double.NaN, Double.NaN,
                List.of(), List.of(new SourceHealth.Rendition("video", "640x360", null, 800_000, null),
                        new SourceHealth.Rendition("audio", "en", "en", 0, audioFailed)), stopped);
        assertEquals("640x360 · audio rendition 'en' failed: HTTP 404 (picture only)"
                + " · http://h/v.m3u8 line 3: EXTINF without a duration", h.summary());
    }

    @Test
    void describeSaysKindWhetherTheSourceGoesOnAndWhere() {
        var e = SourceException.of(SourceException.Kind.FORMAT, "cap.pcap offset 1024", false,
                new IOException("truncated record"));
        assertEquals("format error at cap.pcap offset 1024: truncated record", e.describe());
        var net = new SourceException(SourceException.Kind.NETWORK, "http://h/v.m3u8", true,
                "http://h/v.m3u8: HTTP 503 fetching the media playlist", null);
        assertEquals("network error (source goes on): http://h/v.m3u8: HTTP 503 fetching the media playlist",
                net.describe(), "a message that names the location is not told it twice");
    }
}
