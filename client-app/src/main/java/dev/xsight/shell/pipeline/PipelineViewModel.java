package dev.xsight.shell.pipeline;

import dev.xsight.colour.DisplayPipeline;
import dev.xsight.input.Action;
import dev.xsight.media.Colorimetry;
import dev.xsight.media.PixelFormat;
import dev.xsight.overlay.FramingDecisions;
import dev.xsight.render.PipelinePreset;
import dev.xsight.render.PipelineRenderer;
import dev.xsight.render.ProgramCache;
import dev.xsight.shell.ShellViewModel;
import dev.xsight.shell.SourceEntry;
import dev.xsight.viewer.Viewer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;
import javafx.application.Platform;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/**
 * The display pipeline of the shell: which preset or file the picture goes through, the A/B look toggle
 * ({@link Action#TOGGLE_LUT}), the back end that renders it (GL or CPU), and the pipeline saved per source kind.
 * Sets the main viewer's pipeline and renderer, so the preview and the reference output (which shows the same
 * picture) both go through the chosen pipeline; files are checked through the viewers' shared {@link ProgramCache},
 * so a checked pipeline is not compiled again for the preview.
 *
 * <p>Threading: FX thread only (renderer callbacks are posted to it).
 */
public final class PipelineViewModel {
    private final javafx.beans.property.SimpleObjectProperty<DisplayPipeline> pipeline =
            new javafx.beans.property.SimpleObjectProperty<>(this, "pipeline");

    private final ShellViewModel shell;
    private final PipelineStore store;
    private final Viewer<?> viewer;
    private final ProgramCache programs;
    private final ObjectProperty<PipelineSetting> setting = new SimpleObjectProperty<>(this, "setting");
    private final StringProperty backend = new SimpleStringProperty(this, "backend", "starting");
    private final BooleanProperty gl = new SimpleBooleanProperty(this, "gl", false);
    private final StringProperty label = new SimpleStringProperty(this, "label", "");
    private final Optional<PipelineSetting> override;
    private Supplier<Optional<Path>> filePrompt = Optional::empty;
    private java.util.function.BiConsumer<FramingDecisions, String> framingSink;
    // Files are read and checked here, off the FX thread (a 65³ cube or a CLF can take a moment).
    private final ExecutorService loader = Executors.newSingleThreadExecutor(
            r -> Thread.ofPlatform().name("xsight-pipeline-load").daemon(true).unstarted(r));
    private String sourceKind = "none";
    /** The transfer the frames signal (last seen by the renderer); null before the first frame. */
    private Colorimetry.Transfer signalled;

    /**
     * @param override a pipeline forced for every source (the CLI's {@code --pipeline}); not saved
     * @param tryGl whether to try an OpenGL context before falling back to the CPU
     */
    public PipelineViewModel(ShellViewModel shell, PipelineStore store, Optional<PipelineSetting> override,
            boolean tryGl) {
        this.shell = shell;
        this.store = store;
        this.override = override;
        PipelineSetting first = override.orElse(PipelineSetting.of(PipelinePreset.REC709));
        setting.set(first);
        DisplayPipeline initial = resolveOrDefault(first);
        pipeline.set(initial);
        viewer = shell.viewer();
        programs = shell.programs();
        viewer.setPipeline(initial);
        viewer.useRenderer(tryGl, new PipelineRenderer.Listener() {
            @Override
            public void backendChosen(String name, boolean isGl) {
                Platform.runLater(() -> {
                    backend.set(name);
                    gl.set(isGl);
                    updateLabel();
                });
            }

            @Override
            public void colorimetrySeen(Colorimetry c) {
                Platform.runLater(() -> signalChanged(c.transfer()));
            }

            @Override
            public void pipelineFailed(DisplayPipeline pipeline, RuntimeException error) {
                Platform.runLater(() -> shell.statusProperty().set("Pipeline failed for this source: "
                        + message(error)));
            }
        });
        shell.setHandler(Action.TOGGLE_LUT, this::toggleLook);
        shell.selectedProperty().addListener((o, was, is) -> sourceChanged(is));
        store.loadProblem().ifPresent(p -> shell.statusProperty().set(p));
        updateLabel();
    }

    private static DisplayPipeline resolveOrDefault(PipelineSetting s) {
        try {
            return s.resolve();
        } catch (IOException | RuntimeException e) {
            return PipelinePreset.REC709.pipeline();
        }
    }

    /** The Load… button's way to ask for a file. */
    public void setFilePrompt(Supplier<Optional<Path>> prompt) {
        this.filePrompt = prompt;
    }

    private void sourceChanged(SourceEntry e) {
        sourceKind = e == null ? "none" : e.kind();
        if (override.isPresent()) {
            return;
        }
        PipelineSetting s = startingSetting(store.get(sourceKind), signalled);
        if (!s.equals(setting.get())) {
            Optional<String> problem = validate(s, false);
            if (problem.isPresent()) {
                shell.statusProperty().set("Saved pipeline for " + sourceKind + " not used: " + problem.get());
                s = startingSetting(Optional.empty(), signalled);
            }
            apply(s);
        }
    }

    /**
     * What a source starts on: the setting saved for it, or else the preset for the display its signal is made for
     * ({@link PipelinePreset#defaultFor}: PQ → PQ 1000, HLG → HLG 1000, otherwise Rec.709).
     */
    static PipelineSetting startingSetting(Optional<PipelineSetting> saved, Colorimetry.Transfer signalled) {
        return saved.orElseGet(() -> PipelineSetting.of(PipelinePreset.defaultFor(signalled)));
    }

    /** Frames now signal {@code t}: a source on its default follows it (a saved or forced choice stays). */
    private void signalChanged(Colorimetry.Transfer t) {
        signalled = t;
        if (override.isPresent() || store.get(sourceKind).isPresent()) {
            return;
        }
        PipelineSetting s = startingSetting(Optional.empty(), t);
        if (!s.equals(setting.get())) {
            apply(s);
            shell.statusProperty().set("Pipeline: " + s.label() + " (the source signals " + t + ")");
        }
    }

    /** Uses preset {@code p}, keeping a loaded look. */
    public void choose(PipelinePreset p) {
        PipelineSetting current = setting.get();
        PipelineSetting next = current.pipelineFile() != null ? PipelineSetting.of(p)
                : current.withPreset(p);
        if (next.equals(current)) {
            return;
        }
        apply(next);
        save();
        shell.statusProperty().set("Pipeline: " + next.label());
    }

    /** Asks for a file and loads it. */
    public void loadInteractive() {
        filePrompt.get().ifPresent(this::load);
    }

    /**
     * Loads a LUT/CLF/CDL as the look, or an AMF/pipeline JSON as the whole pipeline. The file is read and checked on
     * a worker; any problem is reported in the status line and the pipeline stays as it was. Completes (on the FX
     * thread) with whether the pipeline changed.
     */
    public CompletableFuture<Boolean> load(Path file) {
        String name = file.getFileName() == null ? file.toString() : file.getFileName().toString();
        if (!Files.isRegularFile(file)) {
            shell.statusProperty().set("Cannot load " + name + ": no such file");
            return CompletableFuture.completedFuture(false);
        }
        PipelineSetting current = setting.get();
        PipelineSetting next;
        switch (PipelineSetting.roleOf(file)) {
            case PIPELINE -> next = current.withPipelineFile(file);
            case LUT, CDL -> next = current.withLook(file);
            case FRAMING -> {
                return loadFraming(file, name);
            }
            default -> {
                shell.statusProperty().set("Cannot load " + name
                        + ": not a .cube, .3dl, .clf, .ctf, .cc, .ccc, .cdl, .amf, .json or .fdl file");
                return CompletableFuture.completedFuture(false);
            }
        }
        shell.statusProperty().set("Loading " + name + " …");
        CompletableFuture<Boolean> done = new CompletableFuture<>();
        loader.execute(() -> {
            Optional<String> problem = validate(next, true);
            Platform.runLater(() -> {
                if (problem.isPresent()) {
                    shell.statusProperty().set("Cannot load " + name + ": " + problem.get());
                    done.complete(false);
                } else if (!setting.get().equals(current)) {
                    shell.statusProperty().set("Not loading " + name + ": the pipeline changed meanwhile");
                    done.complete(false);
                } else {
                    apply(next);
                    save();
                    shell.statusProperty().set("Loaded " + name + " — pipeline: " + next.label());
                    done.complete(true);
                }
            });
        });
        return done;
    }

    /**
     * Reads an ASC FDL on the loader and hands its framing to the framing sink (the viewer's guides); the pipeline
     * is not touched. A bad file is reported (file and line) and changes nothing. Completes with whether the
     * guides changed.
     */
    private CompletableFuture<Boolean> loadFraming(Path file, String name) {
        CompletableFuture<Boolean> done = new CompletableFuture<>();
        shell.statusProperty().set("Loading " + name + " …");
        loader.execute(() -> {
            FramingDecisions fdl;
            String problem = null;
            try {
                fdl = FramingDecisions.read(file, null);
            } catch (IOException | RuntimeException e) {
                fdl = null;
                problem = message(e);
            }
            FramingDecisions f = fdl;
            String p = problem;
            Platform.runLater(() -> {
                if (p != null) {
                    shell.statusProperty().set("Cannot load " + name + ": " + p);
                    done.complete(false);
                } else if (framingSink == null) {
                    shell.statusProperty().set("Cannot use " + name + ": this viewer draws no framing guides");
                    done.complete(false);
                } else {
                    framingSink.accept(f, name);
                    shell.statusProperty().set("Loaded " + name + " — framing guides of canvas " + f.canvasId()
                            + " (" + f.guides().size() + " guides)");
                    done.complete(true);
                }
            });
        });
        return done;
    }

    /** Where a loaded FDL's framing goes (the viewer's guide overlay). FX thread. */
    public void setFramingSink(java.util.function.BiConsumer<FramingDecisions, String> sink) {
        this.framingSink = sink;
    }

    /** A/B: the look on or off. Says so when there is no look to toggle. */
    public void toggleLook() {
        PipelineSetting current = setting.get();
        if (!current.hasLook()) {
            shell.statusProperty().set("No LUT or look loaded: use Load CDL/LUT/CLF/AMF… first");
            return;
        }
        PipelineSetting next = current.withLookEnabled(!current.lookEnabled());
        apply(next);
        save();
        shell.statusProperty().set(next.lookEnabled() ? "A: look on (" + next.label() + ")"
                : "B: look off (" + next.label() + ")");
    }

    /**
     * Reads the files of {@code s} and compiles it for a typical frame (through the shared cache, so the preview of
     * such a frame finds it compiled), so that bad files are caught before anything changes.
     *
     * @param fresh read the files again even if this pipeline was compiled before (a file loaded anew)
     */
    private Optional<String> validate(PipelineSetting s, boolean fresh) {
        try {
            DisplayPipeline p = s.resolve();
            if (fresh) {
                programs.forget(p);
            }
            programs.program(p, PixelFormat.YUV422P10, Colorimetry.BT709);
            return Optional.empty();
        } catch (IOException | RuntimeException e) {
            return Optional.of(message(e));
        }
    }

    private void apply(PipelineSetting s) {
        setting.set(s);
        DisplayPipeline p = resolveOrDefault(s);
        pipeline.set(p);
        viewer.setPipeline(p);
        shell.lutEnabledProperty().set(s.hasLook() && s.lookEnabled());
        updateLabel();
    }

    private void save() {
        if (override.isPresent()) {
            return;
        }
        store.put(sourceKind, setting.get()).ifPresent(p -> shell.statusProperty().set(p));
    }

    private void updateLabel() {
        String where = gl.get() ? "GL" : backend.get().startsWith("CPU") ? "CPU" : backend.get();
        label.set(where + " · " + setting.get().label());
    }

    private static String message(Throwable e) {
        Throwable t = e instanceof UncheckedIOException u ? u.getCause() : e;
        return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
    }

    /** The active setting. */
    public ObjectProperty<PipelineSetting> settingProperty() {
        return setting;
    }

    /** E.g. {@code GL · Rec.709 BT.1886 100 nits} ({@code starting · …} until the renderer has chosen). */
    /** The pipeline the picture goes through now (the preview's and the reference output's). FX thread. */
    public javafx.beans.property.ReadOnlyObjectProperty<DisplayPipeline> pipelineProperty() {
        return pipeline;
    }

    public ReadOnlyStringProperty labelProperty() {
        return label;
    }

    /** The back end in full (renderer name, or why GL could not be used). */
    public ReadOnlyStringProperty backendProperty() {
        return backend;
    }

    public BooleanProperty glProperty() {
        return gl;
    }
}
