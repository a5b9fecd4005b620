package dev.xsight.st2110.receive;

/** Why a picture was not decoded (the previous good picture stays on screen). */
public enum DropReason {
    /** Codestream mode: a packet of the picture was lost (RFC 9134 gives no way to decode a partial codestream). */
    PACKET_LOST,
    /** Slice mode: the header segment was lost or unreadable, so no slice can be decoded. */
    HEADER_LOST,
    /** Payload header counters contradict each other (F changes within a picture, P out of order, L without M). */
    INCONSISTENT,
    /** The picture is larger than {@code b=AS} (or the raw picture size) allows. */
    OVERSIZE,
    /** Whole pictures missing, seen from the F counter. */
    MISSING,
    /** Every picture buffer was still being decoded. */
    DECODER_BUSY,
    /** The decoder rejected the codestream. */
    DECODE_ERROR,
    /** The picture was still incomplete when its successor (or the timeout) came. */
    INCOMPLETE
}
