package dev.xsight.st2110.receive;

/** Health of one leg of a received stream (one of the two ST 2022-7 legs, or the only one). */
public enum LegState {
    /** Nothing received on any leg yet. */
    WAITING,
    /** Packets arriving. */
    UP,
    /**
     * Silent for longer than the receiver's picture time-out (at least 500 ms) while the stream was running: never
     * received while the other leg was, or stopped.
     */
    DOWN,
    /** The leg's socket failed (closed by an error); the receiver goes on with the other leg. */
    FAILED;

    /** Lower-case name, as in the statistics JSON and the health line. */
    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
