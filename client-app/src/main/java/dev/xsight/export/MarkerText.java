package dev.xsight.export;

import dev.xsight.review.Severity;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How a note's category and text ride in a single marker comment ({@code [V-BAND] banding in the sky}), and the
 * marker colours that stand for each severity in the editorial tools (red blocker, yellow issue, blue FYI).
 */
final class MarkerText {
    private static final Pattern TAGGED = Pattern.compile("^\\[([^\\]\\s]{1,40})\\]\\s?(.*)$", Pattern.DOTALL);

    private MarkerText() {
    }

    /** {@code [CODE] text}, or just the text when there is no category; line breaks become spaces. */
    static String encode(String category, String text) {
        String flat = oneLine(text);
        return category.isEmpty() ? flat : "[" + category + "] " + flat;
    }

    static String oneLine(String text) {
        return text.replace("\r\n", " ").replace('\n', ' ').replace('\r', ' ').replace('\t', ' ');
    }

    /** Splits {@code [CODE] text} into {category, text}; without a tag the category is empty. */
    static String[] decode(String comment) {
        Matcher m = TAGGED.matcher(comment.strip());
        return m.matches() ? new String[] {m.group(1), m.group(2)} : new String[] {"", comment.strip()};
    }

    /** Avid / CMX locator colour word, lower case. */
    static String avidColour(Severity s) {
        return switch (s) {
            case BLOCKER -> "red";
            case ISSUE -> "yellow";
            case FYI -> "blue";
        };
    }

    /** Severity a marker colour stands for: red blocker, yellow or orange issue, anything else FYI. */
    static Severity severityOfColour(String colour) {
        String c = colour.toLowerCase(Locale.ROOT);
        if (c.contains("red")) {
            return Severity.BLOCKER;
        }
        if (c.contains("yellow") || c.contains("orange") || c.contains("lemon")) {
            return Severity.ISSUE;
        }
        return Severity.FYI;
    }

    /** DaVinci Resolve marker colour name as its marker EDL writes it. */
    static String resolveColour(Severity s) {
        return switch (s) {
            case BLOCKER -> "ResolveColorRed";
            case ISSUE -> "ResolveColorYellow";
            case FYI -> "ResolveColorBlue";
        };
    }

    /** OpenTimelineIO marker colour (opentimelineio MarkerColor constants). */
    static String otioColour(Severity s) {
        return switch (s) {
            case BLOCKER -> "RED";
            case ISSUE -> "YELLOW";
            case FYI -> "BLUE";
        };
    }
}
