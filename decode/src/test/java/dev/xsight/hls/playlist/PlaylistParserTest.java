package dev.xsight.hls.playlist;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

class PlaylistParserTest {
    private static final URI BASE = URI.create("http://127.0.0.1:8080/live/stream.m3u8");

    private static Playlist parse(String text) throws PlaylistException {
        return PlaylistParser.parse(BASE, text.getBytes(StandardCharsets.UTF_8), UriPolicy.REMOTE);
    }

    private static PlaylistException fails(String text) {
        return assertThrows(PlaylistException.class, () -> parse(text));
    }

    @Test
    void parsesMasterPlaylistVariantsAndRenditions() throws Exception {
        MultivariantPlaylist m = (MultivariantPlaylist) parse("""
                #EXTM3U
                #EXT-X-INDEPENDENT-SEGMENTS
                #EXT-X-MEDIA:TYPE=AUDIO,GROUP-ID="aac",NAME="English",LANGUAGE="en",DEFAULT=YES,AUTOSELECT=YES,\
                CHANNELS="2",URI="audio/en.m3u8"
                #EXT-X-STREAM-INF:BANDWIDTH=6000000,AVERAGE-BANDWIDTH=5000000,RESOLUTION=1920x1080,\
                CODECS="hvc1.2.4.L123.B0,mp4a.40.2",FRAME-RATE=25.000,AUDIO="aac"
                hi/index.m3u8
                #EXT-X-STREAM-INF:BANDWIDTH=800000,RESOLUTION=640x360,CODECS="avc1.64001e"
                https://cdn.example.com/lo.m3u8
                """);
        assertTrue(m.independentSegments());
        assertEquals(2, m.variants().size());
        Variant hi = m.variants().get(0);
        assertEquals(URI.create("http://127.0.0.1:8080/live/hi/index.m3u8"), hi.uri());
        assertEquals(6_000_000, hi.bandwidth());
        assertEquals(5_000_000, hi.averageBandwidth());
        assertEquals(1920, hi.width());
        assertEquals(1080, hi.height());
        assertEquals(List.of("hvc1.2.4.L123.B0", "mp4a.40.2"), hi.codecs());
        assertEquals(25.0, hi.frameRate(), 1e-9);
        assertEquals("aac", hi.audioGroup());
        assertEquals(4, hi.line());
        assertEquals(800_000, m.byBandwidth().get(0).bandwidth());
        Rendition en = m.renditions().get(0);
        assertEquals("AUDIO", en.type());
        assertEquals("en", en.language());
        assertTrue(en.isDefault());
        assertEquals(URI.create("http://127.0.0.1:8080/live/audio/en.m3u8"), en.uri());
    }

    @Test
    void parsesLiveMediaPlaylistWithSequenceDiscontinuityAndProgramDateTime() throws Exception {
        MediaPlaylist p = (MediaPlaylist) parse("""
                #EXTM3U
                #EXT-X-VERSION:7
                #EXT-X-TARGETDURATION:2
                #EXT-X-MEDIA-SEQUENCE:120
                #EXT-X-DISCONTINUITY-SEQUENCE:3
                #EXT-X-MAP:URI="init.mp4"
                #EXT-X-PROGRAM-DATE-TIME:2026-11-21T10:00:00.000+0000
                #EXTINF:2.000,
                s120.m4s
                #EXTINF:2.000,first title
                s121.m4s
                #EXT-X-DISCONTINUITY
                #EXT-X-PROGRAM-DATE-TIME:2026-11-21T11:00:00.500+01:00
                #EXTINF:1.5,
                s122.m4s
                """);
        assertTrue(p.isLive());
        assertEquals(PlaylistType.NONE, p.type());
        assertEquals(7, p.version());
        assertEquals(2_000_000_000L, p.targetDurationNanos());
        assertEquals(3, p.segments().size());
        MediaSegment a = p.segments().get(0);
        MediaSegment b = p.segments().get(1);
        MediaSegment c = p.segments().get(2);
        assertEquals(120, a.sequence());
        assertEquals(122, c.sequence());
        assertEquals(3, a.discontinuitySequence());
        assertFalse(b.discontinuity());
        assertTrue(c.discontinuity());
        assertEquals(4, c.discontinuitySequence());
        assertEquals(OffsetDateTime.of(2026, 11, 21, 10, 0, 0, 0, ZoneOffset.UTC), a.programDateTime());
        assertTrue(a.programDateTimeExplicit());
        // carried forward: first PDT plus the first EXTINF
        assertEquals(OffsetDateTime.of(2026, 11, 21, 10, 0, 2, 0, ZoneOffset.UTC), b.programDateTime());
        assertFalse(b.programDateTimeExplicit());
        assertEquals(OffsetDateTime.of(2026, 11, 21, 11, 0, 0, 500_000_000, ZoneOffset.ofHours(1)),
                c.programDateTime());
        assertEquals(1_500_000_000L, c.durationNanos());
        assertEquals(URI.create("http://127.0.0.1:8080/live/init.mp4"), a.init().uri());
        assertEquals(p.nextSequence(), 123);
    }

    @Test
    void acceptsBothProgramDateTimeOffsetForms() throws Exception {
        for (String offset : List.of("+0000", "+00:00", "Z")) {
            MediaPlaylist p = (MediaPlaylist) parse("#EXTM3U\n#EXT-X-TARGETDURATION:2\n"
                    + "#EXT-X-PROGRAM-DATE-TIME:2026-11-21T09:59:58.04" + offset + "\n#EXTINF:2,\na.ts\n");
            assertEquals(OffsetDateTime.of(2026, 11, 21, 9, 59, 58, 40_000_000, ZoneOffset.UTC),
                    p.segments().get(0).programDateTime(), offset);
        }
    }

    @Test
    void parsesVodWithAesKeyAndExplicitIvAndByteRanges() throws Exception {
        MediaPlaylist p = (MediaPlaylist) parse("""
                #EXTM3U
                #EXT-X-PLAYLIST-TYPE:VOD
                #EXT-X-TARGETDURATION:4
                #EXT-X-KEY:METHOD=AES-128,URI="keys/k1.bin",IV=0x000102030405060708090A0B0C0D0E0F
                #EXTINF:4,
                #EXT-X-BYTERANGE:1000@0
                all.ts
                #EXTINF:4,
                #EXT-X-BYTERANGE:500
                all.ts
                #EXT-X-KEY:METHOD=NONE
                #EXTINF:3.2,
                clear.ts
                #EXT-X-ENDLIST
                """);
        assertFalse(p.isLive());
        assertEquals(PlaylistType.VOD, p.type());
        SegmentKey k = p.segments().get(0).key();
        assertEquals(SegmentKey.Method.AES_128, k.method());
        assertEquals(URI.create("http://127.0.0.1:8080/live/keys/k1.bin"), k.uri());
        assertArrayEquals(new byte[] {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15}, k.iv());
        assertEquals(new ByteRange(0, 1000), p.segments().get(0).range());
        assertEquals(new ByteRange(1000, 500), p.segments().get(1).range());
        assertNull(p.segments().get(2).key());
        assertEquals(11_200_000_000L, p.durationNanos());
    }

    @Test
    void ivDefaultsToMediaSequenceNumberAsBigEndian128Bits() {
        SegmentKey k = new SegmentKey(SegmentKey.Method.AES_128, URI.create("http://h/k"), null, 1);
        byte[] iv = k.ivFor(0x0102L);
        assertEquals(16, iv.length);
        assertEquals(1, iv[14]);
        assertEquals(2, iv[15]);
        assertEquals(0, iv[0]);
    }

    @Test
    void eventPlaylistIsLiveUntilEndList() throws Exception {
        MediaPlaylist p = (MediaPlaylist) parse("#EXTM3U\n#EXT-X-PLAYLIST-TYPE:EVENT\n#EXT-X-TARGETDURATION:1\n"
                + "#EXTINF:1,\na.ts\n");
        assertEquals(PlaylistType.EVENT, p.type());
        assertTrue(p.isLive());
    }

    @Test
    void missingHeaderIsRefusedOnLineOne() {
        PlaylistException e = fails("#EXT-X-TARGETDURATION:2\n#EXTINF:2,\na.ts\n");
        assertEquals(1, e.line());
        assertEquals(BASE, e.uri());
    }

    @Test
    void missingTargetDurationIsRefused() {
        assertTrue(fails("#EXTM3U\n#EXTINF:2,\na.ts\n").reason().contains("EXT-X-TARGETDURATION"));
    }

    @Test
    void badExtinfNamesItsLine() {
        PlaylistException e = fails("#EXTM3U\n#EXT-X-TARGETDURATION:2\n#EXTINF:two,\na.ts\n");
        assertEquals(3, e.line());
        assertTrue(e.getMessage().contains("line 3"), e.getMessage());
    }

    @Test
    void streamInfWithoutBandwidthIsRefused() {
        PlaylistException e = fails("#EXTM3U\n#EXT-X-STREAM-INF:RESOLUTION=640x360\nlo.m3u8\n");
        assertEquals(2, e.line());
        assertTrue(e.reason().contains("BANDWIDTH"));
    }

    @Test
    void mixingMasterAndMediaTagsIsRefused() {
        fails("#EXTM3U\n#EXT-X-TARGETDURATION:2\n#EXT-X-STREAM-INF:BANDWIDTH=1\nlo.m3u8\n#EXTINF:2,\na.ts\n");
    }

    @Test
    void keyIvMustBe128Bits() {
        PlaylistException e = fails("#EXTM3U\n#EXT-X-TARGETDURATION:2\n"
                + "#EXT-X-KEY:METHOD=AES-128,URI=\"k\",IV=0x0102\n#EXTINF:2,\na.ts\n");
        assertEquals(3, e.line());
    }

    @Test
    void onlyHttpAndHttpsUrisAreAccepted() {
        assertTrue(fails("#EXTM3U\n#EXT-X-TARGETDURATION:2\n#EXTINF:2,\nfile:///etc/passwd\n").reason()
                .contains("refused"));
        assertTrue(fails("#EXTM3U\n#EXT-X-TARGETDURATION:2\n#EXTINF:2,\nftp://h/a.ts\n").reason()
                .contains("refused"));
    }

    @Test
    void localPlaylistMayOnlyNameFilesBeneathItsFolder() throws Exception {
        Path dir = Path.of("/srv/media/show").toAbsolutePath();
        URI local = dir.resolve("index.m3u8").toUri();
        UriPolicy policy = UriPolicy.forOpened(local);
        MediaPlaylist ok = (MediaPlaylist) PlaylistParser.parse(local,
                "#EXTM3U\n#EXT-X-TARGETDURATION:2\n#EXTINF:2,\nseg/a.ts\n".getBytes(StandardCharsets.UTF_8), policy);
        assertEquals(dir.resolve("seg/a.ts").toUri(), ok.segments().get(0).uri());
        PlaylistException e = assertThrows(PlaylistException.class, () -> PlaylistParser.parse(local,
                "#EXTM3U\n#EXT-X-TARGETDURATION:2\n#EXTINF:2,\n../../../etc/passwd\n"
                        .getBytes(StandardCharsets.UTF_8), policy));
        assertEquals(4, e.line());
    }

    @Test
    void playlistsOverFourMebibytesAreRefused() {
        byte[] big = new byte[PlaylistParser.MAX_BYTES + 1];
        java.util.Arrays.fill(big, (byte) '\n');
        PlaylistException e = assertThrows(PlaylistException.class,
                () -> PlaylistParser.parse(BASE, big, UriPolicy.REMOTE));
        assertTrue(e.reason().contains("limit"));
    }

    @Test
    void playlistsOverOneHundredThousandLinesAreRefused() {
        String many = "#EXTM3U\n" + "#\n".repeat(PlaylistParser.MAX_LINES + 5);
        assertTrue(fails(many).reason().contains("100000 lines"));
    }

    @Test
    void duplicateAttributeIsRefused() {
        fails("#EXTM3U\n#EXT-X-STREAM-INF:BANDWIDTH=1,BANDWIDTH=2\nlo.m3u8\n");
    }

    @Test
    void unknownTagsAndCommentsAreIgnored() throws Exception {
        MediaPlaylist p = (MediaPlaylist) parse("#EXTM3U\n# a comment\n#EXT-X-FUTURE-TAG:X=1\n"
                + "#EXT-X-TARGETDURATION:2\n#EXTINF:2,\na.ts\n");
        assertEquals(1, p.segments().size());
    }

    @Test
    void mediaSequenceAfterFirstSegmentIsRefused() {
        fails("#EXTM3U\n#EXT-X-TARGETDURATION:2\n#EXTINF:2,\na.ts\n#EXT-X-MEDIA-SEQUENCE:4\n#EXTINF:2,\nb.ts\n");
    }

    @Test
    void numbersBeyondRangeAreRefusedNotOverflowed() {
        fails("#EXTM3U\n#EXT-X-TARGETDURATION:2\n#EXT-X-MEDIA-SEQUENCE:99999999999999999999\n#EXTINF:2,\na.ts\n");
        fails("#EXTM3U\n#EXT-X-TARGETDURATION:2\n#EXT-X-MEDIA-SEQUENCE:9223372036854775807\n#EXTINF:2,\na.ts\n");
        fails("#EXTM3U\n#EXT-X-TARGETDURATION:0\n#EXTINF:2,\na.ts\n");
        fails("#EXTM3U\n#EXT-X-TARGETDURATION:2\n#EXT-X-BYTERANGE:9223372036854775807@5\n#EXTINF:2,\na.ts\n");
        fails("#EXTM3U\n#EXT-X-TARGETDURATION:2\n#EXT-X-PROGRAM-DATE-TIME:+999999999-12-31T23:59:59.999+00:00\n"
                + "#EXTINF:2,\na.ts\n#EXTINF:2,\nb.ts\n");
    }
}
