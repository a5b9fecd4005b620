/**
 * Audio metering for any source: {@link dev.xsight.media.audio.AudioLevels} (peak and RMS per channel), the
 * {@link dev.xsight.media.audio.AudioMetering} a source implements to offer them, and the sliding
 * {@link dev.xsight.media.audio.LevelWindow} that computes them.
 */
package dev.xsight.media.audio;
