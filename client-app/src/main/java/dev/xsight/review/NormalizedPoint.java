package dev.xsight.review;

/**
 * A point on the picture in normalised coordinates: (0, 0) top left, (1, 1) bottom right, whatever the resolution.
 */
public record NormalizedPoint(double x, double y) {
    public NormalizedPoint {
        if (!(x >= 0 && x <= 1 && y >= 0 && y <= 1)) {
            throw new IllegalArgumentException("drawing point (" + x + ", " + y + ") outside the picture: expected 0-1");
        }
    }

    /** The point clamped into the picture (for pointer positions dragged past an edge). */
    public static NormalizedPoint clamped(double x, double y) {
        return new NormalizedPoint(clamp(x), clamp(y));
    }

    private static double clamp(double v) {
        return Double.isNaN(v) ? 0 : Math.max(0, Math.min(1, v));
    }
}
