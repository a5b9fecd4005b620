package dev.xsight.hls.playlist;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.net.URI;
import java.nio.file.Path;

/**
 * Fuzzes the playlist parser: whatever the bytes, it returns a playlist or throws {@link PlaylistException}; never
 * another exception, a hang or a URI outside the policy. Runs its seed corpus in regression mode (the default);
 * {@code JAZZER_FUZZ=1} fuzzes for real
 * ({@code ./monitor fuzz --target m3u8}).
 */
class PlaylistParserFuzzTest {
    private static final URI REMOTE = URI.create("https://origin.example/live/index.m3u8");
    private static final URI LOCAL = Path.of("/srv/media/show/index.m3u8").toUri();

    @FuzzTest(maxDuration = "20s")
    void parserReturnsPlaylistOrPlaylistException(byte[] input) {
        check(REMOTE, UriPolicy.REMOTE, input);
        check(LOCAL, UriPolicy.forOpened(LOCAL), input);
    }

    private static void check(URI base, UriPolicy policy, byte[] input) {
        Playlist p;
        try {
            p = PlaylistParser.parse(base, input, policy);
        } catch (PlaylistException expected) {
            if (expected.line() < 0 || expected.line() > PlaylistParser.MAX_LINES + 1) {
                throw new AssertionError("line out of range: " + expected.line());
            }
            return;
        }
        switch (p) {
            case MediaPlaylist m -> m.segments().forEach(s -> {
                assertAllowed(policy, s.uri());
                if (s.key() != null) {
                    assertAllowed(policy, s.key().uri());
                }
                if (s.durationNanos() < 0) {
                    throw new AssertionError("negative duration");
                }
            });
            case MultivariantPlaylist mv -> {
                if (mv.variants().isEmpty()) {
                    throw new AssertionError("master playlist without variants");
                }
                mv.variants().forEach(v -> assertAllowed(policy, v.uri()));
            }
        }
    }

    private static void assertAllowed(UriPolicy policy, URI uri) {
        if (policy.refusal(uri) != null) {
            throw new AssertionError("parser let through " + uri);
        }
    }
}
