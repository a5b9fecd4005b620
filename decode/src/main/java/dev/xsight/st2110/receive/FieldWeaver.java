package dev.xsight.st2110.receive;

import dev.xsight.jpegxs.JpegXsFormatException;
import dev.xsight.media.Frame;
import dev.xsight.media.FramePool;
import dev.xsight.media.PixelFormat;
import dev.xsight.st2110.CodestreamFormatException;

/**
 * Interlaced / PsF (RFC 9134 I = 2, 3): each field is its own codestream of half the lines; the first field waits
 * for the second of the same F counter and the two are woven into one frame (first field on the even lines). A
 * second field without its first is dropped: no frame can be shown without tearing.
 *
 * <p>Threading: confined to the pipeline's decode thread, except {@link #close()} (after the decode thread ended).
 */
final class FieldWeaver implements AutoCloseable {
    private final CodestreamDecoder decoder;
    private final StreamCounters counters;
    private final DecodePipeline.Results results;
    private FramePool firstFields;
    private FramePool secondFields;
    private Frame pendingFirst;
    private int pendingFrameCounter;
    private long pendingTimestamp;
    private long pendingDecodeNanos;
    private long pendingArrival;

    FieldWeaver(CodestreamDecoder decoder, StreamCounters counters, DecodePipeline.Results results) {
        this.decoder = decoder;
        this.counters = counters;
        this.results = results;
    }

    /** Decodes one field (the buffer's {@code field()} is 2 or 3) and hands on a frame when it completes a pair. */
    void field(PictureBuffer buf) {
        boolean first = buf.field() == 2;
        FramePool frames = decoder.sdpFrames();
        if (firstFields == null) {
            PixelFormat pf = frames.format();
            firstFields = new FramePool(pf, frames.width(), (frames.height() + 1) / 2, 2);
            secondFields = new FramePool(pf, frames.width(), frames.height() / 2, 2);
        }
        Frame ff = (first ? firstFields : secondFields).acquire();
        long t0 = System.nanoTime();
        try {
            decoder.decodeInto(buf.data(), buf.length(), ff);
        } catch (CodestreamFormatException | JpegXsFormatException | RuntimeException | Error e) {
            ff.release();
            results.failed(buf, e);
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
        results.decoded(f, pendingTimestamp, pendingArrival);
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

    /** Releases a first field still waiting for its second. */
    @Override
    public void close() {
        if (pendingFirst != null) {
            pendingFirst.release();
            pendingFirst = null;
        }
    }
}
