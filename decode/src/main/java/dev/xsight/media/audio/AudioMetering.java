package dev.xsight.media.audio;

/**
 * A source whose audio can be metered: the shell shows per-channel peak/RMS meters for any source that has this.
 * Threading: {@link #audioLevels} may be called from any thread (it reads the latest published levels).
 */
public interface AudioMetering {
    /** Latest per-channel levels; {@link AudioLevels#NONE} (no channels) when no audio has been decoded yet. */
    AudioLevels audioLevels();
}
