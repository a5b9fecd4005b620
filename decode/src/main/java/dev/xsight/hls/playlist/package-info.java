/**
 * HLS playlists (RFC 8216 section 4): the immutable model ({@link dev.xsight.hls.playlist.MediaPlaylist},
 * {@link dev.xsight.hls.playlist.MultivariantPlaylist}), the pure parser
 * ({@link dev.xsight.hls.playlist.PlaylistParser}: bytes in, model or
 * {@link dev.xsight.hls.playlist.PlaylistException} out) and the {@link dev.xsight.hls.playlist.UriPolicy} every URI
 * in a playlist is checked against.
 */
package dev.xsight.hls.playlist;
