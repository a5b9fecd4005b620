package dev.xsight.media;

/** Chroma subsampling of a planar picture: how many luma samples share one chroma sample, per direction. */
public enum ChromaSampling {
    S420(2, 2, "4:2:0"),
    S422(2, 1, "4:2:2"),
    S444(1, 1, "4:4:4");

    private final int horizontal;
    private final int vertical;
    private final String label;

    ChromaSampling(int horizontal, int vertical, String label) {
        this.horizontal = horizontal;
        this.vertical = vertical;
        this.label = label;
    }

    /** Horizontal subsampling factor of the chroma planes (1 or 2). */
    public int horizontalFactor() {
        return horizontal;
    }

    /** Vertical subsampling factor of the chroma planes (1 or 2). */
    public int verticalFactor() {
        return vertical;
    }

    /** The usual label, e.g. {@code 4:2:2}. */
    public String label() {
        return label;
    }

    /** Width of a chroma plane for a picture {@code width} luma samples wide (rounded up, as in FFmpeg and JPEG XS). */
    public int chromaWidth(int width) {
        return (width + horizontal - 1) / horizontal;
    }

    /** Height of a chroma plane for a picture {@code height} lines high (rounded up). */
    public int chromaHeight(int height) {
        return (height + vertical - 1) / vertical;
    }
}
