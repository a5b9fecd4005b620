package dev.xsight.nmos.registration;

import java.net.URI;
import java.util.Objects;

/**
 * A {@link Registrar}'s state with the registry in use (null when none) and the last failure (null when none since
 * the last successful registration).
 */
public record RegistrationStatus(RegistrationState state, URI registry, RegistrationException lastError) {
    public RegistrationStatus {
        Objects.requireNonNull(state, "state");
    }

    /** One line for a status bar or a log: {@code REGISTERED with http://10.0.0.5:8235}. */
    public String describe() {
        StringBuilder b = new StringBuilder(state.name());
        if (registry != null) {
            b.append(" with ").append(registry);
        }
        if (lastError != null) {
            b.append(" (last error: ").append(lastError.getMessage()).append(')');
        }
        return b.toString();
    }
}
