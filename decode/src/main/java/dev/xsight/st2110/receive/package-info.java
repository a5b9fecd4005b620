/**
 * The ST 2110-22 receive side: sockets ({@link dev.xsight.st2110.receive.St2110Receiver}) or a capture file
 * ({@link dev.xsight.st2110.receive.CaptureReplay}) feed one {@link dev.xsight.st2110.receive.ReceivePath}
 * (intake, reorder, depacketizer, picture buffers) on the stream's event loop;
 * {@link dev.xsight.st2110.receive.DecodePipeline} decodes, conceals, weaves and delivers the frames of
 * {@link dev.xsight.st2110.receive.St2110Source}; {@link dev.xsight.st2110.receive.StreamCounters} count it all.
 */
package dev.xsight.st2110.receive;
