package dev.xsight.st2110.receive;

import dev.xsight.jpegxs.CodestreamInfo;
import dev.xsight.jpegxs.DecoderWarmup;
import dev.xsight.jpegxs.JpegXsDecoder;
import dev.xsight.jpegxs.JpegXsFormatException;
import dev.xsight.jpegxs.SliceDecode;
import dev.xsight.media.ColourModel;
import dev.xsight.media.Frame;
import dev.xsight.media.FramePool;
import dev.xsight.media.PixelFormat;
import dev.xsight.st2110.CodestreamFormatException;
import dev.xsight.st2110.JxsFraming;
import dev.xsight.st2110.sdp.JxsvFormat;

/**
 * Decodes JPEG XS codestreams into pooled frames of each codestream's own shape: the SDP's when the main header
 * matches it, else a pool made for the header the stream changed to (size, depth, sampling). It owns the codec and its
 * slice workers ({@code jpegxs-slice-N}).
 *
 * <p>Threading: confined to the pipeline's decode thread, except {@link #warmUp()} (on the starting thread, before the
 * sockets open) and {@link #close()} (after the decode thread ended).
 */
final class CodestreamDecoder implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(CodestreamDecoder.class.getName());
    /** Warm-up before the first picture: at most this long, and this many rounds of a small picture. */
    private static final long WARMUP_BUDGET_NANOS = 1_500_000_000L;
    private static final int WARMUP_MAX_ROUNDS = 400;

    private final JpegXsDecoder decoder;
    /** Frames of the SDP's format; the first of {@link #pools}. */
    private final FramePool frames;
    /**
     * Frame pools by codestream format and size, most recent first: a stream whose main header changes (size, depth,
     * sampling) gets frames of the codestream's shape. Built on a change only; a steady stream uses one pool.
     */
    private final FramePool[] pools = new FramePool[4];
    /** The codec's header of the last picture and the pool its frames come from. */
    private CodestreamInfo poolInfo;
    private FramePool poolForInfo;

    CodestreamDecoder(JxsvFormat format, int threads) {
        this.decoder = new JpegXsDecoder(threads);
        PixelFormat pf = new PixelFormat(format.sampling().equals("RGB") ? ColourModel.RGB : ColourModel.YCBCR,
                format.chromaSampling(), format.depth(), 3);
        this.frames = new FramePool(pf, format.width(), format.height(), 8);
        this.pools[0] = frames;
    }

    /** Frames of the format the SDP announces. */
    FramePool sdpFrames() {
        return frames;
    }

    /**
     * Compiles the decoder's hot loops before the first picture, on the calling thread (up to about 1.5 s). A live
     * stream cannot wait for the JIT: started cold, the first second of pictures is decoded by the interpreter, falls
     * behind, and is dropped.
     */
    void warmUp() {
        long t0 = System.nanoTime();
        int rounds = DecoderWarmup.run(frames.format(), decoder.threads(), WARMUP_BUDGET_NANOS, WARMUP_MAX_ROUNDS);
        LOG.log(System.Logger.Level.DEBUG, "decoder warmed up: {0} rounds in {1} ms", rounds,
                (System.nanoTime() - t0) / 1_000_000);
    }

    /**
     * Decodes a whole picture segment into a frame of its codestream's shape; the caller owns the frame. ISO/IEC
     * 21122-3 boxes (jpvs, colr) may precede SOC in the picture segment; the codec starts at SOC.
     */
    Frame decode(byte[] data, int length) throws CodestreamFormatException, JpegXsFormatException {
        int soc = JxsFraming.skipBoxes(data, 0, length);
        Frame f = acquireFor(data, soc, length - soc);
        try {
            decoder.decode(data, soc, length - soc, f);
        } catch (JpegXsFormatException | RuntimeException | Error e) {
            f.release();
            throw e;
        }
        return f;
    }

    /** Decodes a picture segment into {@code out}, whose shape the caller chose (a field). */
    void decodeInto(byte[] data, int length, Frame out) throws CodestreamFormatException, JpegXsFormatException {
        int soc = JxsFraming.skipBoxes(data, 0, length);
        decoder.decode(data, soc, length - soc, out);
    }

    /** A frame of the shape the main header at {@code off} describes. */
    Frame acquireFor(byte[] header, int off, int len) throws JpegXsFormatException {
        return poolFor(decoder.header(header, off, len)).acquire();
    }

    /** Starts a slice-by-slice decode of the picture whose main header is at {@code off} into {@code into}. */
    SliceDecode begin(byte[] header, int off, int len, Frame into) throws JpegXsFormatException {
        return decoder.begin(header, off, len, into);
    }

    /**
     * The pool whose frames have the shape of the codestream {@code info} describes: the SDP's when it matches, else
     * one made for it (on a header change only; the same header returns the same object, so a steady stream does not
     * even compare formats).
     */
    private FramePool poolFor(CodestreamInfo info) throws JpegXsFormatException {
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

    @Override
    public void close() {
        decoder.close();
    }
}
