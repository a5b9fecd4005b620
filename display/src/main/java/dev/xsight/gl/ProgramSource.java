package dev.xsight.gl;

import dev.xsight.colour.ColourProgram;
import dev.xsight.colour.DisplayPipeline;
import dev.xsight.media.Colorimetry;
import dev.xsight.media.PixelFormat;

/**
 * Where a renderer gets the compiled program of a pipeline for a signal: compiled on the spot
 * ({@link #compiling()}), or shared between the outputs of a viewer ({@code render.ProgramCache}), so that the
 * pipeline's LUT and CDL files are read once. Implementations are thread-safe.
 */
@FunctionalInterface
public interface ProgramSource {
    /**
     * The program for frames of {@code format} carrying {@code colorimetry}; a {@link RuntimeException} (e.g.
     * {@code ColourFileException}) when the pipeline cannot be compiled for them.
     */
    ColourProgram program(DisplayPipeline pipeline, PixelFormat format, Colorimetry colorimetry);

    /** Compiles every time (reads the pipeline's files each time). */
    static ProgramSource compiling() {
        return DisplayPipeline::compile;
    }
}
