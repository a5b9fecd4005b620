package dev.xsight.jpegxs;

import dev.xsight.media.Frame;

/**
 * Pure-Java JPEG XS decoder (ISO/IEC 21122-1). Decodes whole codestreams ({@link #decode}) or streams slices into a
 * frame as they arrive ({@link #begin}). Buffers are built once per codestream layout and reused, so decoding a
 * sequence of frames with the same main header allocates nothing per frame.
 *
 * <p>Threading: one frame at a time per decoder, driven from one thread. With {@code threads == 1} everything runs on
 * the calling thread. Otherwise a bounded pool of {@code threads} workers helps: a whole picture ({@link #decode}) is
 * split into one {@link Lane} of slices per thread, the calling thread running the first and waiting for the others
 * (one hand-off each way per picture); streamed slices ({@link #begin}) are one task each. Close the decoder to stop
 * its workers.
 */
public final class JpegXsDecoder implements AutoCloseable {
    /**
     * Whether decoders use the Vector API kernels ({@link VectorKernels}): the JVM was started with
     * {@code --add-modules jdk.incubator.vector} and the system property {@code xsight.jpegxs.simd} is not
     * {@code false}. Otherwise the scalar loops run (they are the reference; both give the same samples).
     */
    static final boolean SIMD_BY_DEFAULT = ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent()
            && !"false".equalsIgnoreCase(System.getProperty("xsight.jpegxs.simd"));

    private final int threads;
    private final boolean simd;
    private final Thread[] workers;
    private final Object queueLock = new Object();
    private final Object transformLock = new Object();
    private final Session session = new Session();
    private int[] queue = new int[0];
    private int queueHead;
    private int queueSize;
    private PrecinctDecoder[] idle = new PrecinctDecoder[0];
    private int idleCount;
    private volatile boolean closed;
    private DecoderState state;
    /** States of the last few headers, most recent first ({@link #recentState}). */
    private final DecoderState[] recent = new DecoderState[4];

    /**
     * @param threads worker threads across slices, 1 to 64; 1 decodes on the calling thread
     */
    public JpegXsDecoder(int threads) {
        this(threads, SIMD_BY_DEFAULT);
    }

    /**
     * @param threads worker threads across slices, 1 to 64; 1 decodes on the calling thread
     * @param simd whether to use the Vector API kernels; only {@code true} where {@link #SIMD_BY_DEFAULT} is
     */
    JpegXsDecoder(int threads, boolean simd) {
        if (simd && ModuleLayer.boot().findModule("jdk.incubator.vector").isEmpty()) {
            throw new IllegalArgumentException("simd needs the jdk.incubator.vector module");
        }
        this.simd = simd;
        if (threads < 1 || threads > 64) {
            throw new IllegalArgumentException("threads must be 1..64, got " + threads);
        }
        this.threads = threads;
        if (threads == 1) {
            workers = new Thread[0];
        } else {
            workers = new Thread[threads];
            for (int i = 0; i < threads; i++) {
                Thread t = new Thread(this::workLoop, "jpegxs-slice-" + i);
                t.setDaemon(true);
                workers[i] = t;
                t.start();
            }
        }
    }

    /** Worker threads of this decoder. */
    public int threads() {
        return threads;
    }

    /** Parses the main header of the codestream at {@code b[off..off+len)}. */
    public static CodestreamInfo probe(byte[] b, int off, int len) throws JpegXsFormatException {
        return HeaderParser.parse(b, off, len);
    }

    /**
     * Length in bytes of the codestream starting at {@code off}: Lcod when the stream is constant bit rate, else
     * found by walking the slices and precincts up to EOC.
     */
    public static int codestreamLength(byte[] b, int off, int len) throws JpegXsFormatException {
        CodestreamInfo info = HeaderParser.parse(b, off, len);
        if (info.codestreamBytes() != 0) {
            if (info.codestreamBytes() > len) {
                throw new JpegXsFormatException("PIH", 0, "Lcod " + info.codestreamBytes()
                        + " exceeds the " + len + " bytes available");
            }
            return (int) info.codestreamBytes();
        }
        Layout layout = Layout.of(info);
        int[] starts = new int[info.sliceCount() + 1];
        return SliceScanner.scan(layout, b, off, off + info.headerBytes(), off + len, starts) - off;
    }

    /** Decodes the whole codestream at {@code b[off..off+len)} into {@code out}. */
    public void decode(byte[] b, int off, int len, Frame out) throws JpegXsFormatException {
        Session s = start(b, off, len, out);
        CodestreamInfo info = state.info;
        int end = off + len;
        if (info.codestreamBytes() != 0) {
            if (info.codestreamBytes() > len) {
                throw new JpegXsFormatException("PIH", 0, "Lcod " + info.codestreamBytes()
                        + " exceeds the " + len + " bytes available: truncated codestream");
            }
            end = off + (int) info.codestreamBytes();
        }
        int[] starts = state.sliceStarts;
        SliceScanner.scan(state.layout, b, off, off + info.headerBytes(), end, starts);
        if (workers.length > 1 && info.sliceCount() > 1) {
            Lane[] lanes = state.lanes(Math.min(threads, info.sliceCount()));
            if (lanes.length > 1) {
                s.lanes(b, off, lanes);
                return;
            }
        }
        for (int i = 0; i < info.sliceCount(); i++) {
            s.origin = off;
            s.slice(i, b, starts[i], starts[i + 1] - starts[i]);
        }
        try {
            s.awaitComplete();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new java.util.concurrent.CancellationException("interrupted while decoding");
        }
        s.checkAllRowsWritten();
    }

    /**
     * Starts a slice-streaming decode. {@code b[off..off+len)} holds the main header (SOC up to the first SLH; more
     * bytes may follow). The returned object is reused by the next {@code begin} or {@code decode}.
     */
    public SliceDecode begin(byte[] b, int off, int len, Frame out) throws JpegXsFormatException {
        Session s = start(b, off, len, out);
        s.origin = -1;
        return s;
    }

    /**
     * Prepares the session for a frame. Slices are decoded in picture order (a slice streamed ahead of an earlier one
     * waits for it), so the coefficient store holds them in a ring of a few slices (see {@link CoefficientStore}).
     */
    private Session start(byte[] b, int off, int len, Frame out) throws JpegXsFormatException {
        if (closed) {
            throw new IllegalStateException("decoder closed");
        }
        session.drain();
        prepare(b, off, len);
        if (out == null) {
            throw new IllegalArgumentException("no output frame");
        }
        if (!out.format().equals(state.format) || out.width() != state.info.width()
                || out.height() != state.info.height()) {
            throw new IllegalArgumentException("output frame " + out.describe() + " does not match the codestream's "
                    + state.info.width() + "x" + state.info.height() + " " + state.format.describe() + " ("
                    + state.format.ffmpegName() + ")");
        }
        // The ring keeps the decoding threads' rows in cache (+15-20 % at 1080p with one thread). A first ring shared
        // by two workers was 25-30 % slower than the whole-picture store because they waited for ring slots while
        // the synthesis caught up; now the ring has a slice more per worker and a worker short of space synthesises
        // itself before it waits (Session.awaitRingSpace).
        session.reset(state, out);
        return session;
    }

    /**
     * Parses the main header of the codestream at {@code b[off..off+len)} and makes it the decoder's current layout,
     * or keeps the current one when the header is the same (a byte comparison, no allocation). Callers pick an
     * output frame of {@link CodestreamInfo#pixelFormat()} and size from the result. Must not be called while a
     * slice-streaming frame is in flight: it waits for that frame's slices first.
     */
    public CodestreamInfo header(byte[] b, int off, int len) throws JpegXsFormatException {
        if (closed) {
            throw new IllegalStateException("decoder closed");
        }
        session.drain();
        prepare(b, off, len);
        return state.info;
    }

    /**
     * Makes {@code b[off..off+len)}'s main header current. Everything sized by a header is rebuilt together when it
     * changes: the state, the slice queue (with its head and size, so no index of the old queue survives), the idle
     * precinct decoders and the session's per-slice arrays. Called with no slice in flight.
     */
    private void prepare(byte[] b, int off, int len) throws JpegXsFormatException {
        if (b == null || off < 0 || len < 0 || off > b.length - len) {
            throw new JpegXsFormatException("SOC", 0, "range " + off + "+" + len + " outside a buffer of "
                    + (b == null ? "no" : String.valueOf(b.length)) + " bytes");
        }
        if (state != null && state.sameHeader(b, off, len)) {
            return;
        }
        DecoderState next = recentState(b, off, len);
        if (next == null) {
            CodestreamInfo info = HeaderParser.parse(b, off, len);
            state = null;
            next = new DecoderState(b, off, info, Math.max(1, workers.length), simd);
            remember(next);
        }
        int slices = next.info.sliceCount();
        synchronized (queueLock) {
            if (queue.length < slices) {
                queue = new int[slices];
            }
            queueHead = 0;
            queueSize = 0;
            // Every precinct decoder is idle between frames: the state's stack holds all of them.
            idle = next.idle;
            idleCount = idle.length;
        }
        session.allocate(slices, next.layout.nc);
        state = next;
    }

    /**
     * A state built earlier for exactly this header, moved to the front of {@link #recent}; null when none. A stream
     * whose pictures alternate between a few headers (RFC 9134 senders may change the header from one picture to
     * the next) then switches layouts without building coefficient stores again each picture.
     */
    private DecoderState recentState(byte[] b, int off, int len) {
        for (int i = 0; i < recent.length; i++) {
            DecoderState r = recent[i];
            if (r != null && r.sameHeader(b, off, len)) {
                System.arraycopy(recent, 0, recent, 1, i);
                recent[0] = r;
                return r;
            }
        }
        return null;
    }

    /** Puts {@code s} first in {@link #recent}, keeping the others while they fit the memory budget. */
    private void remember(DecoderState s) {
        System.arraycopy(recent, 0, recent, 1, recent.length - 1);
        recent[0] = s;
        long budget = Math.min(DecoderState.MAX_WORKING_BYTES, Runtime.getRuntime().maxMemory() / 4);
        long used = 0;
        for (int i = 0; i < recent.length; i++) {
            if (recent[i] == null) {
                continue;
            }
            used += recent[i].workingBytes;
            if (i > 0 && used > budget) {
                recent[i] = null;
            }
        }
    }

    private void workLoop() {
        while (true) {
            int slice;
            PrecinctDecoder dec;
            synchronized (queueLock) {
                while (queueSize == 0 && !closed) {
                    try {
                        queueLock.wait();
                    } catch (InterruptedException e) {
                        // Nobody outside holds these threads; only close() ends them, so a stray interrupt cannot
                        // leave the decoder a worker short.
                        continue;
                    }
                }
                if (closed) {
                    return;
                }
                slice = queue[queueHead];
                queueHead = (queueHead + 1) % queue.length;
                queueSize--;
                dec = idle[--idleCount];
            }
            try {
                if (slice < 0) {
                    session.runLane(-slice);
                } else {
                    session.run(slice, dec);
                }
            } catch (Throwable t) {
                // run() turns every failure into the picture's error; this is the last line so that nothing, not
                // even an Error, ends a worker or leaves its slice pending.
                session.fail(slice, t);
            } finally {
                synchronized (queueLock) {
                    idle[idleCount++] = dec;
                    // Only the driving thread waits for slices to finish, and only for all of them: waking every
                    // waiter after each slice kept the workers contending for this lock (18 % of their samples).
                    if (--session.pending == 0) {
                        queueLock.notifyAll();
                    }
                }
            }
        }
    }

    @Override
    public void close() {
        synchronized (queueLock) {
            closed = true;
            queueLock.notifyAll();
        }
        synchronized (transformLock) {
            // Workers waiting for ring space in a frame that will not finish.
            transformLock.notifyAll();
        }
        for (Thread t : workers) {
            try {
                t.join(1000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** The one frame in flight: slice bookkeeping and row output. */
    private final class Session implements SliceDecode {
        private DecoderState st;
        private Frame out;
        private byte[][] buf = new byte[0][];
        private int[] off = new int[0];
        private int[] len = new int[0];
        private boolean[] given = new boolean[0];
        /** Slices of the current header (the arrays may be longer). */
        private int n;
        private boolean[] done = new boolean[0];
        private int[] written = new int[0];
        private int prefix;
        private volatile int prefixRows;
        private boolean rct;
        private int[] stepped = new int[0];
        private java.util.concurrent.locks.ReentrantLock[] locks = new java.util.concurrent.locks.ReentrantLock[0];
        private int pending;
        /** With the ring: slices [0, dispatched) have been decoded or handed to the workers, in order. */
        private int dispatched;
        private int origin;
        private volatile JpegXsFormatException error;
        /** Slices in the coefficient ring for this frame, 0 when the store shows the whole picture. */
        private int ring;
        /** Lanes of the frame in flight; set before the hand-off (under the queue lock), read by the workers. */
        private Lane[] laneRun;
        /** Workers waiting in {@link #awaitRingSpace} for the decoded prefix to grow; guarded by transformLock. */
        private int ringWaiters;

        /** Per-slice arrays for {@code slices} slices; grown, never shrunk, so a header change allocates little. */
        void allocate(int slices, int comps) {
            if (buf.length < slices) {
                buf = new byte[slices][];
                off = new int[slices];
                len = new int[slices];
                given = new boolean[slices];
                done = new boolean[slices];
            }
            if (written.length < comps) {
                written = new int[comps];
            }
            n = slices;
        }

        private void lockGroups(DecoderState s) {
            rct = s.info.cpih() == 1;
            int groups = rct ? s.layout.nc - 2 : s.layout.nc;
            if (stepped.length != groups) {
                stepped = new int[groups];
            }
            java.util.Arrays.fill(stepped, 0);
            if (locks.length != groups) {
                locks = new java.util.concurrent.locks.ReentrantLock[groups];
                for (int g = 0; g < groups; g++) {
                    locks[g] = new java.util.concurrent.locks.ReentrantLock();
                }
            }
        }

        void reset(DecoderState s, Frame frame) {
            st = s;
            ring = s.store.ringSlices;
            out = frame;
            java.util.Arrays.fill(buf, null);
            java.util.Arrays.fill(given, false);
            java.util.Arrays.fill(done, false);
            java.util.Arrays.fill(written, 0);
            prefix = 0;
            prefixRows = 0;
            dispatched = 0;
            error = null;
            lockGroups(s);
            for (ComponentTransform t : s.transforms) {
                t.reset();
            }
        }

        /** Waits for slices of an abandoned frame before the next one starts. */
        void drain() {
            synchronized (queueLock) {
                while (pending > 0 && !closed) {
                    try {
                        queueLock.wait();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new java.util.concurrent.CancellationException("interrupted");
                    }
                }
            }
        }

        @Override
        public int sliceCount() {
            return st.info.sliceCount();
        }

        @Override
        public void slice(int sliceIndex, byte[] b, int o, int l) throws JpegXsFormatException {
            if (st != state) {
                // A later begin, decode or header() of another main header re-sized everything this frame used.
                throw new IllegalStateException("frame superseded by another codestream header: begin again");
            }
            int n = sliceCount();
            if (sliceIndex < 0 || sliceIndex >= n) {
                throw new JpegXsFormatException("SLH", 0, "slice index " + sliceIndex + " outside 0.." + (n - 1));
            }
            if (b == null || o < 0 || l < 0 || o > b.length - l) {
                throw new IllegalArgumentException("slice byte range outside the buffer");
            }
            if (given[sliceIndex]) {
                throw new JpegXsFormatException("SLH", 0, "slice " + sliceIndex + " given twice");
            }
            given[sliceIndex] = true;
            buf[sliceIndex] = b;
            off[sliceIndex] = o;
            len[sliceIndex] = l;
            if (ring == 0) {
                dispatch(sliceIndex);
                return;
            }
            // With the coefficient ring, slices are decoded in picture order: one that arrives before an earlier
            // one waits (its bytes stay the caller's until awaitComplete) and goes as soon as the gap is filled, so
            // the ring never has to hold a slice whose predecessors the synthesis has not seen.
            while (dispatched < n && given[dispatched]) {
                dispatch(dispatched++);
            }
        }

        /** Decodes slice {@code sliceIndex} on this thread (one thread) or hands it to the workers. */
        private void dispatch(int sliceIndex) throws JpegXsFormatException {
            if (workers.length == 0) {
                PrecinctDecoder dec = st.decoders[0];
                run(sliceIndex, dec);
                if (error != null) {
                    JpegXsFormatException e = error;
                    throw e;
                }
                return;
            }
            synchronized (queueLock) {
                pending++;
                queue[(queueHead + queueSize) % queue.length] = sliceIndex;
                queueSize++;
                queueLock.notify();
            }
        }

        /**
         * Decodes a whole picture in lanes ({@link Lane}): lane 0 on this thread, the others on workers, one hand-off
         * each way per frame and no lock while they run. The first failing lane's error (the one nearest the top,
         * so the same as one thread's) fails the frame.
         */
        void lanes(byte[] b, int codestreamOrigin, Lane[] lanes) throws JpegXsFormatException {
            int count = lanes.length;
            laneRun = lanes;
            int[] bounds = st.laneBounds;
            Lane.split(st.layout, st.sliceStarts, count, bounds);
            for (int l = 0; l < count; l++) {
                lanes[l].plan(b, codestreamOrigin, st.sliceStarts, bounds[l], bounds[l + 1], out);
            }
            synchronized (queueLock) {
                for (int l = 1; l < count; l++) {
                    pending++;
                    queue[(queueHead + queueSize) % queue.length] = -l;
                    queueSize++;
                }
                queueLock.notifyAll();
            }
            lanes[0].run();
            try {
                synchronized (queueLock) {
                    while (pending > 0 && !closed) {
                        queueLock.wait();
                    }
                    if (closed && pending > 0) {
                        throw new IllegalStateException("decoder closed with " + pending + " lane(s) running");
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new java.util.concurrent.CancellationException("interrupted while decoding");
            }
            for (Lane lane : lanes) {
                if (lane.error != null) {
                    error = lane.error;
                    throw lane.error;
                }
            }
            for (int c = 0; c < st.layout.nc; c++) {
                written[c] = st.layout.comps[c].height;
            }
        }

        /** Runs lane {@code l} of the frame planned by {@link #lanes} on a worker. */
        void runLane(int l) {
            laneRun[l].run();
        }

        void run(int slice, PrecinctDecoder dec) {
            if (error != null) {
                return;
            }
            try {
                if (ring > 0 && slice >= ring && !awaitRingSpace(slice)) {
                    return;
                }
                int o = off[slice];
                int base = origin >= 0 ? origin : o;
                dec.decodeSlice(buf[slice], o, o + len[slice], slice, base);
            } catch (JpegXsFormatException e) {
                synchronized (transformLock) {
                    if (error == null) {
                        error = e;
                    }
                    transformLock.notifyAll();
                }
                return;
            } catch (RuntimeException | Error e) {
                fail(slice, e);
                return;
            }
            try {
                synchronized (transformLock) {
                    done[slice] = true;
                    while (prefix < n && done[prefix]) {
                        prefix++;
                    }
                    prefixRows = Math.min(st.layout.precinctRows, prefix * st.info.sliceHeightPrecincts());
                    if (ringWaiters > 0) {
                        transformLock.notifyAll();
                    }
                }
                advance(false);
            } catch (RuntimeException | Error e) {
                fail(slice, e);
            }
        }

        /** Records a failure that is not a format error as the frame's error (the first one wins). */
        void fail(int slice, Throwable e) {
            synchronized (transformLock) {
                if (error == null) {
                    error = new JpegXsFormatException("slice " + slice, 0, "decoder failure: " + e);
                }
                transformLock.notifyAll();
            }
        }

        /**
         * Makes sure the synthesis has consumed the slice whose ring rows {@code slice} reuses. One thread decoding in
         * order has synthesised everything before {@code slice} already, so there this holds unless the ring is too
         * short, a defect reported by name. A worker runs the synthesis itself first (the components' locks, waiting
         * for them), and only when slices before its own are still being decoded by other workers does it wait for
         * the decoded prefix to grow: the slice at the head of the prefix always has room (the ring holds its lag
         * plus one slice per worker), so the workers cannot wait for each other in a circle.
         *
         * @return false when the frame failed meanwhile (the slice is then skipped)
         */
        private boolean awaitRingSpace(int slice) {
            int need = (slice - ring + 1) * st.info.sliceHeightPrecincts();
            if (ringFree(need)) {
                return true;
            }
            if (workers.length == 0) {
                throw new IllegalStateException("coefficient ring of " + ring + " slices too short for slice " + slice);
            }
            while (true) {
                int seen;
                synchronized (transformLock) {
                    seen = prefix;
                }
                advance(true);
                if (ringFree(need)) {
                    return true;
                }
                synchronized (transformLock) {
                    while (prefix == seen && error == null && !closed) {
                        if (seen >= slice) {
                            throw new IllegalStateException("coefficient ring of " + ring + " slices too short for slice "
                                    + slice);
                        }
                        ringWaiters++;
                        try {
                            transformLock.wait();
                        } catch (InterruptedException e) {
                            // Only close() ends the workers (see workLoop); it also sets closed, checked above.
                        } finally {
                            ringWaiters--;
                        }
                    }
                    if (error != null || closed) {
                        return false;
                    }
                }
            }
        }

        private boolean ringFree(int precinctRows) {
            for (ComponentTransform t : st.transforms) {
                if (t.consumed() < precinctRows) {
                    return false;
                }
            }
            return true;
        }

        /**
         * Runs the wavelet synthesis as far as the decoded slice prefix allows and writes final rows. Each
         * component (or the RCT group of the first three) has its own lock, so two workers finishing slices
         * synthesise different components at the same time. With {@code wait} false a worker skips a component
         * another thread is advancing; that thread re-reads the prefix after it unlocks, so no progress is lost.
         */
        private void advance(boolean wait) {
            int groups = locks.length;
            for (int g = 0; g < groups; g++) {
                java.util.concurrent.locks.ReentrantLock lock = locks[g];
                while (true) {
                    if (wait) {
                        lock.lock();
                    } else if (!lock.tryLock()) {
                        break;
                    }
                    int rows;
                    try {
                        rows = prefixRows;
                        advanceGroup(g, rows);
                    } finally {
                        lock.unlock();
                    }
                    if (prefixRows == rows) {
                        break;
                    }
                }
            }
        }

        private void advanceGroup(int g, int rows) {
            // One precinct row at a time, writing final rows out after each: the synthesis never runs more than a
            // few rows ahead of the output, so its final rows live in a small ring (see ComponentTransform).
            for (int p = stepped[g] + 1; p <= rows; p++) {
                stepGroup(g, p);
                stepped[g] = p;
            }
        }

        private void stepGroup(int g, int rows) {
            if (rct && g == 0) {
                int ready = Integer.MAX_VALUE;
                for (int c = 0; c < 3; c++) {
                    ready = Math.min(ready, st.transforms[c].advance(rows));
                }
                if (ready > written[0]) {
                    st.outputs[0].rct(st.transforms, written[0], ready, out);
                    written[0] = ready;
                    written[1] = ready;
                    written[2] = ready;
                    for (int c = 0; c < 3; c++) {
                        st.transforms[c].release(ready);
                    }
                }
                return;
            }
            int c = rct ? g + 2 : g;
            ComponentTransform t = st.transforms[c];
            int ready = t.advance(rows);
            if (ready > written[c]) {
                st.outputs[c].component(c, t, written[c], ready, out);
                written[c] = ready;
                t.release(ready);
            }
        }

        @Override
        public boolean complete() {
            if (st != state) {
                return false;
            }
            for (int c = 0; c < st.layout.nc; c++) {
                if (written[c] != st.layout.comps[c].height) {
                    return false;
                }
            }
            return error == null;
        }

        void checkAllRowsWritten() throws JpegXsFormatException {
            for (int c = 0; c < st.layout.nc; c++) {
                if (written[c] != st.layout.comps[c].height) {
                    throw new JpegXsFormatException("EOC", 0, "component " + c + " has " + written[c] + " of "
                            + st.layout.comps[c].height + " rows after all slices");
                }
            }
        }

        @Override
        public void awaitComplete() throws JpegXsFormatException, InterruptedException {
            synchronized (queueLock) {
                while (pending > 0 && !closed) {
                    queueLock.wait();
                }
                if (closed && pending > 0) {
                    throw new IllegalStateException("decoder closed with " + pending + " slice(s) undecoded");
                }
            }
            // Workers may have skipped a component another worker was synthesising: finish on this thread.
            try {
                advance(true);
            } catch (RuntimeException | Error e) {
                fail(-1, e);
            }
            synchronized (transformLock) {
                if (error != null) {
                    throw error;
                }
            }
        }
    }
}
