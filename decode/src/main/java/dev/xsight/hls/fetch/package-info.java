/**
 * Getting HLS media over the wire: {@link dev.xsight.hls.fetch.HlsFetcher} (playlists, keys, byte ranges, init
 * sections, AES-128 segments), {@link dev.xsight.hls.fetch.SegmentLoader} (live refresh, start segment, rendition
 * switching by {@link dev.xsight.hls.fetch.ThroughputMeter}) and the {@link dev.xsight.hls.fetch.Chunk}s it hands to
 * a decoder as one {@link dev.xsight.hls.fetch.RunInputStream}.
 */
package dev.xsight.hls.fetch;
