package dev.xsight.cli;

import dev.xsight.gl.ReferenceOutput;
import dev.xsight.gl.ReferenceWindow;
import dev.xsight.media.Frame;
import dev.xsight.media.FrameRate;
import dev.xsight.render.PipelinePreset;
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

        @Option(names = "--clip", paramLabel = "N", defaultValue = "0",
                description = "Render N frames of the bars first and replay them at the source rate from a pool of "
                        + "N frames, without copying, instead of rendering every frame live: the output is measured, "
                        + "not the signal generator (default ${DEFAULT-VALUE}: live; at least 8).")
        int clip;

        @Override
        public Integer call() throws Exception {
            if (seconds < 1 || seconds > 600 || runs < 1 || runs > 20 || clip < 0 || clip > 120
                    || clip > 0 && clip < 8) {
                throw new IllegalArgumentException("--seconds 1..600, --runs 1..20 and --clip 0 or 8..120");
            }
            FrameRate r = FrameRate.parse(rate);
            var preset = PipelinePreset.byId(pipeline);
            double[] presentRate = new double[runs];
            double[] lateShare = new double[runs];
            double[] droppedShare = new double[runs];
            double[] cpuPerPresent = new double[runs];
            ReferenceOutput.Stats last = null;
            for (int run = 0; run < runs; run++) {
                ReferenceOutput.Placement where = fullscreen
                        ? new ReferenceOutput.Placement(ReferenceWindow.LAST_MONITOR, 0, 0)
                        : new ReferenceOutput.Placement(-1, 1920, 1080);
                try (ReferenceOutput out = ReferenceOutput.open(preset.pipeline(), where, e -> { });
                        DemoSource source = new DemoSource(DemoSource.Settings.forRate(r));
                        ClipReplay replay = new ClipReplay(r, clip)) {
                    if (clip > 0) {
                        replay.start(out::offer);
                    } else {
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
                    }
                    Thread.sleep(2000); // warm-up: shader compile, first frames
                    ReferenceOutput.Stats a = out.stats();
                    long t0 = System.nanoTime();
                    long cpu0 = processCpuNanos();
                    Thread.sleep(seconds * 1000L);
                    ReferenceOutput.Stats b = out.stats();
                    double s = (System.nanoTime() - t0) / 1e9;
                    cpuPerPresent[run] = (processCpuNanos() - cpu0) / 1e6 / Math.max(1, b.presented() - a.presented());
                    long offered = b.offered() - a.offered();
                    presentRate[run] = (b.presented() - a.presented()) / s;
                    lateShare[run] = share(b.late() - a.late(), b.presented() - a.presented());
                    droppedShare[run] = share(b.dropped() - a.dropped(), offered);
                    last = b;
                    System.out.println(String.format(Locale.ROOT, "run %d: offered %d (%.2f/s), presented %.2f/s, "
                            + "late %.1f%%, dropped %.1f%%, repeated %d, process CPU %.1f ms per present", run + 1,
                            offered, offered / s, presentRate[run], 100 * lateShare[run], 100 * droppedShare[run],
                            b.repeated() - a.repeated(), cpuPerPresent[run]));
                }
            }
            System.out.println(String.format(Locale.ROOT, "reference output %s, %s, %d bits per channel, %s %s at "
                    + "%s: median %.2f presents/s (%.0f%% of the source rate), late %.1f%%, dropped %.1f%%, "
                    + "process CPU %.1f ms per present (source included)", preset.label(), last.renderer(),
                    last.bitsPerChannel(), last.format(), clip == 0 ? "live bars" : clip + "-frame clip of the bars",
                    r.label(), median(presentRate),
                    100 * median(presentRate) / r.toDouble(), 100 * median(lateShare), 100 * median(droppedShare),
                    median(cpuPerPresent)));
            return 0;
        }

        /** CPU time of this process, all threads (the renderer's worker threads included), in nanoseconds. */
        private static long processCpuNanos() {
            return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
                    .getOperatingSystemMXBean()).getProcessCpuTime();
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

    /**
     * The demo bars rendered once into the frames of a pool, then handed to the output at the source rate: each tick
     * takes the pool's longest-idle frame (the pool is first-in first-out, so the clip plays in order while the output
     * releases frames in order), stamps it and offers it, with no per-frame work on the samples — a player whose
     * decoder costs nothing, so that the bench measures the output. The output holds at most its queue of four and the
     * frame in hand, far fewer than the pool's frames, so the pool never has to make a fresh (unrendered) frame. Its
     * thread ({@code xsight-bench-clip}) keeps the source's clock and skips ahead when it falls four frames behind.
     */
    static final class ClipReplay implements AutoCloseable {
        private final FrameRate rate;
        private final int count;
        private volatile boolean running = true;
        private Thread thread;

        ClipReplay(FrameRate rate, int count) {
            this.rate = rate;
            this.count = count;
        }

        /** Renders the clip, then hands {@code sink} one frame per source period (the sink owns each frame). */
        void start(java.util.function.Consumer<Frame> sink) {
            dev.xsight.media.FramePool pool;
            try (DemoSource demo = new DemoSource(DemoSource.Settings.forRate(rate))) {
                Frame[] frames = new Frame[count];
                Frame first = demo.produce(0);
                pool = new dev.xsight.media.FramePool(first.format(), first.width(), first.height(), count);
                for (int i = 0; i < count; i++) {
                    Frame f = i == 0 ? first : demo.produce(i);
                    frames[i] = pool.acquire();
                    frames[i].copyFrom(f);
                    f.release();
                }
                for (Frame f : frames) {
                    f.release(); // into the pool, in clip order
                }
            }
            long period = rate.frameDurationNanos();
            thread = Thread.ofPlatform().name("xsight-bench-clip").daemon(true).start(() -> {
                long t0 = System.nanoTime();
                long n = 0;
                while (running) {
                    long now = System.nanoTime();
                    long due = t0 + n * period;
                    if (due > now) {
                        java.util.concurrent.locks.LockSupport.parkNanos(due - now);
                        continue;
                    }
                    if (now - due > 4 * period) {
                        n = (now - t0) / period;
                    }
                    sink.accept(pool.acquire().ptsNanos(n * period).sequence(n).frameRate(rate)
                            .colorimetry(dev.xsight.media.Colorimetry.BT709));
                    n++;
                }
            });
        }

        @Override
        public void close() throws InterruptedException {
            running = false;
            if (thread != null) {
                thread.join(2000);
            }
        }
    }
}
