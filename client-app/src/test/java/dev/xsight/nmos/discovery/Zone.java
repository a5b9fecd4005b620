package dev.xsight.nmos.discovery;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** DNS-SD records of an NMOS API for test zones: PTR, SRV, TXT and A as a registry would advertise them. */
public final class Zone {
    private Zone() {
    }

    public static List<DnsRecord> service(String serviceType, String instance, String host, int port, String txt) {
        DnsName type = DnsName.of(serviceType);
        DnsName name = type.prepend(instance);
        DnsName target = DnsName.of(host);
        Map<String, String> pairs = new LinkedHashMap<>();
        for (String kv : txt.split(" ")) {
            int eq = kv.indexOf('=');
            pairs.put(kv.substring(0, eq), kv.substring(eq + 1));
        }
        return List.of(
                new DnsRecord(type, DnsRecord.PTR, DnsRecord.IN, 60, new DnsRecord.Ptr(name)),
                new DnsRecord(name, DnsRecord.SRV, DnsRecord.IN, 60, new DnsRecord.Srv(0, 0, port, target)),
                new DnsRecord(name, DnsRecord.TXT, DnsRecord.IN, 60, DnsRecord.Txt.of(pairs)),
                new DnsRecord(target, DnsRecord.A, DnsRecord.IN, 60, new DnsRecord.Address(loopback())));
    }

    public static Inet4Address loopback() {
        return (Inet4Address) InetAddress.getLoopbackAddress();
    }
}
