package dev.xsight.qc.transport;

/**
 * The running totals a source reports about its transport, filled in place by a {@link TransportProbe} (no
 * allocation per read). Every total only grows while the source runs.
 *
 * <p>Threading: owned by the thread that reads the probe (the QC worker).
 */
public final class TransportCounts {
    /** Most ST 2022-7 legs tracked. */
    public static final int MAX_LEGS = 8;

    /** Packets declared lost after merging the legs. */
    public long packetsLost;
    /** Frames not shown (undecodable, lost, a listener that fell behind inside the source). */
    public long framesDropped;
    /** Frames shown with concealed parts. */
    public long framesConcealed;
    /** HLS: segments or playlist refreshes that failed, and renditions that failed. */
    public long segmentsFailed;
    /** HLS: stalls (the picture stopped for more than a second and the clock re-anchored). */
    public long stalls;
    /** Legs of the stream (0 or 1 without redundancy). */
    public int legs;
    /** Per leg: whether it is down (or failed). */
    public final boolean[] legDown = new boolean[MAX_LEGS];
    /** Per leg: packets lost in its own sequence. */
    public final long[] legLost = new long[MAX_LEGS];

    /** Clears everything (a probe that reads nothing leaves all zero). */
    public void clear() {
        packetsLost = 0;
        framesDropped = 0;
        framesConcealed = 0;
        segmentsFailed = 0;
        stalls = 0;
        legs = 0;
        java.util.Arrays.fill(legDown, false);
        java.util.Arrays.fill(legLost, 0);
    }
}
