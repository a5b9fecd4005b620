package dev.xsight.shell;

import dev.xsight.media.Frame;
import dev.xsight.media.FrameRate;
import dev.xsight.media.Timecode;
import dev.xsight.shell.monitoring.ScopeFeed;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.IntBuffer;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import javafx.scene.image.PixelBuffer;
import javafx.scene.image.PixelFormat;
import javafx.scene.image.WritableImage;

/**
 * Carries frames from a source thread to the screen without blocking either side and without allocating per frame.
 *
 * <p>Source thread: {@link #offer} puts the newest frame in a one-frame slot, releasing a frame the converter has
 * not taken yet (a preview that cannot keep up shows the latest picture, never a backlog). Converter thread
 * ({@code xsight-preview}): converts the slot's frame into a free {@link Picture}, releases the source frame and
 * publishes the picture. FX thread: {@link #takeLatest} (from an {@code AnimationTimer}) swaps in the newest
 * published picture. Four pictures circulate: one shown, one the renderer may still be uploading, one published and
 * one being written.
 */
public final class PreviewPipeline implements AutoCloseable {
    private static final int PICTURES = 4;
    private static final int WARM_UP_CONVERSIONS = 30;

    private final AtomicReference<Frame> slot = new AtomicReference<>();
    private final AtomicReference<Picture> published = new AtomicReference<>();
    private final ArrayBlockingQueue<Picture> free = new ArrayBlockingQueue<>(PICTURES);
    private volatile PictureRenderer requestedRenderer = PictureRenderer.plain();
    private volatile SignalOverlays overlays = SignalOverlays.NONE;
    private volatile ScopeFeed scopeFeed;
    private PictureRenderer renderer;
    private final Object wake = new Object();
    private final Thread thread;
    private volatile boolean running = true;
    // Written by the converter thread, read by the FX thread when it hands pictures back.
    private volatile int width;
    private volatile int height;
    private int step = 1;
    private double convertNanosAverage;
    private int conversionsSinceChange;
    private Picture shown;
    private Picture retiring;

    /** One converted picture and the metadata of the frame it came from. Written by the converter only while free. */
    public static final class Picture {
        private final int width;
        private final int height;
        private final IntBuffer pixels;
        private final PixelBuffer<IntBuffer> buffer;
        private final WritableImage image;
        private final PictureAnalysis analysis = new PictureAnalysis();
        private Timecode timecode;
        private FrameRate frameRate;
        private String format;
        private long sequence;

        Picture(int width, int height) {
            this.width = width;
            this.height = height;
            this.pixels = ByteBuffer.allocateDirect(width * height * 4).order(ByteOrder.nativeOrder()).asIntBuffer();
            this.buffer = new PixelBuffer<>(width, height, pixels, PixelFormat.getIntArgbPreInstance());
            this.image = new WritableImage(buffer);
        }

        public WritableImage image() {
            return image;
        }

        public Timecode timecode() {
            return timecode;
        }

        /** The displayed codes and source samples behind this picture (valid while it is shown). */
        public PictureAnalysis analysis() {
            return analysis;
        }

        public FrameRate frameRate() {
            return frameRate;
        }

        /** E.g. {@code 1920x1080p59.94 4:2:2 10-bit BT.709 narrow}. */
        public String format() {
            return format;
        }

        public long sequence() {
            return sequence;
        }
    }

    public PreviewPipeline() {
        this("xsight-preview");
    }

    /** A pipeline whose converter thread is called {@code threadName} (e.g. for the second viewer). */
    public PreviewPipeline(String threadName) {
        thread = Thread.ofPlatform().name(threadName).daemon(true).start(this::convertLoop);
    }

    /** Source thread: hands over a frame (ownership passes to the pipeline). */
    public void offer(Frame frame) {
        Frame old = slot.getAndSet(frame);
        if (old != null) {
            old.release();
        }
        synchronized (wake) {
            wake.notifyAll();
        }
    }

    /** Drops any frame not yet converted (after a source change). */
    public void clear() {
        Frame old = slot.getAndSet(null);
        if (old != null) {
            old.release();
        }
    }

    private void convertLoop() {
        while (running) {
            Frame f = slot.getAndSet(null);
            if (f == null) {
                synchronized (wake) {
                    if (slot.get() == null && running) {
                        try {
                            wake.wait(100);
                        } catch (InterruptedException e) {
                            return;
                        }
                    }
                }
                continue;
            }
            try {
                PictureRenderer r = currentRenderer();
                Picture p = freePicture(r.width(f, step), r.height(f, step));
                if (p == null) {
                    continue; // the screen is not taking pictures: drop this frame
                }
                long t0 = System.nanoTime();
                r.render(f, p.pixels, p.width, p.height, step, p.analysis, overlays);
                adaptResolution(System.nanoTime() - t0, f);
                ScopeFeed feed = scopeFeed;
                if (feed != null && p.analysis.valid()) {
                    feed.offer(p.analysis);
                }
                p.timecode = f.timecode();
                p.frameRate = f.frameRate();
                p.sequence = f.sequence();
                p.format = describe(f);
                Picture old = published.getAndSet(p);
                if (old != null) {
                    recycle(old);
                }
            } catch (RuntimeException e) {
                System.getLogger("dev.xsight.shell").log(System.Logger.Level.WARNING, "preview conversion failed", e);
            } finally {
                f.release();
            }
        }
        if (renderer != null) {
            renderer.close();
        }
    }

    /** Converter thread: swaps in a renderer set with {@link #setRenderer}, closing the old one here. */
    private PictureRenderer currentRenderer() {
        PictureRenderer want = requestedRenderer;
        if (want != renderer) {
            if (renderer != null) {
                renderer.close();
            }
            renderer = want;
        }
        return renderer;
    }

    /**
     * Any thread: the renderer to use from the next frame on (the default is {@link PictureRenderer#plain()}). The
     * previous one is closed on the converter thread.
     */
    public void setRenderer(PictureRenderer r) {
        requestedRenderer = java.util.Objects.requireNonNull(r);
    }

    /**
     * Halves the preview resolution when full-resolution conversion takes most of a frame period, and goes back
     * when half resolution takes less than an eighth of it (so full, about four times that, fits with room to
     * spare and the two thresholds cannot flip-flop).
     */
    private void adaptResolution(long nanos, Frame f) {
        // The first conversions after a change run cold (interpreter, table set-up): judge only warm ones.
        if (++conversionsSinceChange <= WARM_UP_CONVERSIONS) {
            convertNanosAverage = 0;
            return;
        }
        convertNanosAverage = convertNanosAverage == 0 ? nanos : 0.9 * convertNanosAverage + 0.1 * nanos;
        long period = f.frameRate() == null ? 16_683_333L : f.frameRate().frameDurationNanos();
        if (step == 1 && convertNanosAverage > 0.7 * period) {
            step = 2;
            conversionsSinceChange = 0;
        } else if (step == 2 && convertNanosAverage < period / 8.0) {
            step = 1;
            conversionsSinceChange = 0;
        }
    }

    /** Any thread: the signal overlays painted on the pictures converted from now on. */
    public void setSignalOverlays(SignalOverlays o) {
        overlays = java.util.Objects.requireNonNull(o);
    }

    /** Any thread: where each converted picture's displayed codes go for the scopes ({@code null}: nowhere). */
    public void setScopeFeed(ScopeFeed feed) {
        scopeFeed = feed;
    }

    /** FX thread: the picture the last {@link #takeLatest} returned (null before the first). */
    public Picture shown() {
        return shown;
    }

    /** 1 at full resolution, 2 when the preview runs at half resolution to keep up. */
    public int previewStep() {
        return step;
    }

    private Frame described;
    private String description;

    private String describe(Frame f) {
        // Frames of one source share pool, rate and colorimetry: describe once, not per frame.
        if (described == null || described.width() != f.width() || described.height() != f.height()
                || !described.format().equals(f.format()) || !java.util.Objects.equals(described.frameRate(),
                f.frameRate()) || !described.colorimetry().equals(f.colorimetry())) {
            description = ShellFormat.describe(f);
        }
        described = f;
        return description;
    }

    private Picture freePicture(int w, int h) {
        if (w != width || h != height) {
            // New geometry: a fresh set of pictures; old ones are dropped as they come back.
            free.clear();
            width = w;
            height = h;
            for (int i = 0; i < PICTURES; i++) {
                free.offer(new Picture(w, h));
            }
        }
        try {
            return free.poll(50, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    private void recycle(Picture p) {
        if (p.width == width && p.height == height) {
            free.offer(p);
        }
    }

    /**
     * FX thread: the newest picture if one was published since the last call, else {@code null}. The returned
     * picture stays valid until the call after next (the renderer may still read the previous one meanwhile).
     */
    public Picture takeLatest() {
        Picture p = published.getAndSet(null);
        if (p == null) {
            return null;
        }
        p.buffer.updateBuffer(b -> null); // the whole picture changed
        if (retiring != null) {
            recycle(retiring);
        }
        retiring = shown;
        shown = p;
        return p;
    }

    @Override
    public void close() {
        running = false;
        synchronized (wake) {
            wake.notifyAll();
        }
        try {
            thread.join(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        clear();
    }
}
