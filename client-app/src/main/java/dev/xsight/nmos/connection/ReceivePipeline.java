package dev.xsight.nmos.connection;

import dev.xsight.st2110.sdp.SessionDescription;
import java.io.IOException;

/**
 * What an IS-05 activation drives: the receive pipeline of the one receiver. {@link #receive} starts it, or switches
 * it to another stream in the same process; {@link #stop} stops it.
 *
 * <p>Threading: called from the connection's one thread only.
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

    @Override
    default void close() {
        stop();
    }
}
