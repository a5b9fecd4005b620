package dev.xsight.st2110.sdp;

import com.code_intelligence.jazzer.junit.FuzzTest;

/** Any text given to the SDP parser either parses (and writes back to a parseable description) or is an SdpException. */
class SdpParserFuzzTest {
    @FuzzTest(maxDuration = "20s")
    void anyTextParsesOrFailsWithSdpException(String text) {
        SessionDescription d;
        try {
            d = SdpParser.parse(text);
        } catch (SdpException expected) {
            if (expected.line() < 0) {
                throw new IllegalStateException("negative line number");
            }
            return;
        }
        try {
            SdpParser.parse(SdpWriter.write(d));
        } catch (SdpException e) {
            throw new IllegalStateException("written SDP does not parse back: " + e.getMessage(), e);
        }
    }
}
