package dev.xsight.review;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Colour and line width of a drawing.
 *
 * @param colour {@code #RRGGBB}
 * @param width line width as a fraction of the picture height (0.002 is about 2 pixels at 1080 lines), so a
 *     drawing looks the same at any resolution
 */
public record StrokeStyle(String colour, double width) {
    private static final Pattern HEX = Pattern.compile("#[0-9A-F]{6}");

    public static final StrokeStyle DEFAULT = new StrokeStyle("#FF3B30", 0.003);

    public StrokeStyle {
        colour = colour == null ? "" : colour.trim().toUpperCase(Locale.ROOT);
        if (!HEX.matcher(colour).matches()) {
            throw new IllegalArgumentException("bad drawing colour '" + colour + "': expected #RRGGBB");
        }
        if (!(width > 0 && width <= 0.1)) {
            throw new IllegalArgumentException("bad drawing width " + width + ": expected 0 < width <= 0.1 of the"
                    + " picture height");
        }
    }
}
