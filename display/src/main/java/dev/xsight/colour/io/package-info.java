/**
 * The colour file formats, read into {@code dev.xsight.colour} ops: LUTs ({@code .cube}, {@code .3dl}), ASC CDL and
 * CCC, Academy/ASC CLF, ACES AMF, and the display pipeline's own JSON. Every reader refuses a bad file with a
 * {@link dev.xsight.colour.io.ColourFileException} naming the file and line.
 */
package dev.xsight.colour.io;
