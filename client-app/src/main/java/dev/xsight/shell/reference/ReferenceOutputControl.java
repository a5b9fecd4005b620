package dev.xsight.shell.reference;

import dev.xsight.gl.GlUnavailableException;
import dev.xsight.gl.ReferenceOutput;
import dev.xsight.shell.ShellOptions;
import dev.xsight.shell.ShellViewModel;
import dev.xsight.shell.pipeline.PipelineViewModel;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import javafx.application.Platform;
import javafx.scene.Scene;

/**
 * Opens and closes the reference output with the view-model's {@code referenceVisible}. The reference output is the
 * 10-bit OpenGL window ({@link ReferenceOutput}): full-size frames from the primary source, through the shell's
 * display pipeline, presented at the source rate on their own thread. When that window cannot be made (no display,
 * no GL) or the shell's {@link Mode} asks for it, the JavaFX {@link ReferenceWindow} shows the viewer's 8-bit
 * picture instead, and the status line says why.
 *
 * <p>Threading: FX thread, except the window opening and closing, which run on {@code xsight-reference-open}.
 */
public final class ReferenceOutputControl {
    /** How the reference output is made. */
    public enum Mode {
        /** The GL window when it can be made, else JavaFX. */
        AUTO,
        /** Only the GL window (an error when it cannot be made). */
        GL,
        /** Only the JavaFX window. */
        JAVAFX;

        /**
         * {@code auto}, {@code gl} or {@code javafx}, in any case (the CLI's {@code --reference-output}).
         *
         * @throws IllegalArgumentException for anything else
         */
        public static Mode parse(String v) {
            return switch (v.toLowerCase(Locale.ROOT)) {
                case "auto" -> AUTO;
                case "gl" -> GL;
                case "javafx" -> JAVAFX;
                default -> throw new IllegalArgumentException("--reference-output must be auto, gl or javafx, got "
                        + v);
            };
        }
    }

    private static final long STATS_EVERY_NANOS = 500_000_000L;
    private final ShellViewModel vm;
    private final ReferenceWindow fxWindow;
    private final ReferenceOutput.Placement placement;
    private final Mode mode;
    private final ExecutorService opener = Executors.newSingleThreadExecutor(
            r -> Thread.ofPlatform().name("xsight-reference-open").daemon(true).unstarted(r));
    private ReferenceOutput output;
    private boolean fxShown;
    private long generation;
    private long lastStats;

    private ReferenceOutputControl(ShellViewModel vm, ShellOptions.Reference options, Consumer<Scene> keys) {
        this.vm = vm;
        this.mode = options.output();
        this.fxWindow = new ReferenceWindow(vm, options.screen(), options.fullScreen(), keys);
        int screen = options.screen();
        this.placement = options.fullScreen()
                ? new ReferenceOutput.Placement(screen >= 0 ? screen : dev.xsight.gl.ReferenceWindow.LAST_MONITOR, 0,
                        0)
                : new ReferenceOutput.Placement(-1, 1920, 1080);
        vm.referenceVisibleProperty().addListener((o, was, show) -> {
            if (show) {
                open();
            } else {
                close();
            }
        });
    }

    /**
     * Builds the control and its JavaFX stand-in window for the shell of {@code vm}. FX thread.
     *
     * @param options where the output opens and what it is made of
     * @param keys binds the shell's keys to the stand-in window's scene
     */
    public static ReferenceOutputControl attach(ShellViewModel vm, ShellOptions.Reference options,
            Consumer<Scene> keys) {
        return new ReferenceOutputControl(vm, options, keys);
    }

    /** The JavaFX stand-in window (shown only when the OpenGL output cannot be opened or is not wanted). */
    public ReferenceWindow fxWindow() {
        return fxWindow;
    }

    /** The open GL output, or null (closed, opening, or the JavaFX window is used). FX thread. */
    public ReferenceOutput glOutput() {
        return output;
    }

    private void open() {
        long g = ++generation;
        if (mode == Mode.JAVAFX) {
            showFx("JavaFX window (asked for)");
            return;
        }
        vm.referenceDetailProperty().set("opening…");
        var pipeline = vm.viewer().params().pipeline();
        opener.execute(() -> {
            ReferenceOutput out;
            try {
                out = ReferenceOutput.open(pipeline, vm.programs(), placement, new ReferenceOutput.Listener() {
                    @Override
                    public void closed(Exception error) {
                        Platform.runLater(() -> outputClosed(error));
                    }

                    @Override
                    public void pipelineFailed(dev.xsight.colour.DisplayPipeline p, RuntimeException error) {
                        Platform.runLater(() -> vm.statusProperty().set("Reference output: pipeline failed for "
                                + "this source: " + error.getMessage()));
                    }
                });
            } catch (GlUnavailableException | LinkageError e) {
                Platform.runLater(() -> glFailed(g, e.getMessage()));
                return;
            }
            Platform.runLater(() -> glOpened(g, out));
        });
    }

    private void glOpened(long g, ReferenceOutput out) {
        if (g != generation || !vm.referenceVisibleProperty().get()) {
            opener.execute(out::close); // closed again while it was opening
            return;
        }
        output = out;
        vm.attachReference(out); // frames and pipeline from the main viewer from now on
        ReferenceOutput.Stats s = out.stats();
        vm.referenceDetailProperty().set(detail(s));
        vm.statusProperty().set(String.format(Locale.ROOT,
                "Reference output: OpenGL window %dx%d, %d bits per channel, %s",
                out.windowSize()[0], out.windowSize()[1], s.bitsPerChannel(), s.renderer()));
    }

    private void glFailed(long g, String why) {
        if (g != generation || !vm.referenceVisibleProperty().get()) {
            return;
        }
        if (mode == Mode.GL) {
            vm.statusProperty().set("Reference output: no OpenGL window: " + why);
            vm.referenceVisibleProperty().set(false);
            return;
        }
        showFx("JavaFX window (8-bit preview); no OpenGL window: " + why);
    }

    private void showFx(String why) {
        fxShown = true;
        fxWindow.show();
        vm.referenceDetailProperty().set("8-bit preview");
        vm.statusProperty().set("Reference output: " + why);
    }

    /** The GL window went away (closed by the user with Esc or the window manager, or failed). */
    private void outputClosed(Exception error) {
        if (output == null) {
            return;
        }
        vm.attachReference(null);
        output = null;
        if (error != null) {
            vm.statusProperty().set("Reference output stopped: " + error.getMessage());
        }
        vm.referenceVisibleProperty().set(false);
    }

    private void close() {
        generation++;
        vm.attachReference(null);
        vm.referenceDetailProperty().set("");
        if (fxShown) {
            fxShown = false;
            fxWindow.hide();
        }
        ReferenceOutput out = output;
        output = null;
        if (out != null) {
            opener.execute(out::close);
        }
    }

    /** FX thread, once per pulse: refreshes the indicator's figures twice a second. */
    public void pulse(long nowNanos) {
        if (output != null && nowNanos - lastStats >= STATS_EVERY_NANOS) {
            lastStats = nowNanos;
            vm.referenceDetailProperty().set(detail(output.stats()));
        }
    }

    /** Short, for the indicator pill: the depth obtained and the frames lost so far. */
    private static String detail(ReferenceOutput.Stats s) {
        return String.format(Locale.ROOT, "GL %d-bit · drop %d", s.bitsPerChannel(), s.dropped());
    }

    /** Closes everything, the stand-in window too (the shell is closing). FX thread. */
    public void shutdown() {
        close();
        fxWindow.close();
        opener.shutdown();
        try {
            opener.awaitTermination(5, java.util.concurrent.TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
