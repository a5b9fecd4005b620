package dev.xsight.hls.playlist;

import java.net.URI;

/** A parsed HLS playlist (RFC 8216 section 4): either a multivariant (master) or a media playlist. */
public sealed interface Playlist permits MultivariantPlaylist, MediaPlaylist {
    /** Where the playlist was loaded from (after redirects); relative URIs in it were resolved against this. */
    URI uri();
}
