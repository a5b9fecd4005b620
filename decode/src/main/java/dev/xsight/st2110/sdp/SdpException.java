package dev.xsight.st2110.sdp;

/**
 * An SDP description that breaks a rule of RFC 8866, RFC 9134 or SMPTE ST 2110-22. Carries the 1-based line number
 * (0 when the problem is the description as a whole) and the rule broken.
 */
public final class SdpException extends Exception {
    private final int line;
    private final String rule;

    public SdpException(int line, String rule) {
        super((line > 0 ? "SDP line " + line + ": " : "SDP: ") + rule);
        this.line = line;
        this.rule = rule;
    }

    /** 1-based line number of the offending line, or 0 for a rule about the whole description. */
    public int line() {
        return line;
    }

    /** The rule broken, e.g. {@code a=fmtp packetmode must be 0 or 1 (RFC 9134 section 7.1)}. */
    public String rule() {
        return rule;
    }
}
