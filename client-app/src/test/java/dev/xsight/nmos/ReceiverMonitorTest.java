package dev.xsight.nmos;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.xsight.nmos.connection.ReceiverMonitor;
import dev.xsight.nmos.connection.ReceiverMonitor.Health;
import dev.xsight.nmos.connection.ReceiverMonitor.LinkStatus;
import dev.xsight.st2110.receive.LegState;
import dev.xsight.st2110.receive.StreamStatistics;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * BCP-008-01 receiver status from the receive statistics, with the specification's reporting delay rules; the
 * clock is the test's (seconds as nanoseconds), so nothing here depends on timing.
 */
class ReceiverMonitorTest {
    static final long S = 1_000_000_000L;
    static final List<Boolean> UP = List.of(true);

    /** Cumulative counters after {@code t} seconds of a stream with the given totals. */
    static StreamStatistics stats(long packets, long lost, long complete, long dropped, long concealed,
            LegState... legs) {
        List<StreamStatistics.LegStatistics> l = new java.util.ArrayList<>();
        for (LegState state : legs.length == 0 ? new LegState[] {LegState.UP} : legs) {
            l.add(new StreamStatistics.LegStatistics(packets, packets * 1300, 0, 0, 0.1, 0, state));
        }
        return new StreamStatistics(packets, packets * 1300, 1e8, lost, 0, 0, 0, 0, 0, 0, 0, 0, complete, dropped,
                concealed, complete, 0, 0.1, 1, 1, 2, l);
    }

    @Test
    void inactiveUntilActivatedThenHealthyWhilePicturesArrive() {
        ReceiverMonitor m = new ReceiverMonitor(Duration.ofSeconds(3));
        assertEquals(Health.INACTIVE, m.update(0, null, UP).overall());
        m.activated(0);
        assertEquals(Health.HEALTHY, m.update(1 * S, stats(1000, 0, 25, 0, 0), UP).overall());
        ReceiverMonitor.Report r = m.update(2 * S, stats(2000, 0, 50, 0, 0), UP);
        assertEquals(Health.HEALTHY, r.overall());
        assertEquals("NotUsed", r.synchronization());
        assertNull(r.message());
        m.deactivated();
        assertEquals(Health.INACTIVE, m.update(3 * S, null, UP).overall());
    }

    @Test
    void nothingWorseIsReportedWhileTheReceiverSettlesAfterActivation() {
        ReceiverMonitor m = new ReceiverMonitor(Duration.ofSeconds(3));
        m.activated(0);
        m.update(1 * S, stats(0, 0, 0, 0, 0), UP);
        // No packets at all, but within the 3 s after the activation: still Healthy.
        assertEquals(Health.HEALTHY, m.update(2 * S, stats(0, 0, 0, 0, 0), UP).overall());
        ReceiverMonitor.Report r = m.update(4 * S, stats(0, 0, 0, 0, 0), UP);
        assertEquals(Health.UNHEALTHY, r.overall());
        assertEquals(Health.UNHEALTHY, r.connection());
        assertTrue(r.message().contains("no packets"), r.message());
    }

    @Test
    void worseIsReportedAtOnceBetterOnlyAfterItHeldForTheDelay() {
        ReceiverMonitor m = new ReceiverMonitor(Duration.ofSeconds(3));
        m.activated(0);
        m.update(4 * S, stats(4000, 0, 100, 0, 0), UP);
        // Slices concealed in one second: Partially healthy stream, at once.
        ReceiverMonitor.Report r = m.update(5 * S, stats(5000, 0, 120, 0, 5), UP);
        assertEquals(Health.PARTIALLY_HEALTHY, r.stream());
        assertEquals(Health.PARTIALLY_HEALTHY, r.overall());
        // Packets lost: Unhealthy connection, at once.
        assertEquals(Health.UNHEALTHY, m.update(6 * S, stats(6000, 12, 140, 1, 5), UP).overall());
        // Clean again: better only after 3 s of clean seconds.
        assertEquals(Health.UNHEALTHY, m.update(7 * S, stats(7000, 12, 165, 1, 5), UP).overall());
        assertEquals(Health.UNHEALTHY, m.update(8 * S, stats(8000, 12, 190, 1, 5), UP).overall());
        assertEquals(Health.UNHEALTHY, m.update(9 * S, stats(9000, 12, 215, 1, 5), UP).overall());
        assertEquals(Health.HEALTHY, m.update(10 * S, stats(10000, 12, 240, 1, 5), UP).overall());
    }

    @Test
    void aLegDownWithTheOtherCarryingTheStreamIsPartiallyHealthy() {
        ReceiverMonitor m = new ReceiverMonitor(Duration.ofSeconds(3));
        m.activated(0);
        m.update(4 * S, stats(4000, 0, 100, 0, 0, LegState.UP, LegState.UP), UP);
        ReceiverMonitor.Report r = m.update(5 * S, stats(5000, 0, 125, 0, 0, LegState.UP, LegState.DOWN), UP);
        assertEquals(Health.PARTIALLY_HEALTHY, r.connection());
        assertEquals(Health.HEALTHY, r.stream());
        assertEquals(Health.PARTIALLY_HEALTHY, r.overall());
        assertTrue(r.message().contains("leg B down"), r.message());
    }

    @Test
    void linkStatusFollowsTheInterfaces() {
        ReceiverMonitor m = new ReceiverMonitor(Duration.ofSeconds(3));
        m.activated(0);
        m.update(4 * S, stats(4000, 0, 100, 0, 0), List.of(true, true));
        ReceiverMonitor.Report r = m.update(5 * S, stats(5000, 0, 125, 0, 0), List.of(true, false));
        assertEquals(LinkStatus.SOME_DOWN, r.link());
        assertEquals(Health.PARTIALLY_HEALTHY, r.overall());
        r = m.update(6 * S, stats(5000, 0, 125, 0, 0), List.of(false, false));
        assertEquals(LinkStatus.ALL_DOWN, r.link());
        assertEquals(Health.UNHEALTHY, r.overall());
    }
}
