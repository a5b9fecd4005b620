package dev.xsight.shell.nmos;

import dev.xsight.nmos.registration.RegistrationSettings;
import java.net.InetAddress;
import java.net.URI;
import java.util.Objects;

/**
 * The NMOS node of the shell as a typed setting.
 *
 * @param enabled whether the node runs while the shell is open
 * @param host the address the Node and Connection APIs listen on (loopback unless told otherwise)
 * @param port their TCP port, 0 for any free one
 * @param label names the Node and the Device
 * @param registration how the registry is found ({@code --registry} or DNS-SD) and the registration's timing
 * @param query the Query API's base URL for the registry browser ({@code http://host:port}), or null: found by
 *     DNS-SD ({@code _nmos-query._tcp}), else the registry's own base URL
 * @param browserAtStart whether the registry browser opens with the shell
 */
public record NmosOptions(boolean enabled, InetAddress host, int port, String label,
        RegistrationSettings registration, URI query, boolean browserAtStart) {
    /** No node: the port is not served, nothing is registered, the browser is not offered. */
    public static final NmosOptions OFF = new NmosOptions(false, InetAddress.getLoopbackAddress(), 0, "Xsight",
            RegistrationSettings.defaults(), null, false);

    public NmosOptions {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(label, "label");
        Objects.requireNonNull(registration, "registration");
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("NMOS port " + port + " is not 0..65535");
        }
    }

    /** A node on loopback, any free port, labelled {@code label}, registering as {@code registration} says. */
    public static NmosOptions on(String label, RegistrationSettings registration) {
        return new NmosOptions(true, InetAddress.getLoopbackAddress(), 0, label, registration, null, false);
    }

    public NmosOptions withAddress(InetAddress h, int p) {
        return new NmosOptions(enabled, h, p, label, registration, query, browserAtStart);
    }

    public NmosOptions withQuery(URI q) {
        return new NmosOptions(enabled, host, port, label, registration, q, browserAtStart);
    }

    public NmosOptions withBrowserAtStart(boolean open) {
        return new NmosOptions(enabled, host, port, label, registration, query, open);
    }
}
