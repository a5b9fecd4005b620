/**
 * The media model shared by every source and sink: {@link dev.xsight.media.Frame} (planar samples in pooled
 * buffers with their {@link dev.xsight.media.Colorimetry}), {@link dev.xsight.media.FrameRate} and SMPTE ST 12-1
 * {@link dev.xsight.media.Timecode}.
 */
package dev.xsight.media;
