/**
 * RTP (RFC 3550) transport pieces independent of the payload: a typed, allocation-free packet view, RFC 3550
 * Appendix A.1 sequence validation with extended sequence numbers, pooled packet slots, and the reorder window that
 * also merges SMPTE ST 2022-7 legs.
 *
 * <p>Threading: every class here is confined to the event loop that receives the stream, unless it says otherwise.
 */
package dev.xsight.rtp;
