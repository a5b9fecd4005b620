package dev.xsight.hls.playlist;

/** {@code EXT-X-PLAYLIST-TYPE}, RFC 8216 section 4.3.3.5; {@link #NONE} when the tag is absent (sliding window). */
public enum PlaylistType {
    NONE, EVENT, VOD
}
