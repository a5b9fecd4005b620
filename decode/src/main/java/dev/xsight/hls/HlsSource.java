package dev.xsight.hls;

import dev.xsight.hls.audio.AudioOutput;
import dev.xsight.hls.audio.AudioRenditionException;
import dev.xsight.hls.audio.AudioRenditionPlayer;
import dev.xsight.hls.audio.AudioRenditionSelector;
import dev.xsight.hls.audio.AudioTap;
import dev.xsight.hls.audio.AudioTimeline;
import dev.xsight.hls.audio.PictureTimeline;
import dev.xsight.hls.fetch.Chunk;
import dev.xsight.hls.fetch.HlsFetcher;
import dev.xsight.hls.fetch.RenditionSelector;
import dev.xsight.hls.fetch.RunInputStream;
import dev.xsight.hls.fetch.SegmentLoader;
import dev.xsight.hls.playlist.MultivariantPlaylist;
import dev.xsight.hls.playlist.Playlist;
import dev.xsight.hls.playlist.PlaylistException;
import dev.xsight.hls.playlist.Rendition;
import dev.xsight.hls.playlist.UriPolicy;
import dev.xsight.hls.playlist.Variant;
import dev.xsight.media.Frame;
import dev.xsight.media.FrameRate;
import dev.xsight.media.FrameSource;
import dev.xsight.media.SourceException;
import dev.xsight.media.SourceHealth;
import dev.xsight.media.Timecode;
import dev.xsight.media.audio.AudioLevels;
import dev.xsight.media.audio.AudioMetering;
import java.io.IOException;
import java.time.OffsetDateTime;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.FrameGrabber;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An HLS player as a {@link FrameSource}: the {@link SegmentLoader} thread fetches (and decrypts) segments; the
 * decode thread demuxes and decodes each run with FFmpeg (JavaCV's {@link FFmpegFrameGrabber} in
 * {@link FrameGrabber.ImageMode#RAW}, fed from our bytes) into frames in the native pixel format, stamps each with
 * its timecode, paces it (live: at a speed that holds the target live offset) and delivers it.
 *
 * <p>Timecode: an embedded start timecode (mp4 {@code tmcd}, or a {@code timecode} tag FFmpeg reports) when present,
 * else the {@code EXT-X-PROGRAM-DATE-TIME} of the run's first segment as time of day in the offset the playlist
 * writes, counted in frames at the stream's rate (drop-frame at 29.97/59.94) plus the user's offset in frames.
 *
 * <p>Audio: muxed in the variant's segments, decoded by the same demuxer; or, when the variant names an {@code AUDIO}
 * group whose chosen rendition has its own playlist ({@link AudioRenditionSelector}), played by an
 * {@link AudioRenditionPlayer} placed on the pictures' timeline through a {@link PictureTimeline}. A failing audio
 * rendition is reported (health, {@code onError}) and the pictures go on.
 *
 * <p>Threading: see {@link FrameSource}. Frames are delivered on the {@code hls-decode} thread; segments load on
 * {@code hls-load}; an audio rendition adds {@code hls-audio-load} and {@code hls-audio-decode}; Java Sound output
 * runs on {@code hls-audio}. Every hand-over between them is a bounded queue; {@link #close()} stops them all.
 * {@code onError} comes from {@code hls-decode}, except an {@link AudioRenditionException} (from
 * {@code hls-audio-decode}, or from {@link #start} when the rendition's URI is refused by the fetch rules).
 */
public final class HlsSource implements FrameSource, AudioMetering {
    private static final Logger LOG = LoggerFactory.getLogger(HlsSource.class);
    /** Segments the loader may hold ready ahead of the decoder. */

    private final HlsOptions options;
    private final HlsStats stats = new HlsStats();
    private final BlockingQueue<Chunk> queue = new ArrayBlockingQueue<>(SegmentLoader.QUEUE_SEGMENTS);
    private final AudioOutput audio;
    private final PictureConverter converter = new PictureConverter();
    private final PictureTimeline clock = new PictureTimeline();
    private final AudioTimeline muxedAudio = new AudioTimeline();
    private AudioTap tap;
    private volatile Rendition chosenAudio;
    private volatile AudioRenditionPlayer audioPlayer;
    private HlsFetcher fetcher;
    private SegmentLoader loader;
    private Thread loaderThread;
    private Thread decodeThread;
    private volatile boolean closed;
    private volatile boolean finished;
    private FrameListener listener;

    // Presentation state, owned by the decode thread.
    private long sequence;
    private LiveSpeedControl speedControl;
    private double speed = 1.0;
    private long clockPts = Long.MIN_VALUE;
    private long clockWall;
    private boolean live;
    private int framesInRun;
    private boolean audioAwaited;
    /** How long the first picture waits for an audio rendition's first block (the audio then starts with it). */
    static final long AUDIO_START_WAIT_NANOS = 2_000_000_000L;
    /** Frames at the start of each run that are never dropped for lateness (the clock slides instead). */
    static final int STARTUP_FRAMES = 25;

    static {
        // FFmpeg's own chatter (stream dumps, warnings about probing pipes) stays out of the console; errors remain.
        org.bytedeco.ffmpeg.global.avutil.av_log_set_level(org.bytedeco.ffmpeg.global.avutil.AV_LOG_ERROR);
    }

    public HlsSource(HlsOptions options) {
        this.options = options;
        this.audio = new AudioOutput(options.playAudio(), options.avOffset().toNanos());
    }

    @Override
    public String name() {
        String path = options.uri().getPath();
        return "HLS " + (path == null ? options.uri() : path.substring(path.lastIndexOf('/') + 1));
    }

    @Override
    public synchronized void start(FrameListener frameListener) throws IOException {
        if (listener != null) {
            throw new IllegalStateException("HLS source already started");
        }
        this.listener = frameListener;
        UriPolicy policy = UriPolicy.forOpened(options.uri());
        String refusal = policy.refusal(options.uri());
        if (refusal != null) {
            throw new PlaylistException(SourceException.Kind.CONFIG, options.uri(), 0, refusal, null);
        }
        fetcher = new HlsFetcher(policy, options.timeout());
        speedControl = new LiveSpeedControl(options.targetLiveOffset().toNanos());
        Playlist first;
        try {
            // The first playlist is loaded here so a wrong URL or a broken playlist fails start() itself.
            first = fetcher.playlist(options.uri());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new java.io.InterruptedIOException("interrupted while loading " + options.uri());
        } catch (IOException e) {
            stats.error(e);
            finished = true;
            fetcher.close();
            throw e;
        }
        if (first instanceof MultivariantPlaylist master) {
            startAudioRendition(master);
        }
        loader = new SegmentLoader(fetcher, options.rendition(), options.targetLiveOffset(), queue, stats, first);
        loaderThread = Thread.ofPlatform().daemon().name("hls-load").start(loader);
        decodeThread = Thread.ofPlatform().daemon().name("hls-decode").start(this::decodeLoop);
    }

    /**
     * Picks the audio rendition of the variant the loader starts with (RFC 8216 4.3.4.2: the variant's AUDIO group)
     * and, when it has its own playlist, starts playing it beside the pictures. The group is the same for every
     * variant in the playlists packagers write; a later switch to a variant of another group keeps this rendition.
     */
    private void startAudioRendition(MultivariantPlaylist master) {
        Variant initial = new RenditionSelector(options.rendition()).select(master.byBandwidth(), 0);
        Rendition r = AudioRenditionSelector.choose(master, initial, options.audioLanguage());
        if (r == null) {
            return;
        }
        chosenAudio = r;
        stats.audioRendition(r, r.uri() != null);
        if (r.uri() == null) {
            return; // 4.3.4.1: no URI means the audio is in the variant's own segments
        }
        String refusal = fetcher.policy().refusal(r.uri());
        if (refusal != null) {
            AudioRenditionException e = new AudioRenditionException(r, new PlaylistException(r.uri(), 0, refusal));
            stats.audioFailed(e);
            listener.onError(HlsErrors.of(e, true, options.uri()));
            return;
        }
        LOG.info("HLS audio rendition '{}' ({}) from {}", r.name(), r.language(), r.uri());
        AudioRenditionPlayer p = new AudioRenditionPlayer(r, fetcher, options.rendition(), options.targetLiveOffset(),
                clock, audio, tap, stats,
                e -> listener.onError(HlsErrors.of(e, true, options.uri())));
        audioPlayer = p;
        p.start();
    }

    /**
     * Receives every decoded audio block with its picture timestamp (see {@link AudioTap}); set before
     * {@link #start}.
     */
    public synchronized void audioTap(AudioTap audioTap) {
        if (listener != null) {
            throw new IllegalStateException("set the audio tap before start()");
        }
        this.tap = audioTap;
    }

    /**
     * The alternative audio rendition chosen for the variant (its NAME, LANGUAGE, CHANNELS; a null URI means the
     * audio is muxed in the variant), or null when the variant names no audio group or the source has not started.
     */
    public Rendition audioRendition() {
        return chosenAudio;
    }

    /** Whether the stream has ended (VOD finished, or stopped by an error), audio rendition included. */
    public boolean finished() {
        AudioRenditionPlayer p = audioPlayer;
        return finished && (p == null || p.finished());
    }

    /** The error that stopped the source, or null. */
    public Exception error() {
        return stats.error();
    }

    /** Latest per-channel audio levels (meters work without an audio device). */
    @Override
    public AudioLevels audioLevels() {
        return audio.levels();
    }

    /** Counters for JSON statistics (see {@link HlsStats#counters()}). */
    public java.util.Map<String, Object> counters() {
        return stats.counters();
    }

    @Override
    public SourceHealth health() {
        return stats.health(options.uri(), finished);
    }

    private void decodeLoop() {
        try {
            Chunk c = queue.take();
            while (!closed && c != null && !c.isEnd()) {
                RunInputStream in = new RunInputStream(c, queue, () -> closed, x -> { });
                try {
                    decodeRun(c, in);
                } catch (FrameGrabber.Exception | RuntimeException e) {
                    LOG.warn("HLS decode of run {} failed: {}", c.run(), e.getMessage());
                    listener.onError(HlsErrors.decodeFailed(c.segment().uri(), e));
                    // Skip the rest of this run; carry on with the next one.
                    while (in.read(new byte[65536], 0, 65536) >= 0) {
                        // drain
                    }
                }
                c = in.following();
            }
            if (c != null && c.isEnd() && c.error() != null) {
                stats.error(c.error());
                listener.onError(HlsErrors.of(c.error(), false, options.uri()));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            clock.end();
            finished = true;
        }
    }

    private void decodeRun(Chunk first, RunInputStream in) throws FrameGrabber.Exception {
        FFmpegFrameGrabber g = new FFmpegFrameGrabber(in, 0);
        g.setImageMode(FrameGrabber.ImageMode.RAW);
        g.setOption("analyzeduration", "500000");
        g.setOption("probesize", "2000000");
        g.setVideoOption("threads", Integer.toString(Math.max(1, Runtime.getRuntime().availableProcessors())));
        g.setCloseInputStream(false);
        live = first.live();
        clockPts = Long.MIN_VALUE; // a new run re-anchors the clock: opening the demuxer must not make frames late
        framesInRun = 0;
        muxedAudio.reset();
        try {
            g.start();
            FrameRate rate = frameRate(g.getFrameRate());
            TimecodeAnchor anchor = anchor(first, g, rate);
            long pts0 = Long.MIN_VALUE;
            OffsetDateTime pdt = first.segment().programDateTime();
            // Wall-clock time of the run's first sample in epoch nanoseconds, or MIN_VALUE without a date-time.
            long pdtEpochNanos = pdt == null ? Long.MIN_VALUE
                    : pdt.toEpochSecond() * 1_000_000_000L + pdt.getNano();
            dev.xsight.media.PixelFormat shownFormat = null;
            int shownWidth = 0;
            int shownHeight = 0;
            org.bytedeco.javacv.Frame f;
            while (!closed && (f = g.grab()) != null) {
                if (f.samples != null) {
                    if (playMuxedAudio()) {
                        audioBlock(f);
                    }
                    continue;
                }
                if (f.image == null || !(f.opaque instanceof AVFrame picture)) {
                    continue;
                }
                if (pts0 == Long.MIN_VALUE) {
                    pts0 = f.timestamp;
                    clock.run(pts0 * 1000, pdtEpochNanos);
                }
                long elapsedNanos = (f.timestamp - pts0) * 1000;
                Frame frame = converter.convert(picture);
                long index = rate == null ? 0 : Math.round(elapsedNanos * rate.toDouble() / 1e9);
                frame.ptsNanos(f.timestamp * 1000).frameRate(rate).sequence(sequence++);
                if (anchor != null) {
                    frame.timecode(Timecode.fromFrameCount(anchor.frames + index + options.timecodeOffsetFrames(),
                            rate, anchor.dropFrame));
                }
                if (shownWidth != frame.width() || shownHeight != frame.height()
                        || !frame.format().equals(shownFormat)) {
                    stats.picture(converter.lastFormat().ffmpegName(), converter.lastFormat().bitDepth(),
                            frame.width(), frame.height(), rate == null ? "" : rate.toString(),
                            frame.colorimetry().describe());
                }
                shownFormat = frame.format();
                shownWidth = frame.width();
                shownHeight = frame.height();
                stats.frameDecoded();
                framesInRun++;
                if (!present(frame, f.timestamp * 1000,
                        pdtEpochNanos == Long.MIN_VALUE ? Long.MIN_VALUE : pdtEpochNanos + elapsedNanos)) {
                    frame.release();
                    stats.frameDropped();
                    continue;
                }
                clock.presented(f.timestamp * 1000, clockPts, clockWall, speed);
                listener.onFrame(frame);
            }
        } finally {
            g.stop();
            g.release();
        }
    }

    /**
     * Whether audio muxed in the variant is played: yes unless an audio rendition with its own playlist replaces it;
     * again once that rendition has failed (its thread has ended, so only this thread feeds the output).
     */
    private boolean playMuxedAudio() {
        AudioRenditionPlayer p = audioPlayer;
        return p == null || p.finished() && stats.audioError() != null;
    }

    private void audioBlock(org.bytedeco.javacv.Frame f) {
        short[] inter = AudioOutput.interleave(f);
        if (inter == null) {
            return;
        }
        int ch = f.audioChannels;
        int frames = inter.length / ch;
        long pts = muxedAudio.place(f.timestamp * 1000, frames, f.sampleRate);
        if (tap != null) {
            tap.onAudio(inter, frames, ch, f.sampleRate, pts);
        }
        long due = clockPts == Long.MIN_VALUE ? System.nanoTime()
                : clockWall + (long) ((pts - clockPts) / speed);
        audio.submit(inter, frames, ch, f.sampleRate, due);
    }

    /**
     * Waits until the frame is due on the presentation clock. Returns false when it is too late to show (dropped).
     * {@code wallEpochNanos} is the frame's wall-clock time from the program date-time (MIN_VALUE without one).
     * Live: the clock runs at the speed that holds the target offset; VOD: real time, or unpaced when so configured.
     */
    private boolean present(Frame frame, long ptsNanos, long wallEpochNanos) {
        long now = System.nanoTime();
        boolean paced = live || options.paceVod();
        if (live && wallEpochNanos != Long.MIN_VALUE) {
            long offset = System.currentTimeMillis() * 1_000_000L - wallEpochNanos;
            speed = speedControl.speed(offset, now);
            stats.live(true, offset / 1e9, speed);
        } else if (live) {
            stats.live(true, Double.NaN, 1.0);
        }
        if (!paced) {
            return true;
        }
        if (clockPts == Long.MIN_VALUE || ptsNanos < clockPts || ptsNanos - clockPts > 10_000_000_000L) {
            if (!audioAwaited && audioPlayer != null) {
                audioAwaited = true;
                awaitAudioRendition();
                now = System.nanoTime();
            }
            clockPts = ptsNanos; // first frame of the run or a jump: present now
            clockWall = now;
            return true;
        }
        long due = clockWall + (long) ((ptsNanos - clockPts) / speed);
        clockPts = ptsNanos;
        clockWall = due;
        long early = due - now;
        if (early > 0) {
            try {
                Thread.sleep(early / 1_000_000, (int) (early % 1_000_000));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return true;
        }
        long frameNanos = frame.frameRate() == null ? 40_000_000L : frame.frameRate().frameDurationNanos();
        if (-early > 2 * frameNanos) {
            if (framesInRun < STARTUP_FRAMES) {
                // Start-up of a run (decoder threads and JIT warming): slide the clock rather than drop.
                clockWall = now;
                return true;
            }
            if (-early > 1_000_000_000L) {
                // A stall (network or decode): re-anchor the clock instead of racing to catch up.
                stats.stall();
                clockWall = now;
                return true;
            }
            return false;
        }
        return true;
    }

    /** Before the first paced picture: give the audio rendition up to {@link #AUDIO_START_WAIT_NANOS} to be ready. */
    private void awaitAudioRendition() {
        try {
            if (!clock.awaitAudio(AUDIO_START_WAIT_NANOS)) {
                LOG.info("HLS audio rendition not ready after {} ms; starting the pictures without it",
                        AUDIO_START_WAIT_NANOS / 1_000_000);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private record TimecodeAnchor(long frames, boolean dropFrame) {
    }

    private TimecodeAnchor anchor(Chunk first, FFmpegFrameGrabber g, FrameRate rate) {
        if (rate == null) {
            return null;
        }
        boolean drop = rate.supportsDropFrame();
        String embedded = g.getVideoMetadata("timecode");
        if (embedded == null) {
            embedded = g.getMetadata("timecode");
        }
        if (embedded != null) {
            try {
                Timecode tc = Timecode.parse(embedded, rate);
                return new TimecodeAnchor(tc.toFrameCount(rate), tc.dropFrame());
            } catch (RuntimeException e) {
                LOG.debug("ignoring embedded timecode '{}': {}", embedded, e.getMessage());
            }
        }
        OffsetDateTime pdt = first.segment().programDateTime();
        if (pdt == null) {
            return null;
        }
        long nanosOfDay = pdt.toLocalTime().toNanoOfDay();
        // Round to the nearest frame: a PDT written in milliseconds lands a hair before or after its frame.
        return new TimecodeAnchor(Math.round(nanosOfDay * (double) rate.numerator() / rate.denominator() / 1e9), drop);
    }

    /** The stream's rate as an exact rational: 23.976 -> 24000/1001 etc.; null when unknown. */
    static FrameRate frameRate(double fps) {
        if (!(fps > 0) || fps > 1000) {
            return null;
        }
        for (FrameRate r : FrameRate.SUPPORTED) {
            if (Math.abs(r.toDouble() - fps) < 0.01) {
                return r;
            }
        }
        long nominal = Math.round(fps);
        if (Math.abs(nominal - fps) < 1e-3) {
            return new FrameRate((int) nominal, 1);
        }
        return new FrameRate((int) Math.round(fps * 1000), 1000);
    }

    @Override
    public void close() {
        closed = true;
        clock.audioReady(); // a first picture waiting for the audio rendition stops waiting
        if (loader != null) {
            loader.close();
        }
        if (loaderThread != null) {
            loaderThread.interrupt(); // wakes refresh sleeps and cancels an HTTP request in flight
        }
        join(loaderThread);
        join(decodeThread);
        AudioRenditionPlayer p = audioPlayer;
        if (p != null) {
            p.close();
        }
        audio.close();
        if (fetcher != null) {
            fetcher.close();
        }
        queue.clear();
    }

    /** Waits up to 5 s for {@code t} (null: nothing) to end; keeps the caller's interrupt. */
    /** Waits up to 5 s for a worker thread to end at close; null is a thread never started. */
    private static void join(Thread t) {
        if (t == null) {
            return;
        }
        try {
            t.join(5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
