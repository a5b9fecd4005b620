package dev.xsight.hls.fetch;

import dev.xsight.hls.playlist.InitSection;
import dev.xsight.hls.playlist.MediaPlaylist;
import dev.xsight.hls.playlist.MediaSegment;
import dev.xsight.hls.playlist.MultivariantPlaylist;
import dev.xsight.hls.playlist.Playlist;
import dev.xsight.hls.playlist.PlaylistType;
import dev.xsight.hls.playlist.Variant;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The loading half of the player, run on its own thread: opens the playlist, picks the start segment (VOD: the first;
 * live: the one the target live offset lands in), refreshes live playlists (RFC 8216 6.3.4) with backoff on failure,
 * follows media-sequence resets and a window that slid past us, switches renditions on segment boundaries, fetches
 * and decrypts segments and hands them to the decoder as {@link Chunk}s. A bounded queue keeps it a few segments
 * ahead.
 */
public final class SegmentLoader implements Runnable {
    /** Segments a loader may hold ready ahead of its decoder (the bound of the queue it feeds). */
    public static final int QUEUE_SEGMENTS = 3;
    private static final Logger LOG = LoggerFactory.getLogger(SegmentLoader.class);
    /** Refresh failures in a row after which the source reports an error (it keeps retrying). */
    static final int FAILURES_BEFORE_REPORT = 3;

    private final HlsFetcher fetcher;
    /** How far behind the live edge a live playlist starts. */
    private final Duration targetLiveOffset;
    private final RenditionChoice rendition;
    private final BlockingQueue<Chunk> out;
    private final ThroughputMeter meter = new ThroughputMeter();
    private final RenditionSelector selector;
    private final Events stats;
    private volatile boolean closed;

    private long run;
    private boolean skippedSinceLoad;
    private boolean newRun = true;
    private InitSection lastInit;
    private byte[] lastInitBytes;

    private final Playlist first;

    /** What the loader reports as it goes (on its thread); each event is ignored unless implemented. */
    public interface Events {
        /** The variant now loaded, of {@code count} (null: a media playlist without variants). */
        default void rendition(Variant v, int count) {
        }

        default void switches() {
        }

        default void segmentLoaded(long size, long estimate) {
        }

        default void segmentsSkipped(long n) {
        }

        default void refreshFailures() {
        }

        default void sequenceResets() {
        }

        default void discontinuities() {
        }

        /** The failure the loader is retrying after, or null once it recovered. */
        default void error(Exception e) {
        }
    }

    /**
     * @param rendition which variant to load (auto: by measured throughput)
     * @param targetLiveOffset how far behind the live edge a live playlist starts
     * @param out where the fetched segments go, as {@link Chunk}s
     */
    public SegmentLoader(HlsFetcher fetcher, RenditionChoice rendition, Duration targetLiveOffset,
            BlockingQueue<Chunk> out, Events stats, Playlist first) {
        this.first = first;
        this.fetcher = fetcher;
        this.rendition = rendition;
        this.targetLiveOffset = targetLiveOffset;
        this.out = out;
        this.selector = new RenditionSelector(rendition);
        this.stats = stats;
    }

    public void close() {
        closed = true;
    }

    @Override
    public void run() {
        try {
            load();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            offerEnd(null);
        } catch (IOException | RuntimeException e) {
            LOG.warn("HLS loading stopped: {}", e.getMessage());
            offerEnd(e);
        }
    }

    private void offerEnd(Exception e) {
        out.clear(); // the decoder stops at the end marker anyway; make room for it
        out.offer(Chunk.end(e));
    }

    private void load() throws IOException, InterruptedException {
        List<Variant> variants = first instanceof MultivariantPlaylist m ? m.byBandwidth() : List.of();
        Variant variant = variants.isEmpty() ? null : selector.select(variants, meter.estimateBps());
        MediaPlaylist pl = variant == null ? (MediaPlaylist) first : fetcher.mediaPlaylist(variant.uri());
        stats.rendition(variant, variants.size());
        long next = startSequence(pl);
        long lastReload = System.nanoTime();
        boolean lastReloadChanged = true;
        int failures = 0;
        while (!closed) {
            int idx = (int) Math.max(-1, Math.min(Integer.MAX_VALUE, next - pl.mediaSequence()));
            if (next < pl.mediaSequence()) {
                // The window slid past what we were about to load (stall): rejoin near the live edge.
                long skipped = pl.mediaSequence() - next;
                stats.segmentsSkipped(skipped);
                LOG.info("HLS fell behind the live window by {} segments; rejoining", skipped);
                next = startSequence(pl);
                newRun = true;
                continue;
            }
            if (idx < pl.segments().size()) {
                if (!variants.isEmpty() && !rendition.pinned()) {
                    Variant want = selector.select(variants, meter.estimateBps());
                    if (!want.equals(variant)) {
                        LOG.info("HLS switching rendition {} -> {} (throughput {} b/s)", variant.describe(),
                                want.describe(), meter.estimateBps());
                        variant = want;
                        pl = fetcher.mediaPlaylist(variant.uri());
                        lastReload = System.nanoTime();
                        stats.rendition(variant, variants.size());
                        stats.switches();
                        newRun = true;
                        if (next < pl.mediaSequence() || next > pl.nextSequence()) {
                            next = startSequence(pl);
                        }
                        continue;
                    }
                }
                MediaSegment seg = pl.segments().get(idx);
                try {
                    loadWithRetry(seg, variant, pl.isLive());
                    if (skippedSinceLoad) {
                        stats.error(null); // recovered
                        skippedSinceLoad = false;
                    }
                } catch (IOException e) {
                    if (!pl.isLive()) {
                        throw e;
                    }
                    // Live: a segment that cannot be had is skipped (the window moves on); the picture resumes at
                    // the next one, which starts a new run because the timeline has a hole.
                    LOG.warn("HLS skipping live segment {}: {}", seg.sequence(), e.getMessage());
                    stats.segmentsSkipped(1);
                    stats.error(e);
                    skippedSinceLoad = true;
                    newRun = true;
                }
                next++;
                continue;
            }
            if (pl.endList()) {
                out.put(Chunk.end(null));
                return;
            }
            // RFC 8216 6.3.4: reload after the target duration, or half of it when the last reload brought nothing.
            long wait = lastReloadChanged ? pl.targetDurationNanos() : pl.targetDurationNanos() / 2;
            if (failures > 0) {
                wait = Math.min(pl.targetDurationNanos() * 4, (250_000_000L << Math.min(failures, 5)));
            }
            sleepUntil(lastReload + wait);
            lastReload = System.nanoTime();
            MediaPlaylist fresh;
            try {
                fresh = fetcher.mediaPlaylist(pl.uri());
                if (failures >= FAILURES_BEFORE_REPORT) {
                    stats.error(null); // recovered
                }
                failures = 0;
            } catch (IOException e) {
                failures++;
                stats.refreshFailures();
                LOG.warn("HLS playlist refresh failed ({} in a row): {}", failures, e.getMessage());
                if (failures == FAILURES_BEFORE_REPORT) {
                    stats.error(e);
                }
                continue;
            }
            lastReloadChanged = fresh.nextSequence() != pl.nextSequence() || fresh.endList() != pl.endList();
            if (fresh.nextSequence() + 1 < next || fresh.discontinuitySequence() < pl.discontinuitySequence()) {
                // Media sequence went backwards (encoder restart / packager reset): start over at the new edge.
                LOG.info("HLS media sequence reset ({} -> {}); restarting at the live edge", next,
                        fresh.mediaSequence());
                stats.sequenceResets();
                next = startSequence(fresh);
                newRun = true;
            }
            pl = fresh;
        }
    }

    /** Segment fetches are retried twice (after 0.5 s and 1 s) before they count as failed. */
    private void loadWithRetry(MediaSegment seg, Variant variant, boolean live)
            throws IOException, InterruptedException {
        for (int attempt = 0; ; attempt++) {
            try {
                load(seg, variant, live);
                return;
            } catch (IOException e) {
                if (attempt >= 2 || closed) {
                    throw e;
                }
                LOG.info("HLS segment {} failed ({}); retrying", seg.uri(), e.getMessage());
                Thread.sleep(500L << attempt);
            }
        }
    }

    private void load(MediaSegment seg, Variant variant, boolean live) throws IOException, InterruptedException {
        if (seg.discontinuity()) {
            newRun = true;
            stats.discontinuities();
        }
        byte[] init = null;
        if (seg.init() != null && (!seg.init().equals(lastInit) || lastInitBytes == null)) {
            lastInitBytes = fetcher.init(seg.init());
            lastInit = seg.init();
            newRun = true;
        }
        if (newRun && seg.init() != null) {
            init = lastInitBytes;
        }
        HlsFetcher.Fetched f = fetcher.segment(seg);
        meter.add(f.body().length, f.nanos());
        stats.segmentLoaded(f.body().length, meter.estimateBps());
        if (newRun) {
            run++;
            newRun = false;
        }
        while (!closed && !out.offer(new Chunk(run, seg, variant, init, f.body(), null, live), 100, TimeUnit.MILLISECONDS)) {
            // back-pressure: the decoder is a few segments behind
        }
    }

    /** {@link #startSequence(MediaPlaylist, java.time.Instant)} at the current wall-clock time. */
    public long startSequence(MediaPlaylist pl) {
        return startSequence(pl, java.time.Instant.now());
    }

    /**
     * First segment to play: VOD from the beginning; live from the segment the target offset behind the live edge
     * falls in. With {@code EXT-X-PROGRAM-DATE-TIME} the live edge is the wall clock {@code now} (the segment whose
     * date-time is the last at or before now - target); without it, the end of the playlist. Never beyond the last
     * segment (RFC 8216 6.3.3 suggests three target durations; a person's lower target is honoured down to one).
     */
    public long startSequence(MediaPlaylist pl, java.time.Instant now) {
        List<MediaSegment> segs = pl.segments();
        if (segs.isEmpty() || pl.endList() || pl.type() == PlaylistType.VOD) {
            return pl.mediaSequence();
        }
        long behind = targetLiveOffset.toNanos();
        if (segs.getLast().programDateTime() != null) {
            java.time.Instant at = now.minusNanos(behind);
            long chosen = segs.getFirst().sequence();
            for (MediaSegment s : segs) {
                if (s.programDateTime() != null && !s.programDateTime().toInstant().isAfter(at)) {
                    chosen = s.sequence();
                }
            }
            return chosen;
        }
        long acc = 0;
        for (int i = segs.size() - 1; i >= 0; i--) {
            acc += segs.get(i).durationNanos();
            if (acc >= behind) {
                return segs.get(i).sequence();
            }
        }
        return segs.getFirst().sequence();
    }

    private void sleepUntil(long deadline) throws InterruptedException {
        long left;
        while (!closed && (left = deadline - System.nanoTime()) > 0) {
            Thread.sleep(Math.min(100, Math.max(1, left / 1_000_000)));
        }
    }
}
