package dev.xsight.render;

import dev.xsight.media.Colorimetry;
import dev.xsight.media.Frame;
import dev.xsight.media.FrameRate;
import dev.xsight.media.PixelFormat;
import dev.xsight.media.Timecode;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.IntBuffer;
import java.util.Objects;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * Carries frames from a source thread to a screen without blocking either side and without allocating per frame;
 * the toolkit-free half of a preview (a UI adapter turns each {@link Picture}'s pixels into its own image type
 * through {@link Views}).
 *
 * <p>Source thread: {@link #offer} puts the newest frame in a one-frame slot, releasing a frame the converter has
 * not taken yet (a preview that cannot keep up shows the latest picture, never a backlog). Converter thread (named
 * by the owner, e.g. {@code xsight-preview}): renders the slot's frame with the current {@link RenderParams} into a
 * free {@link Picture}, offers the picture's analysis to the analysis sink (the scopes), releases the source frame
 * and publishes the picture. UI thread: {@link #takeLatest} swaps in the newest published picture. Four pictures
 * circulate: one shown, one the UI may still be uploading, one published and one being written.
 *
 * <p>Threading: {@link #offer} and {@link #clear} from the source thread; {@link #setParams}, {@link #setRenderer}
 * and {@link #setAnalysisSink} from any thread; {@link #takeLatest} and {@link #shown} from one UI thread;
 * {@link #close} from any thread but the converter.
 *
 * @param <V> the UI's image of a picture (made once per picture, not per frame)
 */
public final class PreviewLoop<V> implements AutoCloseable {
    private static final int PICTURES = 4;
    private static final int WARM_UP_CONVERSIONS = 30;

    /** Makes the UI's image over a picture's pixels. Called on the converter thread when pictures are made. */
    @FunctionalInterface
    public interface Views<V> {
        /** An image showing {@code pixels} (opaque ARGB, {@code width x height}, top line first). */
        V create(IntBuffer pixels, int width, int height);
    }

    private final AtomicReference<Frame> slot = new AtomicReference<>();
    private final AtomicReference<Picture<V>> published = new AtomicReference<>();
    private final ArrayBlockingQueue<Picture<V>> free = new ArrayBlockingQueue<>(PICTURES);
    private final Views<V> views;
    private volatile PictureRenderer requestedRenderer;
    private volatile RenderParams params;
    private volatile Consumer<PictureAnalysis> analysisSink;
    private PictureRenderer renderer;
    private final Object wake = new Object();
    private final Thread thread;
    private volatile boolean running = true;
    // Written by the converter thread, read by the UI thread when it hands pictures back.
    private volatile int width;
    private volatile int height;
    private volatile int step = 1;
    private double convertNanosAverage;
    private int conversionsSinceChange;
    private Picture<V> shown;
    private Picture<V> retiring;
    // What the last description was made from (values, not the frame: a pooled frame comes back changed).
    private int describedWidth;
    private int describedHeight;
    private PixelFormat describedFormat;
    private FrameRate describedRate;
    private Colorimetry describedColorimetry;
    private String description;

    /** One converted picture and the metadata of the frame it came from. Written by the converter only while free. */
    public static final class Picture<V> {
        private final int width;
        private final int height;
        private final IntBuffer pixels;
        private final V view;
        private final PictureAnalysis analysis = new PictureAnalysis();
        private Timecode timecode;
        private FrameRate frameRate;
        private String format;
        private long sequence;

        Picture(int width, int height, Views<V> views) {
            this.width = width;
            this.height = height;
            this.pixels = ByteBuffer.allocateDirect(width * height * 4).order(ByteOrder.nativeOrder()).asIntBuffer();
            this.view = views.create(pixels, width, height);
        }

        /** The UI's image of this picture. */
        public V view() {
            return view;
        }

        public int width() {
            return width;
        }

        public int height() {
            return height;
        }

        /** The opaque ARGB pixels, top line first. */
        public IntBuffer pixels() {
            return pixels;
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

    /**
     * Starts the converter thread {@code threadName}.
     *
     * @param renderer what renders the pictures (closed on the converter thread when replaced or at the end)
     * @param params the render parameters of the first frames
     */
    public PreviewLoop(String threadName, PictureRenderer renderer, RenderParams params, Views<V> views) {
        this.requestedRenderer = Objects.requireNonNull(renderer);
        this.params = Objects.requireNonNull(params);
        this.views = Objects.requireNonNull(views);
        thread = Thread.ofPlatform().name(threadName).daemon(true).start(this::convertLoop);
    }

    /** Source thread: hands over a frame (ownership passes to the loop). */
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
                convert(f);
            } catch (RuntimeException e) {
                System.getLogger("dev.xsight.render").log(System.Logger.Level.WARNING, "preview conversion failed", e);
            } finally {
                f.release();
            }
        }
        if (renderer != null) {
            renderer.close();
        }
    }

    private void convert(Frame f) {
        PictureRenderer r = currentRenderer();
        RenderParams p = params;
        Picture<V> pic = freePicture(r.width(f, step, p), r.height(f, step, p));
        if (pic == null) {
            return; // the screen is not taking pictures: drop this frame
        }
        long t0 = System.nanoTime();
        r.render(f, pic.pixels, pic.width, pic.height, step, pic.analysis, p);
        adaptResolution(System.nanoTime() - t0, f);
        Consumer<PictureAnalysis> sink = analysisSink;
        if (sink != null && pic.analysis.valid()) {
            sink.accept(pic.analysis);
        }
        pic.timecode = f.timecode();
        pic.frameRate = f.frameRate();
        pic.sequence = f.sequence();
        pic.format = describe(f);
        Picture<V> old = published.getAndSet(pic);
        if (old != null) {
            recycle(old);
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

    /** Any thread: the renderer to use from the next frame on; the previous one is closed on the converter thread. */
    public void setRenderer(PictureRenderer r) {
        requestedRenderer = Objects.requireNonNull(r);
    }

    /** Any thread: the render parameters of the frames converted from now on. */
    public void setParams(RenderParams p) {
        params = Objects.requireNonNull(p);
    }

    /** The render parameters in use. Any thread. */
    public RenderParams params() {
        return params;
    }

    /**
     * Any thread: where each converted picture's analysis goes (the scopes), on the converter thread before the
     * picture is published; {@code null}: nowhere.
     */
    public void setAnalysisSink(Consumer<PictureAnalysis> sink) {
        analysisSink = sink;
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

    /** UI thread: the picture the last {@link #takeLatest} returned (null before the first). */
    public Picture<V> shown() {
        return shown;
    }

    /** 1 at full resolution, 2 when the preview runs at half resolution to keep up. */
    public int previewStep() {
        return step;
    }

    /**
     * The frame's format line, made again only when its geometry, format, rate or colorimetry differ from the last
     * described frame's (frames of one source share them: describe once, not per frame). The last description's
     * values are kept, not the frame, which goes back to its pool and may return with other values.
     */
    private String describe(Frame f) {
        if (description == null || describedWidth != f.width() || describedHeight != f.height()
                || !f.format().equals(describedFormat) || !Objects.equals(describedRate, f.frameRate())
                || !f.colorimetry().equals(describedColorimetry)) {
            describedWidth = f.width();
            describedHeight = f.height();
            describedFormat = f.format();
            describedRate = f.frameRate();
            describedColorimetry = f.colorimetry();
            description = describeFormat(f);
        }
        return description;
    }

    /** E.g. {@code 1920x1080p59.94 4:2:2 10-bit BT.709 narrow}: the status bar's wording for a frame. */
    public static String describeFormat(Frame f) {
        String rate = f.frameRate() == null ? "" : "p" + f.frameRate().label();
        return f.width() + "x" + f.height() + rate + " " + f.format().describe() + " " + f.colorimetry().describe();
    }

    private Picture<V> freePicture(int w, int h) {
        if (w != width || h != height) {
            // New geometry: a fresh set of pictures; old ones are dropped as they come back.
            free.clear();
            width = w;
            height = h;
            for (int i = 0; i < PICTURES; i++) {
                free.offer(new Picture<>(w, h, views));
            }
        }
        try {
            return free.poll(50, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    private void recycle(Picture<V> p) {
        if (p.width == width && p.height == height) {
            free.offer(p);
        }
    }

    /**
     * UI thread: the newest picture if one was published since the last call, else {@code null}. The returned
     * picture stays valid until the call after next (the UI may still read the previous one meanwhile).
     */
    public Picture<V> takeLatest() {
        Picture<V> p = published.getAndSet(null);
        if (p == null) {
            return null;
        }
        if (retiring != null) {
            recycle(retiring);
        }
        retiring = shown;
        shown = p;
        return p;
    }

    /** True while the converter thread runs. */
    public boolean running() {
        return thread.isAlive();
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
