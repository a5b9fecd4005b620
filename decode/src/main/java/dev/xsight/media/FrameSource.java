package dev.xsight.media;

/**
 * A live or file source of decoded frames: the demo test signal, an ST 2110-22 receiver, an HLS player.
 *
 * <p>Threading: {@link #start} and {@link #close} may be called from any thread (never the FX thread if they block);
 * frames are delivered on the source's own thread(s), one at a time, in presentation order.
 */
public interface FrameSource extends AutoCloseable {

    /** A short name for the source list, e.g. {@code Demo bars 1080p59.94}. */
    String name();

    /**
     * Starts delivering frames. Each delivered frame is owned by the listener, which must
     * {@link Frame#release() release} it when done. Calling start twice is an error.
     *
     * @throws java.io.IOException when the source cannot be opened (the message says what to do)
     */
    void start(FrameListener listener) throws java.io.IOException;

    /** Health snapshot for the shell's health bar; safe to call from any thread at any time. */
    SourceHealth health();

    /** Stops delivery and frees resources; after it returns no more frames are delivered. Idempotent. */
    @Override
    void close();

    /** Receives frames and errors from a {@link FrameSource}. */
    interface FrameListener {
        /** A new frame; the listener owns it and must release it. */
        void onFrame(Frame frame);

        /**
         * A failure the source could not hide, with its kind and location; delivery goes on when
         * {@link SourceException#recoverable()}, else the source has stopped.
         */
        default void onError(SourceException error) {
        }
    }
}
