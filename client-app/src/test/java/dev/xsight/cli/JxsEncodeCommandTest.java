package dev.xsight.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.xsight.jpegxs.CodestreamInfo;
import dev.xsight.jpegxs.JpegXsDecoder;
import dev.xsight.media.Frame;
import dev.xsight.media.PixelFormat;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class JxsEncodeCommandTest {
    @TempDir
    Path dir;

    @Test
    void encodesEveryFrameOfARawFileIntoConcatenatedCodestreams() throws Exception {
        PixelFormat f = PixelFormat.YUV422P10;
        Path in = dir.resolve("in.yuv");
        Frame[] frames = new Frame[3];
        try (OutputStream out = Files.newOutputStream(in)) {
            for (int i = 0; i < 3; i++) {
                frames[i] = Frame.allocate(f, 320, 180);
                for (int p = 0; p < 3; p++) {
                    short[] s = frames[i].plane(p);
                    int w = frames[i].planeWidth(p);
                    for (int j = 0; j < s.length; j++) {
                        s[j] = (short) ((j % w) * 2 + 100 * i + 50 * p);
                    }
                }
                frames[i].writeRaw(out);
            }
        }
        Path jxs = dir.resolve("out.jxs");
        int rc = run("jxs", "encode", in.toString(), "--width", "320", "--height", "180", "--format", "yuv422p10le",
                "--bpp", "3", "--slice-height", "8", "-o", jxs.toString());
        assertEquals(0, rc);
        byte[] b = Files.readAllBytes(jxs);
        int perFrame = 320 * 180 * 3 / 8;
        assertEquals(3 * perFrame, b.length);
        try (JpegXsDecoder d = new JpegXsDecoder(1)) {
            for (int i = 0; i < 3; i++) {
                int off = i * perFrame;
                assertEquals(perFrame, JpegXsDecoder.codestreamLength(b, off, b.length - off));
                CodestreamInfo info = JpegXsDecoder.probe(b, off, perFrame);
                assertEquals(23, info.sliceCount());
                Frame out = Frame.allocate(f, 320, 180);
                d.decode(b, off, perFrame, out);
                // Frame i's luma level differs by 100 codes from its neighbours: the decoded order is kept.
                assertEquals(mean(frames[i].plane(0)), mean(out.plane(0)), 2.0);
            }
        }
    }

    @Test
    void threadsAndFrameLimitKeepTheOutputOfTheFirstFrames() throws Exception {
        Path in = dir.resolve("two.yuv");
        Frame f = Frame.allocate(PixelFormat.YUV420P8, 176, 144);
        short[] y = f.plane(0);
        for (int i = 0; i < y.length; i++) {
            y[i] = (short) ((i * 7) & 0xFF);
        }
        try (OutputStream out = Files.newOutputStream(in)) {
            f.writeRaw(out);
            f.writeRaw(out);
        }
        Path one = dir.resolve("one.jxs");
        Path three = dir.resolve("three.jxs");
        assertEquals(0, run("jxs", "encode", in.toString(), "--width", "176", "--height", "144", "--format", "yuv420p",
                "--bpp", "4", "--frames", "1", "-o", one.toString()));
        assertEquals(0, run("jxs", "encode", in.toString(), "--width", "176", "--height", "144", "--format", "yuv420p",
                "--bpp", "4", "--threads", "3", "-o", three.toString()));
        byte[] a = Files.readAllBytes(one);
        byte[] b = Files.readAllBytes(three);
        assertEquals(176 * 144 * 4 / 8, a.length);
        assertEquals(2 * a.length, b.length);
        org.junit.jupiter.api.Assertions.assertArrayEquals(a, java.util.Arrays.copyOf(b, a.length));
    }

    @Test
    void rejectsAnInputThatIsNotWholeFrames() throws Exception {
        Path in = dir.resolve("short.yuv");
        Files.write(in, new byte[1000]);
        StringWriter err = new StringWriter();
        int rc = run(err, "jxs", "encode", in.toString(), "--width", "64", "--height", "64", "--format", "yuv420p",
                "--bpp", "2", "-o", dir.resolve("o.jxs").toString());
        assertEquals(2, rc);
        assertTrue(err.toString().contains("not a whole number of 64x64 yuv420p frames"), err.toString());
    }

    @Test
    void rejectsAnUnsupportedFormatAndImpossibleSettingsWithOneLine() throws Exception {
        Path in = dir.resolve("in.yuv");
        Files.write(in, new byte[64 * 64 * 3]);
        StringWriter err = new StringWriter();
        assertEquals(2, run(err, "jxs", "encode", in.toString(), "--width", "64", "--height", "64", "--format",
                "gbrp10le", "--bpp", "2", "-o", dir.resolve("o.jxs").toString()));
        assertTrue(err.toString().contains("unsupported --format 'gbrp10le'"), err.toString());
        StringWriter err2 = new StringWriter();
        assertEquals(2, run(err2, "jxs", "encode", in.toString(), "--width", "64", "--height", "32", "--format",
                "yuv444p", "--bpp", "3", "--slice-height", "6", "-o", dir.resolve("o.jxs").toString()));
        assertTrue(err2.toString().contains("multiple of the precinct height"), err2.toString());
    }

    private static int run(String... args) {
        return run(new StringWriter(), args);
    }

    private static int run(StringWriter err, String... args) {
        CommandLine cl = XsightCommand.commandLine();
        cl.setErr(new PrintWriter(err, true));
        return cl.execute(args);
    }

    private static double mean(short[] s) {
        double sum = 0;
        for (short v : s) {
            sum += v & 0xFFFF;
        }
        return sum / s.length;
    }
}
