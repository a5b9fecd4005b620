package dev.xsight.st2110.send;

import dev.xsight.jpegxs.encode.JpegXsEncoder;
import dev.xsight.media.Frame;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongFunction;

/**
 * A fixed loop of pictures encoded to JPEG XS once, before sending, so that a sender replays codestreams and the
 * pure-Java encoder is not in the real-time path (the demo measures the receive path, not the encoder). The loop is
 * encoded on the caller's thread; {@link #encoded()} may be read from any thread to show progress.
 *
 * <p>Threading: {@link #encodeAll} on one thread; {@link #picture}/{@link #length} after it returned, from any thread.
 */
public final class EncodedLoop {
    /** Most pictures a loop may hold (two seconds at 120 fps); the caller's count is checked before allocating. */
    public static final int MAX_PICTURES = 240;

    private final int count;
    /** Each exactly its codestream's length. */
    private final byte[][] pictures;
    private final AtomicInteger encoded = new AtomicInteger();

    /** @param count pictures in the loop, 1..{@link #MAX_PICTURES} */
    public EncodedLoop(int count) {
        if (count < 1 || count > MAX_PICTURES) {
            throw new IllegalArgumentException("a loop holds 1.." + MAX_PICTURES + " pictures, not " + count);
        }
        this.count = count;
        this.pictures = new byte[count][];
    }

    /**
     * Encodes pictures 0..count-1 from {@code producer} (which hands over ownership of each frame; it is released
     * here). Stops early, leaving the loop incomplete, when the thread is interrupted.
     *
     * @return true when every picture was encoded
     */
    public boolean encodeAll(LongFunction<Frame> producer, JpegXsEncoder encoder) {
        byte[] scratch = new byte[encoder.maxCodestreamBytes()];
        for (int i = 0; i < count; i++) {
            if (Thread.currentThread().isInterrupted()) {
                return false;
            }
            Frame f = producer.apply(i);
            int n;
            try {
                n = encoder.encode(f, scratch, 0);
            } finally {
                f.release();
            }
            pictures[i] = Arrays.copyOf(scratch, n);
            encoded.set(i + 1);
        }
        return true;
    }

    /** Pictures in the loop. */
    public int count() {
        return count;
    }

    /** Pictures encoded so far (progress while {@link #encodeAll} runs). */
    public int encoded() {
        return encoded.get();
    }

    /** Whether every picture has been encoded. */
    public boolean complete() {
        return encoded.get() == count;
    }

    /** The codestream of picture {@code i % count()} (shared; do not modify). */
    public byte[] picture(long i) {
        return pictures[(int) Math.floorMod(i, (long) count)];
    }

    /** Its length in bytes. */
    public int length(long i) {
        return picture(i).length;
    }
}
