package dev.xsight.hls.playlist;

import java.net.URI;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * {@code EXT-X-KEY} in force for a segment, RFC 8216 section 4.3.2.4. {@code METHOD=NONE} is represented by no key.
 *
 * @param method AES-128 or SAMPLE-AES (the latter is parsed but not played)
 * @param uri where the 16-byte key is fetched
 * @param iv the explicit 16-byte IV, or null: then the segment's media sequence number is the IV (section 5.2)
 * @param line the playlist line of the tag, for error messages about the key
 */
public record SegmentKey(Method method, URI uri, byte[] iv, int line) {

    /** Encryption methods. */
    public enum Method {
        AES_128, SAMPLE_AES
    }

    public SegmentKey {
        iv = iv == null ? null : iv.clone();
    }

    /** The explicit IV (a copy), or null. */
    @Override
    public byte[] iv() {
        return iv == null ? null : iv.clone();
    }

    /** The IV for the segment with media sequence {@code sequence}: the explicit one, else the sequence as 128 bits. */
    public byte[] ivFor(long sequence) {
        if (iv != null) {
            return iv.clone();
        }
        byte[] b = new byte[16];
        for (int i = 0; i < 8; i++) {
            b[15 - i] = (byte) (sequence >>> (8 * i));
        }
        return b;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SegmentKey k && k.method == method && k.uri.equals(uri) && Arrays.equals(k.iv, iv);
    }

    @Override
    public int hashCode() {
        return (method.hashCode() * 31 + uri.hashCode()) * 31 + Arrays.hashCode(iv);
    }

    @Override
    public String toString() {
        return "SegmentKey[" + method + ", " + uri + (iv == null ? "" : ", iv=0x" + HexFormat.of().formatHex(iv)) + "]";
    }
}
