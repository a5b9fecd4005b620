package dev.xsight.shell.monitoring;

import dev.xsight.image.DisplayImage;
import dev.xsight.render.PictureAnalysis;
import dev.xsight.scope.ScopeCounts;
import dev.xsight.scope.ScopeImages;
import dev.xsight.scope.ScopeWorker;
import dev.xsight.scope.Scopes;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.IntBuffer;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import javafx.scene.image.PixelBuffer;
import javafx.scene.image.PixelFormat;
import javafx.scene.image.WritableImage;

/**
 * Feeds the displayed pictures to the scopes and brings the drawn scopes to the screen, without ever holding up
 * playback: the preview converter thread {@link #offer}s each picture's clean 10-bit codes; when the previous
 * picture is still being analysed or drawn, the new one is skipped. Otherwise the codes are copied into the feed's
 * own buffer, a {@link ScopeWorker} ({@code xsight-scopes}) accumulates them into {@link Scopes}, draws the four
 * scopes as ARGB into staging arrays and hands them to the FX thread, which copies them into four reused
 * {@link WritableImage}s. The feed is busy from the copy until the FX thread has taken the result.
 *
 * <p>Threading: {@link #offer} on the converter thread; {@link #setEnabled} from any thread; images, counts and
 * {@link #close} on the FX thread.
 */
public final class ScopeFeed implements AutoCloseable {
    /** The scopes the panel can show. */
    public enum Kind { WAVEFORM, PARADE, VECTORSCOPE, HISTOGRAM }

    /** Where the scopes are counted. */
    public enum Compute {
        /** GL 4.3 compute shaders on a hardware renderer, else the CPU (faster on a software renderer). */
        AUTO,
        /** GL 4.3 compute shaders even on a software renderer; the CPU only without them. */
        GPU,
        /** The CPU. */
        CPU;

        /**
         * {@code auto}, {@code true} (or {@code gpu}) or {@code false} (or {@code cpu}), the values of the
         * {@code xsight.scopes.gpu} property.
         *
         * @throws IllegalArgumentException for anything else
         */
        public static Compute parse(String v) {
            return switch (v.strip().toLowerCase(java.util.Locale.ROOT)) {
                case "auto" -> AUTO;
                case "true", "gpu" -> GPU;
                case "false", "cpu" -> CPU;
                default -> throw new IllegalArgumentException("xsight.scopes.gpu must be auto, true or false, got '"
                        + v + "'");
            };
        }
    }

    /** Waveform columns (the picture width is binned onto them). */
    static final int COLUMNS = 384;
    /** Rows of the waveform and parade images (code 1023 at the top row, 0 at the bottom). */
    static final int TRACE_HEIGHT = 256;
    static final int VECTOR = 256;
    static final int HISTOGRAM_WIDTH = 512;
    static final int HISTOGRAM_HEIGHT = 200;
    /** 10-bit narrow-range black and white (ITU-R BT.709-6 item 6.10), drawn as extra graticule lines. */
    static final int NARROW_BLACK = 64, NARROW_WHITE = 940;

    private final AtomicBoolean busy = new AtomicBoolean();
    private final Consumer<Runnable> fx;
    private volatile Compute compute;
    private volatile boolean enabled;
    private volatile boolean closed;
    private DisplayImage copy;
    private volatile ScopeWorker worker;
    private boolean workerBt2020;
    private final int[][] staging = new int[4][];
    private final int[] stagingLevels = new int[Scopes.LEVELS];
    private final IntBuffer[] pixels = new IntBuffer[4];
    private final PixelBuffer<IntBuffer>[] buffers;
    private final WritableImage[] images = new WritableImage[4];
    private final int[] levels = new int[Scopes.LEVELS];
    private volatile long offered;
    private volatile long skipped;
    private long published;
    private volatile long lastComputeNanos;
    private long submittedAt;
    private Runnable onPublished = () -> { };

    /**
     * @param fx runs a task on the FX thread ({@code Platform::runLater})
     * @param compute where the scopes are counted
     */
    @SuppressWarnings("unchecked")
    public ScopeFeed(Consumer<Runnable> fx, Compute compute) {
        this.fx = fx;
        this.compute = compute;
        int[][] sizes = {{COLUMNS, TRACE_HEIGHT}, {3 * COLUMNS, TRACE_HEIGHT}, {VECTOR, VECTOR},
            {HISTOGRAM_WIDTH, HISTOGRAM_HEIGHT}};
        buffers = new PixelBuffer[4];
        for (int k = 0; k < 4; k++) {
            int w = sizes[k][0], h = sizes[k][1];
            staging[k] = new int[w * h];
            pixels[k] = ByteBuffer.allocateDirect(w * h * 4).order(ByteOrder.nativeOrder()).asIntBuffer();
            buffers[k] = new PixelBuffer<>(w, h, pixels[k], PixelFormat.getIntArgbPreInstance());
            images[k] = new WritableImage(buffers[k]);
        }
    }

    /** Any thread: scopes are only computed while enabled (the panel is shown). */
    public void setEnabled(boolean on) {
        enabled = on;
    }

    /** FX thread: called after each new set of scope images is on screen (for the panel's read-outs). */
    void setOnPublished(Runnable r) {
        onPublished = r;
    }

    /**
     * Converter thread: analyses {@code a}'s displayed codes unless the feed is disabled or still busy with an
     * earlier picture. Never blocks. Returns whether the picture was taken.
     */
    public boolean offer(PictureAnalysis a) {
        if (!enabled || closed) {
            return false;
        }
        offered++;
        if (!busy.compareAndSet(false, true)) {
            skipped++;
            return false;
        }
        DisplayImage src = a.codes();
        if (copy == null || copy.width() != src.width() || copy.height() != src.height()) {
            copy = new DisplayImage(src.width(), src.height());
        }
        System.arraycopy(src.codes(), 0, copy.codes(), 0, copy.codes().length);
        ScopeWorker w = worker;
        if (w == null || workerBt2020 != a.displayBt2020()) {
            if (w != null) {
                w.close();
            }
            workerBt2020 = a.displayBt2020();
            boolean bt2020 = workerBt2020;
            Compute c = compute;
            w = new ScopeWorker(() -> accumulator(bt2020, c), this::draw);
            worker = w;
        }
        submittedAt = System.nanoTime();
        if (!w.submit(copy)) {
            busy.set(false);
            return false;
        }
        return true;
    }

    /** Scope worker thread: the GL 4.3 compute shaders unless {@code compute} is the CPU, else the CPU. */
    private static ScopeWorker.Accumulator accumulator(boolean bt2020, Compute compute) {
        if (compute != Compute.CPU) {
            try {
                return dev.xsight.scope.GlScopes.onOwnContext(COLUMNS, VECTOR, bt2020, compute == Compute.GPU);
            } catch (dev.xsight.gl.GlUnavailableException | LinkageError e) {
                System.getLogger("dev.xsight.shell").log(System.Logger.Level.DEBUG, "scopes on the CPU: {0}",
                        e.getMessage());
            }
        }
        return ScopeWorker.cpu(new Scopes(COLUMNS, VECTOR, bt2020));
    }

    /**
     * FX thread, while the feed is disabled: closes the worker so the next picture makes a new one that counts where
     * {@code c} says.
     */
    void restartWorker(Compute c) {
        if (enabled) {
            throw new IllegalStateException("disable the scopes before restarting their worker");
        }
        compute = c;
        ScopeWorker w = worker;
        worker = null;
        if (w != null) {
            w.close();
        }
    }

    /** What counts the scopes: {@code CPU}, {@code GL compute (renderer)}, or {@code not started}. */
    public String backend() {
        ScopeWorker w = worker;
        return w == null ? "not started" : w.backend();
    }

    /** Scope worker: the accumulation is done; draw it and hand it to the FX thread. */
    private void draw(ScopeCounts s) {
        lastComputeNanos = System.nanoTime() - submittedAt;
        try {
            drawInto(s);
        } catch (RuntimeException | Error e) {
            busy.set(false); // a failed drawing must not stop the scopes for good
            System.getLogger("dev.xsight.shell").log(System.Logger.Level.WARNING, "scope drawing failed", e);
            return;
        }
        fx.accept(this::publish);
    }

    private void drawInto(ScopeCounts s) {
        argb(ScopeImages.waveform(s, TRACE_HEIGHT), staging[0]);
        narrowRangeLines(staging[0], COLUMNS);
        argb(ScopeImages.parade(s, TRACE_HEIGHT), staging[1]);
        narrowRangeLines(staging[1], 3 * COLUMNS);
        argb(ScopeImages.vectorscope(s), staging[2]);
        histogram(s, staging[3]);
        for (int l = 0; l < Scopes.LEVELS; l++) {
            int n = 0;
            for (int c = 0; c < s.columns(); c++) {
                n += s.waveform(c, l);
            }
            stagingLevels[l] = n;
        }
    }

    /** FX thread: the new images go on screen; the feed is free again. */
    private void publish() {
        if (closed) {
            return;
        }
        for (int k = 0; k < 4; k++) {
            pixels[k].put(0, staging[k]);
            buffers[k].updateBuffer(b -> null);
        }
        System.arraycopy(stagingLevels, 0, levels, 0, levels.length);
        published++;
        busy.set(false);
        onPublished.run();
    }

    private static void argb(DisplayImage d, int[] out) {
        int[] c = d.codes();
        for (int i = 0, n = d.width() * d.height(); i < n; i++) {
            out[i] = 0xFF000000 | (c[3 * i] >> 2) << 16 | (c[3 * i + 1] >> 2) << 8 | c[3 * i + 2] >> 2;
        }
    }

    /** The row of a waveform or parade image where 10-bit {@code code} lies (ScopeImages' mapping). */
    static int traceRow(int code) {
        return TRACE_HEIGHT - 1 - code * (TRACE_HEIGHT - 1) / (Scopes.LEVELS - 1);
    }

    private static void narrowRangeLines(int[] img, int width) {
        for (int code : new int[] {NARROW_BLACK, NARROW_WHITE}) {
            int row = traceRow(code) * width;
            for (int x = 0; x < width; x += 3) {
                if ((img[row + x] & 0xFFFFFF) == 0) {
                    img[row + x] = 0xFFB07830;
                }
            }
        }
    }

    /**
     * R, G, B and luma histograms over each other, 2 codes per column, log-scaled counts: each channel a dim fill
     * with a bright top edge so that overlapping channels stay readable.
     */
    private static void histogram(ScopeCounts s, int[] out) {
        java.util.Arrays.fill(out, 0xFF000000);
        int w = HISTOGRAM_WIDTH, h = HISTOGRAM_HEIGHT, per = Scopes.LEVELS / w;
        int max = 1;
        for (int ch = 0; ch < 4; ch++) {
            for (int x = 0; x < w; x++) {
                max = Math.max(max, bin(s, ch, x, per));
            }
        }
        double norm = Math.log1p(max);
        int[] edge = {0xFF4040, 0x40FF40, 0x5070FF, 0xE0E0E0};
        for (int ch = 0; ch < 4; ch++) {
            for (int x = 0; x < w; x++) {
                int n = bin(s, ch, x, per);
                int bar = n == 0 ? 0 : (int) Math.max(1, Math.round((h - 1) * Math.log1p(n) / norm));
                for (int y = h - bar; y < h; y++) {
                    int add = y <= h - bar + 1 ? edge[ch] : (edge[ch] >> 4) & 0x0F0F0F;
                    int p = out[y * w + x];
                    out[y * w + x] = 0xFF000000 | Math.min(0xFF0000, (p & 0xFF0000) + (add & 0xFF0000))
                            | Math.min(0xFF00, (p & 0xFF00) + (add & 0xFF00)) | Math.min(0xFF, (p & 0xFF) + (add & 0xFF));
                }
            }
        }
    }

    private static int bin(ScopeCounts s, int ch, int x, int per) {
        int n = 0;
        for (int k = 0; k < per; k++) {
            n += s.histogram(ch, x * per + k);
        }
        return n;
    }

    /** FX thread: the image of scope {@code k} (updated in place). */
    public WritableImage image(Kind k) {
        return images[k.ordinal()];
    }

    /**
     * FX thread: pixels of the last analysed picture per displayed luma code (the waveform's row sums), 1024
     * entries; all zero before the first.
     */
    public int lumaCount(int code) {
        return levels[code];
    }

    /** FX thread: scope sets put on screen so far. */
    public long published() {
        return published;
    }

    /** Pictures offered while enabled, and those skipped because the feed was busy. */
    public long offered() {
        return offered;
    }

    public long skipped() {
        return skipped;
    }

    /** Time from handing the last picture to the worker until its accumulation was done (ns). */
    public long lastComputeNanos() {
        return lastComputeNanos;
    }

    /** The feed's own copy of the codes (for tests of reuse); null before the first picture. */
    DisplayImage copyBuffer() {
        return copy;
    }

    @Override
    public void close() {
        closed = true;
        enabled = false;
        if (worker != null) {
            worker.close();
        }
    }
}
