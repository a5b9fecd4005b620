package dev.xsight.cli;

import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A duration typed on the command line: a decimal number with a unit, {@code 500ms}, {@code 10s}, {@code 2.5m},
 * {@code 1h}, or a plain number of seconds ({@code 3}). At most 7 days; zero only where the option allows it.
 *
 * <p>Every option that takes a duration parses it here, so they accept the same forms and a bad value gives the same
 * one-line message naming the option (an {@link IllegalArgumentException}, which the CLI turns into exit 2).
 */
public final class DurationArg {
    /** The forms accepted, as the error message names them. */
    public static final String FORMS = "expected e.g. 10s, 500ms, 2m or 1h (a plain number is seconds)";
    private static final Pattern FORM = Pattern.compile("(\\d+(?:\\.\\d+)?)(ms|s|m|h)?");
    private static final double MAX_MS = 7 * 24 * 3_600_000.0;

    private DurationArg() {
    }

    /**
     * Parses a duration that must be above zero.
     *
     * @param option the option's name for the message, e.g. {@code --timeout}
     * @throws IllegalArgumentException "{@code --timeout: bad duration 'ten': expected e.g. ...}"
     */
    public static Duration positive(String option, String text) {
        return parse(option, text, false);
    }

    /** As {@link #positive} but zero ({@code 0}, {@code 0s}) is accepted too. */
    public static Duration nonNegative(String option, String text) {
        return parse(option, text, true);
    }

    private static Duration parse(String option, String text, boolean zeroAllowed) {
        Matcher m = FORM.matcher(text == null ? "" : text.trim().toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            throw new IllegalArgumentException(option + ": bad duration '" + text + "': " + FORMS);
        }
        double v = Double.parseDouble(m.group(1));
        String unit = m.group(2) == null ? "s" : m.group(2);
        double ms = switch (unit) {
            case "ms" -> v;
            case "m" -> v * 60_000;
            case "h" -> v * 3_600_000;
            default -> v * 1000;
        };
        long rounded = Math.round(ms);
        if ((rounded <= 0 && !(zeroAllowed && v == 0)) || ms > MAX_MS) {
            throw new IllegalArgumentException(option + ": bad duration '" + text + "': must be "
                    + (zeroAllowed ? "0 or more" : "above 0") + " and at most 7 days");
        }
        return Duration.ofMillis(rounded);
    }
}
