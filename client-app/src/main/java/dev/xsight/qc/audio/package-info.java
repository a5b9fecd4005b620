/** Audio QC checks (silence, loudness, true peak, clipping, phase), each defined as its standard or FFmpeg detector. */
package dev.xsight.qc.audio;
