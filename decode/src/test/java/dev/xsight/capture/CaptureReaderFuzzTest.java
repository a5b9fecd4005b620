package dev.xsight.capture;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.ByteArrayInputStream;
import java.io.IOException;

/**
 * Any bytes given to the capture reader either read as records or fail with a {@link CaptureFormatException} whose
 * offset lies inside the input; nothing else is thrown, every datagram it hands out lies inside its buffer, and the
 * reader never reads past the end nor loops without consuming input. Seeds run in every build; {@code JAZZER_FUZZ=1}
 * (or {@code ./monitor fuzz --target pcap}) fuzzes.
 */
class CaptureReaderFuzzTest {
    @FuzzTest(maxDuration = "20s")
    void anyBytesReadAsDatagramsOrFailWithAnOffset(byte[] b) throws IOException {
        try (CaptureReader r = new CaptureReader(new ByteArrayInputStream(b), b.length)) {
            UdpDatagram d = new UdpDatagram();
            long last = r.position();
            while (r.next(d)) {
                if (d.offset() < 0 || d.length() < 0 || d.offset() + d.length() > d.data().length) {
                    throw new IllegalStateException("datagram outside its buffer: " + d.offset() + "+" + d.length());
                }
                if (r.position() <= last || r.position() > b.length) {
                    throw new IllegalStateException("reader at " + r.position() + " after " + last + " of " + b.length);
                }
                last = r.position();
            }
        } catch (CaptureFormatException e) {
            if (e.offset() < 0 || e.offset() > b.length) {
                throw new IllegalStateException("error offset " + e.offset() + " outside " + b.length + " bytes", e);
            }
        }
    }
}
