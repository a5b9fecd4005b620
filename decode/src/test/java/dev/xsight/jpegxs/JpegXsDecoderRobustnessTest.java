package dev.xsight.jpegxs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.xsight.media.Frame;
import dev.xsight.st2110.JxsFraming;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The decoder takes a codestream wherever it lies in a buffer, survives any sequence of main headers and any failed
 * or abandoned frame with its workers alive, and never reports a frame it did not finish as complete. Expected
 * pictures are the reference decoder's md5s (SVT-JPEG-XS, from the conformance manifest).
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS) // a dead worker used to hang awaitComplete: fail instead of hanging
class JpegXsDecoderRobustnessTest {
    private static final byte[] S20 = TestStreams.load(TestStreams.S20);
    private static final byte[] S18 = TestStreams.load(TestStreams.S18);

    /** An ISO/IEC 21122-3 box: LBox (including itself), TBox, then {@code payload} bytes. */
    static byte[] box(String type, int payload) {
        byte[] b = new byte[8 + payload];
        ByteBuffer.wrap(b).putInt(b.length).put(type.getBytes(StandardCharsets.US_ASCII));
        for (int i = 8; i < b.length; i++) {
            b[i] = (byte) (0xFF - i); // marker-like bytes: nothing may read the boxes as codestream
        }
        return b;
    }

    /** The 60-byte box run an RFC 9134 sender puts before SOC: a {@code jpvs} box of 36 bytes, a {@code colr} of 24. */
    static byte[] withBoxes(byte[] codestream) {
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        o.writeBytes(box("jpvs", 28));
        o.writeBytes(box("colr", 16));
        o.writeBytes(codestream);
        return o.toByteArray();
    }

    static int[] sliceStarts(byte[] b, int off, int len) throws JpegXsFormatException {
        CodestreamInfo info = JpegXsDecoder.probe(b, off, len);
        int[] starts = new int[info.sliceCount() + 1];
        SliceScanner.scan(Layout.of(info), b, off, off + info.headerBytes(), off + len, starts);
        return starts;
    }

    @Test
    void decodesCodestreamThatFollowsBoxesAtAnyOffset() throws Exception {
        byte[] seg = withBoxes(S20);
        int soc = JxsFraming.skipBoxes(seg, 0, seg.length);
        assertEquals(60, soc);
        CodestreamInfo at0 = JpegXsDecoder.probe(S20, 0, S20.length);
        CodestreamInfo atSoc = JpegXsDecoder.probe(seg, soc, seg.length - soc);
        assertEquals(at0.headerBytes(), atSoc.headerBytes(), "header length does not depend on where it lies");
        assertEquals(S20.length, JpegXsDecoder.codestreamLength(seg, soc, seg.length - soc));
        for (int threads = 1; threads <= 3; threads++) {
            try (JpegXsDecoder dec = new JpegXsDecoder(threads)) {
                Frame f = TestStreams.frameFor(S20);
                dec.decode(seg, soc, seg.length - soc, f);
                assertEquals(TestStreams.S20_MD5, f.md5Hex(), "after boxes, threads " + threads);
                // Every offset, odd ones too, with bytes after the codestream as a receive buffer has them.
                for (int off : new int[] {1, 7, 333}) {
                    byte[] b = new byte[off + S20.length + 100];
                    Arrays.fill(b, (byte) 0xFF);
                    System.arraycopy(S20, 0, b, off, S20.length);
                    dec.decode(b, off, S20.length, f);
                    assertEquals(TestStreams.S20_MD5, f.md5Hex(), "offset " + off + ", threads " + threads);
                    // And slice by slice, the header given at its offset too.
                    int[] starts = sliceStarts(b, off, S20.length);
                    SliceDecode s = dec.begin(b, off, at0.headerBytes(), f);
                    for (int i = s.sliceCount() - 1; i >= 0; i--) {
                        s.slice(i, b, starts[i], starts[i + 1] - starts[i]);
                    }
                    s.awaitComplete();
                    assertTrue(s.complete());
                    assertEquals(TestStreams.S20_MD5, f.md5Hex(), "slices at offset " + off + ", threads " + threads);
                }
            }
        }
    }

    @Test
    void errorOffsetsCountFromTheCodestreamStartWhereverItLies() throws Exception {
        byte[] bad = S20.clone();
        int[] starts = sliceStarts(S20, 0, S20.length);
        bad[starts[3]] = 0; // slice 3's SLH
        JpegXsFormatException at0 = assertThrows(JpegXsFormatException.class,
                () -> JpegXsDecoder.codestreamLength(withoutLcod(bad), 0, bad.length));
        byte[] seg = withBoxes(withoutLcod(bad));
        JpegXsFormatException atSoc = assertThrows(JpegXsFormatException.class,
                () -> JpegXsDecoder.codestreamLength(seg, 60, seg.length - 60));
        assertEquals(starts[3], at0.byteOffset());
        assertEquals(at0.byteOffset(), atSoc.byteOffset());
    }

    /** The same codestream marked variable bit rate (Lcod 0), so its length is found by walking the slices. */
    private static byte[] withoutLcod(byte[] b) {
        byte[] c = b.clone();
        int pih = 4 + ((c[4] & 0xFF) << 8 | (c[5] & 0xFF));
        Arrays.fill(c, pih + 4, pih + 8, (byte) 0);
        return c;
    }

    @Test
    void rangesOutsideTheBufferAreTypedErrors() {
        try (JpegXsDecoder dec = new JpegXsDecoder(2)) {
            Frame f = TestStreams.frameFor(S20);
            dec.decode(S20, 0, S20.length, f); // the state now holds S20's header: no comparison may run off the end
            for (int[] r : new int[][] {{-1, 10}, {1, S20.length}, {S20.length + 1, 0}, {0, -5}}) {
                assertThrows(JpegXsFormatException.class, () -> dec.decode(S20, r[0], r[1], f), Arrays.toString(r));
            }
            dec.decode(S20, 0, S20.length, f);
            assertEquals(TestStreams.S20_MD5, f.md5Hex());
        } catch (JpegXsFormatException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void headerChangeAfterAnAbandonedFrameKeepsEveryWorkerAlive() throws Exception {
        for (int threads = 2; threads <= 3; threads++) {
            try (JpegXsDecoder dec = new JpegXsDecoder(threads)) {
                for (int round = 0; round < 3; round++) {
                    // 30 of S18's 36 slices, then the frame is abandoned: the queue head stands at 30.
                    int[] s18 = sliceStarts(S18, 0, S18.length);
                    Frame g = TestStreams.frameFor(S18);
                    SliceDecode s = dec.begin(S18, 0, s18[0], g);
                    for (int i = 0; i < 30; i++) {
                        s.slice(i, S18, s18[i], s18[i + 1] - s18[i]);
                    }
                    // S20 has 23 slices: a queue head of 30 left over from the old queue indexed past the new one.
                    Frame f = TestStreams.frameFor(S20);
                    dec.decode(S20, 0, S20.length, f);
                    assertEquals(TestStreams.S20_MD5, f.md5Hex(), "threads " + threads + " round " + round);
                    dec.decode(S18, 0, S18.length, g);
                    assertEquals(TestStreams.S18_MD5, g.md5Hex(), "threads " + threads + " round " + round);
                }
            }
        }
    }

    @Test
    void workerFailureFailsOnlyThatPicture() throws Exception {
        int[] starts = sliceStarts(S20, 0, S20.length);
        byte[] bad = S20.clone();
        bad[starts[7] + 5] ^= 1; // slice 7's header names slice 6: the worker decoding it fails
        byte[] worse = S20.clone();
        worse[starts[12] + 6] = (byte) 0x7F; // slice 12's first Lprc runs far past the slice
        for (int threads = 1; threads <= 3; threads++) {
            try (JpegXsDecoder dec = new JpegXsDecoder(threads)) {
                Frame f = TestStreams.frameFor(S20);
                for (byte[] b : List.of(bad, worse)) {
                    assertThrows(JpegXsFormatException.class, () -> dec.decode(b, 0, b.length, f));
                    assertThrows(JpegXsFormatException.class, () -> {
                        SliceDecode s = dec.begin(b, 0, starts[0], f);
                        for (int i = 0; i < s.sliceCount(); i++) {
                            s.slice(i, b, starts[i], starts[i + 1] - starts[i]);
                        }
                        s.awaitComplete();
                    });
                    // The decoder, its workers and its state are fine: the next picture is exact.
                    dec.decode(S20, 0, S20.length, f);
                    assertEquals(TestStreams.S20_MD5, f.md5Hex(), "threads " + threads);
                    SliceDecode s = dec.begin(S20, 0, starts[0], f);
                    for (int i = 0; i < s.sliceCount(); i++) {
                        s.slice(i, S20, starts[i], starts[i + 1] - starts[i]);
                    }
                    s.awaitComplete();
                    assertTrue(s.complete());
                    assertEquals(TestStreams.S20_MD5, f.md5Hex(), "threads " + threads);
                }
            }
        }
    }

    @Test
    void sliceIndexBeyondTheHeadersCountIsATypedError() throws Exception {
        int[] s18 = sliceStarts(S18, 0, S18.length);
        int[] s20 = sliceStarts(S20, 0, S20.length);
        for (int threads = 1; threads <= 3; threads++) {
            try (JpegXsDecoder dec = new JpegXsDecoder(threads)) {
                Frame g = TestStreams.frameFor(S18);
                dec.decode(S18, 0, S18.length, g); // 36 slices
                Frame f = TestStreams.frameFor(S20);
                SliceDecode s = dec.begin(S20, 0, s20[0], f); // 23 slices
                // Slice 30 of the previous header's count: an error, not an index into arrays of 23.
                assertThrows(JpegXsFormatException.class, () -> s.slice(30, S18, s18[30], s18[31] - s18[30]));
                assertThrows(JpegXsFormatException.class, () -> s.slice(-1, S20, s20[0], s20[1] - s20[0]));
                for (int i = 0; i < s.sliceCount(); i++) {
                    s.slice(i, S20, s20[i], s20[i + 1] - s20[i]);
                }
                s.awaitComplete();
                assertTrue(s.complete());
                assertEquals(TestStreams.S20_MD5, f.md5Hex());
            }
        }
    }

    @Test
    void aFrameSupersededByAnotherHeaderRefusesFurtherSlices() throws Exception {
        int[] s18 = sliceStarts(S18, 0, S18.length);
        int[] s20 = sliceStarts(S20, 0, S20.length);
        for (int threads = 1; threads <= 3; threads++) {
            try (JpegXsDecoder dec = new JpegXsDecoder(threads)) {
                Frame g = TestStreams.frameFor(S18);
                SliceDecode s = dec.begin(S18, 0, s18[0], g);
                for (int i = 0; i < 30; i++) {
                    s.slice(i, S18, s18[i], s18[i + 1] - s18[i]);
                }
                assertEquals(23, dec.header(S20, 0, S20.length).sliceCount()); // waits for those 30, then S20
                // Slice 33 of S18's 36 would index arrays now sized for S20's 23 slices: refused by name instead.
                assertThrows(IllegalStateException.class, () -> s.slice(33, S18, s18[33], s18[34] - s18[33]));
                assertFalse(s.complete());
                Frame f = TestStreams.frameFor(S20);
                SliceDecode t = dec.begin(S20, 0, s20[0], f);
                for (int i = 0; i < t.sliceCount(); i++) {
                    t.slice(i, S20, s20[i], s20[i + 1] - s20[i]);
                }
                t.awaitComplete();
                assertTrue(t.complete());
                assertEquals(TestStreams.S20_MD5, f.md5Hex(), "threads " + threads);
            }
        }
    }

    @Test
    void aFrameWithSlicesMissingIsNeverReportedComplete() throws Exception {
        int[] s20 = sliceStarts(S20, 0, S20.length);
        for (int threads = 1; threads <= 3; threads++) {
            try (JpegXsDecoder dec = new JpegXsDecoder(threads)) {
                Frame f = TestStreams.frameFor(S20);
                SliceDecode s = dec.begin(S20, 0, s20[0], f);
                for (int i = 0; i < s.sliceCount(); i++) {
                    if (i != 9) {
                        s.slice(i, S20, s20[i], s20[i + 1] - s20[i]);
                    }
                }
                s.awaitComplete();
                assertFalse(s.complete(), "slice 9 never came: its rows and the rows below hold an older picture");
            }
        }
    }

    /**
     * Random sequences over headers that differ in size, slice count and height, levels, sampling and depth (the
     * resource streams plus the conformance set when present), whole and slice by slice in random order, with frames
     * abandoned or failed on the way and 1 to 3 threads: every picture that is decoded whole equals the reference.
     */
    @Test
    void anySequenceOfHeadersDecodesEveryPictureBitExact() throws Exception {
        List<byte[]> streams = new ArrayList<>(List.of(S20, S18));
        List<String> md5s = new ArrayList<>(List.of(TestStreams.S20_MD5, TestStreams.S18_MD5));
        ConformanceSet.addIfPresent(streams, md5s, "s06_1080p422p10_bpp2_v1h3_sh8.jxs", "s16_720p420p8_bpp1.5.jxs",
                "s19_1001x563_444p10_bpp3_v1h3_sh8.jxs", "s14_1080p444p12_bpp4.jxs");
        long seed = new Random().nextLong();
        Random r = new Random(seed);
        List<int[]> starts = new ArrayList<>();
        List<Frame> frames = new ArrayList<>();
        for (byte[] b : streams) {
            starts.add(sliceStarts(b, 0, b.length));
            frames.add(TestStreams.frameFor(b));
        }
        for (int threads = 1; threads <= 3; threads++) {
            try (JpegXsDecoder dec = new JpegXsDecoder(threads)) {
                for (int step = 0; step < 24; step++) {
                    int k = r.nextInt(streams.size());
                    byte[] b = streams.get(k);
                    int[] st = starts.get(k);
                    Frame f = frames.get(k);
                    String where = "seed " + seed + " threads " + threads + " step " + step + " stream " + k;
                    switch (r.nextInt(4)) {
                        case 0 -> {
                            dec.decode(b, 0, b.length, f);
                            assertEquals(md5s.get(k), f.md5Hex(), where);
                        }
                        case 1 -> {
                            SliceDecode s = dec.begin(b, 0, st[0], f);
                            int[] order = shuffled(s.sliceCount(), r);
                            for (int i : order) {
                                s.slice(i, b, st[i], st[i + 1] - st[i]);
                            }
                            s.awaitComplete();
                            assertTrue(s.complete(), where);
                            assertEquals(md5s.get(k), f.md5Hex(), where);
                        }
                        case 2 -> {
                            // Abandoned part way: some slices still queued when the next frame starts.
                            SliceDecode s = dec.begin(b, 0, st[0], f);
                            int[] order = shuffled(s.sliceCount(), r);
                            for (int i = 0, n = r.nextInt(order.length); i < n; i++) {
                                s.slice(order[i], b, st[order[i]], st[order[i] + 1] - st[order[i]]);
                            }
                        }
                        default -> {
                            // A frame with one corrupt slice fails and the next one is exact.
                            byte[] bad = b.clone();
                            int victim = r.nextInt(st.length - 1);
                            bad[st[victim] + 5] ^= 1;
                            assertThrows(JpegXsFormatException.class, () -> dec.decode(bad, 0, bad.length, f), where);
                        }
                    }
                }
                int k = r.nextInt(streams.size());
                dec.decode(streams.get(k), 0, streams.get(k).length, frames.get(k));
                assertEquals(md5s.get(k), frames.get(k).md5Hex(), "final picture, seed " + seed);
            }
        }
    }

    @Test
    void steadyStateAtAnOffsetAllocatesNothingPerFrame() throws Exception {
        byte[] seg = withBoxes(S20);
        int soc = JxsFraming.skipBoxes(seg, 0, seg.length);
        int[] starts = sliceStarts(seg, soc, seg.length - soc);
        try (JpegXsDecoder dec = new JpegXsDecoder(1)) {
            Frame f = TestStreams.frameFor(S20);
            long whole = allocatedByTenFrames(() -> {
                dec.header(seg, soc, seg.length - soc);
                dec.decode(seg, soc, seg.length - soc, f);
            });
            assertTrue(whole < 1024, "10 whole frames allocated " + whole + " bytes");
            long sliced = allocatedByTenFrames(() -> {
                SliceDecode s = dec.begin(seg, soc, starts[0] - soc, f);
                for (int k = 0; k < s.sliceCount(); k++) {
                    s.slice(k, seg, starts[k], starts[k + 1] - starts[k]);
                }
                s.awaitComplete();
                assertTrue(s.complete());
            });
            assertTrue(sliced < 1024, "10 sliced frames allocated " + sliced + " bytes");
            assertEquals(TestStreams.S20_MD5, f.md5Hex());
        }
    }

    @Test
    void alternatingHeadersKeepTheirLayoutsAndAllocateNothingPerFrame() throws Exception {
        String[] names = {"s20_640x360_422p10_bpp6.jxs", "s18_1002x563_422p10_bpp2.jxs"};
        byte[][] cs = new byte[2][];
        Frame[] out = new Frame[2];
        for (int i = 0; i < 2; i++) {
            cs[i] = java.nio.file.Files.readAllBytes(ConformanceSet.dir().resolve(names[i]));
            CodestreamInfo info = JpegXsDecoder.probe(cs[i], 0, cs[i].length);
            out[i] = Frame.allocate(info.pixelFormat(), info.width(), info.height());
        }
        for (int threads = 1; threads <= 2; threads++) {
            try (JpegXsDecoder dec = new JpegXsDecoder(threads)) {
                // Every picture changes the header: each switch finds the layout built for it before.
                long bytes = allocatedByTenFrames(() -> {
                    for (int i = 0; i < 2; i++) {
                        dec.header(cs[i], 0, cs[i].length);
                        dec.decode(cs[i], 0, cs[i].length, out[i]);
                    }
                });
                assertTrue(bytes < 1024, threads + " thread(s): 10 alternations allocated " + bytes + " bytes");
                for (int i = 0; i < 2; i++) {
                    assertEquals(ConformanceSet.md5(names[i]), out[i].md5Hex(), names[i]);
                }
            }
        }
    }

    interface FrameWork {
        void run() throws Exception;
    }

    /**
     * Bytes this thread allocates for ten frames of {@code work}, after forty to warm up (the JVM itself allocates a
     * little, now and then, while it compiles the first few dozen frames).
     */
    private static long allocatedByTenFrames(FrameWork work) throws Exception {
        com.sun.management.ThreadMXBean mx =
                (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
        for (int i = 0; i < 40; i++) {
            work.run();
        }
        long before = mx.getCurrentThreadAllocatedBytes();
        for (int i = 0; i < 10; i++) {
            work.run();
        }
        return mx.getCurrentThreadAllocatedBytes() - before;
    }

    private static int[] shuffled(int n, Random r) {
        int[] a = new int[n];
        for (int i = 0; i < n; i++) {
            a[i] = i;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = r.nextInt(i + 1);
            int t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
        return a;
    }
}
