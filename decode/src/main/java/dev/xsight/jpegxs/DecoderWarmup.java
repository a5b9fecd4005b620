package dev.xsight.jpegxs;

import dev.xsight.jpegxs.encode.JpegXsEncoder;
import dev.xsight.jpegxs.encode.EncoderSettings;
import dev.xsight.media.Frame;
import dev.xsight.media.PixelFormat;

/**
 * Gets the decoder's hot loops compiled before the first real picture: a receiver that starts cold interprets its
 * first pictures and falls behind by tens to hundreds of milliseconds, which a live stream turns into dropped
 * frames and a latency spike at every start. A small picture of the stream's format is encoded once and decoded
 * repeatedly, whole and slice by slice (the two ways the receive path decodes), by a throwaway decoder with the
 * same number of threads (compiled code is shared by every decoder in the process).
 *
 * <p>Threading: {@link #run} blocks the calling thread for at most about the given budget.
 */
public final class DecoderWarmup {
    /** Small enough to cost little per round, large enough for several slices and every wavelet level. */
    private static final int WIDTH = 512;
    private static final int HEIGHT = 128;

    private DecoderWarmup() {
    }

    /**
     * Decodes a synthetic picture of {@code format} until {@code budgetNanos} have passed or {@code maxRounds} rounds
     * are done.
     *
     * @return rounds completed (0 when the format cannot be encoded here: nothing to warm with)
     */
    public static int run(PixelFormat format, int threads, long budgetNanos, int maxRounds) {
        byte[] cs;
        try (JpegXsEncoder enc = new JpegXsEncoder(EncoderSettings.of(3.0), format, WIDTH, HEIGHT)) {
            Frame src = Frame.allocate(format, WIDTH, HEIGHT);
            int max = (1 << format.bitDepth()) - 1;
            for (int p = 0; p < format.planeCount(); p++) {
                short[] s = src.plane(p);
                int w = src.planeWidth(p);
                for (int i = 0; i < s.length; i++) {
                    // Ramps and texture, so every coding tool and bitplane count gets exercised.
                    int x = i % w;
                    int y = i / w;
                    s[i] = (short) ((x * 7 + y * 13 + ((x ^ y) & 31) * 9 + p * 101) % (max + 1));
                }
            }
            byte[] out = new byte[enc.maxCodestreamBytes()];
            int n = enc.encode(src, out, 0);
            cs = java.util.Arrays.copyOf(out, n);
        } catch (RuntimeException e) {
            return 0;
        }
        long end = System.nanoTime() + budgetNanos;
        int rounds = 0;
        try (JpegXsDecoder dec = new JpegXsDecoder(threads)) {
            CodestreamInfo info = JpegXsDecoder.probe(cs, 0, cs.length);
            Frame out = Frame.allocate(info.pixelFormat(), info.width(), info.height());
            int[] starts = new int[info.sliceCount() + 1];
            SliceScanner.scan(Layout.of(info), cs, 0, info.headerBytes(), cs.length, starts);
            while (rounds < maxRounds && System.nanoTime() < end) {
                dec.decode(cs, 0, cs.length, out);
                SliceDecode s = dec.begin(cs, 0, starts[0], out);
                for (int i = 0; i < info.sliceCount(); i++) {
                    s.slice(i, cs, starts[i], starts[i + 1] - starts[i]);
                }
                s.awaitComplete();
                rounds++;
            }
        } catch (JpegXsFormatException | RuntimeException e) {
            return rounds;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return rounds;
    }
}
