package dev.xsight.nmos.discovery;

import java.net.Inet4Address;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One resource record (RFC 1035 4.1.3). {@code dnsClass} is the 16-bit class field as sent: in mDNS its top bit is
 * the cache-flush bit (RFC 6762 10.2), which {@link #cacheFlush()} reads and matching ignores.
 */
public record DnsRecord(DnsName name, int type, int dnsClass, long ttl, Data data) {
    public static final int A = 1;
    public static final int PTR = 12;
    public static final int TXT = 16;
    public static final int AAAA = 28;
    public static final int SRV = 33;
    public static final int ANY = 255;
    public static final int IN = 1;

    public DnsRecord {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(data, "data");
    }

    /** The cache-flush bit of an mDNS answer. */
    public boolean cacheFlush() {
        return (dnsClass & 0x8000) != 0;
    }

    /** The record data, typed where DNS-SD needs it. */
    public sealed interface Data permits Ptr, Srv, Txt, Address, Opaque {
    }

    /** PTR: a service instance name for a service type (RFC 6763 4.1). */
    public record Ptr(DnsName target) implements Data {
    }

    /** SRV (RFC 2782): where an instance listens. */
    public record Srv(int priority, int weight, int port, DnsName target) implements Data {
    }

    /** TXT as its strings (RFC 6763 6: each a {@code key=value} pair, or a bare key). */
    public record Txt(List<byte[]> strings) implements Data {
        public Txt {
            strings = List.copyOf(strings);
        }

        /** From {@code key=value} pairs, in order. */
        public static Txt of(Map<String, String> pairs) {
            return new Txt(pairs.entrySet().stream()
                    .map(e -> (e.getKey() + "=" + e.getValue()).getBytes(StandardCharsets.UTF_8)).toList());
        }

        /**
         * The pairs by lower-case key; a repeated key keeps its first value (RFC 6763 6.4); a string without
         * {@code =} is a key with an empty value.
         */
        public Map<String, String> pairs() {
            Map<String, String> out = new LinkedHashMap<>();
            for (byte[] s : strings) {
                String text = new String(s, StandardCharsets.UTF_8);
                int eq = text.indexOf('=');
                String key = (eq < 0 ? text : text.substring(0, eq)).toLowerCase(java.util.Locale.ROOT);
                if (!key.isEmpty()) {
                    out.putIfAbsent(key, eq < 0 ? "" : text.substring(eq + 1));
                }
            }
            return out;
        }

        @Override
        public boolean equals(Object o) {
            if (!(o instanceof Txt t) || t.strings.size() != strings.size()) {
                return false;
            }
            for (int i = 0; i < strings.size(); i++) {
                if (!Arrays.equals(strings.get(i), t.strings.get(i))) {
                    return false;
                }
            }
            return true;
        }

        @Override
        public int hashCode() {
            int h = 1;
            for (byte[] s : strings) {
                h = 31 * h + Arrays.hashCode(s);
            }
            return h;
        }
    }

    /** A: an IPv4 address. */
    public record Address(Inet4Address address) implements Data {
    }

    /** Any other type, kept as its bytes. */
    public record Opaque(byte[] bytes) implements Data {
        public Opaque {
            bytes = bytes.clone();
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Opaque other && Arrays.equals(bytes, other.bytes);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(bytes);
        }
    }
}
