package dev.xsight.cli;

import dev.xsight.gl.ReferenceOutput;
import dev.xsight.gl.ReferenceWindow;
import dev.xsight.media.Frame;
import dev.xsight.media.FrameRate;
import dev.xsight.shell.pipeline.PipelinePreset;
import dev.xsight.signal.DemoSource;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code reference bench}: how the 10-bit OpenGL reference output keeps up with a source at its own rate. */
@Command(name = "reference", mixinStandardHelpOptions = true, description = "The 10-bit OpenGL reference output.",
        subcommands = {ReferenceCommand.Bench.class})
final class ReferenceCommand implements Runnable {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    @Command(name = "bench", mixinStandardHelpOptions = true, description = "Feed the moving demo bars (1080p, 4:2:2 10-bit) to the reference output "
            + "at the source rate for a while; print presents per second, late, dropped and repeated (median of runs)."
            + " Needs a display (e.g. Xvfb -screen 0 1920x1080x30).")
    static final class Bench implements Callable<Integer> {
        @Option(names = "--pipeline", paramLabel = "PRESET", defaultValue = "rec709",
                description = "Display pipeline preset (default ${DEFAULT-VALUE}).")
        String pipeline;

        @Option(names = "--rate", paramLabel = "FPS", defaultValue = "59.94",
                description = "Source frame rate (default ${DEFAULT-VALUE}).")
        String rate;

        @Option(names = "--seconds", paramLabel = "S", defaultValue = "10",
                description = "Seconds per run (default ${DEFAULT-VALUE}).")
        int seconds;

        @Option(names = "--runs", paramLabel = "N", defaultValue = "3", description = "Runs (default ${DEFAULT-VALUE}).")
        int runs;

        @Option(names = "--fullscreen", description = "Full screen on the last monitor instead of a 1920x1080 window.")
        boolean fullscreen;

        @Override
        public Integer call() throws Exception {
            if (seconds < 1 || seconds > 600 || runs < 1 || runs > 20) {
                throw new IllegalArgumentException("--seconds 1..600 and --runs 1..20");
            }
            FrameRate r = FrameRate.parse(rate);
            var preset = PipelinePreset.byId(pipeline);
            double[] presentRate = new double[runs];
            double[] lateShare = new double[runs];
            double[] droppedShare = new double[runs];
            ReferenceOutput.Stats last = null;
            for (int run = 0; run < runs; run++) {
                ReferenceOutput.Placement where = fullscreen
                        ? new ReferenceOutput.Placement(ReferenceWindow.LAST_MONITOR, 0, 0)
                        : new ReferenceOutput.Placement(-1, 1920, 1080);
                try (ReferenceOutput out = ReferenceOutput.open(preset.pipeline(), where, e -> { });
                        DemoSource source = new DemoSource(DemoSource.Settings.forRate(r))) {
                    source.start(new dev.xsight.media.FrameSource.FrameListener() {
                        @Override
                        public void onFrame(Frame frame) {
                            out.offer(frame);
                        }

                        @Override
                        public void onError(dev.xsight.media.SourceException error) {
                            System.err.println("source: " + error.describe());
                        }
                    });
                    Thread.sleep(2000); // warm-up: shader compile, first frames
                    ReferenceOutput.Stats a = out.stats();
                    long t0 = System.nanoTime();
                    Thread.sleep(seconds * 1000L);
                    ReferenceOutput.Stats b = out.stats();
                    double s = (System.nanoTime() - t0) / 1e9;
                    long offered = b.offered() - a.offered();
                    presentRate[run] = (b.presented() - a.presented()) / s;
                    lateShare[run] = share(b.late() - a.late(), b.presented() - a.presented());
                    droppedShare[run] = share(b.dropped() - a.dropped(), offered);
                    last = b;
                    System.out.println(String.format(Locale.ROOT, "run %d: offered %d (%.2f/s), presented %.2f/s, "
                            + "late %.1f%%, dropped %.1f%%, repeated %d", run + 1, offered, offered / s,
                            presentRate[run], 100 * lateShare[run], 100 * droppedShare[run],
                            b.repeated() - a.repeated()));
                }
            }
            System.out.println(String.format(Locale.ROOT, "reference output %s, %s, %d bits per channel, %s source at "
                    + "%s: median %.2f presents/s (%.0f%% of the source rate), late %.1f%%, dropped %.1f%%",
                    preset.label(), last.renderer(), last.bitsPerChannel(), last.format(), r.label(),
                    median(presentRate), 100 * median(presentRate) / r.toDouble(), 100 * median(lateShare),
                    100 * median(droppedShare)));
            return 0;
        }

        private static double share(long part, long whole) {
            return whole == 0 ? 0 : (double) part / whole;
        }

        private static double median(double[] v) {
            double[] s = v.clone();
            Arrays.sort(s);
            return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
        }
    }
}
