package dev.xsight.nmos.discovery;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.random.RandomGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds NMOS Registration or Query APIs and orders them as IS-04 says ("Discovery: Registered Operation", client
 * interaction procedure, and "Discovery", unicast vs. multicast): unicast DNS-SD in the search domain when a server
 * and domain are configured; mDNS in {@code .local} only when unicast found nothing; those not offering our API
 * version over plain HTTP without authorization dropped, as are development priorities (100+) unless allowed;
 * then lowest {@code pri} first, in random order among equals. Blocking; call from the thread that needs the answer.
 */
public final class NmosDiscovery {
    private static final Logger LOG = LoggerFactory.getLogger(NmosDiscovery.class);

    /** The service types, without a domain. */
    public static final String REGISTER = "_nmos-register._tcp";
    public static final String QUERY = "_nmos-query._tcp";
    public static final String NODE = "_nmos-node._tcp";

    private final DiscoveryOptions options;
    private final RandomGenerator random;

    public NmosDiscovery(DiscoveryOptions options, RandomGenerator random) {
        this.options = Objects.requireNonNull(options, "options");
        this.random = Objects.requireNonNull(random, "random");
    }

    /**
     * The usable APIs of {@code serviceType} ({@link #REGISTER} or {@link #QUERY}), best first. Empty when none
     * answered; failures of one mechanism are logged and count as nothing found by it.
     */
    public List<NmosService> find(String serviceType) {
        List<ServiceInstance> found = new ArrayList<>();
        if (options.unicast()) {
            DnsName type = DnsName.of(serviceType + "." + options.searchDomain());
            try {
                found.addAll(new UnicastDnsBrowser(options.dnsServer(), options.timeout(), 2).browse(type));
            } catch (IOException | DnsFormatException e) {
                LOG.info("unicast DNS-SD for {} via {} failed: {}", type, options.dnsServer(), e.getMessage());
            }
        }
        // IS-04 Discovery: if unicast answered, do not browse by mDNS, even if that API turns out unresponsive.
        if (found.isEmpty() && options.multicast()) {
            DnsName type = DnsName.of(serviceType + ".local");
            try {
                found.addAll(new MdnsBrowser(options.mdnsGroup(), options.mdnsInterface())
                        .browse(type, options.timeout(), Integer.MAX_VALUE));
            } catch (IOException e) {
                LOG.info("mDNS browse for {} failed: {}", type, e.getMessage());
            }
        }
        return order(found.stream().map(NmosService::from).flatMap(Optional::stream).toList(), options, random);
    }

    /** Filters and orders services by the IS-04 rules (see the class comment). */
    public static List<NmosService> order(List<NmosService> services, DiscoveryOptions options,
            RandomGenerator random) {
        Map<Integer, List<NmosService>> byPriority = new TreeMap<>(Comparator.naturalOrder());
        for (NmosService s : services) {
            if (usable(s, options)) {
                byPriority.computeIfAbsent(s.pri(), k -> new ArrayList<>()).add(s);
            }
        }
        List<NmosService> out = new ArrayList<>();
        for (List<NmosService> equal : byPriority.values()) {
            Collections.shuffle(equal, random);
            out.addAll(equal);
        }
        return out;
    }

    private static boolean usable(NmosService s, DiscoveryOptions options) {
        return s.versions().contains(options.apiVersion()) && s.proto().equals("http") && !s.auth()
                && (s.pri() < NmosService.DEVELOPMENT_PRIORITY || options.allowDevelopment());
    }
}
