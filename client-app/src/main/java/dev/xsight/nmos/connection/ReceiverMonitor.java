package dev.xsight.nmos.connection;

import dev.xsight.st2110.receive.LegState;
import dev.xsight.st2110.receive.StreamStatistics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The receiver's status as AMWA BCP-008-01 defines it (link, connection, synchronization and stream domains and the
 * overall status combining them), computed from the receive statistics. BCP-008-01 serves these through an IS-12
 * {@code NcReceiverMonitor}, which this node does not have yet: the values are reported on the CLI (and kept for
 * the shell), with the specification's timing rules:
 * <ul>
 * <li>on activation every domain with an Inactive option becomes Healthy at once, and for the reporting delay
 * (default 3 s) after it nothing worse is reported (a receiver settles after an activation);</li>
 * <li>after that a state worse than the one reported is reported at once, a better one only once it has held for
 * the reporting delay;</li>
 * <li>the overall status is Inactive while the receiver is, else the worst domain; "not used" is neutral.</li>
 * </ul>
 * Each {@link #update} judges what happened since the update before it (the counters' increase).
 *
 * <p>Threading: its methods are synchronized; callers pass the time, so tests need no clock.
 */
public final class ReceiverMonitor {
    /** BCP-008-01's default {@code statusReportingDelay}. */
    public static final Duration DEFAULT_REPORTING_DELAY = Duration.ofSeconds(3);

    /** The health values of the overall, connection and stream statuses ({@code NcOverallStatus} ...). */
    public enum Health {
        INACTIVE("Inactive"), HEALTHY("Healthy"), PARTIALLY_HEALTHY("PartiallyHealthy"), UNHEALTHY("Unhealthy");

        private final String label;

        Health(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }

        /** Higher is worse; Inactive is the best (it is neutral). */
        int badness() {
            return this == INACTIVE ? 0 : ordinal();
        }
    }

    /** {@code NcLinkStatus}: the interfaces the receiver listens on. */
    public enum LinkStatus {
        ALL_UP("AllUp", Health.HEALTHY), SOME_DOWN("SomeDown", Health.PARTIALLY_HEALTHY),
        ALL_DOWN("AllDown", Health.UNHEALTHY);

        private final String label;
        private final Health health;

        LinkStatus(String label, Health health) {
            this.label = label;
            this.health = health;
        }

        public String label() {
            return label;
        }
    }

    /**
     * One report.
     *
     * @param overall the combined status
     * @param link the interfaces
     * @param connection receiving packets (Partially healthy: ST 2022-7 recovered a leg's loss)
     * @param stream decoding pictures (Partially healthy: slices concealed)
     * @param message why, for a person ({@code overallStatusMessage}); null when all is well
     */
    public record Report(Health overall, LinkStatus link, Health connection, Health stream, String message) {
        /**
         * The external synchronization status: always "NotUsed", pictures are timed by the system clock (no PTP).
         */
        public String synchronization() {
            return "NotUsed";
        }

        /** One line for a log. */
        public String line() {
            return String.format(Locale.ROOT, "overall %s (link %s, connection %s, synchronization %s, stream %s)%s",
                    overall.label(), link.label(), connection.label(), synchronization(), stream.label(),
                    message == null ? "" : ": " + message);
        }
    }

    private final long delayNanos;
    private boolean active;
    private long activatedAt;
    private StreamStatistics previous;
    private Health connection = Health.INACTIVE;
    private Health stream = Health.INACTIVE;
    private LinkStatus link = LinkStatus.ALL_UP;
    /** When the measured state of each domain first became better than the reported one (or -1). */
    private long connectionBetterSince = -1;
    private long streamBetterSince = -1;
    private long linkBetterSince = -1;
    private String message;

    public ReceiverMonitor(Duration reportingDelay) {
        this.delayNanos = reportingDelay.toNanos();
    }

    /** An activation with {@code master_enable} true: Healthy at once, the settling period starts. */
    public synchronized void activated(long nanos) {
        active = true;
        activatedAt = nanos;
        previous = null;
        connection = Health.HEALTHY;
        stream = Health.HEALTHY;
        link = LinkStatus.ALL_UP;
        connectionBetterSince = streamBetterSince = linkBetterSince = -1;
        message = null;
    }

    /** An activation with {@code master_enable} false: Inactive. */
    public synchronized void deactivated() {
        active = false;
        previous = null;
        connection = Health.INACTIVE;
        stream = Health.INACTIVE;
        message = null;
    }

    /**
     * Judges the interval since the last update and returns what to report now.
     *
     * @param nanos now, on a monotonic clock ({@link System#nanoTime()})
     * @param st the statistics now (null when nothing is received)
     * @param linksUp whether each interface the receiver listens on is up
     */
    public synchronized Report update(long nanos, StreamStatistics st, List<Boolean> linksUp) {
        LinkStatus l = linksUp.stream().allMatch(b -> b) ? LinkStatus.ALL_UP
                : linksUp.stream().noneMatch(b -> b) ? LinkStatus.ALL_DOWN : LinkStatus.SOME_DOWN;
        if (!active || st == null) {
            link = l;
            return new Report(Health.INACTIVE, link, Health.INACTIVE, Health.INACTIVE, null);
        }
        List<String> why = new ArrayList<>();
        Health c = Health.HEALTHY;
        Health s = Health.HEALTHY;
        StreamStatistics p = previous;
        previous = st;
        if (p != null) {
            c = connectionHealth(p, st, why);
            s = streamHealth(p, st, why);
        }
        if (l != LinkStatus.ALL_UP) {
            why.add(l == LinkStatus.ALL_DOWN ? "every interface is down" : "an interface is down");
        }
        boolean settling = nanos - activatedAt < delayNanos;
        if (!settling) {
            long[] since = {connectionBetterSince};
            connection = follow(connection, c, nanos, since);
            connectionBetterSince = since[0];
            since[0] = streamBetterSince;
            stream = follow(stream, s, nanos, since);
            streamBetterSince = since[0];
            since[0] = linkBetterSince;
            Health lh = follow(link.health, l.health, nanos, since);
            linkBetterSince = since[0];
            link = lh == l.health ? l : link;
            message = why.isEmpty() ? null : String.join("; ", why);
        }
        Health overall = worst(worst(connection, stream), link.health);
        return new Report(overall, link, connection, stream, overall == Health.HEALTHY ? null : message);
    }

    /** Worse at once; better only after it has held for the delay. */
    private Health follow(Health reported, Health measured, long nanos, long[] betterSince) {
        if (measured.badness() >= reported.badness()) {
            betterSince[0] = -1;
            return measured;
        }
        if (betterSince[0] < 0) {
            betterSince[0] = nanos;
        }
        if (nanos - betterSince[0] >= delayNanos) {
            betterSince[0] = -1;
            return measured;
        }
        return reported;
    }

    private static Health connectionHealth(StreamStatistics p, StreamStatistics st, List<String> why) {
        long packets = st.packets() - p.packets();
        long lost = st.lost() - p.lost();
        long late = st.late() - p.late();
        if (packets <= 0) {
            why.add("no packets");
            return Health.UNHEALTHY;
        }
        if (lost > 0 || late > 0) {
            why.add(lost + " packets lost, " + late + " late");
            return Health.UNHEALTHY;
        }
        for (int i = 0; i < st.legs().size() && st.legs().size() > 1; i++) {
            StreamStatistics.LegStatistics now = st.legs().get(i);
            long legLost = i < p.legs().size() ? now.lost() - p.legs().get(i).lost() : 0;
            if (now.state() != LegState.UP || legLost > 0) {
                why.add("leg " + (char) ('A' + i) + " " + (now.state() != LegState.UP ? now.state().label()
                        : legLost + " packets lost") + ", recovered from the other leg (ST 2022-7)");
                return Health.PARTIALLY_HEALTHY;
            }
        }
        return Health.HEALTHY;
    }

    private static Health streamHealth(StreamStatistics p, StreamStatistics st, List<String> why) {
        long shown = st.framesComplete() - p.framesComplete() + st.framesConcealed() - p.framesConcealed();
        long dropped = st.framesDropped() - p.framesDropped();
        long errors = st.decodeErrors() - p.decodeErrors();
        long concealed = st.framesConcealed() - p.framesConcealed();
        if (errors > 0 || dropped > 0) {
            why.add(dropped + " pictures dropped, " + errors + " decode errors");
            return Health.UNHEALTHY;
        }
        if (shown <= 0) {
            why.add("no pictures");
            return Health.UNHEALTHY;
        }
        if (concealed > 0) {
            why.add(concealed + " pictures with concealed slices");
            return Health.PARTIALLY_HEALTHY;
        }
        return Health.HEALTHY;
    }

    private static Health worst(Health a, Health b) {
        return a.badness() >= b.badness() ? a : b;
    }
}
