package dev.xsight.st2110.receive;

import dev.xsight.jpegxs.JpegXsFormatException;
import dev.xsight.media.Colorimetry;
import dev.xsight.media.Frame;
import dev.xsight.media.FrameRate;
import dev.xsight.media.FrameSource;
import dev.xsight.st2110.CodestreamFormatException;
import dev.xsight.st2110.JxsFraming;
import dev.xsight.st2110.PacketMode;
import dev.xsight.st2110.RtpTimecode;
import dev.xsight.st2110.sdp.JxsvFormat;
import java.util.Arrays;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.LongUnaryOperator;

/**
 * Turns assembled picture segments into decoded frames and hands them to a {@link FrameSource.FrameListener}: the
 * {@link Depacketizer}'s pictures go to one decode thread, {@code st2110-decode}, where a {@link CodestreamDecoder}
 * decodes whole pictures (codestream mode), {@link SliceConcealment} decodes and conceals slice-mode pictures and a
 * {@link FieldWeaver} weaves interlaced fields; the frames are stamped with the SDP's colorimetry, the timecode from
 * the RTP timestamp and the stream's rate, and go to the listener through {@link FrameDelivery}, so a slow listener
 * never stalls the network. Frames the listener cannot keep up with are dropped and counted, unless the pipeline is
 * lossless (capture replay): then the decode thread waits for the listener, and the producer waits for free picture
 * buffers ({@link Depacketizer#awaitFreeBuffer()}), so nothing is dropped for speed.
 *
 * <p>Timecodes unwrap the RTP time against a UTC clock: the machine's ({@link #SYSTEM_CLOCK}) for a live stream, or the
 * capture time of the picture's last packet for a replay ({@link #ARRIVAL_IS_UTC}).
 *
 * <p>Threading: the {@link Depacketizer.PictureSink} calls come from the stream's event loop (or the replay thread)
 * and only queue work for {@code st2110-decode}; {@link #awaitIdle} and {@link #close()} from any other thread.
 */
public final class DecodePipeline implements Depacketizer.PictureSink, AutoCloseable {
    private static final System.Logger LOG = System.getLogger(DecodePipeline.class.getName());

    /** UTC now from the machine's clock, whatever the arrival (live receive). */
    public static final LongUnaryOperator SYSTEM_CLOCK = arrival -> currentUtcNanos();
    /** The arrival time is the UTC capture time (replay). */
    public static final LongUnaryOperator ARRIVAL_IS_UTC = arrival -> arrival;

    /** Where the decoding parts hand their outcome (decode thread). */
    interface Results {
        /** A decoded frame of the picture with this RTP time, whose last packet arrived at {@code arrivalNanos}. */
        void decoded(Frame f, long rtpTimestamp, long arrivalNanos);

        /** The picture could not be decoded; counts it and releases the buffer. */
        void failed(PictureBuffer buf, Throwable e);
    }

    private final CodestreamDecoder decoder;
    private final SliceConcealment slices;
    private final FieldWeaver fields;
    private final FrameDelivery delivery;
    private final Colorimetry colorimetry;
    private final FrameRate rate;
    private final RtpTimecode timecode;
    private final StreamCounters counters;
    private final ExecutorService decodeThread;
    private final LongUnaryOperator utcOfArrival;
    private volatile boolean closed;
    /** The last frame handed on (slice concealment copies lost rows from it) and its sequence; guarded by this. */
    private Frame previous;
    private long sequence;

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
            LongUnaryOperator utcOfArrival) {
        this.utcOfArrival = utcOfArrival;
        this.colorimetry = format.toColorimetry();
        this.rate = format.rate();
        this.timecode = timecode;
        this.counters = counters;
        Results results = new Results() {
            @Override
            public void decoded(Frame f, long rtpTimestamp, long arrivalNanos) {
                finish(f, rtpTimestamp, arrivalNanos);
            }

            @Override
            public void failed(PictureBuffer buf, Throwable e) {
                DecodePipeline.this.failed(buf, e);
            }
        };
        this.decoder = new CodestreamDecoder(format, decoderThreads);
        this.slices = new SliceConcealment(decoder, format.packetMode() == PacketMode.SLICE ? maxPictureBytes : 0,
                counters, results);
        this.fields = new FieldWeaver(decoder, counters, results);
        this.decodeThread = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "st2110-decode");
            t.setDaemon(true);
            return t;
        });
        this.delivery = new FrameDelivery(listener, lossless);
    }

    /**
     * Compiles the decoder's hot loops before the first picture, on the calling thread (up to about 1.5 s): call it
     * before the stream's sockets open. Run while packets already arrive (on the decode thread, first tried), the
     * warm-up itself delayed them and the sockets overflowed, so it runs before.
     */
    public void warmUp() {
        decoder.warmUp();
    }

    @Override
    public void picture(PictureBuffer buf) {
        submit(() -> decodeWhole(buf), buf);
    }

    private void decodeWhole(PictureBuffer buf) {
        if (buf.field() != 0) {
            fields.field(buf);
            return;
        }
        Frame f;
        long t0 = System.nanoTime();
        try {
            f = decoder.decode(buf.data(), buf.length());
        } catch (CodestreamFormatException | JpegXsFormatException | RuntimeException | Error e) {
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
        submit(() -> slices.begin(buf, header), buf);
    }

    @Override
    public void slice(PictureBuffer buf, int slice, int off, int len) {
        submit(() -> slices.slice(buf, slice, off, len), null);
    }

    @Override
    public void end(PictureBuffer buf, boolean[] delivered, int sliceCount) {
        boolean[] copy = Arrays.copyOf(delivered, sliceCount);
        submit(() -> {
            Frame prev;
            synchronized (this) {
                prev = previous;
            }
            slices.end(buf, copy, sliceCount, prev);
        }, buf);
    }

    private void submit(Runnable r, PictureBuffer owner) {
        try {
            decodeThread.execute(r);
        } catch (RejectedExecutionException e) {
            if (owner != null) {
                owner.release();
            }
        }
    }

    /** Stamps a decoded frame, keeps it as the previous one and hands it to delivery (or drops and counts it). */
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
        }
        if (closed || !delivery.offer(f)) {
            f.release();
            counters.framesDroppedDecode++;
        }
    }

    /**
     * Waits until every picture handed in so far is decoded (or dropped) and every frame it produced has been through
     * the listener (tests, end of a replay or CLI run): an event, not a pause.
     *
     * @return false when {@code timeoutMillis} passed first
     */
    public boolean awaitIdle(long timeoutMillis) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        try {
            // Every task queued before this one has run once it completes.
            decodeThread.submit(() -> { }).get(timeoutMillis, TimeUnit.MILLISECONDS);
        } catch (ExecutionException | RejectedExecutionException | TimeoutException e) {
            return false;
        }
        return delivery.awaitDelivered(deadline);
    }

    private static long currentUtcNanos() {
        java.time.Instant now = java.time.Instant.now();
        return now.getEpochSecond() * 1_000_000_000L + now.getNano();
    }

    @Override
    public void dropped(long rtpTimestamp, DropReason reason, int pictures) {
        // Counted by the depacketizer; the previous frame stays on screen.
    }

    @Override
    public void close() {
        closed = true;
        decodeThread.shutdownNow();
        delivery.stop();
        try {
            decodeThread.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        delivery.close();
        synchronized (this) {
            if (previous != null) {
                previous.release();
                previous = null;
            }
        }
        decoder.close();
        fields.close();
    }
}
