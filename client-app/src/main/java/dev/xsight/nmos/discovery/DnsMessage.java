package dev.xsight.nmos.discovery;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A DNS message (RFC 1035 4.1) as used by unicast DNS and mDNS: header, questions and the three record sections.
 * {@link #decode} is pure and bounds-checked (every failure is a {@link DnsFormatException} with the offset);
 * {@link #encode} compresses names (RFC 1035 4.1.4). Immutable.
 */
public record DnsMessage(int id, int flags, List<DnsQuestion> questions, List<DnsRecord> answers,
        List<DnsRecord> authorities, List<DnsRecord> additionals) {
    /** QR: this message is a response. */
    public static final int RESPONSE = 0x8000;
    /** AA: authoritative answer (set on every mDNS response, RFC 6762 18.4). */
    public static final int AUTHORITATIVE = 0x0400;
    /** TC: truncated. */
    public static final int TRUNCATED = 0x0200;
    /** RD: recursion desired. */
    public static final int RECURSION_DESIRED = 0x0100;

    private static final int HEADER = 12;
    /** Compression pointers are 14 bits (RFC 1035 4.1.4). */
    private static final int MAX_POINTER = 0x3FFF;

    public DnsMessage {
        questions = List.copyOf(questions);
        answers = List.copyOf(answers);
        authorities = List.copyOf(authorities);
        additionals = List.copyOf(additionals);
    }

    /** A query with these questions and no records. */
    public static DnsMessage query(int id, int flags, List<DnsQuestion> questions) {
        return new DnsMessage(id, flags, questions, List.of(), List.of(), List.of());
    }

    public boolean isResponse() {
        return (flags & RESPONSE) != 0;
    }

    /** RCODE (RFC 1035 4.1.1): 0 no error, 3 name error. */
    public int responseCode() {
        return flags & 0xF;
    }

    /** Answers, authorities and additionals together, in that order. */
    public List<DnsRecord> allRecords() {
        List<DnsRecord> out = new ArrayList<>(answers.size() + authorities.size() + additionals.size());
        out.addAll(answers);
        out.addAll(authorities);
        out.addAll(additionals);
        return out;
    }

    // ---------------------------------------------------------------------------------------------------- decode

    /** Reads a message from {@code length} bytes of {@code bytes} starting at 0. */
    public static DnsMessage decode(byte[] bytes, int length) throws DnsFormatException {
        return new Reader(bytes, length).message();
    }

    public static DnsMessage decode(byte[] bytes) throws DnsFormatException {
        return decode(bytes, bytes.length);
    }

    private static final class Reader {
        private final byte[] b;
        private final int end;
        private int pos;

        Reader(byte[] b, int length) {
            if (length < 0 || length > b.length) {
                throw new IllegalArgumentException("length " + length + " outside 0.." + b.length);
            }
            this.b = b;
            this.end = length;
        }

        DnsMessage message() throws DnsFormatException {
            need(HEADER, "header");
            int id = u16();
            int flags = u16();
            int qd = u16();
            int an = u16();
            int ns = u16();
            int ar = u16();
            List<DnsQuestion> questions = new ArrayList<>(Math.min(qd, (end - pos) / 5));
            for (int i = 0; i < qd; i++) {
                DnsName name = name();
                need(4, "question type and class");
                questions.add(new DnsQuestion(name, u16(), u16()));
            }
            return new DnsMessage(id, flags, questions, records(an), records(ns), records(ar));
        }

        private List<DnsRecord> records(int count) throws DnsFormatException {
            List<DnsRecord> out = new ArrayList<>(Math.min(count, (end - pos) / 11));
            for (int i = 0; i < count; i++) {
                out.add(record());
            }
            return out;
        }

        private DnsRecord record() throws DnsFormatException {
            DnsName name = name();
            need(10, "record header");
            int type = u16();
            int dnsClass = u16();
            long ttl = u32();
            int rdLength = u16();
            int start = pos;
            need(rdLength, "record data of " + rdLength + " bytes");
            int rdEnd = start + rdLength;
            DnsRecord.Data data = switch (type) {
                case DnsRecord.PTR -> new DnsRecord.Ptr(nameWithin(rdEnd));
                case DnsRecord.SRV -> srv(rdEnd);
                case DnsRecord.TXT -> txt(rdEnd);
                case DnsRecord.A -> address(rdLength);
                default -> new DnsRecord.Opaque(Arrays.copyOfRange(b, start, rdEnd));
            };
            if (pos != rdEnd) {
                throw new DnsFormatException(pos, "record data of type " + type + " ends before its length "
                        + rdLength);
            }
            return new DnsRecord(name, type, dnsClass, ttl, data);
        }

        private DnsRecord.Srv srv(int rdEnd) throws DnsFormatException {
            if (rdEnd - pos < 7) {
                throw new DnsFormatException(pos, "SRV record shorter than 7 bytes");
            }
            int priority = u16();
            int weight = u16();
            int port = u16();
            return new DnsRecord.Srv(priority, weight, port, nameWithin(rdEnd));
        }

        private DnsRecord.Txt txt(int rdEnd) throws DnsFormatException {
            List<byte[]> strings = new ArrayList<>();
            while (pos < rdEnd) {
                int len = b[pos] & 0xFF;
                if (pos + 1 + len > rdEnd) {
                    throw new DnsFormatException(pos, "TXT string of " + len + " bytes runs past its record");
                }
                strings.add(Arrays.copyOfRange(b, pos + 1, pos + 1 + len));
                pos += 1 + len;
            }
            return new DnsRecord.Txt(strings);
        }

        private DnsRecord.Address address(int rdLength) throws DnsFormatException {
            if (rdLength != 4) {
                throw new DnsFormatException(pos, "A record of " + rdLength + " bytes, not 4");
            }
            try {
                InetAddress a = InetAddress.getByAddress(Arrays.copyOfRange(b, pos, pos + 4));
                pos += 4;
                return new DnsRecord.Address((Inet4Address) a);
            } catch (UnknownHostException e) {
                throw new DnsFormatException(pos, "bad A record");
            }
        }

        private DnsName nameWithin(int rdEnd) throws DnsFormatException {
            DnsName n = name();
            if (pos > rdEnd) {
                throw new DnsFormatException(rdEnd, "name runs past its record data");
            }
            return n;
        }

        /**
         * RFC 1035 4.1.4: labels, ended by a zero byte or a pointer. A pointer must point before the label that
         * holds it, so a chain of pointers always moves backwards and ends.
         */
        private DnsName name() throws DnsFormatException {
            List<String> labels = new ArrayList<>();
            int p = pos;
            int resume = -1;
            int wireLength = 1;
            int limit = p;
            while (true) {
                if (p >= end) {
                    throw new DnsFormatException(p, "name runs past the end of the message");
                }
                int len = b[p] & 0xFF;
                if (len == 0) {
                    p++;
                    break;
                }
                if ((len & 0xC0) == 0xC0) {
                    if (p + 1 >= end) {
                        throw new DnsFormatException(p, "compression pointer cut off");
                    }
                    int target = ((len & 0x3F) << 8) | (b[p + 1] & 0xFF);
                    if (target >= limit) {
                        throw new DnsFormatException(p, "compression pointer to " + target + " does not point back");
                    }
                    if (resume < 0) {
                        resume = p + 2;
                    }
                    p = target;
                    limit = target;
                    continue;
                }
                if ((len & 0xC0) != 0) {
                    throw new DnsFormatException(p, "label type 0x" + Integer.toHexString(len & 0xC0)
                            + " is not defined");
                }
                if (p + 1 + len > end) {
                    throw new DnsFormatException(p, "label of " + len + " bytes runs past the end");
                }
                wireLength += 1 + len;
                if (wireLength > DnsName.MAX_NAME) {
                    throw new DnsFormatException(p, "name longer than 255 bytes");
                }
                labels.add(utf8(p + 1, len));
                p += 1 + len;
                if (resume < 0) {
                    limit = p;
                }
            }
            pos = resume >= 0 ? resume : p;
            return new DnsName(labels);
        }

        /** RFC 6763 4.1.1: names are UTF-8; a label that is not is refused, not guessed at. */
        private String utf8(int from, int len) throws DnsFormatException {
            try {
                CharBuffer chars = StandardCharsets.UTF_8.newDecoder()
                        .onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT)
                        .decode(ByteBuffer.wrap(b, from, len));
                return chars.toString();
            } catch (CharacterCodingException e) {
                throw new DnsFormatException(from, "label is not UTF-8");
            }
        }

        private void need(int n, String what) throws DnsFormatException {
            if (end - pos < n) {
                throw new DnsFormatException(pos, what + " cut off");
            }
        }

        private int u16() {
            int v = ((b[pos] & 0xFF) << 8) | (b[pos + 1] & 0xFF);
            pos += 2;
            return v;
        }

        private long u32() {
            long v = ((long) u16() << 16) | u16();
            return v;
        }
    }

    // ---------------------------------------------------------------------------------------------------- encode

    /**
     * The message as bytes, names compressed.
     *
     * @throws IllegalArgumentException if a label is over 63 bytes or a name over 255, or a field out of range
     */
    public byte[] encode() {
        Writer w = new Writer();
        w.u16(id);
        w.u16(flags);
        w.u16(questions.size());
        w.u16(answers.size());
        w.u16(authorities.size());
        w.u16(additionals.size());
        for (DnsQuestion q : questions) {
            w.name(q.name());
            w.u16(q.type());
            w.u16(q.dnsClass());
        }
        for (List<DnsRecord> section : List.of(answers, authorities, additionals)) {
            for (DnsRecord r : section) {
                w.record(r);
            }
        }
        return w.bytes();
    }

    private static final class Writer {
        private byte[] buf = new byte[512];
        private int len;
        private final Map<String, Integer> suffixes = new HashMap<>();

        void u8(int v) {
            ensure(1);
            buf[len++] = (byte) v;
        }

        void u16(int v) {
            if (v < 0 || v > 0xFFFF) {
                throw new IllegalArgumentException("16-bit field out of range: " + v);
            }
            u8(v >>> 8);
            u8(v);
        }

        void bytes(byte[] v) {
            ensure(v.length);
            System.arraycopy(v, 0, buf, len, v.length);
            len += v.length;
        }

        void name(DnsName name) {
            List<String> labels = name.labels();
            int wire = 1;
            for (String l : labels) {
                wire += 1 + l.getBytes(StandardCharsets.UTF_8).length;
            }
            if (wire > DnsName.MAX_NAME) {
                throw new IllegalArgumentException("name longer than 255 bytes: " + name);
            }
            for (int i = 0; i < labels.size(); i++) {
                String key = suffixKey(labels, i);
                Integer at = suffixes.get(key);
                if (at != null) {
                    u16(0xC000 | at);
                    return;
                }
                if (len <= MAX_POINTER) {
                    suffixes.put(key, len);
                }
                byte[] label = labels.get(i).getBytes(StandardCharsets.UTF_8);
                if (label.length == 0 || label.length > DnsName.MAX_LABEL) {
                    throw new IllegalArgumentException("label of " + label.length + " bytes in " + name);
                }
                u8(label.length);
                bytes(label);
            }
            u8(0);
        }

        private static String suffixKey(List<String> labels, int from) {
            return String.join("\u0000", labels.subList(from, labels.size())).toLowerCase(Locale.ROOT);
        }

        void record(DnsRecord r) {
            name(r.name());
            u16(r.type());
            u16(r.dnsClass());
            if (r.ttl() < 0 || r.ttl() > 0xFFFFFFFFL) {
                throw new IllegalArgumentException("TTL out of range: " + r.ttl());
            }
            u16((int) (r.ttl() >>> 16));
            u16((int) (r.ttl() & 0xFFFF));
            int lengthAt = len;
            u16(0);
            switch (r.data()) {
                case DnsRecord.Ptr p -> name(p.target());
                case DnsRecord.Srv s -> {
                    u16(s.priority());
                    u16(s.weight());
                    u16(s.port());
                    name(s.target());
                }
                case DnsRecord.Txt t -> {
                    for (byte[] s : t.strings()) {
                        if (s.length > 255) {
                            throw new IllegalArgumentException("TXT string over 255 bytes");
                        }
                        u8(s.length);
                        bytes(s);
                    }
                }
                case DnsRecord.Address a -> bytes(a.address().getAddress());
                case DnsRecord.Opaque o -> bytes(o.bytes());
            }
            int rdLength = len - lengthAt - 2;
            if (rdLength > 0xFFFF) {
                throw new IllegalArgumentException("record data over 65535 bytes");
            }
            buf[lengthAt] = (byte) (rdLength >>> 8);
            buf[lengthAt + 1] = (byte) rdLength;
        }

        private void ensure(int n) {
            if (len + n > buf.length) {
                buf = Arrays.copyOf(buf, Math.max(buf.length * 2, len + n));
            }
        }

        byte[] bytes() {
            return Arrays.copyOf(buf, len);
        }
    }
}
