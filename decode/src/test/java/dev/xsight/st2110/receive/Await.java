package dev.xsight.st2110.receive;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * Waits on events, not on wall time: a condition over counters the code under test keeps, with one generous limit
 * that only a hang reaches. Test infrastructure.
 */
final class Await {
    /** Longest wait for anything: fails only when something hangs, never because the machine is busy. */
    static final long HANG_SECONDS = 60;

    private Await() {
    }

    /** Returns once {@code condition} holds; fails with {@code what} after {@link #HANG_SECONDS}. */
    static void until(BooleanSupplier condition, Supplier<String> what) {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(HANG_SECONDS);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - end > 0) {
                throw new AssertionError("hang: no " + what.get() + " within " + HANG_SECONDS + " s");
            }
            LockSupport.parkNanos(200_000); // re-check the counters; not a delay anything depends on
        }
    }

    /** Datagrams the receiver has taken so far: accepted on a leg, or counted as bad. */
    static long datagramsTaken(StreamCounters c) {
        long n = c.truncated + c.badVersion + c.badPayloadType + c.oversizedDatagrams + c.foreignSsrc
                + c.poolExhausted;
        for (StreamCounters.Leg l : c.legs) {
            n += l.packets;
        }
        return n;
    }

    /**
     * A receiver clock that moves only when the test says so: arrival times, reorder and merge waits, picture
     * time-outs and leg health then follow the traffic the test sends, not how fast a busy machine runs it.
     */
    static final class ManualClock implements LongSupplier {
        private final AtomicLong nanos = new AtomicLong(1_000_000_000L);

        @Override
        public long getAsLong() {
            return nanos.get();
        }

        void advanceMillis(double ms) {
            nanos.addAndGet(Math.round(ms * 1e6));
        }
    }
}
