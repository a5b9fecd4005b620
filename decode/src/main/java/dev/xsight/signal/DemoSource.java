package dev.xsight.signal;

import dev.xsight.media.Colorimetry;
import dev.xsight.media.Frame;
import dev.xsight.media.FramePool;
import dev.xsight.media.FrameRate;
import dev.xsight.media.FrameSource;
import dev.xsight.media.SourceException;
import dev.xsight.media.SourceHealth;
import dev.xsight.media.Timecode;
import java.time.LocalTime;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * The built-in test signal as a live {@link FrameSource}: {@link TestSignal} frames at a fixed rate on the source's
 * own thread, each carrying timecode, frame rate and BT.709 colorimetry.
 *
 * <p>Frames come from a {@link FramePool}; a listener that releases each frame promptly keeps the pool at a handful
 * of frames. When the delivery thread falls more than {@link #MAX_LATE_FRAMES} behind the clock (a stalled
 * listener, an overloaded machine) it skips ahead to the current frame, as a live feed would, and counts the skipped
 * frames as late in {@link #health()}; timecode always equals the start timecode plus the frame's sequence number.
 *
 * <p>Threading: {@link #start} and {@link #close} from any thread; frames are delivered on thread {@code xsight-demo}.
 */
public final class DemoSource implements FrameSource {
    /** How far delivery may lag before frames are skipped. */
    public static final int MAX_LATE_FRAMES = 4;

    private final Settings settings;
    private final TestSignal signal;
    private final FramePool pool;
    private final long startCount;
    private final AtomicLong delivered = new AtomicLong();
    private final AtomicLong skipped = new AtomicLong();
    private volatile long lastSkipNanos = Long.MIN_VALUE;
    private volatile boolean running;
    private Thread thread;

    /**
     * What the demo plays.
     *
     * @param rate frame rate (any of {@link FrameRate#SUPPORTED})
     * @param dropFrame drop-frame timecode (29.97 and 59.94 only)
     * @param start first timecode, or {@code null} for time of day at start
     * @param motion moving bars and box (false: a still RP 219 picture with running timecode)
     */
    public record Settings(FrameRate rate, boolean dropFrame, Timecode start, boolean motion) {
        public Settings {
            if (rate == null) {
                throw new IllegalArgumentException("a frame rate is required");
            }
            if (dropFrame && !rate.supportsDropFrame()) {
                throw new IllegalArgumentException("drop-frame timecode needs 29.97 or 59.94 fps, not "
                        + rate.label());
            }
            if (start != null) {
                start.checkFits(rate);
                if (start.dropFrame() != dropFrame) {
                    throw new IllegalArgumentException("start timecode " + start + " does not match "
                            + (dropFrame ? "drop-frame" : "non-drop") + " counting");
                }
            }
        }

        /** 59.94 fps drop-frame from 01:00:00;00 with motion: the default demo. */
        public static Settings defaults() {
            return forRate(FrameRate.FPS_59_94);
        }

        /** Starts at 01:00:00:00 (drop-frame where the rate has it), with motion. */
        public static Settings forRate(FrameRate rate) {
            boolean drop = rate.supportsDropFrame();
            return new Settings(rate, drop, Timecode.parse(drop ? "01:00:00;00" : "01:00:00:00"), true);
        }

        public Settings withStart(Timecode tc) {
            return new Settings(rate, dropFrame, tc, motion);
        }

        public Settings withMotion(boolean m) {
            return new Settings(rate, dropFrame, start, m);
        }
    }

    public DemoSource(Settings settings) {
        this.settings = settings;
        this.signal = new TestSignal(settings.motion());
        this.pool = new FramePool(TestSignal.FORMAT, TestSignal.WIDTH, TestSignal.HEIGHT, 8);
        this.startCount = settings.start() != null ? settings.start().toFrameCount(settings.rate())
                : Timecode.ofTimeOfDay(LocalTime.now(), settings.rate(), settings.dropFrame())
                        .toFrameCount(settings.rate());
    }

    public Settings settings() {
        return settings;
    }

    @Override
    public String name() {
        return "Demo bars 1080p" + settings.rate().label();
    }

    /** The timecode of frame {@code n} (n = 0 is the first frame delivered). */
    public Timecode timecodeOf(long n) {
        return Timecode.fromFrameCount(startCount + n, settings.rate(), settings.dropFrame());
    }

    /** Renders frame {@code n} into a frame from this source's pool; the caller owns the result. */
    public Frame produce(long n) {
        Frame f = pool.acquire();
        Timecode tc = timecodeOf(n);
        signal.render(f, n, tc);
        f.timecode(tc).frameRate(settings.rate()).colorimetry(Colorimetry.BT709).sequence(n)
                .ptsNanos(nanosOf(n, settings.rate()));
        return f;
    }

    /** Start time of frame {@code n} at {@code rate}, exact (no drift over days). */
    static long nanosOf(long n, FrameRate rate) {
        long q = n / rate.numerator();
        long r = n % rate.numerator();
        return q * rate.denominator() * 1_000_000_000L + r * rate.denominator() * 1_000_000_000L / rate.numerator();
    }

    /** Frames created by this source's pool so far (stays small in steady state). */
    public long pooledFrames() {
        return pool.allocatedFrames();
    }

    @Override
    public synchronized void start(FrameListener listener) {
        if (thread != null) {
            throw new IllegalStateException("demo source already started");
        }
        running = true;
        thread = Thread.ofPlatform().name("xsight-demo").daemon(true).start(() -> deliver(listener));
    }

    private void deliver(FrameListener listener) {
        FrameRate rate = settings.rate();
        long t0 = System.nanoTime();
        long n = 0;
        while (running) {
            long due = t0 + nanosOf(n, rate);
            long now = System.nanoTime();
            if (due > now) {
                LockSupport.parkNanos(due - now);
                continue;
            }
            long current = rate.framesIn(now - t0);
            if (current - n > MAX_LATE_FRAMES) {
                skipped.addAndGet(current - n);
                lastSkipNanos = now;
                n = current;
            }
            Frame f = produce(n);
            try {
                listener.onFrame(f);
            } catch (RuntimeException e) {
                // The listener failed on this frame; the signal goes on with the next.
                listener.onError(SourceException.of(SourceException.Kind.IO, null, true, e));
            }
            delivered.incrementAndGet();
            n++;
        }
    }

    @Override
    public SourceHealth health() {
        long late = skipped.get();
        // Healthy unless frames were skipped in the last two seconds: a past hiccup is history, not an alarm.
        boolean ok = lastSkipNanos == Long.MIN_VALUE || System.nanoTime() - lastSkipNanos > 2_000_000_000L;
        String summary = String.format(Locale.ROOT, "demo %s fps · %d frames · %d skipped · pool %d",
                settings.rate().label(), delivered.get(), late, pool.allocatedFrames());
        long frames = delivered.get();
        SourceHealth.State state = !ok ? SourceHealth.State.DEGRADED
                : frames == 0 ? SourceHealth.State.STARTING : SourceHealth.State.OK;
        return SourceHealth.of(state, summary, frames, late, null);
    }

    @Override
    public void close() {
        Thread t;
        synchronized (this) {
            running = false;
            t = thread;
        }
        if (t != null && t != Thread.currentThread()) {
            LockSupport.unpark(t);
            try {
                t.join(2000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
