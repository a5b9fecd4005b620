/**
 * Session descriptions for ST 2110-22 / RFC 9134 (RFC 8866, ST 2110-10 and -22 attributes, ST 2022-7 DUP groups):
 * {@link dev.xsight.st2110.sdp.SdpParser} reads text into a {@link dev.xsight.st2110.sdp.SessionDescription} or
 * fails with an {@link dev.xsight.st2110.sdp.SdpException} naming the line; {@link dev.xsight.st2110.sdp.SdpWriter}
 * writes one back.
 */
package dev.xsight.st2110.sdp;
