package dev.xsight.hls;

import dev.xsight.hls.playlist.PlaylistException;
import dev.xsight.hls.playlist.PlaylistParser;
import dev.xsight.hls.playlist.UriPolicy;
import dev.xsight.media.FrameSource;
import dev.xsight.media.SourceException;
import dev.xsight.media.SourceProvider;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;

/** Offers "Open HLS URL…" in the shell's source list: an http(s) playlist URL or a local .m3u8 path. */
public final class HlsSourceProvider implements SourceProvider {

    @Override
    public String kind() {
        return "hls";
    }

    @Override
    public String label() {
        return "Open HLS URL…";
    }

    @Override
    public Input input() {
        return Input.URL;
    }

    /** The playlist named by {@code location}; not started. */
    @Override
    public FrameSource open(String location) throws IOException {
        return new HlsSource(HlsOptions.of(locate(location)));
    }

    /**
     * The URI for what a person typed: {@code http://}, {@code https://} or {@code file:} URLs as they are, anything
     * else as a local path.
     *
     * @throws PlaylistException naming the text when it is neither
     */
    public static URI locate(String location) throws PlaylistException {
        String t = location == null ? "" : location.strip();
        if (t.isEmpty()) {
            throw new PlaylistException(SourceException.Kind.CONFIG, null, 0,
                    "no HLS URL given: enter an http(s) URL or a local .m3u8 path", null);
        }
        try {
            if (t.matches("^[a-zA-Z][a-zA-Z0-9+.-]*://.*") || t.startsWith("file:")) {
                URI u = new URI(t);
                String refusal = UriPolicy.forOpened(u).refusal(u);
                if (refusal != null) {
                    throw new PlaylistException(SourceException.Kind.CONFIG, u, 0, refusal, null);
                }
                return u;
            }
            return Path.of(t).toAbsolutePath().normalize().toUri();
        } catch (URISyntaxException | IllegalArgumentException e) {
            throw new PlaylistException(SourceException.Kind.CONFIG, null, 0, "'" + PlaylistParser.abbreviate(t)
                    + "' is neither an http(s) URL nor a local playlist path", e);
        }
    }
}
