package dev.xsight.nmos;

import java.time.Duration;
import java.time.Instant;

/**
 * An instant on the TAI time scale as NMOS writes it, {@code "<seconds>:<nanoseconds>"} since the PTP epoch
 * (1970-01-01 00:00:00 TAI). IS-04 versions and IS-05 activation times use it. TAI runs {@link #TAI_MINUS_UTC}
 * ahead of UTC (37 s since 2017; no leap second has been announced since).
 *
 * @param seconds whole seconds since the epoch
 * @param nanos 0 .. 999 999 999
 */
public record TaiTime(long seconds, int nanos) implements Comparable<TaiTime> {
    /** TAI - UTC, the leap seconds up to now (IERS Bulletin C). */
    public static final long TAI_MINUS_UTC = 37;

    public TaiTime {
        if (seconds < 0 || nanos < 0 || nanos > 999_999_999) {
            throw new IllegalArgumentException("not a TAI time: " + seconds + ":" + nanos);
        }
    }

    /** The TAI time of a UTC instant. */
    public static TaiTime ofUtc(Instant utc) {
        return new TaiTime(utc.getEpochSecond() + TAI_MINUS_UTC, utc.getNano());
    }

    /** Now, from the system clock. */
    public static TaiTime now() {
        return ofUtc(Instant.now());
    }

    /**
     * Parses {@code "<seconds>:<nanoseconds>"} (IS-05 {@code ^[0-9]+:[0-9]+$}, nanoseconds below 10^9).
     *
     * @throws IllegalArgumentException with a message saying what is wrong
     */
    public static TaiTime parse(String text) {
        if (text == null || !text.matches("[0-9]{1,18}:[0-9]{1,9}")) {
            throw new IllegalArgumentException("a TAI time is \"<seconds>:<nanoseconds>\", not \"" + text + "\"");
        }
        int colon = text.indexOf(':');
        return new TaiTime(Long.parseLong(text.substring(0, colon)), Integer.parseInt(text.substring(colon + 1)));
    }

    /** The same instant in UTC. */
    public Instant toUtc() {
        return Instant.ofEpochSecond(seconds - TAI_MINUS_UTC, nanos);
    }

    public TaiTime plus(Duration d) {
        return ofUtc(toUtc().plus(d));
    }

    /** One nanosecond later (a version that must follow another). */
    public TaiTime next() {
        return nanos == 999_999_999 ? new TaiTime(seconds + 1, 0) : new TaiTime(seconds, nanos + 1);
    }

    @Override
    public int compareTo(TaiTime o) {
        return seconds != o.seconds ? Long.compare(seconds, o.seconds) : Integer.compare(nanos, o.nanos);
    }

    @Override
    public String toString() {
        return seconds + ":" + nanos;
    }
}
