package dev.xsight.nmos.discovery;

import java.net.InetAddress;
import java.net.URI;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A discovered NMOS API (IS-04 "Discovery: Registered Operation"): where it is and what its TXT record says.
 *
 * @param pri      TXT {@code pri}: 0 to 99 are live registries (0 first); 100 and above are for development
 * @param versions TXT {@code api_ver}, for example {@code [v1.2, v1.3]}
 */
public record NmosService(DnsName instance, String proto, InetAddress address, int port, int pri,
        List<String> versions, boolean auth) {
    /** IS-04: priorities from 100 up are reserved for development and are not used unless asked for. */
    public static final int DEVELOPMENT_PRIORITY = 100;

    public NmosService {
        versions = List.copyOf(versions);
    }

    /** The base URL, {@code http://address:port}, to which the client adds {@code /x-nmos/...}. */
    public URI baseUri() {
        String host = address.getHostAddress();
        if (host.contains(":")) {
            host = "[" + host + "]";
        }
        return URI.create(proto + "://" + host + ":" + port);
    }

    /**
     * Reads an instance's TXT pairs; empty when a required key ({@code api_proto}, {@code api_ver},
     * {@code api_auth}, {@code pri}) is missing or not of its form.
     */
    public static Optional<NmosService> from(ServiceInstance s) {
        Map<String, String> txt = s.txt();
        String proto = txt.get("api_proto");
        String ver = txt.get("api_ver");
        String auth = txt.get("api_auth");
        String pri = txt.get("pri");
        if (proto == null || ver == null || auth == null || pri == null || s.addresses().isEmpty()
                || !(proto.equals("http") || proto.equals("https"))
                || !(auth.equals("true") || auth.equals("false"))) {
            return Optional.empty();
        }
        int priority;
        try {
            priority = Integer.parseInt(pri.trim());
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
        if (priority < 0) {
            return Optional.empty();
        }
        List<String> versions = Arrays.stream(ver.split(",")).map(String::trim).filter(v -> !v.isEmpty()).toList();
        return Optional.of(new NmosService(s.name(), proto, s.addresses().get(0), s.port(), priority, versions,
                Boolean.parseBoolean(auth)));
    }
}
