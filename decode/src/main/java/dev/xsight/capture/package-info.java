/**
 * Packet captures: a reader for classic pcap and pcapng files that hands out the IPv4 UDP datagrams they hold
 * (Ethernet with 802.1Q / 802.1ad tags, Linux cooked SLL and SLL2, raw IPv4), with their capture times, so a
 * recorded ST 2110 stream can be replayed through the live receive path. Everything else in a capture is skipped and
 * counted; a broken capture is a {@link dev.xsight.capture.CaptureFormatException} naming the byte offset.
 *
 * <p>Threading: a reader is confined to the thread that reads it.
 */
package dev.xsight.capture;
