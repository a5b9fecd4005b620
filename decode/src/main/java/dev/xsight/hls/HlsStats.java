package dev.xsight.hls;

import dev.xsight.hls.audio.AudioRenditionPlayer;
import dev.xsight.hls.fetch.SegmentLoader;
import dev.xsight.hls.playlist.Rendition;
import dev.xsight.hls.playlist.Variant;
import dev.xsight.media.SourceException;
import dev.xsight.media.SourceHealth;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Counters of one HLS source, written by its loader and decode threads and read by the health bar and the CLI.
 * Thread-safe (synchronized; touched a few times per segment and once per frame).
 */
final class HlsStats implements SegmentLoader.Events, AudioRenditionPlayer.Counters {
    private long bandwidth;
    private int variants;
    private String rendition = "";
    private long switches;
    private long segments;
    private long bytes;
    private long throughputBps;
    private long segmentsSkipped;
    private long refreshFailures;
    private long sequenceResets;
    private long discontinuities;
    private long framesDecoded;
    private long framesDropped;
    private long stalls;
    private double liveOffsetS = Double.NaN;
    private double speed = 1.0;
    private boolean live;
    private String pixelFormat = "";
    private int bitDepth;
    private int width;
    private int height;
    private String frameRate = "";
    private String colorimetry = "";
    private Exception error;
    private Rendition audioRendition;
    private boolean audioSeparate;
    private long audioBlocks;
    private long audioBlocksLate;
    private long audioRealigned;
    private Exception audioError;

    @Override
    public synchronized void rendition(Variant v, int count) {
        variants = count;
        bandwidth = v == null ? 0 : v.bandwidth();
        rendition = v == null ? "media playlist" : v.describe();
    }

    /** The alternative audio rendition chosen (RFC 8216 4.3.4.1); {@code separate}: it has its own playlist. */
    synchronized void audioRendition(Rendition r, boolean separate) {
        audioRendition = r;
        audioSeparate = separate;
    }

    @Override
    public synchronized void audioBlock(boolean late) {
        if (late) {
            audioBlocksLate++;
        } else {
            audioBlocks++;
        }
    }

    @Override
    public synchronized void audioRealigned() {
        audioRealigned++;
    }

    @Override
    public synchronized void audioFailed(Exception e) {
        audioError = e;
    }

    synchronized Exception audioError() {
        return audioError;
    }

    @Override
    public synchronized void switches() {
        switches++;
    }

    @Override
    public synchronized void segmentLoaded(long size, long estimate) {
        segments++;
        bytes += size;
        throughputBps = estimate;
    }

    @Override
    public synchronized void segmentsSkipped(long n) {
        segmentsSkipped += n;
    }

    @Override
    public synchronized void refreshFailures() {
        refreshFailures++;
    }

    @Override
    public synchronized void sequenceResets() {
        sequenceResets++;
    }

    @Override
    public synchronized void discontinuities() {
        discontinuities++;
    }

    synchronized void frameDecoded() {
        framesDecoded++;
    }

    synchronized void frameDropped() {
        framesDropped++;
    }

    synchronized void stall() {
        stalls++;
    }

    synchronized void live(boolean isLive, double offsetS, double currentSpeed) {
        live = isLive;
        liveOffsetS = offsetS;
        speed = currentSpeed;
    }

    synchronized void picture(String fmt, int depth, int w, int h, String rate, String colour) {
        pixelFormat = fmt;
        bitDepth = depth;
        width = w;
        height = h;
        frameRate = rate;
        colorimetry = colour;
    }

    @Override
    public synchronized void error(Exception e) {
        error = e;
    }

    synchronized Exception error() {
        return error;
    }

    synchronized long framesDecoded() {
        return framesDecoded;
    }

    synchronized long bandwidth() {
        return bandwidth;
    }

    synchronized long switchCount() {
        return switches;
    }

    synchronized double liveOffsetS() {
        return liveOffsetS;
    }

    /** Named counters as the CLI's JSON and the health bar use them. */
    synchronized Map<String, Object> counters() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("pixel_format", pixelFormat);
        m.put("bit_depth", bitDepth);
        m.put("width", width);
        m.put("height", height);
        m.put("frame_rate", frameRate);
        m.put("colorimetry", colorimetry);
        m.put("rendition_bandwidth", bandwidth);
        m.put("rendition", rendition);
        m.put("variants", variants);
        m.put("rendition_switches", switches);
        m.put("live", live);
        if (live && !Double.isNaN(liveOffsetS)) {
            m.put("live_offset_s", Math.round(liveOffsetS * 1000) / 1000.0);
            m.put("playback_speed", Math.round(speed * 1000) / 1000.0);
        }
        m.put("frames_decoded", framesDecoded);
        m.put("frames_dropped", framesDropped);
        m.put("segments", segments);
        m.put("bytes", bytes);
        m.put("throughput_bps", throughputBps);
        m.put("segments_skipped", segmentsSkipped);
        m.put("refresh_failures", refreshFailures);
        m.put("sequence_resets", sequenceResets);
        m.put("discontinuities", discontinuities);
        m.put("stalls", stalls);
        if (audioRendition != null) {
            m.put("audio_rendition", audioRendition.name());
            m.put("audio_language", audioRendition.language() == null ? "" : audioRendition.language());
            m.put("audio_channels", audioRendition.channels() == null ? "" : audioRendition.channels());
            m.put("audio_playlist", audioSeparate ? audioRendition.uri().toString() : "in variant");
        }
        if (audioSeparate) {
            m.put("audio_blocks", audioBlocks);
            m.put("audio_blocks_late", audioBlocksLate);
            m.put("audio_realigned", audioRealigned);
        }
        if (audioError != null) {
            m.put("audio_error", audioError.getMessage());
        }
        return m;
    }

    /**
     * The typed health: the variant and the audio rendition in play, how far behind live, and the errors.
     *
     * @param source the presentation, where an error names nothing more precise
     * @param stopped whether the pictures have ended (an error then stopped the source)
     */
    synchronized SourceHealth health(URI source, boolean stopped) {
        SourceException err = error == null ? null : HlsErrors.of(error, !stopped, source);
        List<SourceHealth.Rendition> renditions = new ArrayList<>(2);
        renditions.add(new SourceHealth.Rendition("video", rendition, null, bandwidth, null));
        if (audioRendition != null) {
            renditions.add(new SourceHealth.Rendition("audio", audioRendition.name(), audioRendition.language(), 0,
                    audioError == null ? null : HlsErrors.of(audioError, true, source)));
        }
        SourceHealth.State state = err != null ? stopped ? SourceHealth.State.FAILED : SourceHealth.State.DEGRADED
                : audioError != null ? SourceHealth.State.DEGRADED
                : framesDecoded == 0 ? SourceHealth.State.STARTING : SourceHealth.State.OK;
        double offset = live && !Double.isNaN(liveOffsetS) ? liveOffsetS : Double.NaN;
        return new SourceHealth(state, detail(), framesDecoded, framesDropped, 0, Double.NaN, offset, List.of(),
                renditions, err);
    }

    /** Format, rendition, audio and drops; the live offset and the errors are the typed health's to add. */
    private String detail() {
        StringBuilder b = new StringBuilder();
        b.append(width > 0 ? width + "x" + height + " " + pixelFormat + " " + frameRate + " fps" : "starting");
        b.append(" · ").append(rendition);
        if (audioRendition != null) {
            b.append(" · audio ").append(audioRendition.name());
            if (audioRendition.language() != null) {
                b.append(" (").append(audioRendition.language()).append(')');
            }
        }
        b.append(" · ").append(framesDropped).append(" dropped");
        return b.toString();
    }
}
