/**
 * SMPTE ST 2110-22 with JPEG XS (RFC 9134): what the sending and the receiving side share: the payload header
 * ({@link dev.xsight.st2110.JxsPayloadHeader}), the picture-segment framing ({@link dev.xsight.st2110.JxsFraming}),
 * {@link dev.xsight.st2110.PacketMode}, {@link dev.xsight.st2110.TrafficShaping} and the timecode of day carried by
 * the RTP timestamp ({@link dev.xsight.st2110.RtpTimecode}). The rooms are {@code sdp}, {@code receive} and
 * {@code send}; they depend on this package, never the other way.
 */
package dev.xsight.st2110;
