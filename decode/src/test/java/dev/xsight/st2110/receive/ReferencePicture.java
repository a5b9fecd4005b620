package dev.xsight.st2110.receive;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.xsight.jpegxs.CodestreamInfo;
import dev.xsight.jpegxs.JpegXsDecoder;
import dev.xsight.media.Frame;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A conformance codestream with its reference picture: decoded once by a decoder of its own and checked against the
 * manifest's md5 (the independent reference decoder's output) before any test uses its samples.
 */
final class ReferencePicture {
    final String name;
    final byte[] codestream;
    final String md5;
    final CodestreamInfo info;
    final Frame picture;

    private ReferencePicture(String name, byte[] codestream, String md5) throws Exception {
        this.name = name;
        this.codestream = codestream;
        this.md5 = md5;
        this.info = JpegXsDecoder.probe(codestream, 0, codestream.length);
        this.picture = Frame.allocate(info.pixelFormat(), info.width(), info.height());
        try (JpegXsDecoder d = new JpegXsDecoder(1)) {
            d.decode(codestream, 0, codestream.length, picture);
        }
        assertEquals(md5, picture.md5Hex(), name + ": our decode differs from the reference decoder's");
    }

    static ReferencePicture of(String name) throws Exception {
        return new ReferencePicture(name, Conformance.read(name), Conformance.md5(name));
    }

    /**
     * {@code name} with another profile and level signalled in PIH (Ppih, Plev: ISO/IEC 21122-1 A.4.4; they
     * describe the codestream's conformance and change nothing in decoding), so a header that differs from the
     * original only there, whose picture is still the manifest's.
     */
    static ReferencePicture withProfile(String name, int ppih, int plev) throws Exception {
        byte[] b = Conformance.read(name);
        int pih = 4 + ((b[4] & 0xFF) << 8 | (b[5] & 0xFF));
        if (((b[pih] & 0xFF) << 8 | (b[pih + 1] & 0xFF)) != 0xFF12) {
            throw new IllegalStateException(name + ": no PIH after CAP");
        }
        b[pih + 8] = (byte) (ppih >> 8);
        b[pih + 9] = (byte) ppih;
        b[pih + 10] = (byte) (plev >> 8);
        b[pih + 11] = (byte) plev;
        return new ReferencePicture(name + String.format(" (Ppih 0x%04X Plev 0x%04X)", ppih, plev), b,
                Conformance.md5(name));
    }

    /** The main header, SOC up to the first SLH: what decides whether one picture's slices fit another. */
    byte[] mainHeader() {
        return Arrays.copyOf(codestream, info.headerBytes());
    }

    /** The codestream after the 60-byte ISO/IEC 21122-3 box run ({@code jpvs}, {@code colr}) RFC 9134 senders use. */
    byte[] withBoxes() {
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        o.writeBytes(box("jpvs", 28));
        o.writeBytes(box("colr", 16));
        o.writeBytes(codestream);
        return o.toByteArray();
    }

    static byte[] box(String type, int payload) {
        byte[] b = new byte[8 + payload];
        ByteBuffer.wrap(b).putInt(b.length).put(type.getBytes(StandardCharsets.US_ASCII));
        for (int i = 8; i < b.length; i++) {
            b[i] = (byte) 0xFF; // marker-like filler: nothing may read the boxes as codestream
        }
        return b;
    }
}
