/**
 * HLS audio: which rendition of an AUDIO group plays ({@link dev.xsight.hls.audio.AudioRenditionSelector}), the
 * separate rendition's player ({@link dev.xsight.hls.audio.AudioRenditionPlayer}) placed beside the pictures through
 * the {@link dev.xsight.hls.audio.PictureTimeline}, and Java Sound output ({@link dev.xsight.hls.audio.AudioOutput}).
 */
package dev.xsight.hls.audio;
