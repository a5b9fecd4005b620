package dev.xsight.nmos.discovery;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A domain name as its labels (RFC 1035 3.1). DNS-SD instance names may hold dots and spaces inside one label
 * (RFC 6763 4.3), so a name is a list of labels, not a dotted string. Compared case-insensitively for ASCII, as
 * DNS compares names (RFC 4343).
 */
public record DnsName(List<String> labels) {
    /** RFC 1035 2.3.4: 63 octets per label, 255 per name. */
    static final int MAX_LABEL = 63;
    static final int MAX_NAME = 255;

    public DnsName {
        labels = List.copyOf(labels);
    }

    /** Parses a dotted name; {@code \.} keeps a dot inside a label. A trailing dot is ignored. */
    public static DnsName of(String dotted) {
        List<String> out = new ArrayList<>();
        StringBuilder label = new StringBuilder();
        for (int i = 0; i < dotted.length(); i++) {
            char c = dotted.charAt(i);
            if (c == '\\' && i + 1 < dotted.length()) {
                label.append(dotted.charAt(++i));
            } else if (c == '.') {
                if (!label.isEmpty()) {
                    out.add(label.toString());
                }
                label.setLength(0);
            } else {
                label.append(c);
            }
        }
        if (!label.isEmpty()) {
            out.add(label.toString());
        }
        return new DnsName(out);
    }

    /** This name with one more label in front ({@code instance} + {@code _nmos-node._tcp.local}). */
    public DnsName prepend(String label) {
        List<String> out = new ArrayList<>(labels.size() + 1);
        out.add(label);
        out.addAll(labels);
        return new DnsName(out);
    }

    /** The first label (the instance name of a service instance name). */
    public String first() {
        return labels.isEmpty() ? "" : labels.get(0);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof DnsName other && key().equals(other.key());
    }

    @Override
    public int hashCode() {
        return key().hashCode();
    }

    private String key() {
        return String.join("\u0000", labels).toLowerCase(Locale.ROOT);
    }

    @Override
    public String toString() {
        StringBuilder b = new StringBuilder();
        for (String l : labels) {
            if (!b.isEmpty()) {
                b.append('.');
            }
            b.append(l.replace(".", "\\."));
        }
        return b.toString();
    }
}
