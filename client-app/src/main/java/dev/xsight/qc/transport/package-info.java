/**
 * Transport QC: what the feed lost on its way in (packets, frames concealed or dropped, an ST 2022-7 leg down, HLS
 * segment failures and stalls, from the source's own counters through a {@link dev.xsight.qc.transport.TransportProbe})
 * and timecode continuity ({@link dev.xsight.qc.transport.TimecodeCheck}). Both are {@code qc.video.VideoCheck}s so
 * the QC worker runs them at frame times beside the picture checks.
 */
package dev.xsight.qc.transport;
