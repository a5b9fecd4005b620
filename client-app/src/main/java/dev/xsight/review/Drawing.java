package dev.xsight.review;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import java.util.List;
import java.util.Objects;

/**
 * One mark drawn over the picture, in normalised 0-1 coordinates (see {@link NormalizedPoint}) so it survives any
 * resolution. Stored as JSON with a {@code "type"} field.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
        @JsonSubTypes.Type(value = Drawing.Pen.class, name = "pen"),
        @JsonSubTypes.Type(value = Drawing.Arrow.class, name = "arrow"),
        @JsonSubTypes.Type(value = Drawing.Rectangle.class, name = "rect"),
        @JsonSubTypes.Type(value = Drawing.Ellipse.class, name = "ellipse"),
        @JsonSubTypes.Type(value = Drawing.Text.class, name = "text")})
public sealed interface Drawing {
    /** The most points a pen stroke may carry (bounds what a file can make us allocate). */
    int MAX_PEN_POINTS = 10_000;

    StrokeStyle style();

    /** A freehand stroke through {@code points}. */
    record Pen(List<NormalizedPoint> points, StrokeStyle style) implements Drawing {
        public Pen {
            points = List.copyOf(points);
            if (points.isEmpty() || points.size() > MAX_PEN_POINTS) {
                throw new IllegalArgumentException("a pen stroke needs 1-" + MAX_PEN_POINTS + " points, got "
                        + points.size());
            }
            Objects.requireNonNull(style, "style");
        }
    }

    /** A straight arrow with its head at {@code to}. */
    record Arrow(NormalizedPoint from, NormalizedPoint to, StrokeStyle style) implements Drawing {
        public Arrow {
            requireTwoPoints(from, to, style);
        }
    }

    /** An axis-aligned rectangle between two corners. */
    record Rectangle(NormalizedPoint corner, NormalizedPoint opposite, StrokeStyle style) implements Drawing {
        public Rectangle {
            requireTwoPoints(corner, opposite, style);
        }
    }

    /** The ellipse inscribed in the rectangle between two corners. */
    record Ellipse(NormalizedPoint corner, NormalizedPoint opposite, StrokeStyle style) implements Drawing {
        public Ellipse {
            requireTwoPoints(corner, opposite, style);
        }
    }

    /** A text label whose baseline starts at {@code at}; its height is {@code style.width() * 8}. */
    record Text(NormalizedPoint at, String text, StrokeStyle style) implements Drawing {
        public Text {
            Objects.requireNonNull(at, "at");
            Objects.requireNonNull(style, "style");
            if (text == null || text.isBlank() || text.length() > 1000) {
                throw new IllegalArgumentException("a text drawing needs 1-1000 characters");
            }
        }
    }

    /** The shapes drawn between two points need both points and a style. */
    private static void requireTwoPoints(NormalizedPoint first, NormalizedPoint second, StrokeStyle style) {
        Objects.requireNonNull(first, "first point");
        Objects.requireNonNull(second, "second point");
        Objects.requireNonNull(style, "style");
    }
}
