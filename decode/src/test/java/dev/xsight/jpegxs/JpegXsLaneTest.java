package dev.xsight.jpegxs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.xsight.jpegxs.encode.EncoderSettings;
import dev.xsight.jpegxs.encode.JpegXsEncoder;
import dev.xsight.media.Frame;
import dev.xsight.media.PixelFormat;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Whole pictures decoded on several threads in lanes ({@link Lane}): each thread decodes a run of slices with one slice
 * of context on either side, so the rows at a lane boundary must come out exactly as one thread makes them, with the
 * fewest possible slices per lane, with one or two vertical levels, and when a lane fails. Expected pictures are the
 * reference decoder's md5s (conformance manifest) or, for this project's own encoded streams, the one-thread decode
 * (which the conformance tests hold to the reference).
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class JpegXsLaneTest {
    private static final byte[] S20 = TestStreams.load(TestStreams.S20);

    /**
     * Slices of one precinct row (the most lane boundaries, each lane's context a single precinct row) and of two,
     * with zero, one and two vertical levels, in 4:2:2, 4:4:4 and 4:2:0, heights that end in a partial precinct:
     * 2 to 4 lanes, two frames each, give the one-thread picture.
     */
    @Test
    void slicesOfOnePrecinctRowDecodeInLanesLikeOneThread() throws Exception {
        PixelFormat[] formats = {PixelFormat.YUV422P10, PixelFormat.YUV444P10, PixelFormat.YUV420P10};
        int w = 136;
        int checked = 0;
        for (PixelFormat f : formats) {
            for (int nly = 0; nly <= 2; nly++) {
                if (nly == 0 && f == PixelFormat.YUV420P10) {
                    continue; // 4:2:0 needs a vertical level
                }
                for (int precincts = 1; precincts <= 2; precincts++) {
                    for (int h : new int[] {4 * (1 << nly) + 1, 11 * (1 << nly) - 1}) {
                        EncoderSettings s = EncoderSettings.of(4).withLevels(3, nly)
                                .withSliceHeight(precincts * (1 << nly));
                        byte[] cs = encode(s, f, w, h, TestPictures.noise(f, w, h, 31L * h + nly));
                        String want = decode(cs, 1).md5Hex();
                        for (int threads = 2; threads <= 4; threads++) {
                            try (JpegXsDecoder dec = new JpegXsDecoder(threads)) {
                                Frame out = TestStreams.frameFor(cs);
                                for (int frame = 0; frame < 2; frame++) {
                                    out.plane(0)[0] ^= 1; // a stale picture must not pass
                                    dec.decode(cs, 0, cs.length, out);
                                    assertEquals(want, out.md5Hex(), f.ffmpegName() + " " + w + "x" + h + " NL,y "
                                            + nly + " slice of " + precincts + " precinct row(s), " + threads
                                            + " threads, frame " + frame);
                                }
                            }
                            checked++;
                        }
                    }
                }
            }
        }
        assertEquals(96, checked);
    }

    /** s22 has 4 slices: 4 lanes of one slice each, and more threads than slices (lanes = slices). */
    @Test
    void asManyLanesAsSlicesAndMoreThreadsThanSlicesDecodeBitExact() throws Exception {
        String name = "s22_10924x64_444p8_bpp2_longhdr.jxs";
        byte[] b = java.nio.file.Files.readAllBytes(ConformanceSet.dir().resolve(name));
        assertEquals(4, JpegXsDecoder.probe(b, 0, b.length).sliceCount());
        for (int threads : new int[] {4, 5, 8}) {
            assertEquals(ConformanceSet.md5(name), decode(b, threads).md5Hex(), threads + " threads");
        }
    }

    /** One slice per picture: no lanes, the slice workers decode it. */
    @Test
    void aPictureOfOneSliceDecodesWithoutLanes() throws Exception {
        String name = "s10_1080p422p10_bpp2.5_v1h1_1slice_rc3.jxs";
        byte[] b = java.nio.file.Files.readAllBytes(ConformanceSet.dir().resolve(name));
        assertEquals(ConformanceSet.md5(name), decode(b, 4).md5Hex());
    }

    /**
     * A broken slice in the last lane, in the last slice of the first lane (the next lane's context above) and in the
     * first slice of a lane (the previous one's context below): the frame fails with the error one thread reports
     * (same type, offset and text), and the same decoder then decodes the good picture exactly.
     */
    @Test
    void aBrokenSliceInAnyLaneFailsTheFrameWithTheOneThreadError() throws Exception {
        int[] starts = JpegXsDecoderRobustnessTest.sliceStarts(S20, 0, S20.length);
        int n = starts.length - 1;
        List<Integer> broken = new ArrayList<>();
        for (int s : new int[] {n - 1, n / 2 - 1, n / 2, n / 3, 0}) {
            broken.add(s);
        }
        for (int slice : broken) {
            byte[] bad = S20.clone();
            bad[starts[slice] + 5] ^= 1; // the slice header names another slice
            String want = failure(bad, 1);
            for (int threads = 2; threads <= 4; threads++) {
                assertEquals(want, failure(bad, threads), "slice " + slice + ", " + threads + " threads");
            }
        }
        byte[] last = S20.clone();
        last[starts[n - 1] + 6] = (byte) 0x7F; // the last slice's first Lprc runs far past the codestream
        for (int threads = 2; threads <= 4; threads++) {
            try (JpegXsDecoder dec = new JpegXsDecoder(threads)) {
                Frame f = TestStreams.frameFor(S20);
                assertThrows(JpegXsFormatException.class, () -> dec.decode(last, 0, last.length, f));
                dec.decode(S20, 0, S20.length, f);
                assertEquals(TestStreams.S20_MD5, f.md5Hex(), threads + " threads after a failed frame");
            }
        }
    }

    /** The runs cover every slice once, in order, each lane at least one; a heavy half of the picture gets more lanes. */
    @Test
    void theSplitBalancesBytesAndGivesEveryLaneASlice() throws Exception {
        Layout layout = Layout.of(JpegXsDecoder.probe(S20, 0, S20.length));
        int n = layout.info.sliceCount();
        int[] starts = new int[n + 1];
        for (int s = 0; s < n; s++) {
            starts[s + 1] = starts[s] + (s < n / 2 ? 40_000 : 1_000); // the top half is 40 times denser
        }
        for (int lanes = 2; lanes <= n; lanes++) {
            int[] bounds = new int[lanes + 1];
            Lane.split(layout, starts, lanes, bounds);
            assertEquals(0, bounds[0]);
            assertEquals(n, bounds[lanes]);
            for (int l = 0; l < lanes; l++) {
                assertTrue(bounds[l + 1] > bounds[l], lanes + " lanes: lane " + l + " is empty");
            }
        }
        int[] two = new int[3];
        Lane.split(layout, starts, 2, two);
        assertTrue(two[1] < n / 2, "the first lane of two should end inside the dense half, ends at " + two[1]);
        int[] even = new int[n + 1];
        for (int s = 0; s < n; s++) {
            even[s + 1] = even[s] + 5_000;
        }
        Lane.split(layout, even, 2, two);
        assertTrue(Math.abs(two[1] - n / 2) <= 1, "even slices split at " + two[1] + " of " + n);
    }

    /**
     * Steady state on two and three threads allocates nothing per frame on any thread of the decoder: the calling
     * thread (lane 0) and the workers running the other lanes.
     */
    @Test
    void lanesAllocateNothingPerFrameOnAnyThread() throws Exception {
        com.sun.management.ThreadMXBean mx =
                (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
        for (int threads = 2; threads <= 3; threads++) {
            java.util.Set<Long> others = new java.util.HashSet<>();
            for (long id : workerIds()) {
                others.add(id); // other decoders' workers, alive in this JVM
            }
            try (JpegXsDecoder dec = new JpegXsDecoder(threads)) {
                Frame f = TestStreams.frameFor(S20);
                for (int i = 0; i < 40; i++) {
                    dec.decode(S20, 0, S20.length, f);
                }
                long[] workers = java.util.Arrays.stream(workerIds()).filter(id -> !others.contains(id)).toArray();
                assertEquals(threads, workers.length);
                long before = allocated(mx, workers);
                for (int i = 0; i < 10; i++) {
                    dec.decode(S20, 0, S20.length, f);
                }
                long bytes = allocated(mx, workers) - before;
                assertTrue(bytes < 2048, threads + " threads: 10 frames allocated " + bytes + " bytes");
                assertEquals(TestStreams.S20_MD5, f.md5Hex());
            }
        }
    }

    /** Ids of the live worker threads of all decoders. */
    private static long[] workerIds() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().startsWith("jpegxs-slice-") && t.isAlive())
                .mapToLong(Thread::threadId).toArray();
    }

    /** Bytes allocated so far by this thread and the threads {@code ids}. */
    private static long allocated(com.sun.management.ThreadMXBean mx, long[] ids) {
        long sum = mx.getCurrentThreadAllocatedBytes();
        for (long id : ids) {
            sum += mx.getThreadAllocatedBytes(id);
        }
        return sum;
    }

    private static byte[] encode(EncoderSettings s, PixelFormat f, int w, int h, Frame src) {
        try (JpegXsEncoder enc = new JpegXsEncoder(s, f, w, h)) {
            byte[] cs = new byte[enc.maxCodestreamBytes()];
            int n = enc.encode(src, cs, 0);
            return java.util.Arrays.copyOf(cs, n);
        }
    }

    private static Frame decode(byte[] cs, int threads) throws JpegXsFormatException {
        Frame out = TestStreams.frameFor(cs);
        try (JpegXsDecoder dec = new JpegXsDecoder(threads)) {
            dec.decode(cs, 0, cs.length, out);
        }
        return out;
    }

    /** The text of the error decoding {@code cs} on {@code threads} threads (which must fail). */
    private static String failure(byte[] cs, int threads) throws JpegXsFormatException {
        Frame out = TestStreams.frameFor(S20);
        try (JpegXsDecoder dec = new JpegXsDecoder(threads)) {
            JpegXsFormatException e = assertThrows(JpegXsFormatException.class, () -> dec.decode(cs, 0, cs.length, out));
            return e.getMessage();
        }
    }
}
