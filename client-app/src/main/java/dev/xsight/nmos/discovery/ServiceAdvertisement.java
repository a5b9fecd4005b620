package dev.xsight.nmos.discovery;

import java.net.Inet4Address;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What an {@link MdnsResponder} advertises: one service instance (RFC 6763 4.1) with its SRV target host, port,
 * IPv4 address and TXT pairs. Immutable; a TXT change is a new value ({@link #withTxt}).
 *
 * @param serviceType for example {@code _nmos-node._tcp.local}
 * @param instance    the instance label, for example {@code xsight monitor}
 * @param host        the SRV target, for example {@code xsight-1a2b.local}
 */
public record ServiceAdvertisement(DnsName serviceType, String instance, DnsName host, int port,
        Inet4Address address, Map<String, String> txt) {
    /** RFC 6762 10: 120 s for records naming a host, 75 minutes for the rest. */
    static final long HOST_TTL = 120;
    static final long OTHER_TTL = 4500;
    /** RFC 6763 9: the name that enumerates service types. */
    static final DnsName SERVICES = DnsName.of("_services._dns-sd._udp.local");

    public ServiceAdvertisement {
        Objects.requireNonNull(serviceType, "serviceType");
        Objects.requireNonNull(instance, "instance");
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(address, "address");
        txt = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(txt));
    }

    public DnsName instanceName() {
        return serviceType.prepend(instance);
    }

    public ServiceAdvertisement withTxt(Map<String, String> newTxt) {
        return new ServiceAdvertisement(serviceType, instance, host, port, address, newTxt);
    }

    /**
     * The records this advertisement answers with: the PTR for the type and for service enumeration, and the
     * unique SRV, TXT and A records (cache-flush bit set, RFC 6762 10.2). {@code ttlScale} 0 makes goodbyes.
     */
    List<DnsRecord> records(boolean cacheFlush, int ttlScale) {
        int unique = DnsRecord.IN | (cacheFlush ? 0x8000 : 0);
        List<DnsRecord> out = new ArrayList<>(5);
        out.add(new DnsRecord(serviceType, DnsRecord.PTR, DnsRecord.IN, OTHER_TTL * ttlScale,
                new DnsRecord.Ptr(instanceName())));
        out.add(new DnsRecord(instanceName(), DnsRecord.SRV, unique, HOST_TTL * ttlScale,
                new DnsRecord.Srv(0, 0, port, host)));
        out.add(new DnsRecord(instanceName(), DnsRecord.TXT, unique, OTHER_TTL * ttlScale, DnsRecord.Txt.of(txt)));
        out.add(new DnsRecord(host, DnsRecord.A, unique, HOST_TTL * ttlScale, new DnsRecord.Address(address)));
        out.add(new DnsRecord(SERVICES, DnsRecord.PTR, DnsRecord.IN, OTHER_TTL * ttlScale,
                new DnsRecord.Ptr(serviceType)));
        return out;
    }
}
