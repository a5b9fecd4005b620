package dev.xsight.hls.fetch;

import dev.xsight.hls.playlist.MediaSegment;
import dev.xsight.hls.playlist.Variant;

/**
 * One fetched (and decrypted) segment handed from the loader to the decoder. Chunks of one run form a continuous
 * elementary timeline (no discontinuity, same rendition and init section) that one demuxer reads end to end; a new
 * run means a new demuxer.
 *
 * @param run run number; -1 marks the end of the stream
 * @param segment the segment (null for the end marker)
 * @param variant the rendition it belongs to (null when a media playlist was opened directly)
 * @param init the init section to put before {@code data} when this chunk starts a run, else null
 * @param data the segment's media bytes
 * @param error why the stream ended, or null (end marker only)
 * @param live whether the playlist was live (no EXT-X-ENDLIST) when the segment was loaded
 */
public record Chunk(long run, MediaSegment segment, Variant variant, byte[] init, byte[] data, Exception error,
        boolean live) {
    static Chunk end(Exception error) {
        return new Chunk(-1, null, null, null, null, error, false);
    }

    public boolean isEnd() {
        return run < 0;
    }
}
