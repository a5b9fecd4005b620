package dev.xsight.shell;

import dev.xsight.input.Action;
import dev.xsight.input.Keymap;
import dev.xsight.media.FrameSource;
import dev.xsight.media.SourceProvider;
import dev.xsight.render.ProgramCache;
import dev.xsight.viewer.Viewer;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import javafx.application.Platform;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.scene.image.Image;

/**
 * The state of the main window and what the person's actions do to it. Views bind to these properties and call
 * {@link #perform}; nothing here blocks: the main {@link dev.xsight.viewer.Viewer} opens and closes sources on the
 * {@code xsight-source-control} thread and renders on {@code xsight-preview}, and results come back with
 * {@link Platform#runLater}. The side-by-side viewer is a second viewer of the same kind ({@link SideBySide}); both
 * take their compiled pipelines from one {@link ProgramCache}.
 *
 * <p>Threading: properties are read and written on the FX thread only; {@link #pulse} is called by the view's
 * {@code AnimationTimer}.
 */
public final class ShellViewModel implements AutoCloseable {
    /** Shown when no frame has arrived yet. */
    public static final String NO_TIMECODE = "--:--:--:--";

    private final Keymap keymap;
    private final ObservableList<SourceEntry> sources = FXCollections.observableArrayList();
    private final ObjectProperty<SourceEntry> selected = new SimpleObjectProperty<>(this, "selected");
    private final StringProperty fps = new SimpleStringProperty(this, "fps", "–");
    private final StringProperty status = new SimpleStringProperty(this, "status", "Select a source");
    private final BooleanProperty frozen = new SimpleBooleanProperty(this, "frozen", false);
    private final BooleanProperty helpVisible = new SimpleBooleanProperty(this, "helpVisible", false);
    private final BooleanProperty referenceVisible = new SimpleBooleanProperty(this, "referenceVisible", false);
    private final BooleanProperty fullScreen = new SimpleBooleanProperty(this, "fullScreen", false);
    private final BooleanProperty lutEnabled = new SimpleBooleanProperty(this, "lutEnabled", false);
    private final BooleanProperty quitRequested = new SimpleBooleanProperty(this, "quitRequested", false);
    private final StringProperty markIn = new SimpleStringProperty(this, "markIn", "");
    private final StringProperty markOut = new SimpleStringProperty(this, "markOut", "");
    private final ObservableList<String> markers = FXCollections.observableArrayList();

    private final Map<Action, Runnable> handlers = new EnumMap<>(Action.class);
    private final ProgramCache programs = new ProgramCache();
    private final FxViewer main = new FxViewer(Viewer.Threads.MAIN, programs, "No source", status::set,
            s -> status.set("Playing " + s.name()));
    private final StringProperty referenceDetail = new SimpleStringProperty(this, "referenceDetail", "");
    private Function<SourceEntry, Optional<String>> locationPrompt = e -> Optional.empty();
    private final SideBySide sideBySide = new SideBySide(programs);
    private String secondKind = "ots-demo";

    private long shownFrames;
    private long fpsWindowStart;

    public ShellViewModel(SourceRegistry registry, Keymap keymap) {
        this.keymap = keymap;
        sources.setAll(registry.entries());
        frozen.addListener((o, was, is) -> main.viewer().setFrozen(is));
    }

    // ---- sources ----

    /** The view's way to ask for a file or URL when a provider needs one. */
    public void setLocationPrompt(Function<SourceEntry, Optional<String>> prompt) {
        this.locationPrompt = prompt;
    }

    /** Selects and opens {@code entry} (asking for a location when it needs one). FX thread. */
    public void select(SourceEntry entry) {
        if (entry == null) {
            return;
        }
        if (!entry.available()) {
            status.set(entry.unavailableReason());
            return;
        }
        String location = null;
        if (entry.provider().input() != SourceProvider.Input.NONE) {
            Optional<String> loc = locationPrompt.apply(entry);
            if (loc.isEmpty()) {
                return;
            }
            location = loc.get();
        }
        selected.set(entry);
        open(entry, location);
    }

    /** Selects the first available source of {@code kind}; false when there is none. FX thread. */
    public boolean selectKind(String kind) {
        for (SourceEntry e : sources) {
            if (e.kind().equals(kind) && e.available()) {
                select(e);
                return true;
            }
        }
        return false;
    }

    /**
     * Puts {@code entry} in the source list in place of the entry of its kind, or at the end (the NMOS route's
     * "routed from" line); the selection follows a replaced entry. FX thread.
     */
    public void putSource(SourceEntry entry) {
        for (int i = 0; i < sources.size(); i++) {
            SourceEntry e = sources.get(i);
            if (e.kind().equals(entry.kind())) {
                sources.set(i, entry);
                if (selected.get() == e) {
                    selected.set(entry);
                }
                return;
            }
        }
        sources.add(entry);
    }

    /** Takes the entry of {@code kind} off the source list (nothing when there is none). FX thread. */
    public void removeSource(String kind) {
        sources.removeIf(e -> e.kind().equals(kind));
    }

    /** Stops the main viewer's source: no picture, "no signal", {@code message} on the status line. FX thread. */
    public void showNoSignal(String message) {
        main.viewer().stop();
        main.blank();
        selected.set(null);
        main.sourceNameProperty().set("No source");
        main.formatProperty().set("no signal");
        status.set(message);
    }

    private void open(SourceEntry entry, String location) {
        status.set("Opening " + entry.label() + " …");
        frozen.set(false);
        main.open(entry, location);
    }

    // ---- frames to screen ----

    /** FX thread, once per pulse: shows the newest converted picture and refreshes the status figures. */
    public void pulse(long nowNanos) {
        if (main.pulse(nowNanos)) {
            shownFrames++;
        }
        if (fpsWindowStart == 0) {
            fpsWindowStart = nowNanos;
        } else if (nowNanos - fpsWindowStart >= 1_000_000_000L) {
            double rate = shownFrames * 1e9 / (nowNanos - fpsWindowStart);
            fps.set(frozen.get() ? "frozen" : String.format(Locale.ROOT, "%.1f fps", rate));
            shownFrames = 0;
            fpsWindowStart = nowNanos;
        }
        sideBySide.pulse(nowNanos);
    }

    /** The audio levels of a source that can be metered, else none (the meter hides). */
    static dev.xsight.media.audio.AudioLevels levelsOf(FrameSource s) {
        return s instanceof dev.xsight.media.audio.AudioMetering m ? m.audioLevels()
                : dev.xsight.media.audio.AudioLevels.NONE;
    }

    /** Per-channel audio levels of the primary source, refreshed four times a second. */
    public ObjectProperty<dev.xsight.media.audio.AudioLevels> audioLevelsProperty() {
        return main.audioLevelsProperty();
    }

    // ---- side by side ----

    /** The second viewer of side-by-side mode. */
    public SideBySide sideBySide() {
        return sideBySide;
    }

    /** The kind of source side by side opens next to the primary ({@code ots-demo} unless set). FX thread. */
    public void setSecondKind(String kind) {
        this.secondKind = kind;
    }

    /**
     * Turns side by side on (second source of the chosen kind, or the first other available built-in source) or
     * off (the second source is closed). FX thread.
     *
     * @return false when turning it on found no second source to play
     */
    public boolean setSideBySide(boolean on) {
        if (!on) {
            if (sideBySide.activeProperty().get()) {
                sideBySide.stop();
                status.set("Side by side off");
            }
            return true;
        }
        SourceEntry second = secondEntry();
        if (second == null) {
            status.set("Side by side needs a second built-in source");
            return false;
        }
        sideBySide.start(second, status::set);
        status.set("Side by side: " + sourceNameProperty().get() + " | " + second.label());
        return true;
    }

    private SourceEntry secondEntry() {
        SourceEntry fallback = null;
        for (SourceEntry e : sources) {
            if (!e.available() || e.provider().input() != SourceProvider.Input.NONE) {
                continue;
            }
            if (e.kind().equals(secondKind)) {
                return e;
            }
            if (fallback == null && e != selected.get()) {
                fallback = e;
            }
        }
        return fallback;
    }

    /** As {@link #framesShown()}, readable from any thread. */
    public long framesShownVolatile() {
        return main.framesShown();
    }

    /** Pictures shown since start (for the CLI's closing line and benchmarks). */
    public long framesShown() {
        return main.framesShown();
    }

    // ---- actions ----

    /** Lets another part of the client (review, colour) take over an action. FX thread. */
    public void setHandler(Action action, Runnable handler) {
        handlers.put(action, handler);
    }

    /** Does what {@code action} means now. FX thread. */
    public void perform(Action action) {
        Runnable h = handlers.get(action);
        if (h != null) {
            h.run();
            return;
        }
        switch (action) {
            case PLAY_PAUSE -> {
                frozen.set(!frozen.get());
                status.set(frozen.get() ? "Frozen at " + timecodeProperty().get() : "Playing " + sourceNameProperty().get());
            }
            case SHUTTLE_STOP -> {
                frozen.set(true);
                status.set("Frozen at " + timecodeProperty().get());
            }
            case SHUTTLE_FORWARD -> {
                if (frozen.get()) {
                    frozen.set(false);
                    status.set("Playing " + sourceNameProperty().get());
                } else {
                    status.set("Live source: faster shuttle needs a recorded source");
                }
            }
            case SHUTTLE_REVERSE, STEP_BACK, STEP_FORWARD, JUMP_BACK, JUMP_FORWARD ->
                    status.set("Live source: " + action.description().toLowerCase(Locale.ROOT)
                            + " needs a recorded source");
            case MARK_IN -> {
                markIn.set(timecodeProperty().get());
                status.set("Mark in " + markIn.get());
            }
            case MARK_OUT -> {
                markOut.set(timecodeProperty().get());
                status.set("Mark out " + markOut.get());
            }
            case ADD_MARKER -> {
                markers.add(timecodeProperty().get());
                status.set("Marker " + markers.size() + " at " + timecodeProperty().get());
            }
            case ADD_NOTE, DRAW, NEXT_NOTE, PREVIOUS_NOTE ->
                    status.set(action.description() + ": notes arrive with the review panel");
            case NEXT_SOURCE -> cycleSource(1);
            case PREVIOUS_SOURCE -> cycleSource(-1);
            case TOGGLE_LUT -> {
                lutEnabled.set(!lutEnabled.get());
                status.set("Viewing LUT " + (lutEnabled.get() ? "on (none loaded yet)" : "off"));
            }
            case TOGGLE_REFERENCE_WINDOW -> referenceVisible.set(!referenceVisible.get());
            case FULL_SCREEN -> fullScreen.set(!fullScreen.get());
            case SIDE_BY_SIDE -> setSideBySide(!sideBySide.activeProperty().get());
            case HELP -> helpVisible.set(!helpVisible.get());
            case CANCEL -> {
                if (helpVisible.get()) {
                    helpVisible.set(false);
                } else if (fullScreen.get()) {
                    fullScreen.set(false);
                }
            }
            case QUIT -> quitRequested.set(true);
        }
    }

    private void cycleSource(int step) {
        List<SourceEntry> ready = sources.stream()
                .filter(e -> e.available() && e.provider().input() == SourceProvider.Input.NONE).toList();
        if (ready.size() < 2) {
            status.set(ready.isEmpty() ? "No source to switch to" : "Only one source is available");
            return;
        }
        int i = ready.indexOf(selected.get());
        select(ready.get(Math.floorMod(i + step, ready.size())));
    }

    @Override
    public void close() {
        sideBySide.close();
        main.close();
    }

    // ---- properties ----

    public Keymap keymap() {
        return keymap;
    }

    /** The main viewer: the display pipeline, the scopes, the overlays and the reference output attach to it. */
    public Viewer<?> viewer() {
        return main.viewer();
    }

    /** The compiled programs shared by the viewers and the reference output. */
    public ProgramCache programs() {
        return programs;
    }

    public ObservableList<SourceEntry> sources() {
        return sources;
    }

    public ObjectProperty<SourceEntry> selectedProperty() {
        return selected;
    }

    public StringProperty sourceNameProperty() {
        return main.sourceNameProperty();
    }

    public ObjectProperty<Image> pictureProperty() {
        return main.pictureProperty();
    }

    public StringProperty timecodeProperty() {
        return main.timecodeProperty();
    }

    /** The timecode of the picture on screen (null before the first frame or for frames without one). */
    public javafx.beans.property.ReadOnlyObjectProperty<dev.xsight.media.Timecode> frameTimecodeProperty() {
        return main.frameTimecodeProperty();
    }

    public StringProperty formatProperty() {
        return main.formatProperty();
    }

    public StringProperty healthProperty() {
        return main.healthProperty();
    }

    public BooleanProperty healthOkProperty() {
        return main.healthOkProperty();
    }

    public StringProperty fpsProperty() {
        return fps;
    }

    public StringProperty statusProperty() {
        return status;
    }

    public BooleanProperty frozenProperty() {
        return frozen;
    }

    public BooleanProperty helpVisibleProperty() {
        return helpVisible;
    }

    public BooleanProperty referenceVisibleProperty() {
        return referenceVisible;
    }

    /**
     * Any thread: the reference output that also gets the primary source's frames, full size, through the main
     * viewer's pipeline; null for none. The reference output control sets it while the GL window is open.
     */
    public void attachReference(dev.xsight.gl.ReferenceOutput out) {
        main.viewer().attachReference(out);
    }

    /** What the reference output is and how it is doing, e.g. {@code GL 10-bit · dropped 0}; empty when closed. */
    public StringProperty referenceDetailProperty() {
        return referenceDetail;
    }

    public BooleanProperty fullScreenProperty() {
        return fullScreen;
    }

    public BooleanProperty lutEnabledProperty() {
        return lutEnabled;
    }

    public BooleanProperty quitRequestedProperty() {
        return quitRequested;
    }

    public StringProperty markInProperty() {
        return markIn;
    }

    public StringProperty markOutProperty() {
        return markOut;
    }

    public ObservableList<String> markers() {
        return markers;
    }
}
