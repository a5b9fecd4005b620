package dev.xsight.qc;

import dev.xsight.media.Frame;
import dev.xsight.media.FrameRate;
import dev.xsight.media.Timecode;
import dev.xsight.qc.audio.AudioCheck;
import dev.xsight.qc.video.VideoCheck;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a set of checks on their own thread, {@code xsight-qc}, beside a source: frames ({@code retain()}ed, no copy)
 * go into a ring of {@link #FRAME_SLOTS}, audio blocks (copied into blocks the worker owns) into a ring of their own
 * that holds seconds of audio, and the worker feeds each to the checks, audio first: a loudness measure with holes in
 * it would be wrong, and the audio checks cost little beside the picture checks.
 *
 * <p>Live ({@link Feed#LIVE}): when a ring is full the worker has fallen behind, and the new frame or block is
 * skipped whole at once (never retained, never waited for) and counted, so a slow check never slows the source or
 * the display. The checks hear how many frames were skipped before the next one ({@link VideoCheck#skipped}).
 * From a file ({@link Feed#FILE}) the feeding thread waits instead, so every frame is analysed as fast as both
 * sides go.
 *
 * <p>Events reach the sink on this thread, with the timecodes an event lacks filled in (from the first frame's
 * timecode, else 00:00:00:00, at the feed's rate), and are counted per type ({@link #count}). A check that throws
 * (a picture it cannot read) is stopped and logged; the others go on.
 *
 * <p>Threading: {@link #offer} and {@link #offerAudio} from one source thread each; the counters from any thread;
 * {@link #finish} once, after the last offer. Steady state allocates nothing: the ring and the audio blocks are
 * made once (a block grows only to a larger block size), and waits use the ring's monitor.
 */
public final class QcWorker implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(QcWorker.class);
    /** Frames the ring holds at most. */
    public static final int FRAME_SLOTS = 3;
    /** Audio blocks queued at most (a few seconds of the usual 1024-sample blocks: a segment's audio comes at once). */
    static final int AUDIO_SLOTS = 256;

    /** How the feeding side behaves when the worker is behind. */
    public enum Feed {
        /** A live source: skip and count. */
        LIVE,
        /** A file: wait. */
        FILE
    }

    private final CheckFactory factory;
    private volatile QcChecks checks;
    private VideoCheck[] video = new VideoCheck[0];
    private AudioCheck[] audio = new AudioCheck[0];
    private boolean[] videoOff = new boolean[0];
    private boolean[] audioOff = new boolean[0];
    private final Consumer<QcEvent> sink;
    private final Feed feed;
    /** The frames ring; its monitor guards both rings and their counts. */
    private final Slot[] ring = new Slot[FRAME_SLOTS];
    private final Slot[] blocks = new Slot[AUDIO_SLOTS];
    private final Thread thread;
    private final AtomicLongArray counts = new AtomicLongArray(QcEvent.Type.values().length);
    private int head;
    private int framesQueued;
    private int blockHead;
    private int blocksQueued;
    private long pendingGap;
    private boolean ending;
    private boolean stopped;
    private volatile boolean done;
    private volatile long framesOffered;
    private volatile long framesAnalysed;
    private volatile long framesSkipped;
    private volatile long blocksAnalysed;
    private volatile long analysisNanos;
    private volatile long cpuNanos = -1;
    private volatile long blocksSkipped;
    private volatile FrameRate rate;
    private volatile Timecode firstTc;
    private volatile Throwable failure;

    private static final class Slot {
        Frame frame;
        long gapBefore;
        short[] samples = new short[0];
        int sampleFrames;
        int channels;
        int sampleRate;
        long ptsNanos;
    }

    /** Makes the checks of a feed once its picture rate is known. */
    @FunctionalInterface
    public interface CheckFactory {
        /**
         * @param sink where the checks report (the worker's: it counts each event, fills in missing timecodes and
         *        passes it on)
         * @param rate the feed's picture rate (audio events are placed on its frames)
         */
        QcChecks make(Consumer<QcEvent> sink, FrameRate rate);
    }

    /**
     * Starts the worker thread; the checks are made now when {@code rate} is known, else on the worker thread from
     * the first frame's rate (audio blocks before it are skipped and counted).
     *
     * @param rate the feed's picture rate, or null to take it from the first frame
     * @param sink receives every event on the worker thread
     */
    public QcWorker(CheckFactory factory, FrameRate rate, Feed feed, Consumer<QcEvent> sink) {
        this.factory = factory;
        this.sink = sink;
        if (rate != null) {
            this.rate = rate;
            use(factory.make(this::report, rate));
        }
        this.feed = feed;
        for (int i = 0; i < FRAME_SLOTS; i++) {
            ring[i] = new Slot();
        }
        for (int i = 0; i < AUDIO_SLOTS; i++) {
            blocks[i] = new Slot();
        }
        thread = Thread.ofPlatform().daemon().name("xsight-qc").start(this::loop);
    }

    /**
     * Offers a frame (the caller keeps its own reference). Live: returns at once, skipping the frame when the worker
     * is behind; file: waits for room.
     */
    public void offer(Frame f) {
        framesOffered++;
        synchronized (ring) {
            if (feed == Feed.FILE) {
                while (!ending && framesQueued >= FRAME_SLOTS) {
                    awaitRing();
                }
            } else if (framesQueued >= FRAME_SLOTS) {
                framesSkipped++;
                pendingGap++;
                return;
            }
            if (ending) {
                return;
            }
            Slot s = ring[(head + framesQueued) % FRAME_SLOTS];
            s.frame = f.retain();
            s.gapBefore = pendingGap;
            pendingGap = 0;
            framesQueued++;
            ring.notifyAll();
        }
    }

    /**
     * Offers an audio block, copied before this returns (the caller keeps {@code interleaved}). Live: skipped and
     * counted when the worker is behind; file: waits for room. Before the checks exist (a feed whose rate comes
     * with its first frame) a full audio ring skips in both cases, so the file's reader never waits for a frame it
     * has not read yet.
     */
    public void offerAudio(short[] interleaved, int frames, int channels, int sampleRate, long ptsNanos) {
        QcChecks c = checks;
        if (c != null && c.audio().isEmpty()) {
            return;
        }
        synchronized (ring) {
            if (feed == Feed.FILE) {
                while (!ending && blocksQueued >= AUDIO_SLOTS && checks != null) {
                    awaitRing();
                }
            }
            if (blocksQueued >= AUDIO_SLOTS) {
                blocksSkipped++;
                return;
            }
            if (ending) {
                return;
            }
            Slot s = blocks[(blockHead + blocksQueued) % AUDIO_SLOTS];
            int n = frames * channels;
            if (s.samples.length < n) {
                s.samples = new short[n];
            }
            System.arraycopy(interleaved, 0, s.samples, 0, n);
            s.frame = null;
            s.sampleFrames = frames;
            s.channels = channels;
            s.sampleRate = sampleRate;
            s.ptsNanos = ptsNanos;
            blocksQueued++;
            ring.notifyAll();
        }
    }

    private void awaitRing() {
        try {
            ring.wait();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            ending = true;
        }
    }

    private void loop() {
        try {
            while (true) {
                Slot s;
                boolean audioNext;
                synchronized (ring) {
                    // Audio waits for the checks, which a feed of unknown rate makes at its first frame.
                    while (!ending && framesQueued == 0 && (blocksQueued == 0 || checks == null)) {
                        ring.wait();
                    }
                    if (stopped) {
                        break;
                    }
                    audioNext = blocksQueued > 0 && checks != null;
                    if (!audioNext && framesQueued == 0) {
                        blocksSkipped += blocksQueued; // the feed ended before its first frame
                        blocksQueued = 0;
                        break;
                    }
                    s = audioNext ? blocks[blockHead] : ring[head];
                }
                // The slot stays queued while it is analysed, so no offer can overwrite it.
                if (audioNext) {
                    listen(s);
                } else {
                    analyse(s);
                }
                synchronized (ring) {
                    if (audioNext) {
                        blockHead = (blockHead + 1) % AUDIO_SLOTS;
                        blocksQueued--;
                    } else {
                        s.frame.release();
                        s.frame = null;
                        head = (head + 1) % FRAME_SLOTS;
                        framesQueued--;
                    }
                    ring.notifyAll();
                }
            }
            if (!stopped) {
                for (int i = 0; i < video.length; i++) {
                    if (!videoOff[i]) {
                        video[i].finish();
                    }
                }
                for (int i = 0; i < audio.length; i++) {
                    if (!audioOff[i]) {
                        audio[i].finish();
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException | Error e) {
            failure = e;
            LOG.warn("QC worker stopped: {}", e.toString(), e);
            release();
        } finally {
            java.lang.management.ThreadMXBean mx = java.lang.management.ManagementFactory.getThreadMXBean();
            cpuNanos = mx.isCurrentThreadCpuTimeSupported() ? mx.getCurrentThreadCpuTime() : -1;
            done = true;
            synchronized (ring) {
                ring.notifyAll();
            }
        }
    }

    private void use(QcChecks made) {
        video = made.video().toArray(new VideoCheck[0]);
        audio = made.audio().toArray(new AudioCheck[0]);
        videoOff = new boolean[video.length];
        audioOff = new boolean[audio.length];
        checks = made;
    }

    private void analyse(Slot s) {
        Frame f = s.frame;
        if (f.frameRate() != null && !f.frameRate().equals(rate)) {
            rate = f.frameRate();
        }
        if (firstTc == null && f.timecode() != null && f.frameRate() != null) {
            firstTc = f.timecode();
        }
        if (checks == null) {
            use(factory.make(this::report, rate != null ? rate : FrameRate.FPS_25));
        }
        long t0 = System.nanoTime();
        for (int i = 0; i < video.length; i++) {
            if (videoOff[i]) {
                continue;
            }
            try {
                if (s.gapBefore > 0) {
                    video[i].skipped(s.gapBefore);
                }
                video[i].accept(f);
            } catch (RuntimeException e) {
                // A check that cannot read this feed (an RGB picture for a Y'CbCr rule ...) stops; the others go on.
                videoOff[i] = true;
                LOG.warn("QC check {} stopped on frame {}: {}", video[i].getClass().getSimpleName(), framesAnalysed,
                        e.getMessage());
            }
        }
        analysisNanos += System.nanoTime() - t0;
        framesAnalysed++;
    }

    private void listen(Slot s) {
        for (int i = 0; i < audio.length; i++) {
            if (audioOff[i]) {
                continue;
            }
            try {
                audio[i].accept(s.samples, s.sampleFrames, s.channels, s.sampleRate, s.ptsNanos);
            } catch (RuntimeException e) {
                audioOff[i] = true;
                LOG.warn("QC check {} stopped: {}", audio[i].getClass().getSimpleName(), e.getMessage());
            }
        }
        blocksAnalysed++;
    }

    /**
     * An event from a check: one without timecodes (the audio checks count picture frames from their first sample)
     * gets them from the first frame's timecode plus its frames, or from 00:00:00:00 at the feed's rate.
     */
    private void report(QcEvent e) {
        QcEvent out = e;
        if (e.tcIn() == null || e.tcOut() == null) {
            FrameRate r = rate == null ? FrameRate.FPS_25 : rate;
            Timecode base = firstTc;
            long zero = 0;
            boolean drop = false;
            if (base != null) {
                try {
                    zero = base.toFrameCount(r);
                    drop = base.dropFrame();
                } catch (RuntimeException ex) {
                    zero = 0;
                }
            }
            out = new QcEvent(e.type(), e.firstFrame(), e.lastFrame(),
                    e.tcIn() != null ? e.tcIn() : Timecode.fromFrameCount(zero + e.firstFrame(), r, drop),
                    e.tcOut() != null ? e.tcOut() : Timecode.fromFrameCount(zero + e.lastFrame(), r, drop),
                    e.values());
        }
        counts.incrementAndGet(out.type().ordinal());
        sink.accept(out);
    }

    /**
     * No more offers: the worker analyses what is queued, lets every check report what is still open, and ends.
     * Waits for that.
     *
     * @throws IllegalStateException when a check failed (its message)
     */
    public void finish() throws InterruptedException {
        synchronized (ring) {
            ending = true;
            ring.notifyAll();
        }
        thread.join();
        Throwable t = failure;
        if (t != null) {
            throw new IllegalStateException("QC check failed: " + t, t);
        }
    }

    /** Stops at once: what is queued is released, not analysed; open events are not reported. */
    @Override
    public void close() {
        synchronized (ring) {
            ending = true;
            stopped = true;
            ring.notifyAll();
        }
        try {
            thread.join(5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        release();
    }

    private void release() {
        synchronized (ring) {
            for (int i = 0; i < framesQueued; i++) {
                Slot s = ring[(head + i) % FRAME_SLOTS];
                if (s.frame != null) {
                    s.frame.release();
                    s.frame = null;
                }
            }
            framesQueued = 0;
            blocksQueued = 0;
            ring.notifyAll();
        }
    }

    /** The checks, once made (null before the first frame of a feed whose rate was not known). */
    public QcChecks checks() {
        return checks;
    }

    /** Events of {@code type} reported so far. */
    public long count(QcEvent.Type type) {
        return counts.get(type.ordinal());
    }

    public long framesOffered() {
        return framesOffered;
    }

    public long framesAnalysed() {
        return framesAnalysed;
    }

    /** Frames skipped whole because the worker was behind (live only). */
    public long framesSkipped() {
        return framesSkipped;
    }

    /** Time the video checks took, all frames together. */
    public long videoAnalysisNanos() {
        return analysisNanos;
    }

    /** CPU time of the worker thread, all checks and events, once it has ended; -1 before or where not measured. */
    public long workerCpuNanos() {
        return cpuNanos;
    }

    public long audioBlocksAnalysed() {
        return blocksAnalysed;
    }

    public long audioBlocksSkipped() {
        return blocksSkipped;
    }

    /** The {@code xsight-qc} thread's id (allocation tests). */
    long threadId() {
        return thread.threadId();
    }

    /** Whether the worker thread has ended. */
    public boolean done() {
        return done;
    }
}
