package dev.xsight.st2110.receive;

import dev.xsight.jpegxs.JpegXsFormatException;
import dev.xsight.jpegxs.SliceDecode;
import dev.xsight.media.Frame;
import dev.xsight.st2110.JxsFraming;
import java.util.Arrays;

/**
 * Slice mode (RFC 9134 K = 1): drives the codec slice by slice as the slices arrive, and conceals the slices that did
 * not. A damaged or missing slice is replaced by the same slice of the last picture with this main header (so the
 * wavelet synthesis can continue past it), or by a renumbered delivered neighbour of the same height when there is no
 * such picture; its rows are then copied from the previous frame. Without a previous frame of the same shape, or when
 * the decode did not write every row, the picture is dropped and counted instead.
 *
 * <p>Threading: confined to the pipeline's decode thread. The slices' bytes stay in their {@link PictureBuffer} until
 * {@link #end} releases it.
 */
final class SliceConcealment {
    private static final System.Logger LOG = System.getLogger(SliceConcealment.class.getName());
    private static final int MAX_SLICES = 4096;

    private final CodestreamDecoder decoder;
    private final StreamCounters counters;
    private final DecodePipeline.Results results;
    private SliceDecode session;
    private Frame current;
    private boolean sessionFailed;
    /** The delivered slices of the last pictures, by slice (double-buffered: {@link #cacheNext} is being filled). */
    private byte[] cache;
    private byte[] cacheNext;
    private int[] cacheOff = new int[0];
    private int[] cacheLen = new int[0];
    private boolean[] cacheHas = new boolean[0];
    /** Main header (SOC to the first SLH) the cached slices belong to; they conceal only pictures with this header. */
    private byte[] cacheHeader = new byte[0];
    private int cacheHeaderLength = -1;
    private final int[] sliceOff = new int[MAX_SLICES];
    private final int[] sliceLen = new int[MAX_SLICES];
    private int sliceRowsLuma;
    private byte[] headerScratch = new byte[512];
    private byte[] concealScratch = new byte[0];
    private int concealPos;

    SliceConcealment(CodestreamDecoder decoder, int maxPictureBytes, StreamCounters counters,
            DecodePipeline.Results results) {
        this.decoder = decoder;
        this.counters = counters;
        this.results = results;
        this.cache = new byte[maxPictureBytes];
        this.cacheNext = new byte[maxPictureBytes];
    }

    /** A picture's header segment arrived: starts its decode (a rejected header fails the whole picture at end). */
    void begin(PictureBuffer buf, JxsFraming.Header header) {
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
            current = decoder.acquireFor(headerScratch, 0, n + 6);
            session = decoder.begin(headerScratch, 0, n + 6, current);
            keepCacheFor(headerScratch, n);
        } catch (JpegXsFormatException | RuntimeException | Error e) {
            sessionFailed = true;
            if (current == null) {
                current = decoder.sdpFrames().acquire(); // end() releases it; the picture counts as a decode error
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
        if (n == cacheHeaderLength && Arrays.equals(hdr, 0, n, cacheHeader, 0, n)) {
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
        Arrays.fill(cacheHas, false);
    }

    /** Slice {@code slice} is complete in the buffer at {@code off}: the codec's workers decode it. */
    void slice(PictureBuffer buf, int slice, int off, int len) {
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

    /**
     * The picture is complete or given up: conceals the slices not {@code delivered} from {@code previous} (the last
     * frame handed on, or null), waits for the codec, and hands on the frame or drops it. Releases the buffer.
     */
    void end(PictureBuffer buf, boolean[] delivered, int sliceCount, Frame previous) {
        Frame f = current;
        current = null;
        SliceDecode s = session;
        session = null;
        if (f == null) {
            buf.release();
            return;
        }
        boolean concealable = !sessionFailed && s != null && sliceCount == s.sliceCount();
        concealPos = 0;
        for (int i = 0; i < sliceCount && concealable; i++) {
            if (!delivered[i]) {
                // Lost rows show the previous picture's: it must have this picture's shape.
                if (previous == null || !previous.format().equals(f.format()) || previous.width() != f.width()
                        || previous.height() != f.height()) {
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
        if (previous != null) {
            for (int i = 0; i < sliceCount; i++) {
                if (!delivered[i]) {
                    copyRows(previous, f, i * sliceRowsLuma, Math.min(f.height(), (i + 1) * sliceRowsLuma));
                }
            }
        }
        updateCache(buf, delivered, sliceCount);
        counters.decoded(t1 - buf.lastReceivedNanos(), t1 - buf.lastReceivedNanos());
        long ts = buf.rtpTimestamp();
        long arrival = buf.lastArrivalNanos();
        buf.release();
        results.decoded(f, ts, arrival);
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
}
