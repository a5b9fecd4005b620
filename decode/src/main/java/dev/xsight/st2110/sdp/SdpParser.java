package dev.xsight.st2110.sdp;

import dev.xsight.media.FrameRate;
import dev.xsight.st2110.PacketMode;
import dev.xsight.st2110.TrafficShaping;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Parses an ST 2110-22 session description (RFC 8866 syntax, RFC 9134 section 7 media type {@code video/jxsv},
 * ST 2110-22 section 7, ST 2022-7 grouping per RFC 7104). Pure: text in, immutable model out; every rule broken is an
 * {@link SdpException} with the line number.
 */
public final class SdpParser {
    /** Larger descriptions are refused before parsing (a real one is well under 2 KiB). */
    public static final int MAX_CHARS = 64 * 1024;
    private static final int MAX_LINES = 1000;
    private static final Set<String> SAMPLINGS = Set.of("YCbCr-4:4:4", "YCbCr-4:2:2", "YCbCr-4:2:0",
            "CLYCbCr-4:4:4", "CLYCbCr-4:2:2", "CLYCbCr-4:2:0", "ICtCp-4:4:4", "ICtCp-4:2:2", "ICtCp-4:2:0", "RGB",
            "XYZ", "KEY", "UNSPECIFIED");
    private static final Set<String> COLORIMETRIES = Set.of("BT601", "BT709", "BT2020", "BT2100", "ST2065-1",
            "ST2065-3", "UNSPECIFIED", "XYZ", "ALPHA");
    private static final Set<String> TCS = Set.of("SDR", "PQ", "HLG", "LINEAR", "BT2100LINPQ", "BT2100LINHLG",
            "ST2065-1", "ST428-1", "DENSITY", "UNSPECIFIED");
    private static final Set<String> RANGES = Set.of("NARROW", "FULL", "FULLPROTECT");

    private SdpParser() {
    }

    /** Parses {@code text}; see the class comment for the rules enforced. */
    public static SessionDescription parse(String text) throws SdpException {
        if (text == null || text.isEmpty()) {
            throw new SdpException(0, "empty description");
        }
        if (text.length() > MAX_CHARS) {
            throw new SdpException(0, "description longer than " + MAX_CHARS + " characters");
        }
        String[] lines = text.split("\r?\n", -1);
        if (lines.length > MAX_LINES + 1) {
            throw new SdpException(0, "more than " + MAX_LINES + " lines");
        }
        return new Parse(lines).run();
    }

    /** Mutable state of one parse; one instance per call. */
    private static final class Parse {
        private final String[] lines;
        private String originAddress;
        private long sessionId;
        private String sessionName;
        private boolean sawTime;
        private String sessionConnection;
        private int sessionConnectionLine;
        private long sessionBandwidth;
        private List<String> dupMids;
        private int dupLine;
        private final List<Media> media = new ArrayList<>();

        Parse(String[] lines) {
            this.lines = lines;
        }

        SessionDescription run() throws SdpException {
            Media current = null;
            int last = lines.length;
            while (last > 0 && lines[last - 1].isEmpty()) {
                last--;
            }
            for (int i = 0; i < last; i++) {
                int ln = i + 1;
                String line = lines[i];
                if (line.length() < 2 || line.charAt(1) != '=' || line.charAt(0) < 'a' || line.charAt(0) > 'z') {
                    throw new SdpException(ln, "expected <type>=<value> with a lower-case letter type (RFC 8866 5)");
                }
                char type = line.charAt(0);
                String value = line.substring(2);
                if (i == 0 && !(type == 'v' && value.equals("0"))) {
                    throw new SdpException(ln, "the first line must be v=0 (RFC 8866 5.1)");
                }
                switch (type) {
                    case 'v' -> {
                        if (i != 0) {
                            throw new SdpException(ln, "v= may only appear once, first (RFC 8866 5.1)");
                        }
                    }
                    case 'o' -> origin(ln, value);
                    case 's' -> {
                        if (value.isEmpty()) {
                            throw new SdpException(ln, "s= must not be empty (RFC 8866 5.3)");
                        }
                        sessionName = value;
                    }
                    case 't' -> sawTime = true;
                    case 'm' -> {
                        current = new Media(ln, value);
                        media.add(current);
                    }
                    case 'c' -> {
                        if (current == null) {
                            sessionConnection = value;
                            sessionConnectionLine = ln;
                        } else {
                            current.connection = value;
                            current.connectionLine = ln;
                        }
                    }
                    case 'b' -> {
                        long as = bandwidth(ln, value);
                        if (current == null) {
                            sessionBandwidth = as;
                        } else {
                            current.bandwidth = as;
                        }
                    }
                    case 'a' -> attribute(ln, value, current);
                    default -> {
                        // i=, u=, e=, p=, r=, z=, k= carry nothing a receiver needs.
                    }
                }
            }
            if (originAddress == null) {
                throw new SdpException(0, "missing o= line (RFC 8866 5.2)");
            }
            if (sessionName == null) {
                throw new SdpException(0, "missing s= line (RFC 8866 5.3)");
            }
            if (!sawTime) {
                throw new SdpException(0, "missing t= line (RFC 8866 5.9)");
            }
            List<JxsvStream> streams = new ArrayList<>();
            for (Media m : media) {
                if (m.isJxsv()) {
                    streams.add(m.build(this));
                }
            }
            if (streams.isEmpty()) {
                throw new SdpException(0, "no m=video section with a=rtpmap jxsv/90000 (RFC 9134 7.1)");
            }
            return group(streams);
        }

        private SessionDescription group(List<JxsvStream> streams) throws SdpException {
            if (dupMids == null) {
                if (streams.size() > 1) {
                    throw new SdpException(0, streams.size() + " jxsv streams without a=group:DUP; one stream or two"
                            + " ST 2022-7 legs are supported");
                }
                return new SessionDescription(originAddress, sessionId, sessionName, streams, false);
            }
            List<JxsvStream> legs = new ArrayList<>();
            for (String mid : dupMids) {
                JxsvStream leg = streams.stream().filter(s -> mid.equals(s.mid())).findFirst().orElseThrow(
                        () -> new SdpException(dupLine, "a=group:DUP names mid '" + mid
                                + "' but no jxsv m= section has a=mid:" + mid + " (RFC 7104 4)"));
                legs.add(leg);
            }
            if (!legs.get(0).format().equals(legs.get(1).format())
                    || legs.get(0).payloadType() != legs.get(1).payloadType()) {
                throw new SdpException(dupLine, "ST 2022-7 legs must carry identical streams (same fmtp and payload"
                        + " type)");
            }
            return new SessionDescription(originAddress, sessionId, sessionName, legs, true);
        }

        private void origin(int ln, String value) throws SdpException {
            String[] f = value.split(" ");
            if (f.length != 6 || !f[3].equals("IN") || !(f[4].equals("IP4") || f[4].equals("IP6"))) {
                throw new SdpException(ln, "o= must be <username> <sess-id> <sess-version> IN IP4|IP6 <address>"
                        + " (RFC 8866 5.2)");
            }
            try {
                sessionId = Long.parseUnsignedLong(f[1]);
            } catch (NumberFormatException e) {
                throw new SdpException(ln, "o= session id must be numeric (RFC 8866 5.2)");
            }
            originAddress = f[5];
        }

        private static long bandwidth(int ln, String value) throws SdpException {
            int colon = value.indexOf(':');
            if (colon < 0) {
                throw new SdpException(ln, "b= must be <bwtype>:<bandwidth> (RFC 8866 5.8)");
            }
            if (!value.substring(0, colon).equals("AS")) {
                return 0;
            }
            try {
                long v = Long.parseLong(value.substring(colon + 1).trim());
                if (v <= 0 || v > 1_000_000_000L) {
                    throw new NumberFormatException();
                }
                return v;
            } catch (NumberFormatException e) {
                throw new SdpException(ln, "b=AS must be a positive number of kilobits per second (RFC 8866 5.8)");
            }
        }

        private void attribute(int ln, String value, Media m) throws SdpException {
            int colon = value.indexOf(':');
            String name = colon < 0 ? value : value.substring(0, colon);
            String arg = colon < 0 ? "" : value.substring(colon + 1);
            if (m == null) {
                if (name.equals("group")) {
                    String[] f = arg.trim().split("\\s+");
                    if (f[0].equals("DUP")) {
                        if (f.length != 3) {
                            throw new SdpException(ln, "a=group:DUP must name exactly two mids (ST 2022-7, RFC 7104)");
                        }
                        if (f[1].equals(f[2])) {
                            throw new SdpException(ln, "a=group:DUP names the same mid twice (RFC 7104 4)");
                        }
                        dupMids = List.of(f[1], f[2]);
                        dupLine = ln;
                    }
                }
                return;
            }
            switch (name) {
                case "rtpmap" -> m.rtpmap(ln, arg);
                case "fmtp" -> m.fmtp(ln, arg);
                case "mid" -> m.mid = arg.trim();
                case "source-filter" -> m.sourceFilter(ln, arg);
                case "ts-refclk" -> m.tsRefclk = arg.trim();
                case "mediaclk" -> m.mediaclk = arg.trim();
                default -> {
                    // Other attributes (framerate, x-nmos-*, ...) do not change how we receive.
                }
            }
        }
    }

    /** One m= section while parsing. */
    private static final class Media {
        final int line;
        final String media;
        int port;
        int payloadType = -1;
        String connection;
        int connectionLine;
        long bandwidth;
        String mid;
        String sourceFilter;
        String tsRefclk;
        String mediaclk;
        boolean jxsvMap;
        Map<String, String> fmtp;
        int fmtpLine;

        Media(int ln, String value) throws SdpException {
            this.line = ln;
            String[] f = value.split(" ");
            if (f.length < 4) {
                throw new SdpException(ln, "m= must be <media> <port> <proto> <fmt> (RFC 8866 5.14)");
            }
            media = f[0];
            if (!media.equals("video")) {
                return;
            }
            try {
                port = Integer.parseInt(f[1]);
            } catch (NumberFormatException e) {
                port = -1;
            }
            if (port <= 0 || port > 65535) {
                throw new SdpException(ln, "m= port must be 1..65535 (RFC 8866 5.14)");
            }
            if (!f[2].equals("RTP/AVP")) {
                throw new SdpException(ln, "m=video transport must be RTP/AVP (ST 2110-10 8.1)");
            }
            if (f.length != 4) {
                throw new SdpException(ln, "m=video must carry exactly one payload type (ST 2110-22 7.1)");
            }
            try {
                payloadType = Integer.parseInt(f[3]);
            } catch (NumberFormatException e) {
                payloadType = -1;
            }
            if (payloadType < 96 || payloadType > 127) {
                throw new SdpException(ln, "m=video payload type must be dynamic 96..127 (RFC 9134 7.1)");
            }
        }

        boolean isJxsv() {
            return media.equals("video") && jxsvMap;
        }

        void rtpmap(int ln, String arg) throws SdpException {
            String[] f = arg.trim().split("\\s+");
            if (f.length != 2) {
                throw new SdpException(ln, "a=rtpmap must be <payload type> <encoding>/<clock rate> (RFC 8866 6.6)");
            }
            if (!f[0].equals(Integer.toString(payloadType))) {
                return;
            }
            String[] enc = f[1].split("/");
            if (!enc[0].equalsIgnoreCase("jxsv")) {
                return;
            }
            if (enc.length != 2 || !enc[1].equals("90000")) {
                throw new SdpException(ln, "jxsv requires a 90000 Hz RTP clock (RFC 9134 7.1)");
            }
            jxsvMap = true;
        }

        void fmtp(int ln, String arg) throws SdpException {
            String t = arg.trim();
            int sp = t.indexOf(' ');
            if (sp < 0) {
                throw new SdpException(ln, "a=fmtp must be <payload type> <parameters> (RFC 8866 6.15)");
            }
            if (!t.substring(0, sp).equals(Integer.toString(payloadType))) {
                return;
            }
            if (fmtp != null) {
                throw new SdpException(ln, "second a=fmtp for payload type " + payloadType + " (RFC 8866 6.15)");
            }
            fmtp = new HashMap<>();
            fmtpLine = ln;
            for (String p : t.substring(sp + 1).split(";")) {
                String kv = p.trim();
                if (kv.isEmpty()) {
                    continue;
                }
                int eq = kv.indexOf('=');
                String k = eq < 0 ? kv : kv.substring(0, eq).trim();
                String v = eq < 0 ? "" : kv.substring(eq + 1).trim();
                if (fmtp.put(k, v) != null) {
                    throw new SdpException(ln, "fmtp parameter " + k + " given twice (RFC 9134 7.1)");
                }
            }
        }

        void sourceFilter(int ln, String arg) throws SdpException {
            String[] f = arg.trim().split("\\s+");
            if (f.length < 5 || !f[1].equals("IN") || !(f[2].equals("IP4") || f[2].equals("IP6") || f[2].equals("*"))) {
                throw new SdpException(ln, "a=source-filter must be incl|excl IN IP4 <dest> <src>... (RFC 4570 3)");
            }
            if (!f[0].equals("incl")) {
                return;
            }
            if (f.length != 5) {
                throw new SdpException(ln, "a=source-filter: incl must name exactly one source for SSM"
                        + " (ST 2110-10 8.3)");
            }
            sourceFilter = f[4];
        }

        JxsvStream build(Parse session) throws SdpException {
            String conn = connection != null ? connection : session.sessionConnection;
            int connLine = connection != null ? connectionLine : session.sessionConnectionLine;
            if (conn == null) {
                throw new SdpException(line, "no c= line for this m= section or the session (RFC 8866 5.7)");
            }
            String[] c = conn.split(" ");
            if (c.length != 3 || !c[0].equals("IN") || !(c[1].equals("IP4") || c[1].equals("IP6"))) {
                throw new SdpException(connLine, "c= must be IN IP4|IP6 <address>[/<ttl>] (RFC 8866 5.7)");
            }
            String addr = c[2];
            int ttl = 0;
            int slash = addr.indexOf('/');
            if (slash >= 0) {
                try {
                    ttl = Integer.parseInt(addr.substring(slash + 1).split("/")[0]);
                } catch (NumberFormatException e) {
                    throw new SdpException(connLine, "c= TTL must be a number 0..255 (RFC 8866 5.7)");
                }
                if (ttl < 0 || ttl > 255) {
                    throw new SdpException(connLine, "c= TTL must be a number 0..255 (RFC 8866 5.7)");
                }
                addr = addr.substring(0, slash);
            }
            if (fmtp == null) {
                throw new SdpException(line, "missing a=fmtp:" + payloadType + " for jxsv (RFC 9134 7.1: packetmode"
                        + " is required)");
            }
            long as = bandwidth != 0 ? bandwidth : session.sessionBandwidth;
            JxsvStream s = new JxsvStream(mid, addr, port, ttl, sourceFilter, payloadType, as, tsRefclk, mediaclk,
                    format());
            if (mediaclk != null && !mediaclk.startsWith("direct=")) {
                throw new SdpException(line, "a=mediaclk must be direct=<offset> (ST 2110-10 8.2)");
            }
            return s;
        }

        private JxsvFormat format() throws SdpException {
            int ln = fmtpLine;
            String pm = required(ln, "packetmode");
            if (!pm.equals("0") && !pm.equals("1")) {
                throw new SdpException(ln, "packetmode must be 0 or 1 (RFC 9134 7.1)");
            }
            String tm = fmtp.getOrDefault("transmode", "1");
            if (!tm.equals("0") && !tm.equals("1")) {
                throw new SdpException(ln, "transmode must be 0 or 1 (RFC 9134 7.1)");
            }
            if (pm.equals("0") && tm.equals("0")) {
                throw new SdpException(ln, "transmode=0 (out-of-order) is only allowed with packetmode=1 slice"
                        + " packetization (RFC 9134 4.3)");
            }
            int width = intParam(ln, "width", 1, 32767, true, 0);
            int height = intParam(ln, "height", 1, 32767, true, 0);
            int depth = intParam(ln, "depth", 8, 16, true, 0);
            String rateText = required(ln, "exactframerate");
            FrameRate rate;
            try {
                rate = FrameRate.parse(rateText);
            } catch (IllegalArgumentException e) {
                throw new SdpException(ln, "exactframerate " + rateText + " is not a supported rate (ST 2110-20"
                        + " 7.2): " + e.getMessage());
            }
            if (rateText.contains(".")) {
                throw new SdpException(ln, "exactframerate must be an integer or a ratio like 60000/1001"
                        + " (ST 2110-20 7.2)");
            }
            boolean interlace = flag(ln, "interlace");
            boolean segmented = flag(ln, "segmented");
            if (segmented && !interlace) {
                throw new SdpException(ln, "segmented requires interlace (ST 2110-20 7.3)");
            }
            String sampling = oneOf(ln, "sampling", SAMPLINGS, null);
            String colorimetry = oneOf(ln, "colorimetry", COLORIMETRIES, null);
            String tcs = oneOf(ln, "TCS", TCS, "SDR");
            String range = oneOf(ln, "RANGE", RANGES, "NARROW");
            String ssn = required(ln, "SSN");
            if (!ssn.equals("ST2110-22:2019") && !ssn.equals("ST2110-22:2022")) {
                throw new SdpException(ln, "SSN must be ST2110-22:2019 or ST2110-22:2022 (ST 2110-22 7.2)");
            }
            String tp = required(ln, "TP");
            TrafficShaping shaping = TrafficShaping.ofSdp(tp);
            if (shaping == null) {
                throw new SdpException(ln, "TP must be 2110TPN, 2110TPNL or 2110TPW (ST 2110-21 8.1)");
            }
            return new JxsvFormat(PacketMode.ofK(pm.charAt(0) - '0'), tm.equals("1"), fmtp.get("profile"),
                    fmtp.get("level"), fmtp.get("sublevel"), depth, width, height, rate, interlace, segmented, sampling,
                    colorimetry, tcs, range, ssn, shaping);
        }

        private String required(int ln, String key) throws SdpException {
            String v = fmtp.get(key);
            if (v == null || v.isEmpty()) {
                throw new SdpException(ln, "fmtp parameter " + key + " is required (RFC 9134 7.1 / ST 2110-22 7.2)");
            }
            return v;
        }

        private boolean flag(int ln, String key) throws SdpException {
            String v = fmtp.get(key);
            if (v == null) {
                return false;
            }
            if (!v.isEmpty() && !v.equals("1")) {
                throw new SdpException(ln, "fmtp flag " + key + " takes no value (ST 2110-20 7.3)");
            }
            return true;
        }

        private String oneOf(int ln, String key, Set<String> allowed, String dflt) throws SdpException {
            String v = fmtp.get(key);
            if (v == null) {
                if (dflt == null) {
                    throw new SdpException(ln, "fmtp parameter " + key + " is required (ST 2110-22 7.2)");
                }
                return dflt;
            }
            if (!allowed.contains(v)) {
                throw new SdpException(ln, "fmtp " + key + "=" + v + " is not one of " + new java.util.TreeSet<>(
                        allowed) + " (ST 2110-20 7)");
            }
            return v;
        }

        private int intParam(int ln, String key, int min, int max, boolean req, int dflt) throws SdpException {
            String v = req ? required(ln, key) : fmtp.get(key);
            if (v == null) {
                return dflt;
            }
            try {
                int n = Integer.parseInt(v);
                if (n < min || n > max) {
                    throw new NumberFormatException();
                }
                return n;
            } catch (NumberFormatException e) {
                throw new SdpException(ln, "fmtp " + key + " must be an integer " + min + ".." + max
                        + " (RFC 9134 7.1)");
            }
        }
    }
}
