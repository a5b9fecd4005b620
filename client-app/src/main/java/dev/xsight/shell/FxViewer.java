package dev.xsight.shell;

import dev.xsight.media.FrameSource;
import dev.xsight.media.SourceException;
import dev.xsight.media.SourceHealth;
import dev.xsight.media.Timecode;
import dev.xsight.render.PreviewLoop;
import dev.xsight.render.ProgramCache;
import dev.xsight.viewer.Viewer;
import java.nio.IntBuffer;
import java.util.function.Consumer;
import javafx.application.Platform;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.scene.image.Image;
import javafx.scene.image.PixelBuffer;
import javafx.scene.image.PixelFormat;
import javafx.scene.image.WritableImage;

/**
 * The JavaFX side of one {@link Viewer}: the picture as a {@link WritableImage} over the preview picture's own
 * pixels (no copy), and the timecode, format, health and audio levels as properties, refreshed by {@link #pulse}.
 * The main window's view-model and the side-by-side viewer each hold one.
 *
 * <p>Threading: properties are read and written on the FX thread; {@link #pulse} is called by the shell's
 * {@code AnimationTimer}; the viewer's callbacks are posted to the FX thread.
 */
final class FxViewer implements AutoCloseable {
    /** How often the health line and the audio levels are refreshed. */
    private static final long HEALTH_EVERY_NANOS = 250_000_000L;

    /** A preview picture's JavaFX image: a {@link WritableImage} over a {@link PixelBuffer} of its pixels. */
    record FxPicture(PixelBuffer<IntBuffer> buffer, WritableImage image) {
        static FxPicture over(IntBuffer pixels, int width, int height) {
            PixelBuffer<IntBuffer> b = new PixelBuffer<>(width, height, pixels, PixelFormat.getIntArgbPreInstance());
            return new FxPicture(b, new WritableImage(b));
        }
    }

    private final Viewer<FxPicture> viewer;
    private final StringProperty sourceName;
    private final ObjectProperty<Image> picture = new SimpleObjectProperty<>(this, "picture");
    private final StringProperty timecode = new SimpleStringProperty(this, "timecode", ShellViewModel.NO_TIMECODE);
    private final ObjectProperty<Timecode> frameTimecode = new SimpleObjectProperty<>(this, "frameTimecode");
    private final StringProperty format = new SimpleStringProperty(this, "format", "no signal");
    private final StringProperty health = new SimpleStringProperty(this, "health", "");
    private final BooleanProperty healthOk = new SimpleBooleanProperty(this, "healthOk", true);
    private final ObjectProperty<dev.xsight.media.audio.AudioLevels> audioLevels =
            new SimpleObjectProperty<>(this, "audioLevels", dev.xsight.media.audio.AudioLevels.NONE);
    private volatile long framesShown;
    private long lastHealthUpdate;

    /**
     * @param status where messages for the status line go (FX thread)
     * @param opened what else happens when a source is open (FX thread)
     */
    FxViewer(Viewer.Threads threads, ProgramCache programs, String initialName, Consumer<String> status,
            Consumer<FrameSource> opened) {
        sourceName = new SimpleStringProperty(this, "sourceName", initialName);
        viewer = new Viewer<>(threads, programs, FxPicture::over, new Viewer.Listener() {
            @Override
            public void opened(FrameSource s) {
                Platform.runLater(() -> {
                    sourceName.set(s.name());
                    opened.accept(s);
                });
            }

            @Override
            public void openFailed(String what, Exception error) {
                Platform.runLater(() -> status.accept("Cannot open " + what + ": " + error.getMessage()));
            }

            @Override
            public void sourceError(FrameSource s, SourceException error) {
                Platform.runLater(() -> status.accept(s.name() + ": " + error.describe()));
            }
        });
    }

    /** The engine behind this view. */
    Viewer<FxPicture> viewer() {
        return viewer;
    }

    /** Opens {@code entry} at {@code location} (null when it needs none). FX thread. */
    void open(SourceEntry entry, String location) {
        viewer.open(entry.provider(), location, entry.label());
    }

    /** Shows nothing (no picture, no timecode, no health) until the next picture. FX thread. */
    void blank() {
        picture.set(null);
        timecode.set(ShellViewModel.NO_TIMECODE);
        health.set("");
        audioLevels.set(dev.xsight.media.audio.AudioLevels.NONE);
    }

    /**
     * FX thread, once per pulse: shows the newest converted picture; the health line and the audio levels every
     * {@value #HEALTH_EVERY_NANOS} ns.
     *
     * @return whether a new picture was shown
     */
    boolean pulse(long nowNanos) {
        PreviewLoop.Picture<FxPicture> p = viewer.takeLatest();
        if (p != null) {
            p.view().buffer().updateBuffer(b -> null); // the whole picture changed
            picture.set(p.view().image());
            timecode.set(p.timecode() == null ? ShellViewModel.NO_TIMECODE : p.timecode().toString());
            frameTimecode.set(p.timecode());
            if (!p.format().equals(format.get())) {
                format.set(p.format());
            }
            framesShown++;
        }
        if (nowNanos - lastHealthUpdate >= HEALTH_EVERY_NANOS) {
            lastHealthUpdate = nowNanos;
            FrameSource s = viewer.source();
            SourceHealth h = s == null ? null : s.health();
            if (h != null) {
                health.set(h.summary());
                healthOk.set(h.ok());
            }
            audioLevels.set(ShellViewModel.levelsOf(s));
        }
        return p != null;
    }

    /** Pictures shown since start. Any thread. */
    long framesShown() {
        return framesShown;
    }

    @Override
    public void close() {
        viewer.close();
    }

    StringProperty sourceNameProperty() {
        return sourceName;
    }

    ObjectProperty<Image> pictureProperty() {
        return picture;
    }

    StringProperty timecodeProperty() {
        return timecode;
    }

    ObjectProperty<Timecode> frameTimecodeProperty() {
        return frameTimecode;
    }

    StringProperty formatProperty() {
        return format;
    }

    StringProperty healthProperty() {
        return health;
    }

    BooleanProperty healthOkProperty() {
        return healthOk;
    }

    ObjectProperty<dev.xsight.media.audio.AudioLevels> audioLevelsProperty() {
        return audioLevels;
    }
}
