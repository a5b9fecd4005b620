package dev.xsight.review;

/** What a drag on the {@link DrawingLayer} makes. */
public enum DrawingTool {
    PEN, ARROW, RECTANGLE, ELLIPSE, TEXT
}
