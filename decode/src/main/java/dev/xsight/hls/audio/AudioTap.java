package dev.xsight.hls.audio;

/**
 * Receives every decoded audio block with its place on the picture timeline (for audio scopes, loudness logging and
 * A/V sync checks). Called on the thread that decodes the audio ({@code hls-decode} for audio muxed with the
 * pictures, {@code hls-audio-decode} for an alternative rendition); must return quickly and must not keep
 * {@code interleaved} beyond the call.
 */
@FunctionalInterface
public interface AudioTap {
    /**
     * @param interleaved 16-bit samples, channel-interleaved
     * @param frames sample frames in the block
     * @param channels channels per frame
     * @param sampleRate samples per second
     * @param picturePtsNanos the timestamp of the block's first sample in the pictures' timestamp domain (as
     *        {@code Frame.ptsNanos}), so a sample and the picture it belongs with have equal times
     */
    void onAudio(short[] interleaved, int frames, int channels, int sampleRate, long picturePtsNanos);
}
