package dev.xsight.hls;

import dev.xsight.hls.audio.AudioRenditionSelector;
import dev.xsight.hls.fetch.RenditionChoice;
import java.net.URI;
import java.time.Duration;

/**
 * How to play one HLS source.
 *
 * @param uri the master or media playlist (http, https, or a local file the person opened)
 * @param rendition automatic by throughput, or pinned
 * @param targetLiveOffset live only: how far behind the live edge to play (ExoPlayer's target live offset); held by
 *        gentle playback-rate control
 * @param timecodeOffsetFrames added to every frame's timecode, so OTS notes line up with the grade feed
 * @param avOffset audio presented this much later than the picture (negative: earlier), for monitors that delay
 * @param paceVod whether VOD is presented in real time (the shell) or decoded as fast as possible (CLI, benchmarks);
 *        live is always paced by the encoder
 * @param playAudio whether to open a Java Sound line (meters work either way; no device is not an error)
 * @param timeout per-request timeout for playlists, keys and segments
 * @param audioLanguage preferred {@code LANGUAGE} of an alternative audio rendition (RFC 5646 tag such as {@code en}
 *        or {@code fra}), or null for the playlist's default (see {@link AudioRenditionSelector})
 */
public record HlsOptions(URI uri, RenditionChoice rendition, Duration targetLiveOffset, long timecodeOffsetFrames,
        Duration avOffset, boolean paceVod, boolean playAudio, Duration timeout, String audioLanguage) {

    public HlsOptions {
        if (uri == null || rendition == null || targetLiveOffset == null || avOffset == null || timeout == null) {
            throw new IllegalArgumentException("every HLS option is required");
        }
        if (targetLiveOffset.isNegative()) {
            throw new IllegalArgumentException("target live offset must not be negative");
        }
        if (audioLanguage != null && (audioLanguage.isBlank() || !audioLanguage.matches("[A-Za-z0-9-]{1,35}"))) {
            throw new IllegalArgumentException("bad audio language '" + audioLanguage
                    + "': expected a language tag such as en, eng or pt-BR");
        }
    }

    /** Backwards-compatible constructor: no preferred audio language. */
    public HlsOptions(URI uri, RenditionChoice rendition, Duration targetLiveOffset, long timecodeOffsetFrames,
            Duration avOffset, boolean paceVod, boolean playAudio, Duration timeout) {
        this(uri, rendition, targetLiveOffset, timecodeOffsetFrames, avOffset, paceVod, playAudio, timeout, null);
    }

    /** Defaults: automatic rendition, 6 s live offset, no offsets, paced, audio on, 10 s timeout. */
    public static HlsOptions of(URI uri) {
        return new HlsOptions(uri, RenditionChoice.AUTO, Duration.ofSeconds(6), 0, Duration.ZERO, true, true,
                Duration.ofSeconds(10), null);
    }

    public HlsOptions withRendition(RenditionChoice r) {
        return new HlsOptions(uri, r, targetLiveOffset, timecodeOffsetFrames, avOffset, paceVod, playAudio,
                timeout, audioLanguage);
    }

    public HlsOptions withTargetLiveOffset(Duration d) {
        return new HlsOptions(uri, rendition, d, timecodeOffsetFrames, avOffset, paceVod, playAudio, timeout,
                audioLanguage);
    }

    public HlsOptions withTimecodeOffsetFrames(long f) {
        return new HlsOptions(uri, rendition, targetLiveOffset, f, avOffset, paceVod, playAudio, timeout,
                audioLanguage);
    }

    public HlsOptions withAvOffset(Duration d) {
        return new HlsOptions(uri, rendition, targetLiveOffset, timecodeOffsetFrames, d, paceVod, playAudio,
                timeout, audioLanguage);
    }

    public HlsOptions withPaceVod(boolean p) {
        return new HlsOptions(uri, rendition, targetLiveOffset, timecodeOffsetFrames, avOffset, p, playAudio,
                timeout, audioLanguage);
    }

    public HlsOptions withPlayAudio(boolean a) {
        return new HlsOptions(uri, rendition, targetLiveOffset, timecodeOffsetFrames, avOffset, paceVod, a,
                timeout, audioLanguage);
    }

    public HlsOptions withTimeout(Duration t) {
        return new HlsOptions(uri, rendition, targetLiveOffset, timecodeOffsetFrames, avOffset, paceVod,
                playAudio, t, audioLanguage);
    }

    /** Prefers the audio rendition with this {@code LANGUAGE} (null: the playlist's default). */
    public HlsOptions withAudioLanguage(String language) {
        return new HlsOptions(uri, rendition, targetLiveOffset, timecodeOffsetFrames, avOffset, paceVod, playAudio,
                timeout, language);
    }
}
