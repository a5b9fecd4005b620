package dev.xsight.nmos.connection;

import dev.xsight.st2110.receive.StreamStatistics;
import dev.xsight.st2110.sdp.SessionDescription;
import java.io.IOException;

/**
 * What an IS-05 activation drives: the receive pipeline of the one receiver. {@link #receive} starts it, or switches
 * it to another stream in the same process; {@link #stop} stops it. {@link St2110Pipeline} decodes to a frame
 * listener (the CLI); another implementation may hand the stream to a viewer (the shell).
 *
 * <p>Threading: {@link #receive}, {@link #stop} and {@link #close} from the connection's one thread only;
 * {@link #receiving} and {@link #statistics} from any thread.
 */
public interface ReceivePipeline extends AutoCloseable {
    /**
     * Receives the stream {@code sdp} describes (the addresses are those the activation resolved), replacing any
     * stream being received.
     *
     * @throws IOException when the sockets cannot be opened (the message names the address); the stream received
     *     before, if any, goes on
     */
    void receive(SessionDescription sdp) throws IOException;

    /** Stops receiving (nothing when stopped). */
    void stop();

    /** The stream being received (as passed to {@link #receive}), or null when stopped. */
    SessionDescription receiving();

    /** The running stream's statistics, or null when nothing is received. */
    StreamStatistics statistics();

    @Override
    default void close() {
        stop();
    }
}
