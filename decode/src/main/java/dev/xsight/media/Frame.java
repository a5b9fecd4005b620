package dev.xsight.media;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One decoded picture: planar samples (Y', Cb, Cr[, A] or R', G', B'[, A]) held right-aligned in {@code short}
 * arrays (read them with {@code & 0xFFFF}), one array per plane with stride equal to the plane width, plus its
 * colorimetry, presentation time and timecode.
 *
 * <p>Ownership: a frame has one owner at a time. {@link #retain()} adds an owner, {@link #release()} drops one;
 * the last release returns a pooled frame to its {@link FramePool}. Sample arrays are reused, never reallocated.
 * Not thread-safe: hand a frame between threads through a queue, not by sharing.
 */
public final class Frame {
    /** Largest picture accepted: 16384 x 16384 (beyond any production format); checked before allocation. */
    public static final long MAX_SAMPLES_PER_PLANE = 16384L * 16384L;

    private final FramePool pool;
    private final PixelFormat format;
    private final int width;
    private final int height;
    private final short[][] planes;
    private final AtomicInteger refCount = new AtomicInteger(1);

    private Colorimetry colorimetry = Colorimetry.BT709;
    private long ptsNanos;
    private Timecode timecode;
    private FrameRate frameRate;
    private long sequence;

    Frame(FramePool pool, PixelFormat format, int width, int height) {
        checkSize(format, width, height);
        this.pool = pool;
        this.format = format;
        this.width = width;
        this.height = height;
        this.planes = new short[format.planeCount()][];
        for (int p = 0; p < planes.length; p++) {
            planes[p] = new short[format.planeWidth(p, width) * format.planeHeight(p, height)];
        }
    }

    /** Checks a picture size before any allocation. */
    public static void checkSize(PixelFormat format, int width, int height) {
        if (width <= 0 || height <= 0 || (long) width * height > MAX_SAMPLES_PER_PLANE) {
            throw new IllegalArgumentException("unsupported picture size " + width + "x" + height + " for "
                    + format.ffmpegName() + " (at most " + MAX_SAMPLES_PER_PLANE + " samples per plane)");
        }
    }

    /** A new frame outside any pool (tests, one-off stills). */
    public static Frame allocate(PixelFormat format, int width, int height) {
        return new Frame(null, format, width, height);
    }

    public PixelFormat format() {
        return format;
    }

    public int width() {
        return width;
    }

    public int height() {
        return height;
    }

    /** Samples of {@code plane}, row-major, {@link #planeWidth(int)} per row. */
    public short[] plane(int plane) {
        return planes[plane];
    }

    public int planeWidth(int plane) {
        return format.planeWidth(plane, width);
    }

    public int planeHeight(int plane) {
        return format.planeHeight(plane, height);
    }

    public Colorimetry colorimetry() {
        return colorimetry;
    }

    public Frame colorimetry(Colorimetry c) {
        this.colorimetry = c;
        return this;
    }

    /** Presentation time in nanoseconds on the source's clock. */
    public long ptsNanos() {
        return ptsNanos;
    }

    public Frame ptsNanos(long pts) {
        this.ptsNanos = pts;
        return this;
    }

    /** The frame's timecode, or {@code null} when the source has none. */
    public Timecode timecode() {
        return timecode;
    }

    public Frame timecode(Timecode tc) {
        this.timecode = tc;
        return this;
    }

    /** The source's frame rate, or {@code null} when unknown. */
    public FrameRate frameRate() {
        return frameRate;
    }

    public Frame frameRate(FrameRate rate) {
        this.frameRate = rate;
        return this;
    }

    /** Source-assigned running number (0, 1, 2 ...). */
    public long sequence() {
        return sequence;
    }

    public Frame sequence(long seq) {
        this.sequence = seq;
        return this;
    }

    /** Adds an owner. */
    public Frame retain() {
        if (refCount.getAndIncrement() <= 0) {
            refCount.decrementAndGet();
            throw new IllegalStateException("frame already released");
        }
        return this;
    }

    /** Drops an owner; the last one returns the frame to its pool. */
    public void release() {
        int left = refCount.decrementAndGet();
        if (left < 0) {
            refCount.incrementAndGet();
            throw new IllegalStateException("frame released more often than retained");
        }
        if (left == 0 && pool != null) {
            pool.recycle(this);
        }
    }

    void resetForReuse() {
        refCount.set(1);
        timecode = null;
        ptsNanos = 0;
        sequence = 0;
    }

    FramePool pool() {
        return pool;
    }

    /** Copies samples and metadata from {@code other}, which must have the same format and size. */
    public void copyFrom(Frame other) {
        if (!other.format.equals(format) || other.width != width || other.height != height) {
            throw new IllegalArgumentException("cannot copy " + other.describe() + " into " + describe());
        }
        for (int p = 0; p < planes.length; p++) {
            System.arraycopy(other.planes[p], 0, planes[p], 0, planes[p].length);
        }
        colorimetry = other.colorimetry;
        ptsNanos = other.ptsNanos;
        timecode = other.timecode;
        frameRate = other.frameRate;
        sequence = other.sequence;
    }

    /**
     * Writes the samples in the raw planar layout: planes in order, no padding, one byte per sample up to 8 bits,
     * else little-endian 16-bit (FFmpeg {@code yuv422p10le} and friends).
     */
    public void writeRaw(OutputStream out) throws IOException {
        byte[] row = new byte[width * format.bytesPerSample()];
        for (int p = 0; p < planes.length; p++) {
            for (int y = 0, h = planeHeight(p); y < h; y++) {
                out.write(row, 0, encodeRow(p, y, row));
            }
        }
    }

    /** Feeds the raw planar layout (see {@link #writeRaw}) into {@code md}. */
    public void digestRaw(MessageDigest md) {
        byte[] row = new byte[width * format.bytesPerSample()];
        for (int p = 0; p < planes.length; p++) {
            for (int y = 0, h = planeHeight(p); y < h; y++) {
                md.update(row, 0, encodeRow(p, y, row));
            }
        }
    }

    /** MD5 of the raw planar layout as lower-case hex, as the conformance manifests and the CLI print it. */
    public String md5Hex() {
        try {
            MessageDigest md = MessageDigest.getInstance("MD5");
            digestRaw(md);
            return java.util.HexFormat.of().formatHex(md.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private int encodeRow(int p, int y, byte[] row) {
        int w = planeWidth(p);
        short[] s = planes[p];
        int base = y * w;
        if (format.bytesPerSample() == 1) {
            for (int x = 0; x < w; x++) {
                row[x] = (byte) s[base + x];
            }
            return w;
        }
        for (int x = 0; x < w; x++) {
            short v = s[base + x];
            row[2 * x] = (byte) v;
            row[2 * x + 1] = (byte) (v >> 8);
        }
        return 2 * w;
    }

    /**
     * Reads one picture in the raw planar layout. Samples above the bit depth are rejected.
     *
     * @throws java.io.EOFException when the stream ends inside the picture
     * @throws IOException when a sample exceeds the bit depth (naming plane, row and column)
     */
    public void readRaw(InputStream in) throws IOException {
        int bps = format.bytesPerSample();
        byte[] row = new byte[width * bps];
        int max = format.maxCode();
        for (int p = 0; p < planes.length; p++) {
            int w = planeWidth(p);
            short[] s = planes[p];
            for (int y = 0, h = planeHeight(p); y < h; y++) {
                if (in.readNBytes(row, 0, w * bps) < w * bps) {
                    throw new java.io.EOFException("raw picture ends in plane " + p + " row " + y);
                }
                readRow(row, w, bps, s, y * w, max, p, y);
            }
        }
    }

    private static void readRow(byte[] row, int w, int bps, short[] s, int base, int max, int p, int y)
            throws IOException {
        for (int x = 0; x < w; x++) {
            int v = bps == 1 ? row[x] & 0xFF : (row[2 * x] & 0xFF) | (row[2 * x + 1] & 0xFF) << 8;
            if (v > max) {
                throw new IOException("sample " + v + " exceeds " + Integer.numberOfTrailingZeros(max + 1)
                        + "-bit range at plane " + p + " row " + y + " column " + x);
            }
            s[base + x] = (short) v;
        }
    }

    /** E.g. {@code 1920x1080 4:2:2 10-bit}. */
    public String describe() {
        return width + "x" + height + " " + format.describe();
    }

    @Override
    public String toString() {
        return "Frame[" + describe() + ", tc=" + timecode + ", seq=" + sequence + "]";
    }
}
