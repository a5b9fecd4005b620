/**
 * The JPEG XS (ISO/IEC 21122-1) constant-bit-rate encoder: {@link dev.xsight.jpegxs.encode.JpegXsEncoder} with its
 * {@link dev.xsight.jpegxs.encode.EncoderSettings}. It shares no code with the decoder in {@code jpegxs}, so each
 * checks the other in the round-trip tests.
 */
package dev.xsight.jpegxs.encode;
