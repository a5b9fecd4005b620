package dev.xsight.jpegxs;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.xsight.media.Frame;
import dev.xsight.media.PixelFormat;
import java.nio.file.Files;
import org.junit.jupiter.api.Test;

/** The start-up warm-up runs for the stream formats we receive and leaves every decoder exact. */
class DecoderWarmupTest {
    @Test
    void warmsUpFor422TenBitAnd444TwelveBitWithOneToThreeThreads() {
        for (PixelFormat f : new PixelFormat[] {PixelFormat.YUV422P10, PixelFormat.YUV444P12}) {
            for (int threads = 1; threads <= 3; threads++) {
                // A budget no machine reaches in 5 rounds: the round count, not the clock, ends it.
                assertEquals(5, DecoderWarmup.run(f, threads, 60_000_000_000L, 5), f.describe() + " " + threads);
            }
        }
    }

    @Test
    void aDecoderAfterTheWarmupDecodesConformanceStreamsToTheReference() throws Exception {
        DecoderWarmup.run(PixelFormat.YUV422P10, 2, 60_000_000_000L, 20);
        for (String name : new String[] {"s01_1080p422p10_bpp2_f0.jxs", "s14_1080p444p12_bpp4.jxs"}) {
            byte[] cs = Files.readAllBytes(ConformanceSet.dir().resolve(name));
            try (JpegXsDecoder d = new JpegXsDecoder(2)) {
                CodestreamInfo info = JpegXsDecoder.probe(cs, 0, cs.length);
                Frame out = Frame.allocate(info.pixelFormat(), info.width(), info.height());
                d.decode(cs, 0, cs.length, out);
                assertEquals(ConformanceSet.md5(name), out.md5Hex(), name);
            }
        }
    }
}
