package dev.xsight.jpegxs;

import dev.xsight.jpegxs.encode.JpegXsEncoder;
import dev.xsight.jpegxs.encode.EncoderSettings;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.xsight.media.Frame;
import dev.xsight.media.PixelFormat;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Our codestreams in an independent decoder: SVT-JPEG-XS's {@code SvtJpegxsDecApp}, when the system property
 * {@code xsight.svt.decoder} (or the environment variable {@code XSIGHT_SVT_DECODER}) names it or it is on PATH;
 * skipped otherwise, the one optional application of the suite (the skip summary of {@code ./monitor test} says so).
 * Its output must equal ours sample for sample, and stay above 30 dB against the source: the content is colour
 * bars plus uniform noise of 1/16 of the code range (standard deviation about 1/55 of it), so even dropping the noise
 * entirely keeps about 35 dB; 30 dB proves the picture itself survives, the sample comparison proves the rest.
 *
 * <p>SVT sizes subsampled chroma by rounding down, so it cannot decode odd widths in 4:2:2/4:2:0 or odd heights in
 * 4:2:0 (it crashes); those sizes are checked with our decoder only (see {@link JpegXsEncoderTest}).
 */
class SvtCrossCheckTest {
    @TempDir
    Path dir;

    /** SvtJpegxsDecApp: named by the property or environment variable (which must then exist), else on PATH. */
    static String svtDecoder() {
        String app = System.getProperty("xsight.svt.decoder", System.getenv("XSIGHT_SVT_DECODER"));
        if (app != null && !app.isBlank()) {
            assertTrue(Files.isExecutable(Path.of(app)), "the SVT decoder named by xsight.svt.decoder / "
                    + "XSIGHT_SVT_DECODER is not an executable file: " + app);
            return app;
        }
        for (String d : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
            if (!d.isEmpty() && Files.isExecutable(Path.of(d, "SvtJpegxsDecApp"))) {
                return Path.of(d, "SvtJpegxsDecApp").toString();
            }
        }
        return null;
    }

    @ParameterizedTest(name = "{0} {1}x{2} {3} bpp NL,x={4} NL,y={5} slice {6}")
    @CsvSource({"yuv422p10le, 640, 360, 2, 5, 2, 16, 30", "yuv422p10le, 640, 360, 6, 5, 2, 16, 30",
        "yuv444p12le, 640, 360, 4, 5, 2, 16, 30", "yuv444p10le, 321, 181, 3, 5, 1, 2, 30",
        "yuv420p10le, 640, 360, 2, 5, 2, 8, 30", "yuv420p, 480, 270, 3, 3, 1, 270, 30",
        "yuv444p, 601, 337, 4, 2, 0, 1, 30", "yuv422p10le, 1002, 563, 0.75, 4, 2, 4, 30",
        "yuv422p10le, 640, 360, 12, 5, 2, 16, 30", "yuv444p, 10924, 64, 2, 5, 2, 16, 30"})
    void svtDecodesOurCodestreamsToTheSameSamplesAsOurDecoder(String fmt, int w, int h, double bpp, int nlx,
            int nly, int slice, double floorDb) throws Exception {
        String app = svtDecoder();
        assumeTrue(app != null, "optional SVT-JPEG-XS decoder SvtJpegxsDecApp is not on PATH (or set "
                + "-Dxsight.svt.decoder=FILE): the cross-check with an independent decoder did not run");
        PixelFormat f = PixelFormat.parseFfmpegName(fmt);
        Frame src = TestPictures.bars(f, w, h);
        Frame noisy = TestPictures.noise(f, w, h, 11);
        // Bars with a little noise: hard edges plus texture, so every coding mode gets used.
        for (int p = 0; p < 3; p++) {
            short[] s = src.plane(p);
            short[] n = noisy.plane(p);
            for (int i = 0; i < s.length; i++) {
                s[i] = (short) Math.min(f.maxCode(), (s[i] & 0xFFFF) + ((n[i] & 0xFFFF) >> 4));
            }
        }
        EncoderSettings s = EncoderSettings.of(bpp).withLevels(nlx, nly).withSliceHeight(slice);
        JpegXsEncoder enc = new JpegXsEncoder(s, f, w, h);
        byte[] cs = new byte[enc.maxCodestreamBytes()];
        int n = enc.encode(src, cs, 0);
        Path jxs = dir.resolve("t.jxs");
        Path yuv = dir.resolve("t.yuv");
        Files.write(jxs, java.util.Arrays.copyOf(cs, n));
        Process proc = new ProcessBuilder(app, "-i", jxs.toString(), "-o", yuv.toString())
                .redirectErrorStream(true).start();
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        try (InputStream in = proc.getInputStream()) {
            in.transferTo(log);
        }
        assertTrue(proc.waitFor(60, TimeUnit.SECONDS), "SVT decoder did not finish");
        assertEquals(0, proc.exitValue(), "SVT decoder failed: " + log);
        Frame svt = Frame.allocate(f, w, h);
        try (InputStream in = Files.newInputStream(yuv)) {
            svt.readRaw(in);
        } catch (IOException e) {
            throw new AssertionError("SVT output unreadable: " + log, e);
        }
        Frame ours = TestPictures.decode(cs, n, f, w, h);
        for (int p = 0; p < 3; p++) {
            assertArrayEquals(ours.plane(p), svt.plane(p), "component " + p + " differs between decoders");
            double db = TestPictures.psnr(src, svt, p);
            assertTrue(db >= floorDb, "component " + p + ": " + db + " dB");
        }
    }
}
