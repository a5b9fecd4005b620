package dev.xsight.hls.demo;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Locale;

/**
 * The built-in over-the-shoulder demo: a live HLS stream served on loopback so {@code ./monitor demo} (and tests)
 * have an OTS source without a network. Four one-second fMP4 segments of 10-bit HEVC (640x360, 25 fps, BT.709, with
 * a stereo AAC tone) ship as resources and loop as a sliding window of {@link #WINDOW} segments: each loop starts
 * with {@code EXT-X-DISCONTINUITY}, and every segment carries {@code EXT-X-PROGRAM-DATE-TIME} from the wall clock in
 * the local time zone, so the picture shows time-of-day timecode. {@code /ots/vod.m3u8} serves the four segments as
 * VOD.
 *
 * <p>Threading: start and close from any thread; requests are answered on the server's event loop.
 */
public final class DemoHlsServer implements AutoCloseable {
    /** Segments in the live window. */
    public static final int WINDOW = 6;
    private static final int LOOP = 4;
    private static final String RESOURCES = "/dev/xsight/hls/demo/";

    private final byte[] init;
    private final byte[][] segments = new byte[LOOP][];
    private final Instant epoch;
    private final LoopbackHttpServer server;

    private DemoHlsServer() throws IOException {
        init = resource("init.mp4");
        for (int i = 0; i < LOOP; i++) {
            segments[i] = resource("seg" + i + ".m4s");
        }
        // Pretend the stream has run for a while so a full window exists at once.
        epoch = Instant.now().truncatedTo(ChronoUnit.SECONDS).minusSeconds(WINDOW + 1);
        server = LoopbackHttpServer.start(this::respond);
    }

    /** Starts the demo server on a free loopback port. */
    public static DemoHlsServer start() throws IOException {
        return new DemoHlsServer();
    }

    /** The live playlist's URL. */
    public URI url() {
        return server.uri("/ots/live.m3u8");
    }

    /** The VOD playlist's URL (the four segments once). */
    public URI vodUrl() {
        return server.uri("/ots/vod.m3u8");
    }

    private static byte[] resource(String name) throws IOException {
        try (InputStream in = DemoHlsServer.class.getResourceAsStream(RESOURCES + name)) {
            if (in == null) {
                throw new IOException("demo HLS resource " + name + " is missing from the build");
            }
            return in.readAllBytes();
        }
    }

    private LoopbackHttpServer.Response respond(String path) {
        if (path.equals("/ots/live.m3u8")) {
            return playlist(live());
        }
        if (path.equals("/ots/vod.m3u8")) {
            return playlist(vod());
        }
        if (path.equals("/ots/init.mp4")) {
            return LoopbackHttpServer.Response.ok("video/mp4", init);
        }
        if (path.startsWith("/ots/s") && path.endsWith(".m4s")) {
            try {
                long k = Long.parseLong(path.substring(6, path.length() - 4));
                if (k >= 0 && k <= lastAvailable()) {
                    return LoopbackHttpServer.Response.ok("video/mp4", segments[(int) (k % LOOP)]);
                }
            } catch (NumberFormatException e) {
                return LoopbackHttpServer.Response.notFound();
            }
        }
        return LoopbackHttpServer.Response.notFound();
    }

    private static LoopbackHttpServer.Response playlist(String text) {
        return LoopbackHttpServer.Response.ok("application/vnd.apple.mpegurl",
                text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    /** Segment k is complete one second after it starts at epoch + k s. */
    private long lastAvailable() {
        return (System.currentTimeMillis() - epoch.toEpochMilli()) / 1000 - 1;
    }

    private String live() {
        long last = lastAvailable();
        long first = Math.max(0, last - WINDOW + 1);
        StringBuilder b = new StringBuilder(512);
        b.append("#EXTM3U\n#EXT-X-VERSION:7\n#EXT-X-TARGETDURATION:1\n#EXT-X-INDEPENDENT-SEGMENTS\n");
        b.append("#EXT-X-MEDIA-SEQUENCE:").append(first).append('\n');
        // Discontinuities sit before segments 4, 8, 12 ...: those before the window are counted (RFC 8216 6.2.2).
        b.append("#EXT-X-DISCONTINUITY-SEQUENCE:").append(first / LOOP).append('\n');
        b.append("#EXT-X-MAP:URI=\"init.mp4\"\n");
        DateTimeFormatter pdt = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSxxx", Locale.ROOT);
        for (long k = first; k <= last; k++) {
            if (k % LOOP == 0 && k > first) {
                b.append("#EXT-X-DISCONTINUITY\n");
            }
            OffsetDateTime t = OffsetDateTime.ofInstant(epoch.plusSeconds(k), ZoneId.systemDefault());
            b.append("#EXT-X-PROGRAM-DATE-TIME:").append(pdt.format(t)).append('\n');
            b.append("#EXTINF:1.000,\ns").append(k).append(".m4s\n");
        }
        return b.toString();
    }

    private String vod() {
        StringBuilder b = new StringBuilder("#EXTM3U\n#EXT-X-VERSION:7\n#EXT-X-TARGETDURATION:1\n"
                + "#EXT-X-PLAYLIST-TYPE:VOD\n#EXT-X-MAP:URI=\"init.mp4\"\n");
        for (int k = 0; k < LOOP; k++) {
            b.append("#EXTINF:1.000,\ns").append(k).append(".m4s\n");
        }
        return b.append("#EXT-X-ENDLIST\n").toString();
    }

    @Override
    public void close() {
        server.close();
    }
}
