package dev.xsight.nmos.discovery;

import java.util.Objects;

/**
 * One question (RFC 1035 4.1.2). {@code dnsClass} as sent: in mDNS its top bit asks for a unicast answer
 * (RFC 6762 5.4).
 */
public record DnsQuestion(DnsName name, int type, int dnsClass) {
    public DnsQuestion {
        Objects.requireNonNull(name, "name");
    }

    /** Whether a record answers this question (name, type or ANY, class ignoring the top bit). */
    public boolean matches(DnsRecord r) {
        return r.name().equals(name) && (type == DnsRecord.ANY || r.type() == type)
                && ((dnsClass & 0x7FFF) == 255 || (r.dnsClass() & 0x7FFF) == (dnsClass & 0x7FFF));
    }

    /** The unicast-response bit of an mDNS question. */
    public boolean unicastResponse() {
        return (dnsClass & 0x8000) != 0;
    }
}
