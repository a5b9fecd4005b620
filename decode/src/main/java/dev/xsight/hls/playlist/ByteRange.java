package dev.xsight.hls.playlist;

/**
 * A sub-range of a resource ({@code EXT-X-BYTERANGE}, {@code BYTERANGE} of {@code EXT-X-MAP}), RFC 8216 4.3.2.2.
 *
 * @param offset first byte
 * @param length number of bytes
 */
public record ByteRange(long offset, long length) {
    public ByteRange {
        if (offset < 0 || length <= 0) {
            throw new IllegalArgumentException("bad byte range " + length + "@" + offset);
        }
    }
}
