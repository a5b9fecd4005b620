package dev.xsight.media;

/** What the planes of a frame hold. */
public enum ColourModel {
    /** Planes Y', Cb, Cr (and optionally alpha). */
    YCBCR,
    /** Planes R', G', B' (and optionally alpha); never subsampled. */
    RGB
}
