package dev.xsight.hls.demo;

import dev.xsight.hls.HlsOptions;
import dev.xsight.hls.HlsSource;
import dev.xsight.media.FrameSource;
import dev.xsight.media.SourceHealth;
import dev.xsight.media.SourceProvider;
import dev.xsight.media.audio.AudioLevels;
import dev.xsight.media.audio.AudioMetering;
import java.io.IOException;

/**
 * Offers the built-in over-the-shoulder demo in the shell's source list: a {@link DemoHlsServer} on loopback played
 * by an {@link HlsSource} (live, 3 s behind the edge), so the demo can switch between the grade feed and an OTS
 * feed with no network.
 */
public final class DemoOtsSourceProvider implements SourceProvider {

    @Override
    public String kind() {
        return "ots-demo";
    }

    @Override
    public String label() {
        return "Demo OTS feed (HLS, 10-bit HEVC, loopback)";
    }

    @Override
    public Input input() {
        return Input.NONE;
    }

    @Override
    public FrameSource open(String location) throws IOException {
        return new DemoOtsSource();
    }

    /** The demo server and its player, closed together. */
    static final class DemoOtsSource implements FrameSource, AudioMetering {
        private final DemoHlsServer server;
        private final HlsSource player;

        DemoOtsSource() throws IOException {
            server = DemoHlsServer.start();
            player = new HlsSource(HlsOptions.of(server.url()).withTargetLiveOffset(java.time.Duration.ofSeconds(3)));
        }

        @Override
        public String name() {
            return "Demo OTS (HLS)";
        }

        @Override
        public void start(FrameListener listener) throws IOException {
            try {
                player.start(listener);
            } catch (IOException | RuntimeException e) {
                server.close();
                throw e;
            }
        }

        @Override
        public SourceHealth health() {
            return player.health();
        }

        /** Latest audio levels of the demo tone. */
        @Override
        public AudioLevels audioLevels() {
            return player.audioLevels();
        }

        @Override
        public void close() {
            player.close();
            server.close();
        }
    }
}
