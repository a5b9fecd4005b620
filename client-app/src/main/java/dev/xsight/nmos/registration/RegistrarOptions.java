package dev.xsight.nmos.registration;

import java.time.Duration;
import java.util.Objects;

/**
 * Timing of a {@link Registrar}.
 *
 * @param heartbeat      interval between heartbeats (IS-04 default 5 s)
 * @param requestTimeout timeout of every request, heartbeats included; IS-04 advises the heartbeat interval, so that
 *                       fail-over happens within the registry's garbage collection interval (the default)
 * @param backoffMin     first wait after every registry failed (or none was found); doubles up to backoffMax
 * @param backoffMax     longest such wait
 */
public record RegistrarOptions(Duration heartbeat, Duration requestTimeout, Duration backoffMin,
        Duration backoffMax) {
    public RegistrarOptions {
        Objects.requireNonNull(heartbeat, "heartbeat");
        Objects.requireNonNull(requestTimeout, "requestTimeout");
        Objects.requireNonNull(backoffMin, "backoffMin");
        Objects.requireNonNull(backoffMax, "backoffMax");
        if (heartbeat.isNegative() || heartbeat.isZero() || backoffMin.isNegative() || backoffMax.compareTo(
                backoffMin) < 0) {
            throw new IllegalArgumentException("bad registrar timing " + heartbeat + " " + backoffMin + ".."
                    + backoffMax);
        }
    }

    /** IS-04 defaults: 5 s heartbeat; 5 s requests; back-off from 1 s to 60 s. */
    public static RegistrarOptions defaults() {
        return new RegistrarOptions(Duration.ofSeconds(5), Duration.ofSeconds(5), Duration.ofSeconds(1),
                Duration.ofSeconds(60));
    }
}
