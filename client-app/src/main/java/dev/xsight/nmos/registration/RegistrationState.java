package dev.xsight.nmos.registration;

/** Where a {@link Registrar} is, for the CLI and the shell to show. */
public enum RegistrationState {
    /** Not started yet. */
    IDLE,
    /** Looking for a Registration API (DNS-SD), or taking the next one of the list. */
    DISCOVERING,
    /** Sending the node's resources (or the first heartbeat) to a registry. */
    REGISTERING,
    /** Registered and heartbeating. */
    REGISTERED,
    /** No registry was found: the node advertises itself by mDNS (where mDNS is allowed) and looks again later. */
    PEER_TO_PEER,
    /** Every known registry failed; waiting (exponential back-off) before looking again. */
    BACKING_OFF,
    /** Stopped (unregistered if it could). */
    STOPPED
}
