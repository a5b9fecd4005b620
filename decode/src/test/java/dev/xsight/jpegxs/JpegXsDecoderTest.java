package dev.xsight.jpegxs;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.xsight.media.ChromaSampling;
import dev.xsight.media.Frame;
import dev.xsight.media.PixelFormat;
import java.lang.management.ManagementFactory;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class JpegXsDecoderTest {
    private static final byte[] S20 = TestStreams.load(TestStreams.S20);
    private static final byte[] S18 = TestStreams.load(TestStreams.S18);
    /** Offset of the PIH marker: after SOC and a CAP segment of Lcap bytes. */
    private static final int PIH = 4 + ((S20[4] & 0xFF) << 8 | (S20[5] & 0xFF));

    @Test
    void decodesSmallConformanceStreamsBitExactLikeTheReferenceDecoder() throws Exception {
        try (JpegXsDecoder dec = new JpegXsDecoder(1)) {
            assertDecodesTo(TestStreams.S20_MD5, dec, S20, TestStreams.frameFor(S20));
            assertDecodesTo(TestStreams.S18_MD5, dec, S18, TestStreams.frameFor(S18));
        }
    }

    /** Decodes the whole of {@code stream} into {@code into} and holds the planes to the reference decoder's hash. */
    private static void assertDecodesTo(String md5, JpegXsDecoder dec, byte[] stream, Frame into) throws Exception {
        dec.decode(stream, 0, stream.length, into);
        assertEquals(md5, into.md5Hex());
    }

    @Test
    void probeReadsTheMainHeader() throws Exception {
        CodestreamInfo info = JpegXsDecoder.probe(S20, 0, S20.length);
        assertEquals(640, info.width());
        assertEquals(360, info.height());
        assertEquals(3, info.components());
        assertEquals(ChromaSampling.S422, info.sampling());
        assertEquals(10, info.bitDepth());
        assertEquals(5, info.nlx());
        assertEquals(2, info.nly());
        assertEquals(4, info.sliceHeightPrecincts());
        assertEquals(16, info.sliceHeightLines());
        assertEquals(23, info.sliceCount());
        assertEquals(0, info.quantizer());
        assertEquals(172800, info.codestreamBytes());
        assertEquals(List.of("SOC", "CAP", "PIH", "CDT", "WGT"), info.markers());
        assertEquals(30, info.gains().length);
        assertEquals(PixelFormat.YUV422P10, info.pixelFormat());
        assertArrayEquals(new int[] {352, 360}, info.sliceRowRange(22));
    }

    @Test
    void decodesThreeFramesInARowWithOneDecoderAndReusedBuffers() throws Exception {
        try (JpegXsDecoder dec = new JpegXsDecoder(1)) {
            Frame f = TestStreams.frameFor(S20);
            for (int i = 0; i < 3; i++) {
                assertDecodesTo(TestStreams.S20_MD5, dec, S20, f);
            }
            assertDecodesTo(TestStreams.S18_MD5, dec, S18, TestStreams.frameFor(S18));
        }
    }

    @Test
    void slicesGivenOutOfOrderToWorkersDecodeTheSameFrame() throws Exception {
        for (int threads : new int[] {2, 3}) {
            try (JpegXsDecoder dec = new JpegXsDecoder(threads)) {
                for (byte[] b : List.of(S18, S20)) {
                    CodestreamInfo info = JpegXsDecoder.probe(b, 0, b.length);
                    int[] starts = sliceStarts(b);
                    Frame f = TestStreams.frameFor(b);
                    SliceDecode s = dec.begin(b, 0, info.headerBytes(), f);
                    for (int i = s.sliceCount() - 1; i >= 0; i--) {
                        s.slice(i, b, starts[i], starts[i + 1] - starts[i]);
                    }
                    s.awaitComplete();
                    assertEquals(b == S18 ? TestStreams.S18_MD5 : TestStreams.S20_MD5, f.md5Hex(), "threads " + threads);
                }
            }
        }
    }

    /**
     * Workers decode whole frames into the coefficient ring (a few slices) and slice streaming into the whole-picture
     * view; one decoder switching between the two, frame after frame, gives the reference picture every time.
     */
    @Test
    void workersSwitchBetweenTheCoefficientRingAndSliceStreaming() throws Exception {
        for (int threads : new int[] {2, 3}) {
            try (JpegXsDecoder dec = new JpegXsDecoder(threads)) {
                int[] starts = sliceStarts(S20);
                CodestreamInfo info = JpegXsDecoder.probe(S20, 0, S20.length);
                Frame f = TestStreams.frameFor(S20);
                for (int round = 0; round < 2; round++) {
                    Arrays.fill(f.plane(0), (short) 0);
                    dec.decode(S20, 0, S20.length, f);
                    assertEquals(TestStreams.S20_MD5, f.md5Hex(), "decode, threads " + threads + ", round " + round);
                    Arrays.fill(f.plane(0), (short) 0);
                    SliceDecode s = dec.begin(S20, 0, info.headerBytes(), f);
                    for (int i = s.sliceCount() - 1; i >= 0; i--) {
                        s.slice(i, S20, starts[i], starts[i + 1] - starts[i]);
                    }
                    s.awaitComplete();
                    assertEquals(TestStreams.S20_MD5, f.md5Hex(), "slices, threads " + threads + ", round " + round);
                }
            }
        }
    }

    @Test
    void sliceStreamingWritesFinalRowsBeforeTheLastSliceArrives() throws Exception {
        Frame whole = TestStreams.frameFor(S20);
        try (JpegXsDecoder dec = new JpegXsDecoder(1)) {
            dec.decode(S20, 0, S20.length, whole);
        }
        int[] starts = sliceStarts(S20);
        Frame f = TestStreams.frameFor(S20);
        Arrays.fill(f.plane(0), (short) -1);
        try (JpegXsDecoder dec = new JpegXsDecoder(1)) {
            CodestreamInfo info = JpegXsDecoder.probe(S20, 0, S20.length);
            SliceDecode s = dec.begin(Arrays.copyOf(S20, info.headerBytes()), 0, info.headerBytes(), f);
            for (int i = 0; i < 2; i++) {
                s.slice(i, S20, starts[i], starts[i + 1] - starts[i]);
            }
            // Slice 0 (rows 0-15) is final once slice 1 is in: the 5/3 synthesis needs the next precinct rows.
            int w = f.planeWidth(0);
            short[] got = Arrays.copyOf(f.plane(0), 16 * w);
            short[] want = Arrays.copyOf(whole.plane(0), 16 * w);
            assertArrayEquals(want, got);
            assertEquals(-1, f.plane(0)[w * 359], "the last row is not written yet");
            for (int i = 2; i < s.sliceCount(); i++) {
                s.slice(i, S20, starts[i], starts[i + 1] - starts[i]);
            }
            s.awaitComplete();
            assertEquals(TestStreams.S20_MD5, f.md5Hex());
        }
    }

    @Test
    void steadyStateDecodingAllocatesNothingPerFrame() throws Exception {
        com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        try (JpegXsDecoder dec = new JpegXsDecoder(1)) {
            Frame f = TestStreams.frameFor(S20);
            // Steady state is reached when the JIT has compiled the decode path (escape analysis then removes
            // short-lived objects), after a number of calls that a busy machine reaches later: 3 warm-up frames were
            // not always enough. Rounds of 10 frames run until one allocates under 1 KiB; a real per-frame
            // allocation never does, and fails once 60 s of rounds have passed.
            long deadline = System.nanoTime() + 60_000_000_000L;
            long allocated;
            do {
                long before = mx.getCurrentThreadAllocatedBytes();
                for (int i = 0; i < 10; i++) {
                    dec.decode(S20, 0, S20.length, f);
                }
                allocated = mx.getCurrentThreadAllocatedBytes() - before;
            } while (allocated >= 1024 && System.nanoTime() - deadline < 0);
            assertTrue(allocated < 1024, "10 frames allocated " + allocated + " bytes");
        }
    }

    /**
     * Two workers and the calling thread together allocate nothing per frame in steady state: the ring hand-off
     * waits on a monitor, and the components' locks are taken without queueing where possible.
     */
    @Test
    void steadyStateDecodingWithWorkersAllocatesNothingPerFrame() throws Exception {
        com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        try (JpegXsDecoder dec = new JpegXsDecoder(2)) {
            Frame f = TestStreams.frameFor(S20);
            dec.decode(S20, 0, S20.length, f);
            long[] ids = Thread.getAllStackTraces().keySet().stream()
                    .filter(t -> t.getName().startsWith("jpegxs-slice-") || t == Thread.currentThread())
                    .mapToLong(Thread::threadId).toArray();
            assertEquals(3, ids.length, "the calling thread and two workers");
            // As in the one-thread test: rounds of 10 frames until the JIT has compiled the path, at most 60 s.
            long deadline = System.nanoTime() + 60_000_000_000L;
            long allocated;
            do {
                allocated = 0;
                for (long id : ids) {
                    allocated -= mx.getThreadAllocatedBytes(id);
                }
                for (int i = 0; i < 10; i++) {
                    dec.decode(S20, 0, S20.length, f);
                }
                for (long id : ids) {
                    allocated += mx.getThreadAllocatedBytes(id);
                }
            } while (allocated >= 1024 && System.nanoTime() - deadline < 0);
            assertTrue(allocated < 1024, "10 frames allocated " + allocated + " bytes");
            assertEquals(TestStreams.S20_MD5, f.md5Hex());
        }
    }

    @Test
    void rejectsAnOutputFrameOfAnotherFormat() throws Exception {
        try (JpegXsDecoder dec = new JpegXsDecoder(1)) {
            Frame wrong = Frame.allocate(PixelFormat.YUV444P10, 640, 360);
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> dec.decode(S20, 0, S20.length, wrong));
            assertTrue(e.getMessage().contains("yuv422p10le"), e.getMessage());
        }
    }

    @Test
    void everyTruncationIsAFormatErrorNamingTheMarker() throws Exception {
        try (JpegXsDecoder dec = new JpegXsDecoder(1)) {
            Frame f = TestStreams.frameFor(S20);
            for (int len = 0; len < S20.length; len += len < 300 ? 1 : 997) {
                int n = len;
                JpegXsFormatException e = assertThrows(JpegXsFormatException.class,
                        () -> dec.decode(S20, 0, n, f), "truncated to " + n);
                assertFalse(e.marker().isEmpty());
                assertTrue(e.byteOffset() >= 0 && e.byteOffset() <= n, e.getMessage());
            }
        }
    }

    @Test
    void truncationInsideASliceNamesThePrecinctAndOffset() throws Exception {
        byte[] b = S20.clone();
        // Lcod 0 (variable bit rate): the end comes from the data, which stops half way.
        Arrays.fill(b, PIH + 4, PIH + 8, (byte) 0);
        try (JpegXsDecoder dec = new JpegXsDecoder(1)) {
            JpegXsFormatException e = assertThrows(JpegXsFormatException.class,
                    () -> dec.decode(b, 0, b.length / 2, TestStreams.frameFor(b)));
            assertEquals("precinct", e.marker());
            assertTrue(e.byteOffset() > 100 && e.byteOffset() <= b.length / 2, e.getMessage());
        }
    }

    @Test
    void variableBitRateStreamsEndAtTheirEocMarker() throws Exception {
        byte[] b = Arrays.copyOf(S20, S20.length + 100);
        Arrays.fill(b, PIH + 4, PIH + 8, (byte) 0);
        assertEquals(S20.length, JpegXsDecoder.codestreamLength(b, 0, b.length));
        try (JpegXsDecoder dec = new JpegXsDecoder(1)) {
            Frame f = TestStreams.frameFor(b);
            dec.decode(b, 0, S20.length, f);
            assertEquals(TestStreams.S20_MD5, f.md5Hex());
        }
    }

    @Test
    void rejectsMarkersOutOfOrder() {
        byte[] b = S20.clone();
        b[3] = 0x12; // CAP replaced by PIH right after SOC
        JpegXsFormatException e = assertThrows(JpegXsFormatException.class, () -> JpegXsDecoder.probe(b, 0, b.length));
        assertEquals("CAP", e.marker());
        assertEquals(2, e.byteOffset());
    }

    @Test
    void rejectsASegmentLengthPastTheEnd() {
        int cdt = indexOf(S20, 0xFF, 0x13);
        byte[] b = Arrays.copyOf(S20, cdt + 20);
        b[cdt + 2] = (byte) 0x7F;
        JpegXsFormatException e = assertThrows(JpegXsFormatException.class, () -> JpegXsDecoder.probe(b, 0, b.length));
        assertEquals("CDT", e.marker());
        assertTrue(e.reason().contains("past the end"), e.getMessage());
    }

    @Test
    void rejectsAbsurdSizesBeforeAllocating() throws Exception {
        byte[] b = S20.clone();
        int pih = PIH;
        // Wf = Hf = 65535
        b[pih + 12] = (byte) 0xFF;
        b[pih + 13] = (byte) 0xFF;
        b[pih + 14] = (byte) 0xFF;
        b[pih + 15] = (byte) 0xFF;
        CodestreamInfo info = JpegXsDecoder.probe(b, 0, b.length);
        assertEquals(65535, info.width());
        try (JpegXsDecoder dec = new JpegXsDecoder(1)) {
            Frame small = TestStreams.frameFor(S20);
            JpegXsFormatException e = assertThrows(JpegXsFormatException.class,
                    () -> dec.decode(b, 0, b.length, small));
            assertEquals("PIH", e.marker());
        }
        byte[] c = S20.clone();
        c[pih + 20] = 16; // Nc
        JpegXsFormatException e = assertThrows(JpegXsFormatException.class, () -> JpegXsDecoder.probe(c, 0, c.length));
        assertEquals("PIH", e.marker());
        assertTrue(e.reason().contains("Nc 16"), e.getMessage());
    }

    @Test
    void rejectsUnsupportedFeaturesByName() {
        int pih = PIH;
        byte[] b = S20.clone();
        b[pih + 25] |= (byte) 0x80; // Fslc = 1
        JpegXsFormatException e = assertThrows(JpegXsFormatException.class, () -> JpegXsDecoder.probe(b, 0, b.length));
        assertTrue(e.reason().contains("Fslc"), e.getMessage());
        byte[] c = S20.clone();
        c[pih + 25] = (byte) ((c[pih + 25] & 0xF0) | 3); // Cpih = 3 (Star-Tetrix) on three components
        e = assertThrows(JpegXsFormatException.class, () -> JpegXsDecoder.probe(c, 0, c.length));
        assertEquals("PIH", e.marker());
        assertTrue(e.reason().contains("Cpih 3"), e.getMessage());
        byte[] d = S20.clone();
        d[pih + 25] = (byte) ((d[pih + 25] & 0x8F) | 0x10); // Ppoc = 1
        e = assertThrows(JpegXsFormatException.class, () -> JpegXsDecoder.probe(d, 0, d.length));
        assertTrue(e.reason().contains("Ppoc"), e.getMessage());
    }

    @Test
    void skipsCommentsAndUnknownMarkersByLength() throws Exception {
        int cdt = indexOf(S20, 0xFF, 0x13);
        byte[] extra = {(byte) 0xFF, 0x15, 0, 7, 0, 1, 'h', 'i', '!', (byte) 0xFF, 0x30, 0, 4, 1, 2};
        byte[] b = new byte[S20.length + extra.length];
        System.arraycopy(S20, 0, b, 0, cdt);
        System.arraycopy(extra, 0, b, cdt, extra.length);
        System.arraycopy(S20, cdt, b, cdt + extra.length, S20.length - cdt);
        Arrays.fill(b, PIH + 4, PIH + 8, (byte) 0);
        CodestreamInfo info = JpegXsDecoder.probe(b, 0, b.length);
        assertEquals(List.of("SOC", "CAP", "PIH", "COM", "marker 0xFF30", "CDT", "WGT"), info.markers());
        try (JpegXsDecoder dec = new JpegXsDecoder(1)) {
            Frame f = TestStreams.frameFor(b);
            dec.decode(b, 0, b.length, f);
            assertEquals(TestStreams.S20_MD5, f.md5Hex());
        }
    }

    @Test
    void corruptPrecinctLengthIsRejectedWithItsOffset() throws Exception {
        CodestreamInfo info = JpegXsDecoder.probe(S20, 0, S20.length);
        byte[] b = S20.clone();
        int p = info.headerBytes() + 6;
        b[p] = (byte) 0x7F;
        try (JpegXsDecoder dec = new JpegXsDecoder(1)) {
            JpegXsFormatException e = assertThrows(JpegXsFormatException.class,
                    () -> dec.decode(b, 0, b.length, TestStreams.frameFor(b)));
            assertEquals("precinct", e.marker());
        }
    }

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void randomlyCorruptedStreamsDecodeOrFailWithAFormatErrorOnly() throws Exception {
        Random rnd = new Random(21122);
        for (int threads : new int[] {1, 2}) {
            try (JpegXsDecoder dec = new JpegXsDecoder(threads)) {
                Frame f = TestStreams.frameFor(S18);
                for (int i = 0; i < 150; i++) {
                    byte[] b = S18.clone();
                    int flips = 1 + rnd.nextInt(8);
                    for (int k = 0; k < flips; k++) {
                        int at = rnd.nextInt(i % 3 == 0 ? 200 : b.length);
                        b[at] ^= (byte) (1 << rnd.nextInt(8));
                    }
                    int len = i % 5 == 0 ? rnd.nextInt(b.length) : b.length;
                    try {
                        dec.decode(b, 0, len, f);
                    } catch (JpegXsFormatException | IllegalArgumentException expected) {
                        // a header change may make the frame mismatch; anything else fails the test
                    }
                }
            }
        }
    }

    static int[] sliceStarts(byte[] b) throws JpegXsFormatException {
        CodestreamInfo info = JpegXsDecoder.probe(b, 0, b.length);
        Layout layout = Layout.of(info);
        int[] starts = new int[info.sliceCount() + 1];
        SliceScanner.scan(layout, b, 0, info.headerBytes(), b.length, starts);
        return starts;
    }

    private static int indexOf(byte[] b, int x, int y) {
        for (int i = 0; i + 1 < b.length; i++) {
            if ((b[i] & 0xFF) == x && (b[i + 1] & 0xFF) == y) {
                return i;
            }
        }
        throw new IllegalStateException("marker not found");
    }
}
