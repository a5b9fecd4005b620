package dev.xsight.hls.playlist;

import java.net.URI;

/**
 * {@code EXT-X-MAP}: the media initialization section (e.g. the fMP4 {@code ftyp}+{@code moov}), RFC 8216 4.3.2.5.
 *
 * @param uri where it is
 * @param range the sub-range, or null for the whole resource
 * @param key the key that encrypts it (the one in force at the tag), or null when clear
 */
public record InitSection(URI uri, ByteRange range, SegmentKey key) {
}
