package dev.xsight.shell;

import dev.xsight.render.ProgramCache;
import dev.xsight.viewer.Viewer;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.StringProperty;
import javafx.scene.image.Image;

/**
 * The second viewer of side-by-side mode: a second source (e.g. the HLS OTS feed next to the JPEG XS grade feed)
 * with its own picture, timecode and health line. It is a {@link dev.xsight.viewer.Viewer} like the main one:
 * colour-managed through its own pipeline, which follows its source's signal (the preset for the display the
 * source's transfer is made for), with programs from the shell's shared {@link ProgramCache}. It is started and
 * stopped as a whole: turning it off closes the source and the converter thread, so nothing of it runs in
 * single-viewer mode.
 *
 * <p>Threading: properties are read and written on the FX thread; sources are opened and closed on the
 * {@code xsight-second-source} thread; frames are rendered on {@value #CONVERTER_THREAD}; {@link #pulse} is called
 * on the FX thread by the shell's pulse.
 */
public final class SideBySide implements AutoCloseable {
    /** The name of the second viewer's converter thread (alive only while side by side is on). */
    public static final String CONVERTER_THREAD = "xsight-preview-second";
    private static final Viewer.Threads THREADS = new Viewer.Threads(CONVERTER_THREAD, "xsight-second-source");

    private final ReadOnlyBooleanWrapper active = new ReadOnlyBooleanWrapper(this, "active", false);
    private final ObjectProperty<SourceEntry> entry = new SimpleObjectProperty<>(this, "entry");
    private final FxViewer second;
    private java.util.function.Consumer<String> onError = s -> { };

    SideBySide(ProgramCache programs) {
        second = new FxViewer(THREADS, programs, "", s -> onError.accept(s), s -> { });
    }

    /**
     * Starts {@code next} next to the primary viewer (stopping a second source already playing). FX thread.
     *
     * @param onError where a message for the status line goes
     */
    public void start(SourceEntry next, java.util.function.Consumer<String> onError) {
        this.onError = onError;
        entry.set(next);
        active.set(true);
        second.sourceNameProperty().set(next.label());
        second.blank();
        second.open(next, null);
    }

    /** Stops the second source and its converter; the second viewer goes blank. FX thread. */
    public void stop() {
        active.set(false);
        second.blank();
        second.viewer().stop();
    }

    /** FX thread, once per pulse: shows the newest converted picture of the second source. */
    public void pulse(long nowNanos) {
        if (active.get()) {
            second.pulse(nowNanos);
        }
    }

    /** Whether a second source is open now (false once {@link #stop} has closed it). Any thread. */
    public boolean sourceOpen() {
        return second.viewer().isOpen();
    }

    /** Pictures the second viewer has shown since the shell started. Any thread. */
    public long framesShown() {
        return second.framesShown();
    }

    /** The second viewer's engine (its render parameters, its pictures). */
    public Viewer<?> viewer() {
        return second.viewer();
    }

    @Override
    public void close() {
        second.close();
    }

    public ReadOnlyBooleanProperty activeProperty() {
        return active.getReadOnlyProperty();
    }

    /** The second source chosen (kept when side by side is turned off, to come back to). */
    public ObjectProperty<SourceEntry> entryProperty() {
        return entry;
    }

    public StringProperty sourceNameProperty() {
        return second.sourceNameProperty();
    }

    public ObjectProperty<Image> pictureProperty() {
        return second.pictureProperty();
    }

    public StringProperty timecodeProperty() {
        return second.timecodeProperty();
    }

    public StringProperty formatProperty() {
        return second.formatProperty();
    }

    public StringProperty healthProperty() {
        return second.healthProperty();
    }

    /** Per-channel audio levels of the second source (none when it has no audio). */
    public ObjectProperty<dev.xsight.media.audio.AudioLevels> audioLevelsProperty() {
        return second.audioLevelsProperty();
    }

    public BooleanProperty healthOkProperty() {
        return second.healthOkProperty();
    }
}
