/**
 * The preview render stack: frames through a display pipeline into pictures, on the GPU or the CPU reference.
 * {@link dev.xsight.render.RenderParams} says how (pipeline, display target, overlays, size);
 * {@link dev.xsight.render.ProgramCache} compiles each pipeline once per signal for every output of a viewer;
 * {@link dev.xsight.render.PreviewLoop} carries frames from a source thread to a UI through its converter thread
 * with {@link dev.xsight.render.PipelineRenderer}. No UI toolkit here: the shell adapts the pictures to JavaFX.
 */
package dev.xsight.render;
