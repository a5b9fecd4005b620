package dev.xsight.nmos.discovery;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A resolved DNS-SD service instance (RFC 6763 4 and 5): its name, the host and port of its SRV record, its TXT
 * pairs and the host's IPv4 addresses.
 */
public record ServiceInstance(DnsName name, DnsName host, int port, Map<String, String> txt,
        List<InetAddress> addresses) {
    public ServiceInstance {
        txt = Map.copyOf(txt);
        addresses = List.copyOf(addresses);
    }

    /** The instance names the PTR records give for {@code serviceType}, in the order found, without repeats. */
    public static Set<DnsName> instanceNames(DnsName serviceType, Collection<DnsRecord> records) {
        Set<DnsName> out = new LinkedHashSet<>();
        for (DnsRecord r : records) {
            if (r.data() instanceof DnsRecord.Ptr(DnsName target) && r.name().equals(serviceType) && r.ttl() > 0) {
                out.add(target);
            }
        }
        return out;
    }

    /**
     * The instances of {@code serviceType} that {@code records} fully describe (PTR, SRV, TXT and at least one A
     * record); incomplete ones are left out. Records with TTL 0 (mDNS goodbyes) count as absent.
     */
    public static List<ServiceInstance> resolve(DnsName serviceType, Collection<DnsRecord> records) {
        List<ServiceInstance> out = new ArrayList<>();
        for (DnsName instance : instanceNames(serviceType, records)) {
            DnsRecord.Srv srv = find(records, instance, DnsRecord.Srv.class);
            DnsRecord.Txt txt = find(records, instance, DnsRecord.Txt.class);
            if (srv == null || txt == null) {
                continue;
            }
            List<InetAddress> addresses = addresses(srv.target(), records);
            if (!addresses.isEmpty()) {
                out.add(new ServiceInstance(instance, srv.target(), srv.port(), txt.pairs(), addresses));
            }
        }
        return out;
    }

    static List<InetAddress> addresses(DnsName host, Collection<DnsRecord> records) {
        List<InetAddress> out = new ArrayList<>();
        for (DnsRecord r : records) {
            if (r.data() instanceof DnsRecord.Address(var a) && r.name().equals(host) && r.ttl() > 0
                    && !out.contains(a)) {
                out.add(a);
            }
        }
        return out;
    }

    static <T extends DnsRecord.Data> T find(Collection<DnsRecord> records, DnsName name, Class<T> type) {
        for (DnsRecord r : records) {
            if (type.isInstance(r.data()) && r.name().equals(name) && r.ttl() > 0) {
                return type.cast(r.data());
            }
        }
        return null;
    }
}
