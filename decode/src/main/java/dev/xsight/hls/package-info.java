/**
 * The HLS (RFC 8216) player as a source: {@link dev.xsight.hls.HlsSource} (FFmpeg decode, pacing, delivery), its
 * {@link dev.xsight.hls.HlsOptions}, {@link dev.xsight.hls.HlsStats} and provider. The rooms are {@code playlist}
 * (model and parser), {@code fetch} (fetch rules and segment loading), {@code audio} (audio renditions and playback)
 * and {@code demo} (the built-in loopback feed).
 */
package dev.xsight.hls;
