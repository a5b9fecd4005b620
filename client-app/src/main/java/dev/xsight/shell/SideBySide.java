package dev.xsight.shell;

import dev.xsight.media.Frame;
import dev.xsight.media.FrameSource;
import dev.xsight.media.SourceHealth;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import javafx.application.Platform;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.scene.image.Image;

/**
 * The second viewer of side-by-side mode: a second source (e.g. the HLS OTS feed next to the JPEG XS grade feed)
 * with its own picture, timecode and health line. It uses the plain CPU preview path (its own
 * {@link PreviewPipeline}, which keeps only the newest frame and drops the rest) and is started and stopped as a
 * whole: turning it off closes the source and the converter thread, so nothing of it runs in single-viewer mode.
 *
 * <p>Threading: properties are read and written on the FX thread; sources are opened and closed on the
 * {@code xsight-second-source} thread; {@link #pulse} is called on the FX thread by the shell's pulse.
 */
public final class SideBySide implements AutoCloseable {
    /** The name of the second viewer's converter thread (alive only while side by side is on). */
    public static final String CONVERTER_THREAD = "xsight-preview-second";

    private final ReadOnlyBooleanWrapper active = new ReadOnlyBooleanWrapper(this, "active", false);
    private final ObjectProperty<SourceEntry> entry = new SimpleObjectProperty<>(this, "entry");
    private final StringProperty sourceName = new SimpleStringProperty(this, "sourceName", "");
    private final ObjectProperty<Image> picture = new SimpleObjectProperty<>(this, "picture");
    private final StringProperty timecode = new SimpleStringProperty(this, "timecode", ShellViewModel.NO_TIMECODE);
    private final StringProperty format = new SimpleStringProperty(this, "format", "no signal");
    private final StringProperty health = new SimpleStringProperty(this, "health", "");
    private final BooleanProperty healthOk = new SimpleBooleanProperty(this, "healthOk", true);
    private final ObjectProperty<dev.xsight.media.audio.AudioLevels> audioLevels =
            new SimpleObjectProperty<>(this, "audioLevels", dev.xsight.media.audio.AudioLevels.NONE);
    private final ExecutorService control = Executors.newSingleThreadExecutor(
            r -> Thread.ofPlatform().name("xsight-second-source").daemon(true).unstarted(r));
    // Owned by the control thread; read by the FX thread for health and pictures.
    private volatile FrameSource source;
    private volatile PreviewPipeline pipeline;
    private volatile long framesShown;
    private long lastHealthUpdate;

    /**
     * Starts {@code second} next to the primary viewer (stopping a second source already playing). FX thread.
     *
     * @param onError where a message for the status line goes
     */
    public void start(SourceEntry second, java.util.function.Consumer<String> onError) {
        entry.set(second);
        active.set(true);
        sourceName.set(second.label());
        timecode.set(ShellViewModel.NO_TIMECODE);
        picture.set(null);
        control.execute(() -> {
            stopSource();
            PreviewPipeline p = new PreviewPipeline(CONVERTER_THREAD);
            try {
                FrameSource s = second.provider().open(null);
                pipeline = p;
                s.start(new FrameSource.FrameListener() {
                    @Override
                    public void onFrame(Frame frame) {
                        p.offer(frame); // the pipeline keeps the newest frame and releases any it replaces
                    }

                    @Override
                    public void onError(dev.xsight.media.SourceException error) {
                        Platform.runLater(() -> onError.accept(s.name() + ": " + error.describe()));
                    }
                });
                source = s;
                Platform.runLater(() -> sourceName.set(s.name()));
            } catch (Exception e) {
                p.close();
                pipeline = null;
                Platform.runLater(() -> onError.accept("Cannot open " + second.label() + ": " + e.getMessage()));
            }
        });
    }

    /** Stops the second source and its converter; the second viewer goes blank. FX thread. */
    public void stop() {
        active.set(false);
        picture.set(null);
        timecode.set(ShellViewModel.NO_TIMECODE);
        health.set("");
        audioLevels.set(dev.xsight.media.audio.AudioLevels.NONE);
        if (!control.isShutdown()) {
            control.execute(this::stopSource);
        }
    }

    /** Control thread: closes the source first (no more frames), then the pipeline (releases what it holds). */
    private void stopSource() {
        FrameSource s = source;
        source = null;
        if (s != null) {
            s.close();
        }
        PreviewPipeline p = pipeline;
        pipeline = null;
        if (p != null) {
            p.close();
        }
    }

    /** FX thread, once per pulse: shows the newest converted picture of the second source. */
    public void pulse(long nowNanos) {
        PreviewPipeline p = pipeline;
        if (!active.get() || p == null) {
            return;
        }
        PreviewPipeline.Picture pic = p.takeLatest();
        if (pic != null) {
            picture.set(pic.image());
            timecode.set(pic.timecode() == null ? ShellViewModel.NO_TIMECODE : pic.timecode().toString());
            if (!pic.format().equals(format.get())) {
                format.set(pic.format());
            }
            framesShown++;
        }
        if (nowNanos - lastHealthUpdate >= 250_000_000L) {
            lastHealthUpdate = nowNanos;
            FrameSource s = source;
            if (s != null) {
                SourceHealth h = s.health();
                health.set(h.summary());
                healthOk.set(h.ok());
            }
            audioLevels.set(s == null ? dev.xsight.media.audio.AudioLevels.NONE : ShellViewModel.levelsOf(s));
        }
    }

    /** Whether a second source is open now (false once {@link #stop} has closed it). Any thread. */
    public boolean sourceOpen() {
        return source != null || pipeline != null;
    }

    /** Pictures the second viewer has shown since the shell started. Any thread. */
    public long framesShown() {
        return framesShown;
    }

    @Override
    public void close() {
        if (control.isShutdown()) {
            return;
        }
        control.execute(this::stopSource);
        control.shutdown();
        try {
            control.awaitTermination(3, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    public ReadOnlyBooleanProperty activeProperty() {
        return active.getReadOnlyProperty();
    }

    /** The second source chosen (kept when side by side is turned off, to come back to). */
    public ObjectProperty<SourceEntry> entryProperty() {
        return entry;
    }

    public StringProperty sourceNameProperty() {
        return sourceName;
    }

    public ObjectProperty<Image> pictureProperty() {
        return picture;
    }

    public StringProperty timecodeProperty() {
        return timecode;
    }

    public StringProperty formatProperty() {
        return format;
    }

    public StringProperty healthProperty() {
        return health;
    }

    /** Per-channel audio levels of the second source (none when it has no audio). */
    public ObjectProperty<dev.xsight.media.audio.AudioLevels> audioLevelsProperty() {
        return audioLevels;
    }

    public BooleanProperty healthOkProperty() {
        return healthOk;
    }
}
