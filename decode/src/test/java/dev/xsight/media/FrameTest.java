package dev.xsight.media;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import org.junit.jupiter.api.Test;

class FrameTest {

    @Test
    void planeSizesFollowSamplingAndRoundUpForOddSizes() {
        Frame f = Frame.allocate(PixelFormat.YUV420P10, 1001, 563);
        assertEquals(1001, f.planeWidth(0));
        assertEquals(501, f.planeWidth(1));
        assertEquals(282, f.planeHeight(2));
        assertEquals((1001L * 563 + 2L * 501 * 282) * 2, PixelFormat.YUV420P10.rawFrameBytes(1001, 563));
    }

    @Test
    void rawLayoutRoundTripsLittleEndian() throws IOException {
        Frame f = Frame.allocate(PixelFormat.YUV422P10, 4, 2);
        for (int p = 0; p < 3; p++) {
            for (int i = 0; i < f.plane(p).length; i++) {
                f.plane(p)[i] = (short) (p * 300 + i * 37);
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        f.writeRaw(out);
        byte[] raw = out.toByteArray();
        assertEquals(PixelFormat.YUV422P10.rawFrameBytes(4, 2), raw.length);
        assertEquals(37, raw[2]); // second luma sample, low byte first
        Frame g = Frame.allocate(PixelFormat.YUV422P10, 4, 2);
        g.readRaw(new ByteArrayInputStream(raw));
        for (int p = 0; p < 3; p++) {
            assertArrayEquals(f.plane(p), g.plane(p));
        }
        assertEquals(f.md5Hex(), g.md5Hex());
    }

    @Test
    void rawReadRejectsShortInputAndOverRangeSamples() {
        Frame f = Frame.allocate(PixelFormat.YUV422P10, 4, 2);
        assertThrows(EOFException.class, () -> f.readRaw(new ByteArrayInputStream(new byte[10])));
        byte[] raw = new byte[(int) PixelFormat.YUV422P10.rawFrameBytes(4, 2)];
        raw[1] = 0x04; // 1024 > 1023
        IOException e = assertThrows(IOException.class, () -> f.readRaw(new ByteArrayInputStream(raw)));
        assertEquals("sample 1024 exceeds 10-bit range at plane 0 row 0 column 0", e.getMessage());
    }

    @Test
    void poolReusesReleasedFrames() {
        FramePool pool = new FramePool(PixelFormat.YUV422P10, 64, 32, 2);
        Frame a = pool.acquire();
        a.retain();
        a.release();
        a.release();
        Frame b = pool.acquire();
        assertSame(a, b);
        assertEquals(1, pool.allocatedFrames());
        assertThrows(IllegalStateException.class, () -> {
            b.release();
            b.release();
        });
    }

    @Test
    void absurdSizesAreRefusedBeforeAllocation() {
        assertThrows(IllegalArgumentException.class, () -> Frame.allocate(PixelFormat.YUV444P12, 65535, 65535));
        assertThrows(IllegalArgumentException.class, () -> Frame.allocate(PixelFormat.YUV444P12, 0, 10));
    }

    @Test
    void ffmpegNamesParseAndPrint() {
        for (String n : new String[] {"yuv422p10le", "yuv444p10le", "yuv444p12le", "yuv420p10le", "yuv420p",
            "gbrp10le", "yuva444p10le", "yuv444p"}) {
            assertEquals(n, PixelFormat.parseFfmpegName(n).ffmpegName());
        }
        assertThrows(IllegalArgumentException.class, () -> PixelFormat.parseFfmpegName("nv12"));
        assertThrows(IllegalArgumentException.class, () -> PixelFormat.parseFfmpegName("yuv422p10be"));
    }
}
