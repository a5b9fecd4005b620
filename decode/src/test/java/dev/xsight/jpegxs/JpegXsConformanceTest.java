package dev.xsight.jpegxs;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.xsight.media.Frame;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every codestream of the shared conformance folder (made by an independent encoder, SVT-JPEG-XS) decodes to
 * exactly the reference decoder's output: the md5 of the raw planar picture equals {@code decoded.md5} of the
 * folder's manifest. The folder is the repository's own copy (testdata/conformance/jpegxs): absent is a failure.
 */
class JpegXsConformanceTest {
    private static final Path DIR = TestPictures.conformanceJpegXs();

    static Stream<String> codestreams() throws IOException {
        if (!Files.isDirectory(DIR)) {
            throw new AssertionError("the repository's conformance folder " + DIR + " is missing");
        }
        try (Stream<Path> s = Files.list(DIR)) {
            return s.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".jxs")).sorted().toList().stream();
        }
    }

    private static JsonNode entry(String name) throws IOException {
        JsonNode manifest = new ObjectMapper().readTree(DIR.resolve("manifest.json").toFile());
        for (JsonNode f : manifest.get("files")) {
            if (f.get("name").asText().equals(name)) {
                return f;
            }
        }
        throw new AssertionError(name + " is not in the manifest");
    }

    /** Decodes {@code name} {@code frames} times with one decoder of {@code threads}; each picture has the md5. */
    private void assertDecodesBitExact(String name, int threads, int frames) throws Exception {
        assertDecodesBitExact(name, threads, frames, JpegXsDecoder.SIMD_BY_DEFAULT);
    }

    private void assertDecodesBitExact(String name, int threads, int frames, boolean simd) throws Exception {
        String md5 = entry(name).get("decoded").get("md5").asText();
        byte[] b = Files.readAllBytes(DIR.resolve(name));
        try (JpegXsDecoder dec = new JpegXsDecoder(threads, simd)) {
            Frame f = TestStreams.frameFor(b);
            for (int frame = 0; frame < frames; frame++) {
                dec.decode(b, 0, b.length, f);
                assertEquals(md5, f.md5Hex(), name + " frame " + frame);
            }
        }
    }

    /**
     * One thread, two frames in a row: the second reuses the coefficient ring of the first (slots of a few slices
     * that the synthesis has consumed).
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("codestreams")
    void decodesBitExactLikeTheReferenceDecoder(String name) throws Exception {
        assertDecodesBitExact(name, 1, 2);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("codestreams")
    void slicesDecodedByTwoWorkersGiveTheSamePicture(String name) throws Exception {
        assertDecodesBitExact(name, 2, 1);
    }

    /**
     * The scalar loops (the reference the Vector API kernels must match), forced whatever the JVM offers, with one
     * thread and with two workers: the other tests run the kernels the test JVM picks (the Vector API, see
     * {@link #theTestJvmRunsTheVectorKernels}).
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("codestreams")
    void scalarLoopsDecodeBitExactWithOneAndTwoThreads(String name) throws Exception {
        assertDecodesBitExact(name, 1, 2, false);
        assertDecodesBitExact(name, 2, 1, false);
    }

    /**
     * The build starts test JVMs with {@code --add-modules jdk.incubator.vector}, so the bit-exact tests above cover
     * the Vector API kernels; without the flag they would silently test the scalar loops twice.
     */
    @Test
    void theTestJvmRunsTheVectorKernels() {
        assertEquals(true, JpegXsDecoder.SIMD_BY_DEFAULT,
                "jdk.incubator.vector is not in the test JVM (surefire argLine) or xsight.jpegxs.simd is false");
    }

    /** Three workers, two frames in a row with one decoder: the second frame reuses the workers' coefficient ring. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("codestreams")
    void threeWorkersDecodeTwoFramesInARowBitExact(String name) throws Exception {
        assertDecodesBitExact(name, 3, 2);
    }

    /**
     * Four threads, two frames: whole pictures decode in four lanes (a run of slices per thread, with a slice of
     * context each side); two and three threads, above, decode in two and three lanes. Streams with fewer slices
     * than threads take one lane per slice, and a picture of one slice the slice workers.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("codestreams")
    void fourLanesDecodeTwoFramesInARowBitExact(String name) throws Exception {
        assertDecodesBitExact(name, 4, 2);
    }

    /**
     * Slice streaming (ST 2110-22 slice mode, concealment giving lost slices last) with 1, 2 and 3 threads, the
     * slices given in order, in reverse and shuffled, two frames each: every picture is the reference decoder's. The
     * decoder takes slices in any order but decodes them in picture order (a slice ahead of an earlier one waits for
     * it), so the coefficient ring of a few slices serves streaming too.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("codestreams")
    void slicesStreamedInAnyOrderDecodeBitExact(String name) throws Exception {
        String md5 = entry(name).get("decoded").get("md5").asText();
        byte[] b = Files.readAllBytes(DIR.resolve(name));
        CodestreamInfo info = JpegXsDecoder.probe(b, 0, b.length);
        int n = info.sliceCount();
        int[] starts = new int[n + 1];
        SliceScanner.scan(Layout.of(info), b, 0, info.headerBytes(), b.length, starts);
        java.util.Random rnd = new java.util.Random(name.hashCode());
        for (int threads = 1; threads <= 3; threads++) {
            try (JpegXsDecoder dec = new JpegXsDecoder(threads)) {
                Frame f = TestStreams.frameFor(b);
                for (int order = 0; order < 3; order++) {
                    int[] seq = new int[n];
                    for (int i = 0; i < n; i++) {
                        seq[i] = order == 1 ? n - 1 - i : i;
                    }
                    for (int i = n - 1; order == 2 && i > 0; i--) {
                        int j = rnd.nextInt(i + 1);
                        int t = seq[i];
                        seq[i] = seq[j];
                        seq[j] = t;
                    }
                    for (int frame = 0; frame < 2; frame++) {
                        SliceDecode sd = dec.begin(b, 0, starts[0], f);
                        for (int i : seq) {
                            sd.slice(i, b, starts[i], starts[i + 1] - starts[i]);
                        }
                        sd.awaitComplete();
                        String where = name + " threads " + threads + " order " + order + " frame " + frame;
                        assertEquals(true, sd.complete(), where);
                        assertEquals(md5, f.md5Hex(), where);
                    }
                }
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("codestreams")
    void headerFieldsMatchTheManifest(String name) throws Exception {
        JsonNode h = entry(name).get("header");
        byte[] b = Files.readAllBytes(DIR.resolve(name));
        CodestreamInfo info = JpegXsDecoder.probe(b, 0, b.length);
        JsonNode pih = h.get("PIH");
        assertEquals(pih.get("Lcod").asLong(), info.codestreamBytes());
        assertEquals(pih.get("Ppih").asInt(), info.profile());
        assertEquals(pih.get("Plev").asInt(), info.level() << 8 | info.sublevel());
        assertEquals(pih.get("Wf").asInt(), info.width());
        assertEquals(pih.get("Hf").asInt(), info.height());
        assertEquals(pih.get("Cw").asInt(), info.precinctWidth());
        assertEquals(pih.get("Hsl").asInt(), info.sliceHeightPrecincts());
        assertEquals(pih.get("Nc").asInt(), info.components());
        assertEquals(pih.get("Bw").asInt(), info.bw());
        assertEquals(pih.get("Fq").asInt(), info.fq());
        assertEquals(pih.get("Br").asInt(), info.br());
        assertEquals(pih.get("Fslc").asInt(), info.fslc());
        assertEquals(pih.get("Ppoc").asInt(), info.ppoc());
        assertEquals(pih.get("Cpih").asInt(), info.cpih());
        assertEquals(pih.get("Nlx").asInt(), info.nlx());
        assertEquals(pih.get("Nly").asInt(), info.nly());
        assertEquals(pih.get("Lh").asInt() == 1, info.longHeaders());
        assertEquals(pih.get("Rl").asInt() == 1, info.rawModeAllowed());
        assertEquals(pih.get("Qpih").asInt(), info.quantizer());
        assertEquals(pih.get("Fs").asInt() == 1, info.separateSigns());
        assertEquals(pih.get("Rm").asInt() == 1, info.runMode());
        JsonNode cdt = h.get("CDT");
        for (int c = 0; c < info.components(); c++) {
            assertEquals(cdt.get(c).get("B").asInt(), info.bitDepths()[c]);
            assertEquals(cdt.get(c).get("sx").asInt(), info.sx()[c]);
            assertEquals(cdt.get(c).get("sy").asInt(), info.sy()[c]);
        }
        JsonNode gp = h.get("WGT").get("gain_priority");
        assertEquals(gp.size(), info.gains().length);
        for (int i = 0; i < gp.size(); i++) {
            assertEquals(gp.get(i).get(0).asInt(), info.gains()[i]);
            assertEquals(gp.get(i).get(1).asInt(), info.priorities()[i]);
        }
        assertEquals(h.get("slices").asInt(), info.sliceCount());
        assertEquals(h.get("main_header_bytes").asInt(), info.headerBytes());
    }

    @Test
    void decodesThreeConcatenatedFramesInOrder() throws Exception {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        List<String> want = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            String name = "s01_1080p422p10_bpp2_f" + i + ".jxs";
            all.write(Files.readAllBytes(DIR.resolve(name)));
            want.add(entry(name).get("decoded").get("md5").asText());
        }
        byte[] b = all.toByteArray();
        List<String> got = new ArrayList<>();
        try (JpegXsDecoder dec = new JpegXsDecoder(1)) {
            Frame f = TestStreams.frameFor(b);
            int pos = 0;
            while (pos < b.length) {
                int len = JpegXsDecoder.codestreamLength(b, pos, b.length - pos);
                dec.decode(b, pos, len, f);
                got.add(f.md5Hex());
                pos += len;
            }
        }
        assertEquals(want, got);
    }
}
