package dev.xsight.shell.qc;

import dev.xsight.checklist.ChecklistTemplate;
import dev.xsight.colour.DisplayPipeline;
import dev.xsight.hls.HlsSource;
import dev.xsight.media.Frame;
import dev.xsight.media.FrameRate;
import dev.xsight.media.FrameSource;
import dev.xsight.qc.QcCatalogue;
import dev.xsight.qc.QcChecks;
import dev.xsight.qc.QcEvent;
import dev.xsight.qc.QcNotes;
import dev.xsight.qc.QcProfile;
import dev.xsight.qc.QcWorker;
import dev.xsight.qc.audio.AudioCheck;
import dev.xsight.qc.audio.LoudnessMeter;
import dev.xsight.qc.transport.TransportProbe;
import dev.xsight.review.NoteStore;
import dev.xsight.st2110.receive.St2110Source;
import dev.xsight.viewer.Viewer;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Live QC of one viewer: a {@link QcWorker} per source the viewer plays, fed through the viewer's frame tap, with the
 * profile's checks and the source's transport counters; the findings the profile reports are counted and written as
 * notes ({@link QcNotes}) into the review session's store when there is one.
 *
 * <p>Threading: {@link #onFrame} on the source's thread (never waits: the worker skips and counts when behind);
 * findings and notes on {@code xsight-qc}; a source switch ends the old worker on a short-lived
 * {@code xsight-qc-end} thread; the counters may be read from any thread. Each frame goes to the worker of the
 * source that delivered it.
 */
public final class LiveQc implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(LiveQc.class);

    private final Viewer<?> viewer;
    private final QcProfile profile;
    private final Supplier<NoteStore> store;
    private final List<ChecklistTemplate> templates;
    private final Runnable notesChanged;
    private final AtomicReference<Running> running = new AtomicReference<>();
    private final AtomicLongArray counts = new AtomicLongArray(QcEvent.Type.values().length);
    private final AtomicLong skippedBefore = new AtomicLong();
    private final AtomicLong analysedBefore = new AtomicLong();
    private volatile boolean closed;
    private volatile FrameRate rate;

    private record Running(FrameSource source, QcWorker worker, QcNotes notes) {
    }

    /**
     * @param store the review session's notes (null result: no session, counters only)
     * @param templates the checklists whose items findings tick
     * @param notesChanged called (on {@code xsight-qc}) after a note was written, to refresh the notes views
     */
    public LiveQc(Viewer<?> viewer, QcProfile profile, Supplier<NoteStore> store, List<ChecklistTemplate> templates,
            Runnable notesChanged) {
        this.viewer = viewer;
        this.profile = profile;
        this.store = store;
        this.templates = List.copyOf(templates);
        this.notesChanged = notesChanged;
    }

    /** Starts watching the viewer's frames. */
    public LiveQc attach() {
        viewer.setFrameTap(this::onFrame);
        return this;
    }

    /** Source thread: hands the frame to the worker of the source it came from. */
    void onFrame(FrameSource s, Frame f) {
        if (closed) {
            return;
        }
        if (f.frameRate() != null && !f.frameRate().equals(rate)) {
            rate = f.frameRate();
        }
        Running r = running.get();
        if (r == null || r.source() != s) {
            r = start(s, r);
        }
        r.worker().offer(f);
    }

    private synchronized Running start(FrameSource s, Running old) {
        Running now = running.get();
        if (now != old) {
            return now; // another call switched already
        }
        NoteStore st = store.get();
        QcNotes notes = st == null ? null : new QcNotes(st, profile, s.name(), templates, rate);
        Running[] self = new Running[1];
        // Flashes are measured on the display the viewer renders for (its pipeline when the source started).
        DisplayPipeline display = viewer.params().pipeline();
        QcWorker w = new QcWorker((sink, r) -> QcCatalogue.checks(profile, sink, r, probe(s),
                s instanceof St2110Source ? 1 : 10, display), rate, QcWorker.Feed.LIVE, e -> found(e, self[0]));
        Running r = new Running(s, w, notes);
        self[0] = r;
        running.set(r);
        if (old != null) {
            Thread.ofPlatform().daemon().name("xsight-qc-end").start(() -> end(old));
        }
        return r;
    }

    private static TransportProbe probe(FrameSource s) {
        if (s instanceof St2110Source st) {
            return TransportProbe.of(st);
        }
        if (s instanceof HlsSource hls) {
            return TransportProbe.of(hls);
        }
        return TransportProbe.ofHealth(s::health);
    }

    /** {@code xsight-qc}: a finding of the worker of {@code r}. */
    private void found(QcEvent e, Running r) {
        FrameRate r0 = rate;
        if (!profile.reports(e, r0 == null ? 0 : r0.frameDurationNanos())) {
            return;
        }
        counts.incrementAndGet(e.type().ordinal());
        if (r != null && r.notes() != null) {
            r.notes().accept(e);
            if (r.notes().failure() != null) {
                LOG.warn("auto-QC note not written: {}", r.notes().failure().getMessage());
            }
            notesChanged.run();
        }
    }

    private void end(Running r) {
        try {
            r.worker().finish();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            LOG.warn("live QC of {} ended with: {}", r.source().name(), e.getMessage());
        } finally {
            r.worker().close();
            skippedBefore.addAndGet(r.worker().framesSkipped());
            analysedBefore.addAndGet(r.worker().framesAnalysed());
        }
    }

    /** The loudness meter of the source playing now, or null (no audio checks, or nothing played yet). */
    public LoudnessMeter loudness() {
        Running r = running.get();
        QcChecks c = r == null ? null : r.worker().checks();
        if (c != null) {
            for (AudioCheck a : c.audio()) {
                if (a instanceof LoudnessMeter m) {
                    return m;
                }
            }
        }
        return null;
    }

    /** Findings of {@code type} the profile reported so far (all sources). */
    public long count(QcEvent.Type type) {
        return counts.get(type.ordinal());
    }

    /** Frames the worker skipped whole because it was behind (all sources). */
    public long framesSkipped() {
        Running r = running.get();
        return skippedBefore.get() + (r == null ? 0 : r.worker().framesSkipped());
    }

    /** Whether the running worker has analysed or skipped every frame offered to it (tests pace on it). */
    boolean caughtUp() {
        Running r = running.get();
        return r == null || r.worker().framesOffered() == r.worker().framesAnalysed() + r.worker().framesSkipped();
    }

    /** Frames analysed (all sources). */
    public long framesAnalysed() {
        Running r = running.get();
        return analysedBefore.get() + (r == null ? 0 : r.worker().framesAnalysed());
    }

    public QcProfile profile() {
        return profile;
    }

    /**
     * Stops watching; the running worker reports what is still open and ends on {@code xsight-qc-end} (so the FX
     * thread never waits for it).
     */
    @Override
    public void close() {
        ended();
    }

    /**
     * As {@link #close()}; the result completes once the last findings are reported and written (the shell closes
     * the session file after it).
     */
    public CompletableFuture<Void> ended() {
        closed = true;
        viewer.setFrameTap(null);
        Running r = running.getAndSet(null);
        CompletableFuture<Void> done = new CompletableFuture<>();
        if (r == null) {
            done.complete(null);
        } else {
            Thread.ofPlatform().daemon().name("xsight-qc-end").start(() -> {
                try {
                    end(r);
                } finally {
                    done.complete(null);
                }
            });
        }
        return done;
    }
}
