package dev.xsight.nmos.connection;

import dev.xsight.media.FrameSource;
import dev.xsight.st2110.receive.St2110Receiver;
import dev.xsight.st2110.receive.St2110Source;
import dev.xsight.st2110.receive.StreamStatistics;
import dev.xsight.st2110.sdp.SessionDescription;
import java.io.IOException;

/**
 * The receive pipeline as the real {@link St2110Source}: sockets, depacketizer and JPEG XS decoder, handing frames to
 * one listener. A switch starts a source for the new stream, then closes the old one (on the same port the new
 * socket takes the packets once the old one is closed).
 *
 * <p>Threading: {@link #receive} and {@link #stop} from the connection's thread; {@link #statistics} from any.
 */
public final class St2110Pipeline implements ReceivePipeline {
    private final St2110Receiver.Options options;
    private final FrameSource.FrameListener listener;
    private volatile St2110Source source;

    /** @param listener gets every decoded frame (on the pipeline's delivery thread) and must release it */
    public St2110Pipeline(St2110Receiver.Options options, FrameSource.FrameListener listener) {
        this.options = options;
        this.listener = listener;
    }

    @Override
    public void receive(SessionDescription sdp) throws IOException {
        // Make before break: the new stream's decoder warms up and its sockets open while the old stream still
        // delivers pictures; a stream that cannot start leaves the old one running.
        St2110Source s = new St2110Source(sdp, options, 0);
        try {
            s.start(listener);
        } catch (IOException | RuntimeException e) {
            s.close();
            throw e;
        }
        St2110Source old = source;
        source = s;
        if (old != null) {
            old.close();
        }
    }

    @Override
    public void stop() {
        St2110Source s = source;
        source = null;
        if (s != null) {
            s.close();
        }
    }

    @Override
    public StreamStatistics statistics() {
        St2110Source s = source;
        return s == null ? null : s.statistics();
    }

    @Override
    public SessionDescription receiving() {
        St2110Source s = source;
        return s == null ? null : s.sdp();
    }

    /** The running source, or null. */
    public St2110Source source() {
        return source;
    }
}
