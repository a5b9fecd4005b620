package dev.xsight.shell.monitoring;

import dev.xsight.render.SignalOverlays;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * What the monitor starts with on (the CLI's {@code demo --scopes --overlay ...}). Immutable.
 *
 * @param scopes the scope layout to show, or {@code null} for the panel hidden
 * @param safeAreas safe action / safe title guides
 * @param fdl an ASC FDL whose framing guides to draw, or {@code null}
 * @param signal false colour, zebras, warnings
 * @param probe the pixel probe under the cursor
 * @param timecode the burnt-in timecode window (the displayed picture's timecode over the picture)
 */
public record MonitoringOptions(ScopeLayout scopes, boolean safeAreas, Path fdl, SignalOverlays signal,
                                boolean probe, boolean timecode) {
    /** Everything off. */
    public static final MonitoringOptions NONE = new MonitoringOptions(null, false, null, SignalOverlays.NONE, false,
            false);

    /**
     * Parses the overlay names of {@code colour render --overlay} as far as the monitor draws them: {@code safe},
     * {@code fdl=FILE}, {@code falsecolour} (or {@code falsecolor}), {@code zebra} / {@code zebras} (optionally
     * {@code =PERCENT}), {@code warnings}, {@code probe} and {@code timecode}.
     *
     * @param scopes the {@code --scopes} layout name, or {@code null} for none
     * @throws IllegalArgumentException naming the item that is not understood
     */
    public static MonitoringOptions parse(String scopes, List<String> overlays) {
        ScopeLayout layout = scopes == null ? null : ScopeLayout.parse(scopes);
        boolean safe = false, probe = false, timecode = false;
        Path fdl = null;
        SignalOverlays s = SignalOverlays.NONE;
        for (String o : overlays) {
            String item = o.strip();
            String key = item.toLowerCase(Locale.ROOT);
            String value = key.contains("=") ? item.substring(item.indexOf('=') + 1) : null;
            key = key.contains("=") ? key.substring(0, key.indexOf('=')) : key;
            switch (key) {
                case "safe" -> safe = true;
                case "fdl" -> {
                    if (value == null || value.isBlank()) {
                        throw new IllegalArgumentException("--overlay fdl needs a file: fdl=FILE.fdl");
                    }
                    fdl = Path.of(value);
                }
                case "falsecolour", "falsecolor" -> s = s.withFalseColour(true);
                case "zebra", "zebras" -> s = s.withZebras(true, value == null ? SignalOverlays.DEFAULT_ZEBRA_PERCENT
                        : percent(value));
                case "warnings" -> s = s.withWarnings(true);
                case "probe" -> probe = true;
                case "timecode" -> timecode = true;
                default -> throw new IllegalArgumentException("unknown overlay '" + item
                        + "' (safe, fdl=FILE, falsecolour, zebra[=PERCENT], warnings, probe, timecode)");
            }
        }
        return new MonitoringOptions(layout, safe, fdl, s, probe, timecode);
    }

    private static double percent(String v) {
        try {
            double p = Double.parseDouble(v.strip().replace("%", ""));
            if (p >= 0 && p <= 100) {
                return p;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException("zebra threshold must be a percentage 0 to 100, got '" + v + "'");
    }
}
