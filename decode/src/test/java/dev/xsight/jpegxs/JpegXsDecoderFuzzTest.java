package dev.xsight.jpegxs;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.xsight.media.Frame;

/**
 * Fuzzes the decoder with arbitrary bytes, seeded with conformance codestreams (the inputs directory next to this
 * class). In a normal test run Jazzer only replays the seeds (regression mode); run with {@code JAZZER_FUZZ=1} to
 * fuzz ({@code ./monitor fuzz --target codestream}). The property: any input is decoded or rejected with {@link JpegXsFormatException} (or, for a header whose
 * picture differs from the seed's frame, an {@link IllegalArgumentException} about the frame), never another
 * exception, a hang or an out-of-memory error.
 */
class JpegXsDecoderFuzzTest {
    private static final JpegXsDecoder DECODER = new JpegXsDecoder(1);

    @FuzzTest(maxDuration = "30s")
    void decodesOrRejectsWithAFormatError(byte[] data) {
        CodestreamInfo info;
        try {
            info = JpegXsDecoder.probe(data, 0, data.length);
        } catch (JpegXsFormatException e) {
            return;
        }
        Frame frame;
        try {
            if ((long) info.width() * info.height() > 4_000_000L) {
                return;
            }
            frame = Frame.allocate(info.pixelFormat(), info.width(), info.height());
        } catch (JpegXsFormatException e) {
            return;
        }
        try {
            DECODER.decode(data, 0, data.length, frame);
        } catch (JpegXsFormatException e) {
            // rejected with marker and offset: fine
        }
    }
}
