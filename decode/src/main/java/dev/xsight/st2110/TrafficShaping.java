package dev.xsight.st2110;

/** SMPTE ST 2110-21 sender types as signalled by the {@code TP} fmtp parameter (ST 2110-22 section 7.3). */
public enum TrafficShaping {
    /** Narrow gapped: packets paced evenly over the active period, gap in the vertical blanking. */
    NARROW_GAPPED("2110TPN"),
    /** Narrow linear: packets paced evenly over the whole frame time. */
    NARROW_LINEAR("2110TPNL"),
    /** Wide: bursts allowed (software senders). */
    WIDE("2110TPW");

    private final String sdpName;

    TrafficShaping(String sdpName) {
        this.sdpName = sdpName;
    }

    public String sdpName() {
        return sdpName;
    }

    /** Returns the sender type for an SDP value, or {@code null} when unknown. */
    public static TrafficShaping ofSdp(String v) {
        for (TrafficShaping t : values()) {
            if (t.sdpName.equals(v)) {
                return t;
            }
        }
        return null;
    }
}
