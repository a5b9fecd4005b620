package dev.xsight.hls.audio;

import dev.xsight.hls.fetch.Chunk;
import dev.xsight.hls.fetch.HlsFetcher;
import dev.xsight.hls.fetch.RenditionChoice;
import dev.xsight.hls.fetch.RunInputStream;
import dev.xsight.hls.fetch.SegmentLoader;
import dev.xsight.hls.playlist.MediaPlaylist;
import dev.xsight.hls.playlist.Playlist;
import dev.xsight.hls.playlist.PlaylistException;
import dev.xsight.hls.playlist.Rendition;
import java.io.IOException;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.FrameGrabber;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Plays an alternative audio rendition that lives in its own media playlist (RFC 8216 4.3.4.1, {@code EXT-X-MEDIA
 * TYPE=AUDIO} with a URI) beside the pictures: its own {@link SegmentLoader} (same fetch rules, AES-128, live reload,
 * VOD) and its own FFmpeg demuxer/decoder, feeding the source's {@link AudioOutput} exactly as muxed audio does.
 *
 * <p>Sync: each block's timestamp is mapped onto the picture timeline by the {@link PictureTimeline}; a block is
 * handed on when the pictures are no more than {@link #LEAD_NANOS} behind it (so the decoder never races ahead of
 * the picture and the output is fed just in time), scheduled at the wall time the clock gives its timestamp, and
 * dropped when it is more than {@link #LATE_NANOS} behind pictures presented in real time (a live audio playlist
 * that started earlier catches up by decoding only; unpaced VOD, decoded as fast as possible, keeps every block). Should the two timelines disagree by more than {@link #REALIGN_NANOS} (a packager
 * that restarts audio timestamps), the run is aligned to the current picture and counted.
 *
 * <p>A failure (playlist missing, every segment failing) stops only the audio: it is reported once through
 * {@code onFailure} and in the health counters; the pictures go on.
 *
 * <p>Threading: {@link #start} and {@link #close} from the owner. Two threads of its own: {@code hls-audio-load} (the
 * loader, bounded queue of {@link SegmentLoader#QUEUE_SEGMENTS} segments) and {@code hls-audio-decode} (loads the
 * playlist, decodes, waits on the clock, submits).
 */
public final class AudioRenditionPlayer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(AudioRenditionPlayer.class);
    /** How far audio may be handed on ahead of the picture (feeds the output's line a little early). */
    static final long LEAD_NANOS = 200_000_000L;
    /** Audio this far behind the picture is not played. */
    static final long LATE_NANOS = 1_000_000_000L;
    /** Beyond this the timelines cannot be one and the same. */
    static final long REALIGN_NANOS = 10_000_000_000L;

    /** Receives the reason audio stopped (called once, on the audio decode thread). */
    public interface FailureListener {
        void audioFailed(AudioRenditionException e);
    }

    /** What the player counts for the source's statistics (on the audio decode thread). */
    public interface Counters {
        /** A block decoded and handed on, or dropped as {@code late}. */
        void audioBlock(boolean late);

        /** A run's timeline was aligned to the pictures' (timelines further apart than {@link #REALIGN_NANOS}). */
        void audioRealigned();

        /** The rendition failed; the pictures go on. */
        void audioFailed(Exception e);
    }

    private final Rendition rendition;
    private final HlsFetcher fetcher;
    private final RenditionChoice choice;
    private final Duration targetLiveOffset;
    private final PictureTimeline clock;
    private final AudioOutput output;
    private final AudioTap tap;
    private final Counters stats;
    private final FailureListener onFailure;
    private final BlockingQueue<Chunk> queue = new ArrayBlockingQueue<>(SegmentLoader.QUEUE_SEGMENTS);
    private volatile boolean closed;
    private volatile boolean done;
    private SegmentLoader loader;
    private Thread loaderThread;
    private Thread decodeThread;

    // Per-run mapping state, owned by the audio decode thread.
    private long runPts0;
    private long runEpochNanos;
    private long alignNanos;
    private final AudioTimeline timeline = new AudioTimeline();

    /**
     * @param choice and {@code targetLiveOffset}: how the rendition's playlist is loaded, as the pictures' is
     * @param stats where blocks and failures are counted
     */
    public AudioRenditionPlayer(Rendition rendition, HlsFetcher fetcher, RenditionChoice choice,
            Duration targetLiveOffset, PictureTimeline clock, AudioOutput output, AudioTap tap, Counters stats,
            FailureListener onFailure) {
        if (rendition.uri() == null) {
            throw new IllegalArgumentException("rendition " + rendition.name() + " has no URI: its audio is muxed");
        }
        this.rendition = rendition;
        this.fetcher = fetcher;
        this.choice = choice;
        this.targetLiveOffset = targetLiveOffset;
        this.clock = clock;
        this.output = output;
        this.tap = tap;
        this.stats = stats;
        this.onFailure = onFailure;
    }

    public synchronized void start() {
        decodeThread = Thread.ofPlatform().daemon().name("hls-audio-decode").start(this::decodeLoop);
    }

    private void decodeLoop() {
        try {
            Playlist first = fetcher.playlist(rendition.uri());
            if (!(first instanceof MediaPlaylist)) {
                throw new PlaylistException(rendition.uri(), 0,
                        "audio rendition URI names a master playlist; RFC 8216 4.3.4.1 wants a media playlist");
            }
            synchronized (this) {
                if (closed) {
                    return;
                }
                // The loader's own events (segments, refreshes) are the pictures' figures, not the audio's.
                loader = new SegmentLoader(fetcher, choice, targetLiveOffset, queue, new SegmentLoader.Events() { },
                        first);
                loaderThread = Thread.ofPlatform().daemon().name("hls-audio-load").start(loader);
            }
            Chunk c = next();
            while (!closed && c != null && !c.isEnd()) {
                RunInputStream in = new RunInputStream(c, queue, () -> closed, x -> { });
                try {
                    decodeRun(c, in);
                } catch (FrameGrabber.Exception | RuntimeException e) {
                    LOG.warn("HLS audio decode of run {} failed: {}", c.run(), e.getMessage());
                    while (in.read(new byte[65536], 0, 65536) >= 0) {
                        // skip the rest of this run
                    }
                }
                c = in.following();
            }
            if (c != null && c.isEnd() && c.error() != null && !closed) {
                fail(c.error());
            }
        } catch (IOException e) {
            if (!closed) {
                fail(e);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            done = true;
            clock.audioReady(); // never hold the pictures for audio that will not come
        }
    }

    /** Whether the rendition has ended (VOD end, failure or close). */
    public boolean finished() {
        return done;
    }

    /** The first chunk, waiting while the loader fetches; null when closed first. */
    private Chunk next() throws InterruptedException {
        while (!closed) {
            Chunk c = queue.poll(100, TimeUnit.MILLISECONDS);
            if (c != null) {
                return c;
            }
        }
        return null;
    }

    private void fail(Exception e) {
        LOG.warn("HLS audio rendition '{}' stopped: {}", rendition.name(), e.getMessage());
        AudioRenditionException reported = new AudioRenditionException(rendition, e);
        stats.audioFailed(reported);
        onFailure.audioFailed(reported);
    }

    private void decodeRun(Chunk first, RunInputStream in) throws FrameGrabber.Exception {
        FFmpegFrameGrabber g = new FFmpegFrameGrabber(in, 0);
        g.setOption("analyzeduration", "500000");
        g.setOption("probesize", "2000000");
        g.setCloseInputStream(false);
        OffsetDateTime pdt = first.segment().programDateTime();
        runEpochNanos = pdt == null ? Long.MIN_VALUE : pdt.toEpochSecond() * 1_000_000_000L + pdt.getNano();
        runPts0 = Long.MIN_VALUE;
        alignNanos = 0;
        timeline.reset();
        try {
            g.start();
            org.bytedeco.javacv.Frame f;
            while (!closed && (f = g.grabSamples()) != null) {
                short[] samples = AudioOutput.interleave(f);
                if (samples == null) {
                    continue;
                }
                int frames = samples.length / f.audioChannels;
                long pts = timeline.place(f.timestamp * 1000, frames, f.sampleRate);
                if (runPts0 == Long.MIN_VALUE) {
                    runPts0 = pts;
                }
                long at = waitForPicture(pts);
                if (at == Long.MIN_VALUE) {
                    continue;
                }
                if (tap != null) {
                    tap.onAudio(samples, frames, f.audioChannels, f.sampleRate, at);
                }
                output.submit(samples, frames, f.audioChannels, f.sampleRate, clock.dueNanos(at));
            }
        } finally {
            g.stop();
            g.release();
        }
    }

    /**
     * Holds a block until the pictures are within {@link #LEAD_NANOS} of it. Returns its picture timestamp, or
     * MIN_VALUE when it is too late to play (or the player closed).
     */
    private long waitForPicture(long audioPts) {
        clock.audioReady();
        while (!closed) {
            long at = clock.toPicturePts(audioPts, runPts0, runEpochNanos);
            if (clock.ended()) {
                // No pictures to follow (VOD end or a failed picture): meter and play the rest as it comes.
                at = at == Long.MIN_VALUE ? audioPts : at + alignNanos;
                stats.audioBlock(false);
                return at;
            }
            long picture = clock.presentedPts();
            if (at != Long.MIN_VALUE && picture != Long.MIN_VALUE) {
                at += alignNanos;
                if (Math.abs(at - picture) > REALIGN_NANOS) {
                    LOG.info("HLS audio timeline is {} s away from the pictures; aligning this run",
                            (at - picture) / 1e9);
                    alignNanos += picture - at;
                    stats.audioRealigned();
                    continue;
                }
                if (at < picture - LATE_NANOS && clock.paced()) {
                    stats.audioBlock(true);
                    return Long.MIN_VALUE;
                }
                if (at <= picture + LEAD_NANOS) {
                    stats.audioBlock(false);
                    return at;
                }
            }
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return Long.MIN_VALUE;
            }
        }
        return Long.MIN_VALUE;
    }

    @Override
    public void close() {
        Thread load;
        Thread decode;
        synchronized (this) {
            closed = true;
            if (loader != null) {
                loader.close();
            }
            load = loaderThread;
            decode = decodeThread;
        }
        if (load != null) {
            load.interrupt();
        }
        if (decode != null) {
            decode.interrupt(); // wakes a playlist request or a wait on the clock
        }
        try {
            // Up to 5 s each for the threads to end; a thread never started is null.
            if (load != null) {
                load.join(5000);
            }
            if (decode != null) {
                decode.join(5000);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        queue.clear();
    }
}
