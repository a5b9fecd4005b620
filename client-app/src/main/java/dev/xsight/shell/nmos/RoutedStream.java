package dev.xsight.shell.nmos;

import dev.xsight.media.Frame;
import dev.xsight.media.FrameSource;
import dev.xsight.media.SourceException;
import dev.xsight.media.SourceHealth;
import dev.xsight.media.SourceProvider;
import dev.xsight.nmos.connection.St2110Pipeline;
import dev.xsight.st2110.receive.St2110Source;
import java.util.function.Supplier;

/**
 * How the node's receive pipeline reaches the main viewer without restarting anything. The pipeline's
 * {@link St2110Pipeline} delivers every decoded frame to this relay (whatever stream an activation switched it to);
 * the viewer opens {@link #provider()} like any source, and the {@link FrameSource} it gets attaches the viewer's
 * listener to the relay. Frames with no viewer attached are released here. A new activation swaps the stream
 * behind the relay, so the viewer keeps its source and simply gets the new stream's pictures.
 *
 * <p>Threading: {@link #onFrame} on the pipeline's delivery thread (one frame at a time); attaching and detaching
 * on the viewer's control thread. A detached source gets no frame after {@link FrameSource#close()} returns:
 * delivery and detaching share one lock (uncontended per frame, no allocation).
 */
final class RoutedStream implements FrameSource.FrameListener {
    /** The source list's kind of the routed stream. */
    static final String KIND = "nmos";

    private final Object lock = new Object();
    private final Supplier<St2110Pipeline> pipeline;
    private volatile String name = "NMOS";
    // Guarded by lock.
    private FrameSource.FrameListener target;
    private Routed attached;

    /** @param pipeline the node's pipeline once the node runs, else null */
    RoutedStream(Supplier<St2110Pipeline> pipeline) {
        this.pipeline = pipeline;
    }

    /** The name the viewer shows for the stream, e.g. {@code NMOS: routed from Camera 1}. */
    void setName(String n) {
        name = n;
    }

    String name() {
        return name;
    }

    @Override
    public void onFrame(Frame frame) {
        synchronized (lock) {
            if (target == null) {
                frame.release();
            } else {
                target.onFrame(frame);
            }
        }
    }

    @Override
    public void onError(SourceException error) {
        synchronized (lock) {
            if (target != null) {
                target.onError(error);
            }
        }
    }

    /** The source list's provider: each {@code open} gives a source that shows the routed stream. */
    SourceProvider provider() {
        return new SourceProvider() {
            @Override
            public String kind() {
                return KIND;
            }

            @Override
            public String label() {
                return name;
            }

            @Override
            public Input input() {
                return Input.NONE;
            }

            @Override
            public FrameSource open(String location) {
                return new Routed();
            }
        };
    }

    /** The viewer's side: attached on start, detached on close; health from the pipeline's running stream. */
    private final class Routed implements FrameSource {
        @Override
        public String name() {
            return name;
        }

        @Override
        public void start(FrameListener listener) {
            synchronized (lock) {
                if (attached != null && attached != this) {
                    attached.detachLocked();
                }
                attached = this;
                target = listener;
            }
        }

        private void detachLocked() {
            if (attached == this) {
                attached = null;
                target = null;
            }
        }

        @Override
        public SourceHealth health() {
            St2110Pipeline p = pipeline.get();
            St2110Source s = p == null ? null : p.source();
            return s == null ? SourceHealth.of(SourceHealth.State.STARTING, "no signal: the receiver is not routed",
                    0, 0, null) : s.health();
        }

        @Override
        public void close() {
            synchronized (lock) {
                detachLocked();
            }
        }
    }
}
