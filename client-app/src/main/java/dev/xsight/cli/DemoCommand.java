package dev.xsight.cli;

import dev.xsight.input.Keymap;
import dev.xsight.media.FrameRate;
import dev.xsight.media.Timecode;
import dev.xsight.shell.ShellLauncher;
import dev.xsight.shell.ShellOptions;
import dev.xsight.shell.SourceRegistry;
import dev.xsight.signal.DemoSource;
import dev.xsight.signal.DemoSourceProvider;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code xsight demo}: the shell with the built-in test signal selected and playing. */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Open the monitor with the built-in test signal (RP 219 bars, 10-bit ramp, motion, "
                + "burnt-in timecode) playing.")
final class DemoCommand implements Callable<Integer> {
    private static final Pattern DURATION = Pattern.compile("(\\d+(?:\\.\\d+)?)(ms|s|m|h)?");

    @Option(names = "--run-for", paramLabel = "DURATION",
            description = "Close after this long and exit 0 (e.g. 10s, 500ms, 2m); default: until the window closes.")
    String runFor;

    @Option(names = "--screenshot", paramLabel = "FILE.png",
            description = "Write the main window as PNG just before closing (needs --run-for).")
    Path screenshot;

    @Option(names = "--rate", paramLabel = "RATE", defaultValue = "60000/1001",
            description = "Frame rate: 24000/1001, 24, 25, 30000/1001, 30, 48000/1001, 48, 50, 60000/1001, 60 "
                    + "(default ${DEFAULT-VALUE}; 29.97 and 59.94 count drop-frame).")
    String rate;

    @Option(names = "--start", paramLabel = "TIMECODE", defaultValue = "01:00:00:00",
            description = "First timecode, or 'now' for time of day (default 01:00:00:00, ';' for drop-frame "
                    + "rates).")
    String start;

    @Option(names = "--still", description = "Still bars (no moving bars or box); timecode still runs.")
    boolean still;

    @Option(names = "--fullscreen-reference",
            description = "Open the reference output window full screen at start.")
    boolean fullscreenReference;

    @Option(names = "--reference-screen", paramLabel = "N", defaultValue = "-1",
            description = "Screen for the reference output (0 = primary; default: the last screen).")
    int referenceScreen;

    @Option(names = "--keymap", paramLabel = "FILE.json",
            description = "Key bindings overriding the defaults (see docs/cli/shell.md).")
    Path keymap;

    @Override
    public Integer call() throws Exception {
        FrameRate r = FrameRate.parse(rate);
        boolean drop = r.supportsDropFrame();
        Timecode first = null;
        if (!start.equalsIgnoreCase("now")) {
            Timecode t = Timecode.parse(start);
            first = new Timecode(t.hours(), t.minutes(), t.seconds(), t.frames(), drop);
            first.checkFits(r);
        }
        Duration duration = runFor == null ? null : parseDuration(runFor);
        if (screenshot != null) {
            if (duration == null) {
                throw new IllegalArgumentException("--screenshot needs --run-for (the picture is taken at the end)");
            }
            if (!screenshot.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".png")) {
                throw new IllegalArgumentException("--screenshot must name a .png file, got " + screenshot);
            }
        }
        Keymap keys = keymap == null ? Keymap.defaults() : Keymap.load(keymap);
        DemoSource.Settings settings = new DemoSource.Settings(r, drop, first, !still);
        ShellOptions options = ShellOptions.defaults()
                .withRegistry(SourceRegistry.discover().with(new DemoSourceProvider(settings)))
                .withKeymap(keys)
                .withReference(referenceScreen, true);
        ShellLauncher.Outcome out = ShellLauncher.run(options,
                new ShellLauncher.Launch("demo", duration, screenshot, fullscreenReference));
        if (duration != null && out != null) {
            System.out.println("xsight demo: showed " + out.framesShown() + " frames, last timecode "
                    + out.lastTimecode() + (screenshot != null ? ", screenshot " + screenshot : ""));
        }
        return 0;
    }

    /** {@code 10s}, {@code 500ms}, {@code 2m}, {@code 1h}, {@code 3} (seconds). */
    static Duration parseDuration(String text) {
        Matcher m = DURATION.matcher(text.trim());
        if (!m.matches()) {
            throw new IllegalArgumentException("bad duration '" + text + "': expected e.g. 10s, 500ms, 2m or 1h");
        }
        double v = Double.parseDouble(m.group(1));
        String unit = m.group(2) == null ? "s" : m.group(2);
        double ms = switch (unit) {
            case "ms" -> v;
            case "m" -> v * 60_000;
            case "h" -> v * 3_600_000;
            default -> v * 1000;
        };
        if (ms <= 0 || ms > 7 * 24 * 3_600_000.0) {
            throw new IllegalArgumentException("duration '" + text + "' must be above 0 and at most 7 days");
        }
        return Duration.ofMillis(Math.round(ms));
    }
}
