package dev.xsight.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.xsight.hls.HlsOptions;
import dev.xsight.hls.HlsSource;
import dev.xsight.hls.fetch.RenditionChoice;
import dev.xsight.hls.audio.AudioRenditionException;
import dev.xsight.hls.demo.DemoHlsServer;
import dev.xsight.media.Frame;
import dev.xsight.media.FrameSource;
import dev.xsight.media.SourceException;
import dev.xsight.media.audio.AudioLevels;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Headless HLS receive for {@code xsight receive --hls URL}: plays the stream through the real player, prints one
 * {@code <index> <timecode> <md5>} line per frame with {@code --md5}, then one JSON line of statistics.
 */
public final class HlsReceive {
    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * What to receive.
     *
     * @param url playlist URL (http, https) or a local playlist path/file URI
     * @param frames stop after this many frames (0: until the stream ends or the timeout)
     * @param timeout overall time limit
     * @param md5 print a line per frame
     * @param statsJson also write the statistics here, or null
     * @param rendition auto, highest, lowest or a bandwidth
     * @param liveOffset target live offset
     * @param timecodeOffsetFrames added to each timecode
     * @param realtime pace VOD in real time (live is always paced)
     */
    public record Options(String url, long frames, Duration timeout, boolean md5, Path statsJson, String rendition,
            Duration liveOffset, long timecodeOffsetFrames, boolean realtime, String audioLanguage) {
        /** Without a preferred audio language. */
        public Options(String url, long frames, Duration timeout, boolean md5, Path statsJson, String rendition,
                Duration liveOffset, long timecodeOffsetFrames, boolean realtime) {
            this(url, frames, timeout, md5, statsJson, rendition, liveOffset, timecodeOffsetFrames, realtime, null);
        }
    }

    private HlsReceive() {
    }

    /** The URI for what the person typed: a URL, or a local path. */
    static URI toUri(String url) {
        if (url.matches("^[a-zA-Z][a-zA-Z0-9+.-]*://.*")) {
            URI u = URI.create(url);
            String s = u.getScheme().toLowerCase(Locale.ROOT);
            if (!s.equals("http") && !s.equals("https") && !s.equals("file")) {
                throw new IllegalArgumentException("--hls needs an http(s) URL or a local playlist, got " + url);
            }
            return u;
        }
        return Path.of(url).toAbsolutePath().normalize().toUri();
    }

    /**
     * Runs the receive.
     *
     * @return 0 when frames were received (or the stream ended normally), 1 on a stream error or when no frame
     *         arrived in time
     * @throws IllegalArgumentException for bad options (exit 2)
     */
    public static int run(Options o, PrintStream out, PrintStream err) throws IOException, InterruptedException {
        if (o.url().equals("demo") || o.url().equals("demo-vod")) {
            // The built-in OTS demo served on loopback for the duration of this receive.
            try (DemoHlsServer demo = DemoHlsServer.start()) {
                String url = (o.url().equals("demo") ? demo.url() : demo.vodUrl()).toString();
                return run(new Options(url, o.frames(), o.timeout(), o.md5(), o.statsJson(), o.rendition(),
                        o.liveOffset(), o.timecodeOffsetFrames(), o.realtime()), out, err);
            }
        }
        HlsOptions options = HlsOptions.of(toUri(o.url())).withRendition(RenditionChoice.parse(o.rendition()))
                .withTargetLiveOffset(o.liveOffset()).withTimecodeOffsetFrames(o.timecodeOffsetFrames())
                .withPaceVod(o.realtime()).withPlayAudio(false).withAudioLanguage(o.audioLanguage())
                .withTimeout(o.timeout().compareTo(Duration.ofSeconds(10)) < 0 ? o.timeout() : Duration.ofSeconds(10));
        AtomicLong received = new AtomicLong();
        AtomicReference<Exception> firstError = new AtomicReference<>();
        Object done = new Object();
        long t0 = System.nanoTime();
        Duration cpu0 = ProcessHandle.current().info().totalCpuDuration().orElse(null);
        AtomicLong firstFrameNanos = new AtomicLong(-1);
        AtomicLong lastFrameNanos = new AtomicLong(-1);
        Map<String, Object> counters;
        AudioLevels levels;
        try (HlsSource source = new HlsSource(options)) {
            source.start(new FrameSource.FrameListener() {
                @Override
                public void onFrame(Frame f) {
                    try {
                        long i = received.get();
                        if (o.frames() > 0 && i >= o.frames()) {
                            return;
                        }
                        if (i == 0) {
                            firstFrameNanos.set(System.nanoTime() - t0);
                        }
                        if (o.md5()) {
                            out.println(i + " " + (f.timecode() == null ? "--:--:--:--" : f.timecode()) + " "
                                    + f.md5Hex());
                        }
                        lastFrameNanos.set(System.nanoTime() - t0);
                        received.incrementAndGet();
                        if (o.frames() > 0 && i + 1 >= o.frames()) {
                            synchronized (done) {
                                done.notifyAll();
                            }
                        }
                    } finally {
                        f.release();
                    }
                }

                @Override
                public void onError(SourceException e) {
                    if (e.getCause() instanceof AudioRenditionException) {
                        // The pictures go on: a warning, and audio_error in the statistics.
                        err.println("xsight receive: warning: " + e.getMessage() + where(e));
                        return;
                    }
                    firstError.compareAndSet(null, e);
                    err.println("xsight receive: " + e.getMessage() + where(e));
                }
            });
            long deadline = t0 + o.timeout().toNanos();
            synchronized (done) {
                while (System.nanoTime() < deadline && !source.finished()
                        && (o.frames() <= 0 || received.get() < o.frames())) {
                    done.wait(Math.max(1, Math.min(50, (deadline - System.nanoTime()) / 1_000_000)));
                }
            }
            counters = source.counters();
            levels = source.audioLevels();
            if (source.error() != null) {
                firstError.compareAndSet(null, source.error());
            }
        }
        Map<String, Object> stats = new LinkedHashMap<>();
        stats.put("source", "hls");
        stats.put("url", o.url());
        stats.put("pixel_format", counters.get("pixel_format"));
        stats.put("bit_depth", counters.get("bit_depth"));
        stats.put("width", counters.get("width"));
        stats.put("height", counters.get("height"));
        String rate = String.valueOf(counters.get("frame_rate"));
        stats.put("frame_rate", fps(rate));
        stats.put("frame_rate_exact", rate);
        stats.put("rendition_bandwidth", counters.get("rendition_bandwidth"));
        if (counters.containsKey("live_offset_s")) {
            stats.put("live_offset_s", counters.get("live_offset_s"));
        }
        stats.put("frames_decoded", received.get());
        stats.put("frames_dropped", counters.get("frames_dropped"));
        stats.put("time_to_first_frame_ms", firstFrameNanos.get() < 0 ? null : firstFrameNanos.get() / 1_000_000);
        long n = received.get();
        Duration cpu1 = ProcessHandle.current().info().totalCpuDuration().orElse(null);
        if (cpu0 != null && cpu1 != null) {
            // Whole-process CPU (all threads: fetch, demux, decode, copy), less sensitive to a busy machine than fps.
            stats.put("process_cpu_s", Math.round(cpu1.minus(cpu0).toMillis()) / 1000.0);
        }
        if (n > 1 && lastFrameNanos.get() > firstFrameNanos.get()) {
            // Frames per second after the first frame: decode (and pacing, when paced) without start-up cost.
            stats.put("fps_after_first_frame", Math.round((n - 1) * 1e9 / (lastFrameNanos.get() - firstFrameNanos.get())
                    * 100) / 100.0);
        }
        if (levels.channels() > 0) {
            // Meters over the last 400 ms of audio (muxed or the chosen rendition), per channel.
            stats.put("audio_peak_dbfs", rounded(levels.peakDbfs()));
            stats.put("audio_rms_dbfs", rounded(levels.rmsDbfs()));
        }
        counters.forEach((k, v) -> {
            if (!stats.containsKey(k)) {
                stats.put(k, v);
            }
        });
        Exception e = firstError.get();
        if (e != null) {
            stats.put("error", e.getMessage());
            if (e instanceof SourceException s) {
                stats.put("error_kind", s.kind().label());
                if (s.location() != null) {
                    stats.put("error_location", s.location());
                }
            }
        }
        String line = JSON.writeValueAsString(stats);
        out.println(line);
        out.flush();
        if (o.statsJson() != null) {
            Files.writeString(o.statsJson(), line + "\n");
        }
        if (received.get() == 0) {
            if (e == null) {
                err.println("xsight receive: no frame received within " + o.timeout().toSeconds() + " s");
            }
            return 1;
        }
        return e != null && !(received.get() >= o.frames() && o.frames() > 0) ? 1 : 0;
    }

    private static java.util.List<Double> rounded(double[] dbfs) {
        java.util.List<Double> out = new java.util.ArrayList<>();
        for (double d : dbfs) {
            out.add(Double.isFinite(d) ? Math.round(d * 10) / 10.0 : null);
        }
        return out;
    }

    private static Object fps(String rational) {
        int slash = rational.indexOf('/');
        if (slash < 0) {
            return null;
        }
        double v = Double.parseDouble(rational.substring(0, slash)) / Double.parseDouble(rational.substring(slash + 1));
        return Math.round(v * 1000) / 1000.0;
    }

    /** The kind and place of a source error, for the end of its line: {@code  (network, http://host/a.m3u8)}. */
    private static String where(SourceException e) {
        String m = e.getMessage();
        return " (" + e.kind().label() + (e.location() == null || m.contains(e.location()) ? "" : ", " + e.location())
                + ")";
    }
}
