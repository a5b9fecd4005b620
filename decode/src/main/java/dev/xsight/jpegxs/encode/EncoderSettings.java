package dev.xsight.jpegxs.encode;

/**
 * What a {@link JpegXsEncoder} writes: the target rate and the wavelet and slice layout. Immutable; validated on
 * construction (the picture-dependent checks happen when an encoder is built for a size).
 *
 * @param bitsPerPixel target rate in bits per picture pixel (luma sample position); the codestream is exactly
 *     {@code floor(bitsPerPixel * width * height / 8)} bytes (constant bit rate, ISO/IEC 21122-1 PIH field Lcod)
 * @param sliceHeightLines slice height in picture lines; a multiple of the precinct height {@code 2^nly}, or at least
 *     the picture height for one slice per picture
 * @param nlx horizontal decomposition levels NL,x (1..5)
 * @param nly vertical decomposition levels NL,y (0..2, at most {@code nlx}; at least 1 for 4:2:0)
 * @param rawPackets whether the rate allocation may switch packets to raw bitplane-count coding (PIH Rl = 1)
 * @param significanceCoding whether bands may use significance flags (precinct header D[p,b] bit 1)
 * @param verticalPrediction whether bands may predict bitplane counts from the line above (D[p,b] bit 0)
 * @param threads threads that encode one frame together (1..64; 1 encodes on the calling thread only). The output
 *     does not depend on it.
 */
public record EncoderSettings(double bitsPerPixel, int sliceHeightLines, int nlx, int nly, boolean rawPackets,
        boolean significanceCoding, boolean verticalPrediction, int threads) {

    /** SVT-JPEG-XS's default slice height in lines. */
    public static final int DEFAULT_SLICE_HEIGHT = 16;

    public EncoderSettings {
        if (!(bitsPerPixel > 0) || bitsPerPixel > 64 || Double.isNaN(bitsPerPixel)) {
            throw new IllegalArgumentException("bits per pixel must be in (0, 64], got " + bitsPerPixel);
        }
        if (sliceHeightLines < 1) {
            throw new IllegalArgumentException("slice height must be at least 1 line, got " + sliceHeightLines);
        }
        if (nlx < 1 || nlx > 5) {
            throw new IllegalArgumentException("horizontal decomposition levels must be 1..5, got " + nlx);
        }
        if (nly < 0 || nly > 2 || nly > nlx) {
            throw new IllegalArgumentException(
                    "vertical decomposition levels must be 0..2 and at most the horizontal levels, got " + nly);
        }
        if (threads < 1 || threads > 64) {
            throw new IllegalArgumentException("threads must be 1..64, got " + threads);
        }
    }

    /**
     * SVT-JPEG-XS's defaults at {@code bitsPerPixel}: 16-line slices, NL,x = 5, NL,y = 2, raw packets and
     * significance coding allowed; vertical prediction allowed too (the rate model uses it where it is cheaper);
     * one thread.
     */
    public static EncoderSettings of(double bitsPerPixel) {
        return new EncoderSettings(bitsPerPixel, DEFAULT_SLICE_HEIGHT, 5, 2, true, true, true, 1);
    }

    public EncoderSettings withSliceHeight(int lines) {
        return new EncoderSettings(bitsPerPixel, lines, nlx, nly, rawPackets, significanceCoding, verticalPrediction, threads);
    }

    public EncoderSettings withLevels(int horizontal, int vertical) {
        return new EncoderSettings(bitsPerPixel, sliceHeightLines, horizontal, vertical, rawPackets,
                significanceCoding, verticalPrediction, threads);
    }

    public EncoderSettings withBitsPerPixel(double bpp) {
        return new EncoderSettings(bpp, sliceHeightLines, nlx, nly, rawPackets, significanceCoding, verticalPrediction, threads);
    }

    public EncoderSettings withCodingTools(boolean raw, boolean significance, boolean vertical) {
        return new EncoderSettings(bitsPerPixel, sliceHeightLines, nlx, nly, raw, significance, vertical, threads);
    }

    public EncoderSettings withThreads(int n) {
        return new EncoderSettings(bitsPerPixel, sliceHeightLines, nlx, nly, rawPackets, significanceCoding, verticalPrediction, n);
    }
}
