package dev.xsight.jpegxs;

import dev.xsight.media.Frame;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** Small conformance codestreams kept in test resources (also the fuzz seeds), with their reference md5. */
final class TestStreams {
    /** 640x360 4:2:2 10-bit, 6 bpp, NL,x 5 NL,y 2, 23 slices (SVT-JPEG-XS). */
    static final String S20 = "s20_640x360_422p10_bpp6.jxs";
    /** md5 of the reference decoder's (SVT-JPEG-XS) raw output for {@link #S20}, from the shared manifest. */
    static final String S20_MD5 = "38efdb76ce9b0d094bebc9a980170897";
    /** 1002x563 4:2:2 10-bit, 2 bpp: odd height, partial last precinct, last slice of one precinct row. */
    static final String S18 = "s18_1002x563_422p10_bpp2.jxs";
    static final String S18_MD5 = "849ddfb63d1db8f03f8999d7fd44b6f5";

    private TestStreams() {
    }

    static byte[] load(String name) {
        try (InputStream in = TestStreams.class.getResourceAsStream("JpegXsDecoderFuzzTestInputs/" + name)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource " + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Frame frameFor(byte[] b) throws JpegXsFormatException {
        CodestreamInfo info = JpegXsDecoder.probe(b, 0, b.length);
        return Frame.allocate(info.pixelFormat(), info.width(), info.height());
    }
}
