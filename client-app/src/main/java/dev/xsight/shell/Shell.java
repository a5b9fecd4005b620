package dev.xsight.shell;

import dev.xsight.shell.monitoring.MonitoringSetup;
import dev.xsight.shell.monitoring.MonitoringViewModel;
import dev.xsight.shell.nmos.ShellNmos;
import dev.xsight.shell.pipeline.DisplaySetup;
import dev.xsight.shell.pipeline.PipelineViewModel;
import dev.xsight.shell.qc.LiveQc;
import dev.xsight.shell.qc.QcSetup;
import dev.xsight.shell.reference.ReferenceOutputControl;
import dev.xsight.shell.reference.ReferenceWindow;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import javafx.animation.AnimationTimer;
import javafx.scene.Scene;
import javafx.scene.control.TextInputDialog;
import javafx.stage.FileChooser;
import javafx.stage.Stage;

/**
 * The assembled main window: view-model, view, reference output window and the pulse that moves pictures to the
 * screen. Create and use on the FX thread.
 */
public final class Shell {
    private final Stage stage;
    private final ShellViewModel vm;
    private final ShellView view;
    private final ReferenceOutputControl referenceOutput;
    private final PipelineViewModel display;
    private final MonitoringViewModel monitoring;
    private final AnimationTimer timer;
    private final ShellReview review;
    private final LiveQc qc;
    private final ShellNmos nmos;

    private Shell(Stage stage, ShellOptions options) {
        this.stage = stage;
        this.vm = new ShellViewModel(options.registry(), options.keymap());
        this.view = new ShellView(vm);
        Scene scene = new Scene(view, options.width(), options.height());
        scene.getStylesheets().add(Shell.class.getResource("shell.css").toExternalForm());
        KeyInput.bind(scene, vm);
        stage.setScene(scene);
        stage.setTitle("Xsight");
        stage.setMinWidth(960);
        stage.setMinHeight(600);
        stage.setFullScreenExitHint("");
        vm.fullScreenProperty().addListener((o, was, is) -> stage.setFullScreen(is));
        stage.fullScreenProperty().addListener((o, was, is) -> vm.fullScreenProperty().set(is));
        vm.quitRequestedProperty().addListener((o, was, is) -> {
            if (is) {
                stage.close();
            }
        });
        vm.setLocationPrompt(this::askLocation);
        display = DisplaySetup.attach(vm, view, stage, options.rendering(), options.configDir());
        monitoring = MonitoringSetup.attach(vm, view, display, options.monitoring(), options.rendering().scopes());
        referenceOutput = ReferenceOutputControl.attach(vm, options.reference(), s -> KeyInput.bind(s, vm));
        referenceOutput.fxWindow().stage().getScene().getStylesheets().addAll(scene.getStylesheets());
        timer = new AnimationTimer() {
            @Override
            public void handle(long now) {
                vm.pulse(now);
                referenceOutput.pulse(now);
            }
        };
        review = options.review() == null ? null : ShellReview.attach(vm, view, options.review());
        qc = options.qc() == null ? null : QcSetup.attach(vm, view, review, options.qc(),
                options.review() == null ? null : options.review().checklistFolder());
        nmos = ShellNmos.attach(vm, view, stage, options.nmos(), options.configDir());
        timer.start();
        stage.setOnHidden(e -> close());
    }

    /** Builds the shell in {@code stage} and shows it. FX thread. */
    public static Shell show(Stage stage, ShellOptions options) {
        Shell s = new Shell(stage, options);
        stage.show();
        return s;
    }

    private Optional<String> askLocation(SourceEntry entry) {
        switch (entry.provider().input()) {
            case FILE -> {
                FileChooser chooser = new FileChooser();
                chooser.setTitle(entry.label());
                chooser.getExtensionFilters().addAll(new FileChooser.ExtensionFilter("SDP files", "*.sdp"),
                        new FileChooser.ExtensionFilter("All files", "*"));
                var file = chooser.showOpenDialog(stage);
                return Optional.ofNullable(file).map(java.io.File::getPath);
            }
            case URL -> {
                TextInputDialog d = new TextInputDialog("https://");
                d.initOwner(stage);
                d.setTitle(entry.label());
                d.setHeaderText("Playlist URL (.m3u8)");
                return d.showAndWait().map(String::trim).filter(s -> !s.isEmpty());
            }
            default -> {
                return Optional.empty();
            }
        }
    }

    public ShellViewModel viewModel() {
        return vm;
    }

    public ShellView view() {
        return view;
    }

    public Stage stage() {
        return stage;
    }

    /** The display pipeline (chooser, A/B look, GL or CPU preview). */
    public PipelineViewModel display() {
        return display;
    }

    /** Scopes, guide and signal overlays, pixel probe. */
    public MonitoringViewModel monitoring() {
        return monitoring;
    }

    /** The review session in the notes slot, or null when the shell was opened without one. */
    public ShellReview review() {
        return review;
    }

    /** The NMOS node and registry browser, or null when the shell was opened with NMOS off. */
    public ShellNmos nmos() {
        return nmos;
    }

    /** Live QC on the main viewer, or null when the shell was opened without a QC profile. */
    public LiveQc qc() {
        return qc;
    }

    /** The JavaFX stand-in for the reference output (shown when the OpenGL output cannot be opened). */
    public ReferenceWindow referenceWindow() {
        return referenceOutput.fxWindow();
    }

    /** The 10-bit OpenGL reference output while it is open, else null. FX thread. */
    public dev.xsight.gl.ReferenceOutput glReferenceOutput() {
        return referenceOutput.glOutput();
    }

    /**
     * Stops the pulse, the source and the preview thread, closes the reference window; the NMOS node stops on its own
     * thread ({@link ShellNmos#close()} says when). Idempotent. FX thread.
     */
    public void close() {
        timer.stop();
        if (nmos != null) {
            nmos.close();
        }
        referenceOutput.shutdown();
        monitoring.close();
        CompletableFuture<Void> qcEnded = qc == null ? CompletableFuture.completedFuture(null) : qc.ended();
        vm.close();
        if (review != null) {
            review.close(qcEnded); // live QC's last findings are written before the session file closes
        }
    }
}
