package dev.xsight.shell;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import javafx.application.Platform;
import javafx.stage.Stage;

/**
 * Starts JavaFX, shows the shell with a source playing and waits until the window closes or the run time (counted
 * from the moment the window is shown) is up (the CLI's {@code demo} command). Call from a non-FX thread.
 */
public final class ShellLauncher {

    /**
     * What to do once the shell is up.
     *
     * @param sourceKind source to select and play at start ({@code demo}), or {@code null}
     * @param runFor close after this long, or {@code null} to run until the window is closed
     * @param screenshot write the main window as PNG here just before closing, or {@code null}
     * @param showReference open the reference output window at start
     * @param sideBySideKind kind of a second source to play side by side from the start, or {@code null}
     */
    public record Launch(String sourceKind, Duration runFor, Path screenshot, boolean showReference,
                         String sideBySideKind, boolean captureReference) {
        public Launch(String sourceKind, Duration runFor, Path screenshot, boolean showReference) {
            this(sourceKind, runFor, screenshot, showReference, null, false);
        }

        public Launch(String sourceKind, Duration runFor, Path screenshot, boolean showReference,
                String sideBySideKind) {
            this(sourceKind, runFor, screenshot, showReference, sideBySideKind, false);
        }
    }

    /** The OpenGL reference output's window at the end of a timed run: 10-bit codes, 3 per pixel, top line first. */
    public record ReferenceShot(int[] codes, int width, int height) {
    }

    /**
     * What happened.
     *
     * @param framesShown pictures the main window showed
     * @param shownSeconds time from the window appearing to closing
     * @param lastTimecode the timecode on screen at the end
     * @param screenshot where the PNG went, or {@code null}
     */
    public record Outcome(long framesShown, double shownSeconds, String lastTimecode, Path screenshot,
            dev.xsight.gl.ReferenceOutput.Stats reference, ReferenceShot referenceShot) {
        /** Average pictures per second shown. */
        public double framesPerSecond() {
            return shownSeconds > 0 ? framesShown / shownSeconds : 0;
        }
    }

    private ShellLauncher() {
    }

    /**
     * Runs the shell and returns when it has closed.
     *
     * @throws IOException when the screenshot cannot be written
     * @throws IllegalStateException when JavaFX cannot start (no display)
     */
    public static Outcome run(ShellOptions options, Launch launch) throws IOException, InterruptedException {
        startToolkit();
        CountDownLatch closed = new CountDownLatch(1);
        CountDownLatch shown = new CountDownLatch(1);
        AtomicReference<Shell> shell = new AtomicReference<>();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Platform.runLater(() -> {
            try {
                Stage stage = new Stage();
                Shell s = Shell.show(stage, options);
                shell.set(s);
                stage.setOnHidden(e -> {
                    s.close();
                    closed.countDown();
                });
                if (launch.sourceKind() != null && !s.viewModel().selectKind(launch.sourceKind())) {
                    s.viewModel().statusProperty().set("No '" + launch.sourceKind() + "' source in this build");
                }
                if (launch.sideBySideKind() != null) {
                    s.viewModel().setSecondKind(launch.sideBySideKind());
                    s.viewModel().setSideBySide(true);
                }
                if (launch.showReference()) {
                    s.viewModel().referenceVisibleProperty().set(true);
                }
            } catch (RuntimeException e) {
                failure.set(e);
                closed.countDown();
            } finally {
                shown.countDown();
            }
        });
        shown.await();
        long shownAt = System.nanoTime();
        boolean timedOut = launch.runFor() == null ? awaitForever(closed)
                : !closed.await(launch.runFor().toMillis(), TimeUnit.MILLISECONDS);
        if (failure.get() != null) {
            throw new IllegalStateException("the shell could not start: " + failure.get().getMessage(),
                    failure.get());
        }
        if (timedOut && launch.screenshot() != null) {
            awaitFirstPicture(shell.get(), closed);
        }
        dev.xsight.gl.ReferenceOutput.Stats refStats = null;
        ReferenceShot refShot = null;
        if (timedOut && shell.get() != null) {
            AtomicReference<dev.xsight.gl.ReferenceOutput> ref = new AtomicReference<>();
            CountDownLatch asked = new CountDownLatch(1);
            Platform.runLater(() -> {
                ref.set(shell.get().glReferenceOutput());
                asked.countDown();
            });
            asked.await(10, TimeUnit.SECONDS);
            dev.xsight.gl.ReferenceOutput out = ref.get();
            if (out != null) {
                if (launch.captureReference()) {
                    try {
                        int[] codes = out.capture().get(30, TimeUnit.SECONDS);
                        int[] size = out.windowSize();
                        refShot = new ReferenceShot(codes, size[0], size[1]);
                    } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
                        System.err.println("xsight: no reference output capture: " + e);
                    }
                }
                refStats = out.stats();
            }
        }
        final dev.xsight.gl.ReferenceOutput.Stats finalRefStats = refStats;
        final ReferenceShot finalRefShot = refShot;
        AtomicReference<Outcome> outcome = new AtomicReference<>();
        AtomicReference<IOException> shotError = new AtomicReference<>();
        CountDownLatch done = new CountDownLatch(1);
        Platform.runLater(() -> {
            Shell s = shell.get();
            try {
                if (launch.screenshot() != null && s != null && timedOut) {
                    Screenshot.write(s.stage().getScene(), launch.screenshot());
                    javafx.stage.Stage browser = s.nmos() == null ? null : s.nmos().browserStage();
                    if (browser != null && browser.isShowing()) {
                        Screenshot.write(browser.getScene(), nmosShot(launch.screenshot()));
                    }
                }
            } catch (IOException e) {
                shotError.set(e);
            } finally {
                if (s != null) {
                    outcome.set(new Outcome(s.viewModel().framesShown(), (System.nanoTime() - shownAt) / 1e9,
                            s.viewModel().timecodeProperty().get(), launch.screenshot(), finalRefStats, finalRefShot));
                    s.stage().close();
                }
                done.countDown();
            }
        });
        done.await(10, TimeUnit.SECONDS);
        Shell s = shell.get();
        if (s != null && s.review() != null) {
            try {
                s.review().closed().get(30, TimeUnit.SECONDS); // every acknowledged note is in the file
            } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
                System.err.println("xsight: session file not closed cleanly: " + e.getMessage());
            }
        }
        if (s != null && s.nmos() != null) {
            try {
                s.nmos().close().get(30, TimeUnit.SECONDS); // the node's resources are deleted from the registry
            } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
                System.err.println("xsight: NMOS node not stopped cleanly: " + e);
            }
        }
        Platform.exit();
        if (shotError.get() != null) {
            throw new IOException("cannot write screenshot " + launch.screenshot() + ": "
                    + shotError.get().getMessage(), shotError.get());
        }
        return outcome.get();
    }

    /** {@code FILE.png} → {@code FILE-nmos.png}, beside it: the registry browser's window. */
    static Path nmosShot(Path screenshot) {
        String name = screenshot.getFileName().toString();
        int dot = name.lastIndexOf('.');
        String stem = dot > 0 ? name.substring(0, dot) : name;
        return screenshot.resolveSibling(stem + "-nmos" + (dot > 0 ? name.substring(dot) : ".png"));
    }

    /** A screenshot of an empty viewer is useless: on a slow machine give the first picture up to 20 s more. */
    private static void awaitFirstPicture(Shell s, CountDownLatch closed) throws InterruptedException {
        long deadline = System.nanoTime() + 20_000_000_000L;
        while (s != null && s.viewModel().framesShownVolatile() == 0 && System.nanoTime() < deadline
                && closed.getCount() > 0) {
            Thread.sleep(50);
        }
    }

    private static boolean awaitForever(CountDownLatch latch) throws InterruptedException {
        latch.await();
        return false;
    }

    /**
     * JavaFX warns at every start that it was loaded from the class path ("Unsupported JavaFX configuration"); the
     * app and its jpackage image run it that way on purpose, so that one message is filtered out of JavaFX's
     * logger (held here so the filter is not garbage-collected); every other JavaFX warning still shows.
     */
    private static final java.util.logging.Logger FX_LOG = java.util.logging.Logger.getLogger("javafx");

    private static void startToolkit() {
        FX_LOG.setFilter(r -> r.getMessage() == null
                || !r.getMessage().startsWith("Unsupported JavaFX configuration"));
        CountDownLatch started = new CountDownLatch(1);
        try {
            Platform.startup(started::countDown);
        } catch (IllegalStateException alreadyRunning) {
            started.countDown();
        } catch (UnsupportedOperationException | Error e) {
            throw new IllegalStateException("JavaFX cannot open a window here (" + e.getMessage()
                    + "); run it through ./monitor demo, which starts a virtual display, or set DISPLAY", e);
        }
        Platform.setImplicitExit(false);
        try {
            started.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
