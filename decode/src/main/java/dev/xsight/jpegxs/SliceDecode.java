package dev.xsight.jpegxs;

/**
 * Slice-streaming decode of one frame, from {@link JpegXsDecoder#begin}. Feed each slice's bytes as they arrive, in
 * any order; they are decoded in picture order (a slice given before an earlier one waits until that one is given,
 * which keeps the decoder's coefficients in a ring of a few slices), and rows of the output frame are written as soon
 * as the wavelet synthesis has what it needs (the slice itself and the first precinct rows of the next one), so with
 * slices given in order decoding ends about one slice after the last bytes.
 *
 * <p>Threading: call {@link #slice} and {@link #awaitComplete} from one thread. {@code slice} may return before the
 * slice is decoded (with a decoder of more than one thread, or when the slice waits for an earlier one): the caller
 * must leave those bytes unchanged until {@code awaitComplete} returns.
 */
public interface SliceDecode {
    /** Number of slices in the frame. */
    int sliceCount();

    /**
     * Decodes slice {@code sliceIndex} whose bytes start at its SLH marker.
     *
     * @throws JpegXsFormatException when this slice, or an earlier-waiting one that it lets go, is malformed (on
     *     the calling thread with one worker; otherwise it may be reported by {@link #awaitComplete}); its byte
     *     offset counts from the slice's SLH marker
     */
    void slice(int sliceIndex, byte[] b, int off, int len) throws JpegXsFormatException;

    /** Waits until every slice given so far is decoded and its final rows are written into the frame. */
    void awaitComplete() throws JpegXsFormatException, InterruptedException;

    /**
     * After {@link #awaitComplete}: whether every row of every component of the frame was written by this decode,
     * without error. A frame that is not complete holds rows of whatever picture the frame showed before and must not
     * be shown as this picture.
     */
    boolean complete();
}
