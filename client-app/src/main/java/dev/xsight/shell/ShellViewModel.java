package dev.xsight.shell;

import dev.xsight.input.Action;
import dev.xsight.input.Keymap;
import dev.xsight.media.Frame;
import dev.xsight.media.FrameSource;
import dev.xsight.media.SourceHealth;
import dev.xsight.media.SourceProvider;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
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
 * {@link #perform}; nothing here blocks: sources are opened and closed on the {@code xsight-source-control} thread,
 * frames travel through the {@link PreviewPipeline}, and results come back with {@link Platform#runLater}.
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
    private final StringProperty sourceName = new SimpleStringProperty(this, "sourceName", "No source");
    private final ObjectProperty<Image> picture = new SimpleObjectProperty<>(this, "picture");
    private final StringProperty timecode = new SimpleStringProperty(this, "timecode", NO_TIMECODE);
    private final ObjectProperty<dev.xsight.media.Timecode> frameTimecode =
            new SimpleObjectProperty<>(this, "frameTimecode");
    private final StringProperty format = new SimpleStringProperty(this, "format", "no signal");
    private final StringProperty health = new SimpleStringProperty(this, "health", "");
    private final BooleanProperty healthOk = new SimpleBooleanProperty(this, "healthOk", true);
    private final ObjectProperty<dev.xsight.media.audio.AudioLevels> audioLevels =
            new SimpleObjectProperty<>(this, "audioLevels", dev.xsight.media.audio.AudioLevels.NONE);
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
    private final PreviewPipeline pipeline = new PreviewPipeline();
    private final ExecutorService control = Executors.newSingleThreadExecutor(
            r -> Thread.ofPlatform().name("xsight-source-control").daemon(true).unstarted(r));
    private volatile FrameSource current;
    private volatile boolean frozenForSource;
    private volatile java.util.function.Consumer<Frame> referenceTap;
    private final StringProperty referenceDetail = new SimpleStringProperty(this, "referenceDetail", "");
    private Function<SourceEntry, Optional<String>> locationPrompt = e -> Optional.empty();
    private final SideBySide sideBySide = new SideBySide();
    private String secondKind = "ots-demo";

    private long shownFrames;
    private long fpsWindowStart;
    private long lastHealthUpdate;
    private volatile long framesShownTotal;

    public ShellViewModel(SourceRegistry registry, Keymap keymap) {
        this.keymap = keymap;
        sources.setAll(registry.entries());
        frozen.addListener((o, was, is) -> frozenForSource = is);
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

    private void open(SourceEntry entry, String location) {
        status.set("Opening " + entry.label() + " …");
        frozen.set(false);
        control.execute(() -> {
            stopCurrent();
            try {
                FrameSource s = entry.provider().open(location);
                s.start(new FrameSource.FrameListener() {
                    @Override
                    public void onFrame(Frame frame) {
                        if (frozenForSource) {
                            frame.release(); // a frozen live source keeps showing the last picture
                        } else {
                            var tap = referenceTap;
                            if (tap != null) {
                                tap.accept(frame.retain()); // the full-size frame for the reference output
                            }
                            pipeline.offer(frame);
                        }
                    }

                    @Override
                    public void onError(dev.xsight.media.SourceException error) {
                        Platform.runLater(() -> status.set(s.name() + ": " + error.describe()));
                    }
                });
                current = s;
                Platform.runLater(() -> {
                    sourceName.set(s.name());
                    status.set("Playing " + s.name());
                });
            } catch (Exception e) {
                String what = location == null ? entry.label() : location;
                Platform.runLater(() -> status.set("Cannot open " + what + ": " + e.getMessage()));
            }
        });
    }

    private void stopCurrent() {
        FrameSource s = current;
        current = null;
        if (s != null) {
            s.close();
        }
        pipeline.clear();
    }

    // ---- frames to screen ----

    /** FX thread, once per pulse: shows the newest converted picture and refreshes the status figures. */
    public void pulse(long nowNanos) {
        PreviewPipeline.Picture p = pipeline.takeLatest();
        if (p != null) {
            picture.set(p.image());
            timecode.set(p.timecode() == null ? NO_TIMECODE : p.timecode().toString());
            frameTimecode.set(p.timecode());
            if (!p.format().equals(format.get())) {
                format.set(p.format());
            }
            shownFrames++;
            framesShownTotal++;
        }
        if (fpsWindowStart == 0) {
            fpsWindowStart = nowNanos;
        } else if (nowNanos - fpsWindowStart >= 1_000_000_000L) {
            double rate = shownFrames * 1e9 / (nowNanos - fpsWindowStart);
            fps.set(frozen.get() ? "frozen" : String.format(Locale.ROOT, "%.1f fps", rate));
            shownFrames = 0;
            fpsWindowStart = nowNanos;
        }
        if (nowNanos - lastHealthUpdate >= 250_000_000L) {
            lastHealthUpdate = nowNanos;
            FrameSource s = current;
            if (s != null) {
                SourceHealth h = s.health();
                health.set(h.summary());
                healthOk.set(h.ok());
            }
            audioLevels.set(levelsOf(s));
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
        return audioLevels;
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
        status.set("Side by side: " + sourceName.get() + " | " + second.label());
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
        return framesShownTotal;
    }

    /** Pictures shown since start (for the CLI's closing line and benchmarks). */
    public long framesShown() {
        return framesShownTotal;
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
                status.set(frozen.get() ? "Frozen at " + timecode.get() : "Playing " + sourceName.get());
            }
            case SHUTTLE_STOP -> {
                frozen.set(true);
                status.set("Frozen at " + timecode.get());
            }
            case SHUTTLE_FORWARD -> {
                if (frozen.get()) {
                    frozen.set(false);
                    status.set("Playing " + sourceName.get());
                } else {
                    status.set("Live source: faster shuttle needs a recorded source");
                }
            }
            case SHUTTLE_REVERSE, STEP_BACK, STEP_FORWARD, JUMP_BACK, JUMP_FORWARD ->
                    status.set("Live source: " + action.description().toLowerCase(Locale.ROOT)
                            + " needs a recorded source");
            case MARK_IN -> {
                markIn.set(timecode.get());
                status.set("Mark in " + markIn.get());
            }
            case MARK_OUT -> {
                markOut.set(timecode.get());
                status.set("Mark out " + markOut.get());
            }
            case ADD_MARKER -> {
                markers.add(timecode.get());
                status.set("Marker " + markers.size() + " at " + timecode.get());
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
        if (control.isShutdown()) {
            return;
        }
        sideBySide.close();
        control.execute(this::stopCurrent);
        control.shutdown();
        try {
            control.awaitTermination(3, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        pipeline.close();
    }

    // ---- properties ----

    public Keymap keymap() {
        return keymap;
    }

    /** The frame-to-screen path (the display pipeline installs its renderer here). */
    public PreviewPipeline previewPipeline() {
        return pipeline;
    }

    public ObservableList<SourceEntry> sources() {
        return sources;
    }

    public ObjectProperty<SourceEntry> selectedProperty() {
        return selected;
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

    /** The timecode of the picture on screen (null before the first frame or for frames without one). */
    public javafx.beans.property.ReadOnlyObjectProperty<dev.xsight.media.Timecode> frameTimecodeProperty() {
        return frameTimecode;
    }

    public StringProperty formatProperty() {
        return format;
    }

    public StringProperty healthProperty() {
        return health;
    }

    public BooleanProperty healthOkProperty() {
        return healthOk;
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
     * Any thread: where the primary source's frames also go, full size, as they arrive (each frame retained for it;
     * the consumer owns that reference), or null for nowhere. The reference output sets it while it is open.
     */
    public void setReferenceTap(java.util.function.Consumer<Frame> tap) {
        referenceTap = tap;
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
