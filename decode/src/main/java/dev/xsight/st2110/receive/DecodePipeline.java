package dev.xsight.st2110.receive;

import dev.xsight.jpegxs.JpegXsDecoder;
import dev.xsight.jpegxs.JpegXsFormatException;
import dev.xsight.jpegxs.SliceDecode;
import dev.xsight.media.Colorimetry;
import dev.xsight.media.Frame;
import dev.xsight.media.FramePool;
import dev.xsight.media.FrameRate;
import dev.xsight.media.FrameSource;
import dev.xsight.media.PixelFormat;
import dev.xsight.st2110.CodestreamFormatException;
import dev.xsight.st2110.JxsFraming;
import dev.xsight.st2110.PacketMode;
import dev.xsight.st2110.RtpTimecode;
import dev.xsight.st2110.sdp.JxsvFormat;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * Turns assembled picture segments into decoded frames and hands them to a {@link FrameSource.FrameListener}.
 *
 * <p>Codestream mode: each complete picture is decoded on the pipeline's decode thread. Slice mode: the same thread
 * drives the codec (header, then every slice as it completes, decoded by the codec's workers), and
 * a damaged or missing slice is replaced by the same slice of the last picture and its rows by the co-located rows of
 * the previous frame; without a previous picture to borrow from, the picture is dropped instead. Decoded frames carry
 * the SDP's colorimetry, the timecode from the RTP timestamp and the stream's rate, and go to the listener on a
 * delivery thread, so a slow listener never stalls the network. Frames the listener cannot keep up with are dropped
 * and counted, unless the pipeline is lossless (capture replay): then the decode thread waits for the listener, and
 * the producer waits for free picture buffers ({@link Depacketizer#awaitFreeBuffer()}), so nothing is dropped for
 * speed.
 *
 * <p>Timecodes unwrap the RTP time against a UTC clock: the machine's ({@link #SYSTEM_CLOCK}) for a live stream, or the
 * capture time of the picture's last packet for a replay ({@link #ARRIVAL_IS_UTC}).
 */
public final class DecodePipeline implements Depacketizer.PictureSink, AutoCloseable {
    private static final System.Logger LOG = System.getLogger(DecodePipeline.class.getName());

    private final PacketMode mode;
    private final JpegXsDecoder decoder;
    /** Frames of the SDP's format; the first of {@link #pools}. */
    private final FramePool frames;
    /**
     * Frame pools by codestream format and size, most recent first: a stream whose main header changes (size, depth,
     * sampling) gets frames of the codestream's shape. Built on a change only; a steady stream uses one pool.
     */
    private final FramePool[] pools = new FramePool[4];
    /** The codec's header of the last picture and the pool its frames come from (decode thread only). */
    private dev.xsight.jpegxs.CodestreamInfo poolInfo;
    private FramePool poolForInfo;
    private final Colorimetry colorimetry;
    private final FrameRate rate;
    private final RtpTimecode timecode;
    private final StreamCounters counters;
    private final FrameSource.FrameListener listener;
    private final ExecutorService decodeThread;
    private final boolean lossless;
    private final java.util.function.LongUnaryOperator utcOfArrival;
    /** Frames queued for delivery and frames the listener has had (idle when equal); guarded by {@code this}. */
    private long queuedFrames;
    private long deliveredFrames;
    private final ArrayBlockingQueue<Frame> delivery = new ArrayBlockingQueue<>(4);
    private final Thread deliveryThread;
    private volatile boolean closed;
    private long sequence;
    private Frame previous;
    // Slice mode (decode thread only).
    private SliceDecode session;
    private Frame current;
    private boolean sessionFailed;
    private byte[] cache;
    private byte[] cacheNext;
    private int[] cacheOff = new int[0];
    private int[] cacheLen = new int[0];
    private boolean[] cacheHas = new boolean[0];
    /** Main header (SOC to the first SLH) the cached slices belong to; they conceal only pictures with this header. */
    private byte[] cacheHeader = new byte[0];
    private int cacheHeaderLength = -1;
    private final int[] sliceOff;
    private final int[] sliceLen;
    private int sliceRowsLuma;
    // Interlaced (decode thread only).
    private FramePool firstFields;
    private FramePool secondFields;
    private Frame pendingFirst;
    private int pendingFrameCounter;
    private long pendingTimestamp;
    private long pendingDecodeNanos;
    private long pendingArrival;
    private byte[] headerScratch = new byte[512];
    /** Warm-up before the first picture: at most this long, and this many rounds of a small picture. */
    private static final long WARMUP_BUDGET_NANOS = 1_500_000_000L;
    private static final int WARMUP_MAX_ROUNDS = 400;
    private byte[] concealScratch = new byte[0];
    private int concealPos;

    /** UTC now from the machine's clock, whatever the arrival (live receive). */
    public static final java.util.function.LongUnaryOperator SYSTEM_CLOCK = arrival -> currentUtcNanos();
    /** The arrival time is the UTC capture time (replay). */
    public static final java.util.function.LongUnaryOperator ARRIVAL_IS_UTC = arrival -> arrival;

    /** A live pipeline: the machine's clock, frames dropped when the listener falls behind. */
    public DecodePipeline(JxsvFormat format, int decoderThreads, int maxPictureBytes, RtpTimecode timecode,
            StreamCounters counters, FrameSource.FrameListener listener) {
        this(format, decoderThreads, maxPictureBytes, timecode, counters, listener, false, SYSTEM_CLOCK);
    }

    /**
     * @param lossless wait for the listener instead of dropping frames (replay)
     * @param utcOfArrival UTC nanoseconds to unwrap a picture's RTP time against, from its last packet's
     *     {@link PictureBuffer#lastArrivalNanos()}
     */
    public DecodePipeline(JxsvFormat format, int decoderThreads, int maxPictureBytes, RtpTimecode timecode,
            StreamCounters counters, FrameSource.FrameListener listener, boolean lossless,
            java.util.function.LongUnaryOperator utcOfArrival) {
        this.lossless = lossless;
        this.utcOfArrival = utcOfArrival;
        this.mode = format.packetMode();
        this.decoder = new JpegXsDecoder(decoderThreads);
        PixelFormat pf = new PixelFormat(format.sampling().equals("RGB") ? dev.xsight.media.ColourModel.RGB
                : dev.xsight.media.ColourModel.YCBCR, format.chromaSampling(), format.depth(), 3);
        this.frames = new FramePool(pf, format.width(), format.height(), 8);
        this.pools[0] = frames;
        this.colorimetry = format.toColorimetry();
        this.rate = format.rate();
        this.timecode = timecode;
        this.counters = counters;
        this.listener = listener;
        this.decodeThread = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "st2110-decode");
            t.setDaemon(true);
            return t;
        });
        int maxSlices = 4096;
        this.sliceOff = new int[maxSlices];
        this.sliceLen = new int[maxSlices];
        if (mode == PacketMode.SLICE) {
            cache = new byte[maxPictureBytes];
            cacheNext = new byte[maxPictureBytes];
        }
        deliveryThread = new Thread(this::deliverLoop, "st2110-deliver");
        deliveryThread.setDaemon(true);
        deliveryThread.start();
    }

    /**
     * Compiles the decoder's hot loops before the first picture, on the calling thread (up to about 1.5 s): call it
     * before the stream's sockets open. A live stream cannot wait for the JIT: started cold, the first second of
     * pictures is decoded by the interpreter, falls behind, and is dropped. Run while packets already arrive (on the
     * decode thread, first tried), the warm-up itself delayed them and the sockets overflowed, so it runs before.
     */
    public void warmUp() {
        long t0 = System.nanoTime();
        int rounds = dev.xsight.jpegxs.DecoderWarmup.run(frames.format(), decoder.threads(), WARMUP_BUDGET_NANOS,
                WARMUP_MAX_ROUNDS);
        LOG.log(System.Logger.Level.DEBUG, "decoder warmed up: {0} rounds in {1} ms", rounds,
                (System.nanoTime() - t0) / 1_000_000);
    }

    @Override
    public void picture(PictureBuffer buf) {
        try {
            decodeThread.execute(() -> decodeWhole(buf));
        } catch (java.util.concurrent.RejectedExecutionException e) {
            buf.release();
        }
    }

    private void decodeWhole(PictureBuffer buf) {
        if (buf.field() != 0) {
            decodeField(buf);
            return;
        }
        Frame f = null;
        long t0 = System.nanoTime();
        try {
            // ISO/IEC 21122-3 boxes (jpvs, colr) may precede SOC in the picture segment; the codec starts at SOC.
            int soc = JxsFraming.skipBoxes(buf.data(), 0, buf.length());
            f = poolFor(decoder.header(buf.data(), soc, buf.length() - soc)).acquire();
            decoder.decode(buf.data(), soc, buf.length() - soc, f);
        } catch (CodestreamFormatException | JpegXsFormatException | RuntimeException | Error e) {
            if (f != null) {
                f.release();
            }
            failed(buf, e);
            return;
        }
        long t1 = System.nanoTime();
        counters.decoded(t1 - t0, t1 - buf.lastReceivedNanos());
        long ts = buf.rtpTimestamp();
        long arrival = buf.lastArrivalNanos();
        buf.release();
        finish(f, ts, arrival);
    }

    /**
     * Interlaced / PsF (RFC 9134 I = 2, 3): each field is its own codestream of half the lines; the first field waits
     * for the second of the same F counter and the two are woven into one frame (first field on the even lines).
     */
    private void decodeField(PictureBuffer buf) {
        boolean first = buf.field() == 2;
        if (firstFields == null) {
            PixelFormat pf = frames.format();
            firstFields = new FramePool(pf, frames.width(), (frames.height() + 1) / 2, 2);
            secondFields = new FramePool(pf, frames.width(), frames.height() / 2, 2);
        }
        Frame ff = (first ? firstFields : secondFields).acquire();
        long t0 = System.nanoTime();
        try {
            int soc = JxsFraming.skipBoxes(buf.data(), 0, buf.length());
            decoder.decode(buf.data(), soc, buf.length() - soc, ff);
        } catch (CodestreamFormatException | JpegXsFormatException | RuntimeException | Error e) {
            ff.release();
            failed(buf, e);
            return;
        }
        if (first) {
            if (pendingFirst != null) {
                pendingFirst.release();
                counters.framesDroppedDecode++;
            }
            pendingFirst = ff;
            pendingFrameCounter = buf.frameCounter();
            pendingTimestamp = buf.rtpTimestamp();
            pendingArrival = buf.lastArrivalNanos();
            pendingDecodeNanos = System.nanoTime() - t0;
            buf.release();
            return;
        }
        Frame top = pendingFirst;
        pendingFirst = null;
        if (top == null || pendingFrameCounter != buf.frameCounter()) {
            // A second field without its first: no frame can be shown without tearing.
            if (top != null) {
                top.release();
            }
            ff.release();
            counters.framesDroppedDecode++;
            buf.release();
            return;
        }
        Frame f = frames.acquire();
        weave(top, ff, f);
        top.release();
        ff.release();
        long t1 = System.nanoTime();
        counters.decoded(pendingDecodeNanos + (t1 - t0), t1 - buf.lastReceivedNanos());
        buf.release();
        finish(f, pendingTimestamp, pendingArrival);
    }

    /**
     * The pool whose frames have the shape of the codestream {@code info} describes: the SDP's when it matches, else
     * one made for it (on a header change only; the same header returns the same object, so a steady stream does not
     * even compare formats).
     */
    private FramePool poolFor(dev.xsight.jpegxs.CodestreamInfo info) throws JpegXsFormatException {
        if (info == poolInfo) {
            return poolForInfo;
        }
        PixelFormat pf = info.pixelFormat();
        FramePool pool = null;
        int at = pools.length - 1;
        for (int i = 0; i < pools.length; i++) {
            if (pools[i] != null && pools[i].matches(pf, info.width(), info.height())) {
                pool = pools[i];
                at = i;
                break;
            }
        }
        if (pool == null) {
            pool = new FramePool(pf, info.width(), info.height(), 8);
        }
        // Most recent first; the SDP's pool stays at index 0 whatever else comes and goes.
        int from = at == 0 ? 0 : 1;
        if (at > from) {
            System.arraycopy(pools, from, pools, from + 1, at - from);
        }
        pools[from] = pool;
        poolInfo = info;
        poolForInfo = pool;
        return pool;
    }

    /** Frame row y comes from row y/2 of the first field (y even) or the second (y odd), in every plane. */
    static void weave(Frame first, Frame second, Frame out) {
        for (int p = 0; p < out.format().planeCount(); p++) {
            int w = out.planeWidth(p);
            int h = out.planeHeight(p);
            for (int y = 0; y < h; y++) {
                Frame src = (y & 1) == 0 ? first : second;
                int sy = y >> 1;
                if (sy < src.planeHeight(p)) {
                    System.arraycopy(src.plane(p), sy * w, out.plane(p), y * w, w);
                }
            }
        }
    }

    private void failed(PictureBuffer buf, Throwable e) {
        if (closed) {
            buf.release();
            return;
        }
        counters.decodeErrors++;
        counters.framesDroppedDecode++;
        LOG.log(System.Logger.Level.WARNING, "JPEG XS picture at RTP time {0} not decoded: {1}",
                buf.rtpTimestamp(), e.getMessage());
        buf.release();
    }

    @Override
    public void header(PictureBuffer buf, JxsFraming.Header header) {
        // The codec is driven from the decode thread so the event loop never waits for it; slices are queued in
        // arrival order and their bytes stay put until end() releases the buffer.
        submit(() -> beginPicture(buf, header), buf);
    }

    @Override
    public void slice(PictureBuffer buf, int slice, int off, int len) {
        submit(() -> decodeSlice(buf, slice, off, len), null);
    }

    @Override
    public void end(PictureBuffer buf, boolean[] delivered, int sliceCount) {
        boolean[] copy = java.util.Arrays.copyOf(delivered, sliceCount);
        submit(() -> endPicture(buf, copy, sliceCount), buf);
    }

    private void submit(Runnable r, PictureBuffer owner) {
        try {
            decodeThread.execute(r);
        } catch (java.util.concurrent.RejectedExecutionException e) {
            if (owner != null) {
                owner.release();
            }
        }
    }

    private void beginPicture(PictureBuffer buf, JxsFraming.Header header) {
        if (current != null) {
            current.release();
            current = null;
        }
        session = null;
        sessionFailed = false;
        sliceRowsLuma = header.sliceRows();
        try {
            // The codec's header parser stops at an SLH marker: give it the header segment followed by a stub SLH
            // (its own copy of the header is kept, so reusing the scratch array is safe).
            int soc = header.socOffset();
            int n = header.firstSliceOffset() - soc;
            if (headerScratch.length < n + 6) {
                headerScratch = new byte[n + 64];
            }
            System.arraycopy(buf.data(), soc, headerScratch, 0, n);
            headerScratch[n] = (byte) 0xFF;
            headerScratch[n + 1] = 0x20;
            headerScratch[n + 2] = 0;
            headerScratch[n + 3] = 4;
            headerScratch[n + 4] = 0;
            headerScratch[n + 5] = 0;
            current = poolFor(decoder.header(headerScratch, 0, n + 6)).acquire();
            session = decoder.begin(headerScratch, 0, n + 6, current);
            keepCacheFor(headerScratch, n);
        } catch (JpegXsFormatException | RuntimeException | Error e) {
            sessionFailed = true;
            if (current == null) {
                current = frames.acquire(); // end() releases it; the picture counts as a decode error there
            }
            counters.decodeErrors++;
            LOG.log(System.Logger.Level.WARNING, "JPEG XS header at RTP time {0} rejected: {1}", buf.rtpTimestamp(),
                    e.getMessage());
            return;
        }
        if (header.sliceCount() > sliceOff.length || header.sliceCount() != session.sliceCount()) {
            sessionFailed = true;
        }
    }

    /**
     * The slice cache conceals only pictures of the header its slices were coded with: a slice of another header
     * (other levels, slice height, size or depth) decodes to garbage or not at all. A new header empties it.
     */
    private void keepCacheFor(byte[] hdr, int n) {
        if (n == cacheHeaderLength && java.util.Arrays.equals(hdr, 0, n, cacheHeader, 0, n)) {
            return;
        }
        if (cacheHeader.length < n) {
            cacheHeader = new byte[n];
        }
        System.arraycopy(hdr, 0, cacheHeader, 0, n);
        cacheHeaderLength = n;
        int count = session.sliceCount();
        if (cacheHas.length < count) {
            cacheHas = new boolean[count];
            cacheOff = new int[count];
            cacheLen = new int[count];
        }
        java.util.Arrays.fill(cacheHas, false);
    }

    private void decodeSlice(PictureBuffer buf, int slice, int off, int len) {
        if (sessionFailed || session == null) {
            return;
        }
        sliceOff[slice] = off;
        sliceLen[slice] = len;
        try {
            session.slice(slice, buf.data(), off, len);
        } catch (JpegXsFormatException | RuntimeException | Error e) {
            sessionFailed = true;
            LOG.log(System.Logger.Level.WARNING, "slice {0} rejected: {1}", slice, e.getMessage());
        }
    }

    private void endPicture(PictureBuffer buf, boolean[] delivered, int sliceCount) {
        Frame f = current;
        current = null;
        SliceDecode s = session;
        session = null;
        if (f == null) {
            buf.release();
            return;
        }
        Frame prev;
        synchronized (this) {
            prev = previous;
        }
        boolean concealable = !sessionFailed && s != null && sliceCount == s.sliceCount();
        concealPos = 0;
        for (int i = 0; i < sliceCount && concealable; i++) {
            if (!delivered[i]) {
                // Lost rows show the previous picture's: it must have this picture's shape.
                if (prev == null || !prev.format().equals(f.format()) || prev.width() != f.width()
                        || prev.height() != f.height()) {
                    concealable = false;
                    break;
                }
                try {
                    if (cacheHas[i]) {
                        // The same slice of the last picture of this header stands in, so the wavelet synthesis can
                        // continue past it.
                        s.slice(i, cache, cacheOff[i], cacheLen[i]);
                    } else {
                        // No earlier picture with this header (headers alternating, or the stream's first picture):
                        // a delivered neighbour of the same height, renumbered, keeps the synthesis going; its rows
                        // are then replaced by the previous frame's below.
                        concealable = neighbourSlice(s, buf, delivered, sliceCount, i, f.height());
                    }
                } catch (JpegXsFormatException | RuntimeException | Error e) {
                    concealable = false;
                }
            }
        }
        long t1;
        try {
            if (s != null) {
                s.awaitComplete();
            }
            t1 = System.nanoTime();
        } catch (JpegXsFormatException | RuntimeException | Error e) {
            concealable = false;
            t1 = System.nanoTime();
            LOG.log(System.Logger.Level.WARNING, "JPEG XS picture at RTP time {0} not decoded: {1}",
                    buf.rtpTimestamp(), e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            f.release();
            buf.release();
            return;
        }
        if (concealable && !s.complete()) {
            // A row the decode did not write holds an older picture's samples: never show it as this picture.
            concealable = false;
        }
        if (!concealable) {
            f.release();
            counters.decodeErrors++;
            counters.framesDroppedDecode++;
            buf.release();
            return;
        }
        if (prev != null) {
            for (int i = 0; i < sliceCount; i++) {
                if (!delivered[i]) {
                    copyRows(prev, f, i * sliceRowsLuma, Math.min(f.height(), (i + 1) * sliceRowsLuma));
                }
            }
        }
        updateCache(buf, delivered, sliceCount);
        counters.decoded(t1 - buf.lastReceivedNanos(), t1 - buf.lastReceivedNanos());
        long ts = buf.rtpTimestamp();
        long arrival = buf.lastArrivalNanos();
        buf.release();
        finish(f, ts, arrival);
    }

    /** Feeds slice {@code i} with a copy of a delivered neighbour of as many rows, its SLH index set to {@code i}. */
    private boolean neighbourSlice(SliceDecode s, PictureBuffer buf, boolean[] delivered, int sliceCount, int i,
            int height) throws JpegXsFormatException {
        int rows = Math.min(height, (i + 1) * sliceRowsLuma) - i * sliceRowsLuma;
        for (int d = 1; d < sliceCount; d++) {
            for (int k = 0; k < 2; k++) {
                int j = k == 0 ? i - d : i + d;
                if (j < 0 || j >= sliceCount || !delivered[j]
                        || Math.min(height, (j + 1) * sliceRowsLuma) - j * sliceRowsLuma != rows) {
                    continue;
                }
                int len = sliceLen[j];
                if (len < 6) {
                    continue;
                }
                // The decoder may read the bytes until the picture completes: each stand-in gets its own range (a
                // new array when full; slices already handed over keep the old one).
                if (concealScratch.length - concealPos < len) {
                    concealScratch = new byte[Math.max(len, concealScratch.length * 2)];
                    concealPos = 0;
                }
                int at = concealPos;
                concealPos += len;
                System.arraycopy(buf.data(), sliceOff[j], concealScratch, at, len);
                // ISO/IEC 21122-1 A.4.13: SLH = marker, Lslh (4), Yslh (the slice index).
                concealScratch[at + 4] = (byte) (i >> 8);
                concealScratch[at + 5] = (byte) i;
                s.slice(i, concealScratch, at, len);
                return true;
            }
        }
        return false;
    }

    private void updateCache(PictureBuffer buf, boolean[] delivered, int sliceCount) {
        int pos = 0;
        for (int i = 0; i < sliceCount; i++) {
            if (delivered[i]) {
                System.arraycopy(buf.data(), sliceOff[i], cacheNext, pos, sliceLen[i]);
                cacheOff[i] = pos;
                cacheLen[i] = sliceLen[i];
                cacheHas[i] = true;
                pos += sliceLen[i];
            } else if (cacheHas[i]) {
                System.arraycopy(cache, cacheOff[i], cacheNext, pos, cacheLen[i]);
                cacheOff[i] = pos;
                pos += cacheLen[i];
            }
        }
        byte[] t = cache;
        cache = cacheNext;
        cacheNext = t;
    }

    /** Copies luma rows [from, to) and the matching chroma rows of every plane. */
    static void copyRows(Frame src, Frame dst, int from, int to) {
        for (int p = 0; p < dst.format().planeCount(); p++) {
            int w = dst.planeWidth(p);
            int sy = dst.planeHeight(p) < dst.height() ? 2 : 1;
            int a = from / sy;
            int b = Math.min(dst.planeHeight(p), (to + sy - 1) / sy);
            System.arraycopy(src.plane(p), a * w, dst.plane(p), a * w, (b - a) * w);
        }
    }

    private void finish(Frame f, long rtpTs, long arrival) {
        long utc = utcOfArrival.applyAsLong(arrival);
        f.colorimetry(colorimetry).frameRate(rate).timecode(timecode.timecode(rtpTs, utc));
        f.ptsNanos(RtpTimecode.utcNanos(rtpTs, utc));
        synchronized (this) {
            f.sequence(sequence++);
            if (previous != null) {
                previous.release();
            }
            previous = f.retain();
            queuedFrames++;
        }
        boolean queued;
        try {
            queued = !closed && (lossless ? offerOrWait(f) : delivery.offer(f));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            queued = false;
        }
        if (!queued) {
            f.release();
            counters.framesDroppedDecode++;
            delivered();
        }
    }

    /** Lossless delivery: waits while the listener is behind (the pipeline closing ends the wait). */
    private boolean offerOrWait(Frame f) throws InterruptedException {
        while (!closed) {
            if (delivery.offer(f, 100, TimeUnit.MILLISECONDS)) {
                return true;
            }
        }
        return false;
    }

    private synchronized void delivered() {
        deliveredFrames++;
        if (deliveredFrames == queuedFrames) {
            notifyAll();
        }
    }

    /**
     * Waits until every picture handed in so far is decoded and its frame delivered to the listener (or dropped).
     *
     * @return false when {@code timeoutMillis} passed first
     */
    public boolean awaitIdle(long timeoutMillis) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        try {
            // Every task queued before this one has run once it completes.
            decodeThread.submit(() -> { }).get(timeoutMillis, TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.RejectedExecutionException e) {
            return false;
        } catch (java.util.concurrent.TimeoutException e) {
            return false;
        }
        synchronized (this) {
            while (deliveredFrames != queuedFrames) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                TimeUnit.NANOSECONDS.timedWait(this, left);
            }
        }
        return true;
    }

    private static long currentUtcNanos() {
        java.time.Instant now = java.time.Instant.now();
        return now.getEpochSecond() * 1_000_000_000L + now.getNano();
    }

    private void deliverLoop() {
        while (!closed) {
            Frame f;
            try {
                f = delivery.poll(100, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                return;
            }
            if (f != null) {
                try {
                    listener.onFrame(f);
                } catch (RuntimeException | Error e) {
                    LOG.log(System.Logger.Level.WARNING, "frame listener failed", e);
                } finally {
                    delivered();
                }
            }
        }
    }

    @Override
    public void dropped(long rtpTimestamp, DropReason reason, int pictures) {
        // Counted by the depacketizer; the previous frame stays on screen.
    }

    /**
     * Waits until every picture handed in so far is decoded (or dropped) and every frame it produced has been through
     * the listener (tests, end of a CLI run): an event, not a pause.
     *
     * @return false when that took longer than {@code timeoutMillis}
     */
    public boolean drain(long timeoutMillis) throws InterruptedException {
        return awaitIdle(timeoutMillis);
    }

    @Override
    public void close() {
        closed = true;
        decodeThread.shutdownNow();
        deliveryThread.interrupt();
        try {
            decodeThread.awaitTermination(2, TimeUnit.SECONDS);
            deliveryThread.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        Frame f;
        while ((f = delivery.poll()) != null) {
            f.release();
        }
        synchronized (this) {
            if (previous != null) {
                previous.release();
                previous = null;
            }
        }
        decoder.close();
        if (pendingFirst != null) {
            pendingFirst.release();
            pendingFirst = null;
        }
    }
}
