/**
 * Video QC checks on decoded 10-bit codes (black, freeze, range, gamut, flash), each defined as its standard or
 * FFmpeg detector and tested against it.
 */
package dev.xsight.qc.video;
